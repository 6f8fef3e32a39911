// Alerts of a VM's life on the simulator: each lifecycle call raises xapi's
// message (name, priority, class, body), guest-initiated reboots and crashes
// are raised from xenopsd's reports, and clients see them all through
// message.get_since and event.from on class "message".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startToolstack } from './support/toolstack.js';
import { makeVm } from './support/vm-builder.js';
import { messageNamesSince, messageToken, untilMessage } from './support/messages.js';
import { failure } from './support/failure.js';
import { waitTask } from './support/events.js';

test("a VM's life raises xapi's messages, seen through message.get_since and event.from", async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm } = await makeVm(c, 'alerted');
  const uuid = await c.VM.get_uuid(vm);
  const host = (await c.host.get_all())[0] as string;
  const hostRec = await c.host.get_record(host);
  const before = await messageToken(c);
  const since = (await c.message.get_since('19700101T00:00:00Z')) ?? {};

  await c.VM.start(vm, false, false);
  await c.VM.pause(vm);
  await c.VM.unpause(vm);
  await c.VM.clean_reboot(vm);
  await c.VM.hard_reboot(vm);
  await c.VM.suspend(vm);
  await c.VM.resume(vm, false, false);
  await c.VM.clean_shutdown(vm);
  await c.VM.start(vm, false, false);
  await c.VM.hard_shutdown(vm);

  assert.deepEqual(await messageNamesSince(c, before, uuid), [
    'VM_STARTED',
    'VM_PAUSED',
    'VM_UNPAUSED',
    'VM_REBOOTED',
    'VM_REBOOTED',
    'VM_SUSPENDED',
    'VM_RESUMED',
    'VM_SHUTDOWN',
    'VM_STARTED',
    'VM_SHUTDOWN',
  ]);

  const mine = Object.values(await c.message.get_since('19700101T00:00:00Z')).filter(
    (m) => m.obj_uuid === uuid,
  );
  assert.equal(mine.length, 10);
  assert.equal(Object.keys(since).length, 0, 'no message before the first start');
  for (const m of mine) {
    assert.equal(m.cls, 'VM');
    assert.equal(m.priority, 5);
    assert.match(m.timestamp, /^\d{8}T\d\d:\d\d:\d\dZ$/);
  }
  const bodies = new Set(mine.map((m) => m.body));
  assert.ok(
    bodies.has(`VM 'alerted' (uuid: ${uuid}) started on host: ${hostRec.name_label} (uuid: ${hostRec.uuid})`),
  );
  assert.ok(bodies.has(`VM 'alerted' (uuid: ${uuid}) shutdown forcibly`));
  assert.ok(bodies.has(`VM 'alerted' (uuid: ${uuid}) rebooted cleanly`));

  // message.get and get_all_records_where see the same messages
  assert.equal(Object.keys(await c.message.get('VM', uuid, '19700101T00:00:00Z')).length, 10);
  const where = await c.message.get_all_records_where(`field "name" = "VM_SUSPENDED"`);
  assert.deepEqual(
    Object.values(where).map((m) => m.obj_uuid),
    [uuid],
  );
  // a time after the last message: nothing newer; the second of the last one: that one too
  assert.deepEqual(await c.message.get_since('29990101T00:00:00Z'), {});
  const newest = mine
    .map((m) => m.timestamp)
    .sort()
    .at(-1) as string;
  assert.ok(Object.values(await c.message.get_since(newest)).some((m) => m.timestamp === newest));

  // a call that fails raises nothing
  const token = await messageToken(c);
  await failure(c.VM.clean_shutdown(vm), 'VM_BAD_POWER_STATE');
  assert.deepEqual(await messageNamesSince(c, token, uuid), []);

  // an asynchronous call that fails raises TASK_FAILED about the host its task ran on
  const task = await c.Async.VM.clean_shutdown(vm);
  assert.equal((await waitTask(c, task)).status, 'failure');
  const failed = await untilMessage(c, 'TASK_FAILED', hostRec.uuid);
  assert.equal(failed.cls, 'Host');
  assert.equal(failed.priority, 3);
  const taskUuid = await c.task.get_uuid(task);
  assert.equal(
    failed.body,
    `Task 'Async.VM.clean_shutdown' (uuid: ${taskUuid}) failed: VM_BAD_POWER_STATE ${vm} running halted`,
  );
});

