// VM migration through the XenAPI on the simulator: pool_migrate within the
// (one-host) pool, and migrate_send between two independent toolstacks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startToolstack } from './support/toolstack.js';
import { makeVm } from './support/vm-builder.js';
import { sharedDir, startPeer } from './support/migration-peers.js';
import type { XapiClient } from '../src/client/generated.js';

async function waitTask(c: XapiClient, task: string) {
  for (let i = 0; i < 4000; i++) {
    const rec = await c.task.get_record(task);
    if (rec.status !== 'pending') return rec;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('task did not finish');
}

const failsWith = (code: string, params?: readonly string[]) => (e: { code?: string; params?: string[] }) => {
  assert.equal(e.code, code);
  if (params) assert.deepEqual(e.params, params);
  return true;
};

test('pool_migrate keeps the VM running, seen through event.from', async () => {
  await using ts = await startToolstack({ sim: { latencies: { buildMs: 50 } } });
  const c = await ts.client();
  const { vm } = await makeVm(c);
  const host = (await c.host.get_all())[0] as string;
  await c.VM.start(vm, false, false);
  const before = await c.VM.get_record(vm);
  assert.ok(before.allowed_operations.includes('pool_migrate'));
  assert.ok(before.allowed_operations.includes('migrate_send'));
  let token = (await c.event.from(['VM'], '', 0)).token;
  const task = await c.Async.VM.pool_migrate(vm, host, { live: 'true' });
  const seen: { power: string; ops: string[]; allowed: string[] }[] = [];
  for (;;) {
    const r = await c.event.from(['VM'], token, 1);
    token = r.token;
    for (const ev of r.events) {
      if (ev.ref !== vm || !ev.snapshot) continue;
      const s = ev.snapshot as { power_state: string; current_operations: object; allowed_operations: string[] };
      seen.push({
        power: s.power_state,
        ops: Object.values(s.current_operations) as string[],
        allowed: s.allowed_operations,
      });
    }
    if ((await c.task.get_status(task)) !== 'pending') break;
  }
  assert.equal((await waitTask(c, task)).status, 'success');
  assert.ok(seen.length > 0);
  assert.deepEqual([...new Set(seen.map((s) => s.power))], ['Running'], 'never anything but Running');
  const during = seen.find((s) => s.ops.includes('pool_migrate'));
  assert.ok(during, 'pool_migrate showed in current_operations');
  assert.ok(!during.allowed.includes('pool_migrate') && !during.allowed.includes('clean_shutdown'));
  const after = await c.VM.get_record(vm);
  assert.equal(after.power_state, 'Running');
  assert.equal(after.resident_on, host);
  assert.ok(after.domid >= 0);
  assert.notEqual(after.domid, before.domid, 'a new domain');
  assert.ok(after.consoles.length >= 1);
  assert.deepEqual(after.current_operations, {});
  assert.ok(after.allowed_operations.includes('pool_migrate'));
  // The migration image is gone.
  const suspendVdis = Object.values(await c.VDI.get_all_records()).filter((v) => v.type === 'suspend');
  assert.equal(suspendVdis.length, 0);
  await c.VM.clean_shutdown(vm);
});

test('pool_migrate: conflicts, bad power state, bad host, cancellation', async () => {
  await using ts = await startToolstack({ sim: { latencies: { saveChunkMs: 100 } } });
  const c = await ts.client();
  const { vm } = await makeVm(c);
  const host = (await c.host.get_all())[0] as string;
  await assert.rejects(
    c.VM.pool_migrate(vm, host, {}),
    failsWith('VM_BAD_POWER_STATE', [vm, 'running', 'halted']),
  );
  await assert.rejects(c.VM.pool_migrate(vm, 'OpaqueRef:nope', {}), failsWith('HANDLE_INVALID'));
  await c.VM.start(vm, false, false);
  await assert.rejects(c.VM.pool_migrate(vm, host, { live: 'maybe' }), failsWith('INVALID_VALUE'));
  const task = await c.Async.VM.pool_migrate(vm, host, {});
  for (let i = 0; i < 400 && Object.keys(await c.VM.get_current_operations(vm)).length === 0; i++) {
    await new Promise((r) => setTimeout(r, 5));
  }
  await assert.rejects(
    c.VM.pool_migrate(vm, host, {}),
    failsWith('OTHER_OPERATION_IN_PROGRESS', ['VM', vm, 'pool_migrate', task]),
  );
  await assert.rejects(c.VM.clean_shutdown(vm), failsWith('OTHER_OPERATION_IN_PROGRESS'));
  await c.task.cancel(task);
  const rec = await waitTask(c, task);
  assert.equal(rec.status, 'cancelled');
  assert.equal(rec.error_info[0], 'TASK_CANCELLED');
  const after = await c.VM.get_record(vm);
  assert.equal(after.power_state, 'Running', 'a cancelled migration leaves the VM running where it was');
  assert.equal(after.resident_on, host);
  assert.deepEqual(after.current_operations, {});
  assert.equal(
    Object.values(await c.VDI.get_all_records()).filter((v) => v.type === 'suspend').length,
    0,
  );
});
