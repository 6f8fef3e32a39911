import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCpuinfo, readHostFacts } from './facts.js';

const sample = `processor\t: 0
vendor_id\t: GenuineIntel
cpu family\t: 6
model\t\t: 85
model name\t: Intel(R) Xeon(R) CPU
stepping\t: 7
cpu MHz\t\t: 2999.998
flags\t\t: fpu vme de

processor\t: 1
vendor_id\t: GenuineIntel
cpu family\t: 6
model\t\t: 85
model name\t: Intel(R) Xeon(R) CPU
stepping\t: 7
cpu MHz\t\t: 2999.998
flags\t\t: fpu vme de
`;

test('cpuinfo parses into one entry per logical CPU', () => {
  const cpus = parseCpuinfo(sample);
  assert.equal(cpus.length, 2);
  assert.deepEqual(cpus[1], {
    number: 1,
    vendor: 'GenuineIntel',
    modelname: 'Intel(R) Xeon(R) CPU',
    speedMhz: 2999.998,
    family: 6,
    model: 85,
    stepping: '7',
    flags: 'fpu vme de',
  });
});

test('the facts of this machine are real', () => {
  const f = readHostFacts();
  assert.ok(f.cpus.length >= 1);
  assert.ok(f.memoryTotalBytes > 0);
  assert.ok(f.hostname.length > 0);
});
