// xenopsd with the simulator, driven through its API in process: lifecycle,
// devices, guest-initiated events and the on_* actions, tasks and UPDATES.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addVmWithDevices,
  assertValid,
  failsWith,
  ok,
  startRunning,
  startXenopsd,
  tempDir,
  vmConfig,
} from './support.js';

test('start leaves the VM paused with its devices plugged; shutdown halts it', async () => {
  using tmp = tempDir();
  const x = await startXenopsd(tmp.dir);
  addVmWithDevices(x, 'vm1');
  await ok(x, x.vm.start('t', 'vm1'));
  assert.equal((await x.vm.stat('vm1'))[1].power_state, 'Paused');
  for (const [, s] of await x.vbd.list('vm1')) assert.deepEqual([s.active, s.plugged], [true, true]);
  await ok(x, x.vm.unpause('t', 'vm1'));
  assert.equal((await x.vm.stat('vm1'))[1].power_state, 'Running');
  await assertValid(x);
  await ok(x, x.vm.shutdown('t', 'vm1'));
  assert.equal((await x.vm.stat('vm1'))[1].power_state, 'Halted');
  await assertValid(x);
  await x.close();
});

test('operations in the wrong power state fail with XENOPS_BAD_POWER_STATE and change nothing', async () => {
  using tmp = tempDir();
  const x = await startXenopsd(tmp.dir);
  addVmWithDevices(x, 'vm1');
  assert.deepEqual(await failsWith(x, x.vm.shutdown('t', 'vm1'), 'XENOPS_BAD_POWER_STATE'), [
    'XENOPS_BAD_POWER_STATE',
    'Halted',
    'Running, Paused',
  ]);
  await startRunning(x, 'vm1');
  await failsWith(x, x.vm.start('t', 'vm1'), 'XENOPS_BAD_POWER_STATE');
  assert.equal((await x.vm.stat('vm1'))[1].power_state, 'Running');
  await assert.rejects(x.vm.remove('t', 'vm1'), { code: 'XENOPS_BAD_POWER_STATE' });
  await assertValid(x);
  await x.close();
});

test('clean shutdown, reboot, suspend and resume with a cooperative guest', async () => {
  using tmp = tempDir();
  const x = await startXenopsd(tmp.dir, { sim: { latencies: { guestAckMs: 2, guestShutdownMs: 5 } } });
  addVmWithDevices(x, 'vm1');
  await startRunning(x, 'vm1');
  const before = (await x.vm.stat('vm1'))[1].domids[0];
  await ok(x, x.vm.reboot('t', 'vm1', 10));
  const after = await x.vm.stat('vm1');
  assert.equal(after[1].power_state, 'Running');
  assert.notEqual(after[1].domids[0], before);
  await ok(x, x.vm.suspend('t', 'vm1', ['VDI', 'sr1/suspend-vm1']));
  assert.equal((await x.vm.stat('vm1'))[1].power_state, 'Suspended');
  await assertValid(x);
  await ok(x, x.vm.resume('t', 'vm1', ['VDI', 'sr1/suspend-vm1']));
  await ok(x, x.vm.unpause('t', 'vm1'));
  assert.equal((await x.vm.stat('vm1'))[1].power_state, 'Running');
  await ok(x, x.vm.shutdown('t', 'vm1', 10));
  assert.equal((await x.vm.stat('vm1'))[1].power_state, 'Halted');
  await assertValid(x);
  await x.close();
});

test('an uncooperative guest makes clean shutdown and suspend time out, and the VM stays running', async () => {
  using tmp = tempDir();
  const x = await startXenopsd(tmp.dir, { sim: { suspendAckTimeoutS: 0.05 } });
  addVmWithDevices(x, 'vm1', { platformdata: { 'simulator-guest': 'uncooperative' } });
  await startRunning(x, 'vm1');
  await failsWith(x, x.vm.shutdown('t', 'vm1', 0.05), 'XENOPS_FAILED_TO_ACKNOWLEDGE_SHUTDOWN_REQUEST');
  await failsWith(
    x,
    x.vm.suspend('t', 'vm1', ['VDI', 'sr1/s']),
    'XENOPS_FAILED_TO_ACKNOWLEDGE_SUSPEND_REQUEST',
  );
  assert.equal((await x.vm.stat('vm1'))[1].power_state, 'Running');
  await assertValid(x);
  await ok(x, x.vm.shutdown('t', 'vm1'));
  await x.close();
});