test('a guest that crashes raises VM_CRASHED; one that reboots itself, VM_REBOOTED', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm } = await makeVm(c, 'crashy');
  const uuid = await c.VM.get_uuid(vm);
  await c.VM.start(vm, false, false);
  const domid = await c.VM.get_domid(vm);

  await ts.xenopsd.backend.debug.trigger('reboot', [uuid]);
  const rebooted = await untilMessage(c, 'VM_REBOOTED', uuid);
  assert.equal(rebooted.priority, 5);
  assert.equal(rebooted.body, `VM 'crashy' (uuid: ${uuid}) rebooted from inside the guest`);
  assert.equal(await c.VM.get_power_state(vm), 'Running');
  assert.notEqual(await c.VM.get_domid(vm), domid);

  // actions_after_crash is destroy: the VM halts
  await ts.xenopsd.backend.debug.trigger('crash', [uuid]);
  const crashed = await untilMessage(c, 'VM_CRASHED', uuid);
  assert.equal(crashed.priority, 2);
  assert.equal(crashed.cls, 'VM');
  assert.equal(crashed.body, `VM 'crashy' (uuid: ${uuid}) crashed`);

  // each guest event is raised once, however often xenopsd's report of the VM is read again
  const names = Object.values(await c.message.get('VM', uuid, '19700101T00:00:00Z')).map((m) => m.name);
  assert.deepEqual(names.filter((n) => n === 'VM_CRASHED').length, 1);
  assert.deepEqual(names.filter((n) => n === 'VM_REBOOTED').length, 1);
  assert.deepEqual(names.filter((n) => n === 'VM_SHUTDOWN').length, 0);
});

test('pool_migrate, snapshot, checkpoint and revert raise their messages', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm } = await makeVm(c, 'moved');
  const uuid = await c.VM.get_uuid(vm);
  const host = (await c.host.get_all())[0] as string;
  const h = await c.host.get_record(host);
  await c.VM.start(vm, false, false);
  const before = await messageToken(c);
  await c.VM.pool_migrate(vm, host, {});
  const snap = await c.VM.snapshot(vm, 'before-change', []);
  await c.VM.checkpoint(vm, 'with-memory');
  await c.VM.hard_shutdown(vm);
  await c.VM.revert(snap);
  assert.deepEqual(await messageNamesSince(c, before, uuid), [
    'VM_MIGRATED',
    'VM_SNAPSHOTTED',
    'VM_CHECKPOINTED',
    'VM_SHUTDOWN',
    'VM_SNAPSHOT_REVERTED',
  ]);
  const bodies = Object.values(await c.message.get('VM', uuid, '19700101T00:00:00Z')).map((m) => m.body);
  const snapUuid = await c.VM.get_uuid(snap);
  assert.ok(
    bodies.includes(
      `VM 'moved' (uuid: ${uuid}) migrated from host '${h.name_label}' (uuid: ${h.uuid}) to host '${h.name_label}' (uuid: ${h.uuid})`,
    ),
  );
  assert.ok(bodies.includes(`VM 'moved' (uuid: ${uuid}) snapshotted, snapshot name: before-change`));
  assert.ok(bodies.includes(`VM 'moved' (uuid: ${uuid}) checkpointed, snapshot name: with-memory`));
  assert.ok(
    bodies.includes(`VM 'moved' (uuid: ${uuid}) reverted to snapshot: before-change (uuid ${snapUuid})`),
  );
});
