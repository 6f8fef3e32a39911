import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DomainStore, qemuUuidOf, type DomainRecord } from './domains.js';

test('DomainStore: records survive a reopen, domids are unique across instances of a host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qemu-domains-'));
  try {
    const a = new DomainStore(join(dir, 'a'), dir);
    const b = new DomainStore(join(dir, 'b'), dir);
    const ids = [a.allocateDomid(), b.allocateDomid(), a.allocateDomid()];
    assert.equal(new Set(ids).size, 3);
    const d: DomainRecord = {
      vm: 'v/1',
      qemuUuid: qemuUuidOf('v/1'),
      domid: ids[0] ?? 0,
      createTime: 1,
      built: true,
      pid: 42,
      vcpus: 1,
      vcpuMax: 2,
      memoryStaticMax: 2 ** 28,
      memoryDynamicMin: 2 ** 28,
      memoryDynamicMax: 2 ** 28,
      vbds: {},
      vifs: {},
    };
    a.put(d);
    a.putSuspended({ vm: 'v2', suspendImage: ['VDI', 'sr/s'], vcpus: 2 });
    const again = new DomainStore(join(dir, 'a'), dir);
    assert.deepEqual(again.domains.get('v/1'), d);
    assert.deepEqual(again.suspended.get('v2')?.suspendImage, ['VDI', 'sr/s']);
    assert.equal(new DomainStore(join(dir, 'b'), dir).domains.size, 0);
    again.delete('v/1');
    assert.equal(new DomainStore(join(dir, 'a'), dir).domains.has('v/1'), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