test('guest-initiated reboot, halt and crash follow on_reboot, on_shutdown and on_crash', async () => {
  using tmp = tempDir();
  const x = await startXenopsd(tmp.dir);
  addVmWithDevices(x, 'a');
  addVmWithDevices(x, 'b');
  addVmWithDevices(x, 'c', { on_crash: ['Pause'] });
  addVmWithDevices(x, 'd', { on_reboot: ['Shutdown'] });
  for (const id of ['a', 'b', 'c', 'd']) await startRunning(x, id);
  const domA = (await x.vm.stat('a'))[1].domids[0];
  await x.debugTrigger('reboot', ['a']);
  await x.debugTrigger('halt', ['b']);
  await x.debugTrigger('reboot', ['d']);
  await x.idle();
  const a = (await x.vm.stat('a'))[1];
  assert.equal(a.power_state, 'Running');
  assert.notEqual(a.domids[0], domA);
  assert.equal((await x.vm.stat('b'))[1].power_state, 'Halted');
  assert.equal((await x.vm.stat('d'))[1].power_state, 'Halted');
  await x.debugTrigger('crash', ['c']);
  await x.idle();
  assert.equal((await x.vm.stat('c'))[1].power_state, 'Paused');
  // A crash right after start is not restarted (crash-loop suppression): Start becomes Shutdown.
  await x.debugTrigger('crash', ['a']);
  await x.idle();
  assert.equal((await x.vm.stat('a'))[1].power_state, 'Halted');
  await assert.rejects(x.debugTrigger('reboot', ['nope']), { code: 'XENOPS_DOES_NOT_EXIST' });
  await assert.rejects(x.debugTrigger('frobnicate', []), { code: 'XENOPS_UNKNOWN_DEBUG_COMMAND' });
  await x.close();
});

test('device hotplug, media and NIC settings on a running VM', async () => {
  using tmp = tempDir();
  const x = await startXenopsd(tmp.dir);
  addVmWithDevices(x, 'vm1');
  await startRunning(x, 'vm1');
  x.vbd.add({ id: ['vm1', 'xvdb'], backend: ['Local', '/dev/sdb'] });
  await assert.rejects(
    Promise.resolve().then(() => x.vbd.add({ id: ['ghost', 'xvda'] })),
    { code: 'XENOPS_DOES_NOT_EXIST' },
  );
  await ok(x, x.vbd.plug('t', ['vm1', 'xvdb']));
  assert.equal((await x.vbd.stat(['vm1', 'xvdb']))[1].plugged, true);
  await assert.rejects(x.vbd.remove(['vm1', 'xvdb']), { code: 'XENOPS_DEVICE_IS_CONNECTED' });
  await ok(x, x.vbd.unplug('t', ['vm1', 'xvdb']));
  await x.vbd.remove(['vm1', 'xvdb']);
  await ok(x, x.vbd.insert('t', ['vm1', 'xvdd'], ['VDI', 'sr1/iso']));
  await failsWith(x, x.vbd.insert('t', ['vm1', 'xvdd'], ['VDI', 'sr1/iso2']), 'XENOPS_MEDIA_PRESENT');
  await failsWith(x, x.vbd.eject('t', ['vm1', 'xvda']), 'XENOPS_MEDIA_NOT_EJECTABLE');
  await ok(x, x.vbd.eject('t', ['vm1', 'xvdd']));
  await failsWith(x, x.vbd.eject('t', ['vm1', 'xvdd']), 'XENOPS_MEDIA_NOT_PRESENT');
  await ok(x, x.vif.setCarrier('t', ['vm1', '0'], false));
  assert.equal((await x.vif.stat(['vm1', '0']))[1].media_present, false);
  await ok(x, x.vif.setLockingMode('t', ['vm1', '0'], 'Disabled'));
  assert.equal((await x.vif.stat(['vm1', '0']))[0].locking_mode, 'Disabled');
  x.pci.add({ id: ['vm1', 'gpu'], position: 0, address: { domain: 0, bus: 3, dev: 0, fn: 0 } });
  await ok(x, x.pci.plug('t', ['vm1', 'gpu']));
  assert.equal((await x.pci.stat(['vm1', 'gpu']))[1].plugged, true);
  await ok(x, x.pci.unplug('t', ['vm1', 'gpu']));
  await ok(x, x.vm.setVcpus('t', 'vm1', 2));
  await failsWith(x, x.vm.setVcpus('t', 'vm1', 3), 'XENOPS_INVALID_VCPUS');
  await ok(x, x.vm.setMemoryDynamicRange('t', 'vm1', 2 ** 28, 2 ** 29));
  assert.equal((await x.vm.stat('vm1'))[1].memory_target, 2 ** 29);
  // A guest-initiated unplug is noticed and honoured by device check-state.
  await x.debugTrigger('unplug-vbd', ['vm1', 'xvda']);
  await x.idle();
  assert.deepEqual((await x.vbd.stat(['vm1', 'xvda']))[1].plugged, false);
  await assertValid(x);
  await x.close();
});

