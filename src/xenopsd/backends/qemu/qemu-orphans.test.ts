import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orphans } from './qemu-process.js';

test('a QEMU of a managed VM that its domain record does not account for is an orphan', () => {
  const records = [
    { vm: 'running', qemuUuid: 'u-running', pid: 10 },
    { vm: 'starting', qemuUuid: 'u-starting' },
    { vm: 'restarted', qemuUuid: 'u-restarted', pid: 30 },
    { vm: 'unmanaged', qemuUuid: 'u-unmanaged' },
  ];
  const own = [
    { pid: 10, uuid: 'u-running' },
    { pid: 20, uuid: 'u-starting' },
    { pid: 29, uuid: 'u-restarted' },
    { pid: 30, uuid: 'u-restarted' },
    { pid: 40, uuid: 'u-unmanaged' },
    { pid: 50, uuid: 'u-unknown' },
  ];
  const managed = new Set(['running', 'starting', 'restarted']);
  assert.deepEqual(
    orphans(own, records, (vm) => managed.has(vm)).map((o) => o.pid),
    [20, 29],
  );
  assert.deepEqual(
    orphans(own, [], () => true),
    [],
  );
});
