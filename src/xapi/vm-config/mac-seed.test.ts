import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { isValidDevice, isValidMac, macFromSeed } from './mac-seed.js';

const md5 = (b: Buffer): Buffer => createHash('md5').update(b).digest();

test('a MAC comes from the seed by hash chaining, one chain per device', () => {
  const seed = '5e9d3fb2-2d8c-4d3c-9b0e-4a2c1b6d7e8f';
  // Device 0: one MD5 of the seed, then one more for the last two bytes.
  const h = md5(Buffer.from(seed));
  const h2 = md5(h);
  const first = ((h[0] ?? 0) | 2) & 0xfe;
  const expected = [first, h[1], h[2], h[3], h2[1], h2[2]].map((x) => (x ?? 0).toString(16).padStart(2, '0'));
  assert.equal(macFromSeed(seed, 0), expected.join(':'));
  // Device 1 hashes three times.
  const h3 = md5(md5(md5(Buffer.from(seed))));
  assert.equal(
    macFromSeed(seed, 1).slice(3, 11),
    [h3[1], h3[2], h3[3]].map((x) => (x ?? 0).toString(16).padStart(2, '0')).join(':'),
  );
  assert.equal(macFromSeed(seed, 3), macFromSeed(seed, 3));
  assert.notEqual(macFromSeed(seed, 0), macFromSeed(seed, 1));
  assert.notEqual(macFromSeed(seed, 0), macFromSeed('another', 0));
  for (let d = 0; d < 8; d++) {
    const b0 = parseInt(macFromSeed(seed, d).slice(0, 2), 16);
    assert.equal(b0 & 3, 2, 'locally administered, unicast');
    assert.ok(isValidMac(macFromSeed(seed, d)));
  }
});

test('MACs and devices are checked as xapi checks them', () => {
  assert.ok(isValidMac('aa:BB:0c:dd:ee:ff'));
  for (const bad of ['', 'aa:bb:cc:dd:ee', 'aa-bb-cc-dd-ee-ff', 'aa:bb:cc:dd:ee:fg', 'aaa:bb:cc:dd:ee:f']) {
    assert.equal(isValidMac(bad), false, bad);
  }
  assert.ok(isValidDevice('0') && isValidDevice('12'));
  assert.equal(isValidDevice('-1') || isValidDevice('eth0') || isValidDevice(''), false);
});
