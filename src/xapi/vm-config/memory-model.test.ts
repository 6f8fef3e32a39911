import { test } from 'node:test';
import assert from 'node:assert/strict';
import { footprint, maximiseMemory, memoryOverhead, shadowMib } from './memory-model.js';

const MIB = 1024 * 1024;

test('an HVM guest of 1 GiB and 2 vCPUs costs xenopsd-model overhead', () => {
  // shadow: ceil((512 + 1024 + 1024) / 256) = 10 MiB; extras 1 + 1; Xen pages ceil(76/256) = 1.
  assert.equal(shadowMib(1024, 2, 1), 10);
  assert.equal(
    memoryOverhead({ static_max: 1024 * MIB, VCPUs_max: 2, shadow_multiplier: 1, mode: 'hvm' }),
    13 * MIB,
  );
  // PV guests have no internal extra; the multiplier scales shadow memory.
  assert.equal(
    memoryOverhead({ static_max: 1024 * MIB, VCPUs_max: 2, shadow_multiplier: 2, mode: 'pv' }),
    22 * MIB,
  );
  // Partial MiBs count as used.
  assert.equal(shadowMib(1, 1, 0.1), 1);
});

test('maximise_memory finds the largest static_max whose footprint fits', () => {
  const shape = { static_max: 0, VCPUs_max: 2, shadow_multiplier: 1, mode: 'hvm' as const };
  const total = 2048 * MIB;
  const best = maximiseMemory(shape, total);
  assert.equal(best % MIB, 0);
  assert.ok(footprint({ ...shape, static_max: best }) <= total);
  assert.ok(footprint({ ...shape, static_max: best + MIB }) > total);
  // 64 vCPUs (the approximate figure) leave less room.
  assert.ok(maximiseMemory({ ...shape, VCPUs_max: 64 }, total) < best);
  assert.equal(maximiseMemory(shape, MIB), 0);
});