test('a backend lacking a capability answers XENOPS_NOT_SUPPORTED', async () => {
  using tmp = tempDir();
  const x = await startXenopsd(tmp.dir, { sim: { capabilities: { suspend: false, vcpuHotplug: false } } });
  addVmWithDevices(x, 'vm1');
  await startRunning(x, 'vm1');
  assert.deepEqual(await failsWith(x, x.vm.suspend('t', 'vm1', ['VDI', 'sr/x']), 'XENOPS_NOT_SUPPORTED'), [
    'XENOPS_NOT_SUPPORTED',
    'simulator',
    'vm.suspend',
  ]);
  await failsWith(x, x.vm.setVcpus('t', 'vm1', 2), 'XENOPS_NOT_SUPPORTED');
  assert.equal((await x.vm.stat('vm1'))[1].power_state, 'Running');
  await x.close();
});

test('tasks: list, cancel of a finished task is harmless, destroy_on_finish, unknown ids', async () => {
  using tmp = tempDir();
  const x = await startXenopsd(tmp.dir, { sim: { latencies: { buildMs: 30 } } });
  x.vm.add(vmConfig('vm1'));
  const id = x.vm.start('t', 'vm1');
  assert.ok(x.taskList().some((t) => t.id === id));
  x.tasks.destroyOnFinish(id);
  await x.idle();
  assert.throws(() => x.taskStat(id), { code: 'XENOPS_DOES_NOT_EXIST' });
  assert.throws(() => x.tasks.cancel('nope'), { code: 'XENOPS_DOES_NOT_EXIST' });
  const t2 = x.vm.shutdown('t', 'vm1');
  await ok(x, t2);
  await x.close();
});

test('UPDATES: coalesced ids in change order, long-poll wake-up, barriers', async () => {
  using tmp = tempDir();
  const x = await startXenopsd(tmp.dir);
  addVmWithDevices(x, 'vm1');
  const all = await x.updates.get(undefined, 0);
  assert.ok(all.ids.some((i) => i[0] === 'Vm' && i[1] === 'vm1'));
  const from = x.updates.lastId();
  const waiting = x.updates.get(from, 5);
  x.refreshVm('vm1');
  const got = await waiting;
  assert.deepEqual(got.ids[0], ['Vm', 'vm1']);
  assert.equal(new Set(got.ids.map((i) => JSON.stringify(i))).size, got.ids.length, 'coalesced');
  x.updates.injectBarrier('vm1', 7);
  const withBarrier = await x.updates.get(got.next, 0);
  assert.equal(withBarrier.barriers[0]?.[0], 7);
  assert.ok(withBarrier.barriers[0]?.[1].every((i) => i[0] !== 'Task'));
  x.updates.removeBarrier(7);
  const empty = await x.updates.get(x.updates.lastId(), 0.01);
  assert.deepEqual([empty.ids.length, empty.barriers.length], [0, 0]);
  await x.close();
});
