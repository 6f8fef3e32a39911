// xe's VM memory and vCPU configuration: the memory commands (sizes with unit
// suffixes) and vm-param-set of VCPUs-max, VCPUs-at-startup and memory limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { create, startXe } from './support.js';

const MiB = 1024 * 1024;

test('xe sets memory limits and vCPUs of a halted VM, and prints its overhead and maximum memory', async () => {
  await using h = await startXe();
  const [ref, u] = await create(h, 'VM', {
    name_label: 'cfg',
    memory_static_min: 64 * MiB,
    memory_dynamic_min: 128 * MiB,
    memory_dynamic_max: 128 * MiB,
    memory_static_max: 128 * MiB,
    VCPUs_max: 1,
    VCPUs_at_startup: 1,
    HVM_boot_policy: 'BIOS order',
  });
  const ok = { code: 0, stdout: '', stderr: '' };
  assert.deepEqual(
    await h.xe(
      'vm-memory-limits-set',
      `uuid=${u}`,
      'static-min=128MiB',
      'static-max=1GiB',
      'dynamic-min=512MiB',
      'dynamic-max=768MiB',
    ),
    ok,
  );
  const mem = async () =>
    Promise.all(
      ['static_min', 'dynamic_min', 'dynamic_max', 'static_max'].map((f) =>
        h.call(`VM.get_memory_${f}`, ref),
      ),
    );
  assert.deepEqual(await mem(), [128 * MiB, 512 * MiB, 768 * MiB, 1024 * MiB]);
  const bad = await h.xe('vm-memory-dynamic-range-set', `uuid=${u}`, 'min=64MiB', 'max=512MiB');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /violates constraint static_min <= dynamic_min <= dynamic_max <= static_max/);
  assert.deepEqual(await h.xe('vm-memory-static-range-set', `uuid=${u}`, 'min=256MiB', 'max=2GiB'), ok);
  assert.deepEqual(await h.xe('vm-memory-dynamic-range-set', `uuid=${u}`, 'min=1GiB', 'max=2GiB'), ok);
  assert.deepEqual(await mem(), [256 * MiB, 1024 * MiB, 2048 * MiB, 2048 * MiB]);
  assert.deepEqual(await h.xe('vm-memory-set', `uuid=${u}`, 'memory=1GiB'), ok);
  assert.deepEqual(await mem(), [256 * MiB, 1024 * MiB, 1024 * MiB, 1024 * MiB]);

  // VCPUs-max first: at-startup may not exceed it.
  assert.deepEqual(await h.xe('vm-param-set', `uuid=${u}`, 'VCPUs-max=4', 'VCPUs-at-startup=2'), ok);
  assert.deepEqual(
    [await h.call('VM.get_VCPUs_max', ref), await h.call('VM.get_VCPUs_at_startup', ref)],
    [4, 2],
  );
  const over = await h.xe('vm-param-set', `uuid=${u}`, 'VCPUs-at-startup=5');
  assert.equal(over.code, 1);
  assert.match(over.stderr, /The value given is invalid/);
  assert.deepEqual(await h.xe('vm-param-set', `uuid=${u}`, 'memory-static-max=1536MiB'), ok);
  assert.equal(await h.call('VM.get_memory_static_max', ref), 1536 * MiB);
  const list = (await h.xe('vm-param-list', `uuid=${u}`)).stdout;
  assert.match(list, /VCPUs-max \( RW\): 4\n/);
  assert.match(list, /memory-static-max \( RW\): 1610612736\n/);

  const overhead = await h.xe('vm-compute-memory-overhead', `uuid=${u}`);
  assert.deepEqual(overhead, {
    code: 0,
    stdout: `${await h.call('VM.compute_memory_overhead', ref)}\n`,
    stderr: '',
  });
  const max = await h.xe('vm-compute-maximum-memory', `uuid=${u}`, 'total=4GiB');
  assert.equal(max.code, 0);
  assert.equal(Number(max.stdout), await h.call('VM.maximise_memory', ref, 4096 * MiB, false));
  const approx = await h.xe('vm-compute-maximum-memory', `uuid=${u}`, 'total=4GiB', 'approximate=true');
  assert.ok(Number(approx.stdout) < Number(max.stdout));

  const help = (await h.xe('help', 'vm-memory-limits-set')).stdout;
  assert.match(help, /reqd params {5}: static-min, static-max, dynamic-min, dynamic-max\n/);
});
