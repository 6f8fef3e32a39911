import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VmStats } from '../../idl/xenops-types.js';
import { VmReadings, vmDescriptors } from './vm-sources.js';

const base: VmStats = {
  vm: 'a1',
  domid: 3,
  vcpu_time_ns: [2e9, 5e8],
  memory_actual: 1024 ** 3,
  memory_internal_free: 512 * 1024 ** 2,
  vbds: [{ name: 'xvda', read_bytes: 4096, write_bytes: 8192 }],
  vifs: [{ name: '0', rx_bytes: 100, tx_bytes: 200 }],
};

test('VM counters become named sources: CPU in seconds, free memory in KiB, device bytes', () => {
  const r = new VmReadings().readings([base]);
  assert.equal(r.length, 1);
  const reading = r[0]!;
  assert.deepEqual(reading.owner, { kind: 'vm', uuid: 'a1' });
  assert.deepEqual(
    reading.descriptors.map((d) => d.name),
    [
      'cpu0',
      'cpu1',
      'memory',
      'memory_internal_free',
      'vbd_xvda_read',
      'vbd_xvda_write',
      'vif_0_rx',
      'vif_0_tx',
    ],
  );
  assert.deepEqual([...reading.values], [2, 0.5, 1024 ** 3, 512 * 1024, 4096, 8192, 100, 200]);
  assert.equal(reading.descriptors[0]?.type, 'derive');
  assert.equal(reading.descriptors[0]?.max, 1);
  assert.equal(reading.descriptors[2]?.type, 'gauge');
  assert.equal(reading.countersReset, undefined);
});

test('VBDs with request counters get IOPS sources', () => {
  const v = { name: 'xvdb', read_bytes: 1, write_bytes: 2, read_reqs: 3, write_reqs: 4 };
  const r = new VmReadings().readings([{ ...base, vbds: [v] }])[0]!;
  const names = r.descriptors.map((x) => x.name);
  assert.deepEqual(names.slice(4, 8), [
    'vbd_xvdb_read',
    'vbd_xvdb_write',
    'vbd_xvdb_iops_read',
    'vbd_xvdb_iops_write',
  ]);
  assert.deepEqual([...r.values.slice(4, 8)], [1, 2, 3, 4]);
});

test('free memory is left out when the guest does not report it', () => {
  assert.ok(
    !vmDescriptors({ ...base, memory_internal_free: 0 }).some((d) => d.name === 'memory_internal_free'),
  );
});

test('descriptor arrays are reused while the shape holds; a new domid resets the counters', () => {
  const v = new VmReadings();
  const a = v.readings([base])[0]!;
  const b = v.readings([{ ...base, vcpu_time_ns: [3e9, 6e8] }])[0]!;
  assert.equal(a.descriptors, b.descriptors);
  assert.equal(b.countersReset, undefined);
  const c = v.readings([{ ...base, domid: 4 }])[0]!;
  assert.equal(c.countersReset, true);
  const d = v.readings([{ ...base, domid: 5, vifs: [] }])[0]!;
  assert.equal(d.countersReset, true);
  assert.notEqual(d.descriptors, c.descriptors);
});
