import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunked, dataExtents } from './disk-contents.js';
import { diskData, parseDiskData } from './migration-wire.js';

test('data extents of a qemu-img map: holes left out, neighbours merged', () => {
  const map = JSON.stringify([
    { start: 0, length: 65536, depth: 0, present: true, zero: false, data: true, offset: 0 },
    { start: 65536, length: 4096, depth: 0, present: true, zero: false, data: true, offset: 65536 },
    { start: 69632, length: 1000000, depth: 0, present: true, zero: true, data: false },
    { start: 1069632, length: 512, depth: 0, present: true, zero: false, data: true, offset: 1069632 },
  ]);
  assert.deepEqual(dataExtents(map), [
    { start: 0, length: 69632 },
    { start: 1069632, length: 512 },
  ]);
  assert.deepEqual(dataExtents('[]'), []);
  assert.throws(() => dataExtents('{}'));
});

test('extents are sent in pieces no larger than a frame allows', () => {
  assert.deepEqual(chunked([{ start: 10, length: 25 }], 10), [
    { start: 10, length: 10 },
    { start: 20, length: 10 },
    { start: 30, length: 5 },
  ]);
  assert.deepEqual(chunked([], 10), []);
});

test('disk data frames carry their offset', () => {
  const p = diskData(5 * 2 ** 32 + 7, Buffer.from('abc'));
  const { offset, bytes } = parseDiskData(p);
  assert.equal(offset, 5 * 2 ** 32 + 7);
  assert.equal(bytes.toString(), 'abc');
  assert.throws(() => parseDiskData(Buffer.from('short')));
});
