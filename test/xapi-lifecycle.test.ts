// The VM power lifecycle through the XenAPI, carried out by a real xenopsd on
// the simulator backend: state comes back from xenopsd's UPDATES.
import { test } from 'node:test';
import { failure } from './support/failure.js';
import assert from 'node:assert/strict';
import { createSimulator } from '../src/xenopsd/backends/simulator/simulator.js';
import { startToolstack } from './support/toolstack.js';
import { makeVm } from './support/vm-builder.js';
import { untilBusy, waitTask } from './support/events.js';
import { holdUntilCancelled } from './support/backend-hold.js';

test('start, pause, reboot, suspend, resume and shut down a VM', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm, vdi, vbd, vif } = await makeVm(c);
  const host = (await c.host.get_all())[0] as string;
  assert.ok((await c.VM.get_allowed_operations(vm)).includes('start'));

  await c.VM.start(vm, false, false);
  let rec = await c.VM.get_record(vm);
  assert.equal(rec.power_state, 'Running');
  assert.equal(rec.resident_on, host);
  assert.ok(rec.domid >= 0);
  assert.ok(!rec.allowed_operations.includes('start'));
  assert.ok(rec.allowed_operations.includes('clean_shutdown'));
  assert.equal((await c.VBD.get_record(vbd)).currently_attached, true);
  assert.equal((await c.VIF.get_record(vif)).currently_attached, true);
  assert.ok((await c.host.get_resident_VMs(host)).includes(vm));
  const metrics = await c.VM_metrics.get_record(rec.metrics);
  assert.equal(metrics.VCPUs_number, 1);
  assert.ok(metrics.memory_actual > 0);
  assert.ok(rec.consoles.length >= 1, 'the running VM has a console');
  assert.match((await c.console.get_record(rec.consoles[0] as string)).location, /\/console\?ref=OpaqueRef:/);
  assert.ok((await c.VDI.get_record(vdi)).allowed_operations.length >= 0);

  await c.VM.pause(vm);
  assert.equal(await c.VM.get_power_state(vm), 'Paused');
  await c.VM.unpause(vm);
  assert.equal(await c.VM.get_power_state(vm), 'Running');
  await c.VM.clean_reboot(vm);
  assert.equal(await c.VM.get_power_state(vm), 'Running');
  await c.VM.hard_reboot(vm);

  await c.VM.suspend(vm);
  rec = await c.VM.get_record(vm);
  assert.equal(rec.power_state, 'Suspended');
  assert.notEqual(rec.suspend_VDI, 'OpaqueRef:NULL');
  assert.equal((await c.VDI.get_record(rec.suspend_VDI)).type, 'suspend');
  assert.equal(rec.resident_on, 'OpaqueRef:NULL');
  assert.ok(rec.allowed_operations.includes('resume'));
  await c.VM.resume(vm, false, false);
  rec = await c.VM.get_record(vm);
  assert.equal(rec.power_state, 'Running');
  assert.equal(rec.suspend_VDI, 'OpaqueRef:NULL');

  await c.VM.set_VCPUs_number_live(vm, 1);
  await failure(c.VM.set_VCPUs_number_live(vm, 9), 'INVALID_VALUE');

  await c.VM.clean_shutdown(vm);
  rec = await c.VM.get_record(vm);
  assert.equal(rec.power_state, 'Halted');
  assert.equal(rec.domid, -1);
  assert.equal(rec.resident_on, 'OpaqueRef:NULL');
  assert.deepEqual(rec.consoles, []);
  assert.equal((await c.VBD.get_record(vbd)).currently_attached, false);
  await failure(c.VM.clean_shutdown(vm), 'VM_BAD_POWER_STATE', [vm, 'running', 'halted']);
});

test('hotplug a disk and a NIC into a running VM', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm, vbd, vif } = await makeVm(c);
  await c.VM.start(vm, false, false);
  await c.VBD.unplug(vbd);
  assert.equal((await c.VBD.get_record(vbd)).currently_attached, false);
  await failure(c.VBD.unplug(vbd), 'DEVICE_ALREADY_DETACHED');
  await c.VBD.plug(vbd);
  assert.equal((await c.VBD.get_record(vbd)).currently_attached, true);
  await c.VIF.unplug(vif);
  assert.equal((await c.VIF.get_record(vif)).currently_attached, false);
  await c.VIF.plug(vif);
  assert.equal((await c.VIF.get_record(vif)).currently_attached, true);
  await c.VM.hard_shutdown(vm);
  await failure(c.VBD.plug(vbd), 'VM_BAD_POWER_STATE');
});

test('a second operation on a busy VM gets OTHER_OPERATION_IN_PROGRESS', async () => {
  await using ts = await startToolstack({ sim: { latencies: { buildMs: 300 } } });
  const c = await ts.client();
  const { vm } = await makeVm(c);
  const task = await c.Async.VM.start(vm, false, false);
  await untilBusy(c, vm);
  assert.deepEqual(await c.VM.get_current_operations(vm), { [task]: 'start' });
  await failure(c.VM.start(vm, false, false), 'OTHER_OPERATION_IN_PROGRESS', ['VM', vm, 'start', task]);
  assert.equal((await waitTask(c, task)).status, 'success');
  assert.deepEqual(await c.VM.get_current_operations(vm), {});
});

test('a cancelled start leaves the VM halted with its disks detached', async () => {
  const backend = createSimulator();
  const build = holdUntilCancelled(backend.vm, 'build');
  await using ts = await startToolstack({ backend });
  const c = await ts.client();
  const { vm, vdi } = await makeVm(c);
  const task = await c.Async.VM.start(vm, false, false);
  await build.entered; // the domain is being built
  await c.task.cancel(task);
  const rec = await waitTask(c, task);
  assert.equal(rec.status, 'cancelled');
  assert.equal(rec.error_info[0], 'TASK_CANCELLED');
  assert.equal(await c.VM.get_power_state(vm), 'Halted');
  assert.deepEqual(await c.VM.get_current_operations(vm), {});
  const dps = ts.xapi.services.storage.manager.datapaths(
    ts.xapi.services.storage.locate(vdi).srUuid,
    ts.xapi.services.storage.locate(vdi).vdiUuid,
  );
  assert.deepEqual(dps, {}, 'no datapath keeps the disk attached');
  assert.ok((await c.VM.get_allowed_operations(vm)).includes('start'));
});

test('VM.start: start_paused leaves the VM paused, and force reaches the domain builder as force', async () => {
  const backend = createSimulator();
  const forced: boolean[] = [];
  const build = backend.vm.build;
  backend.vm.build = (task, vm, force) => {
    forced.push(force);
    return build(task, vm, force);
  };
  await using ts = await startToolstack({ backend });
  const c = await ts.client();
  const { vm } = await makeVm(c);

  await c.VM.start(vm, true, false);
  assert.equal(await c.VM.get_power_state(vm), 'Paused');
  assert.deepEqual(forced, [false], 'a paused start is not a forced one');
  await c.VM.unpause(vm);
  assert.equal(await c.VM.get_power_state(vm), 'Running');
  await c.VM.hard_shutdown(vm);

  await c.VM.start(vm, false, true);
  assert.equal(await c.VM.get_power_state(vm), 'Running');
  assert.deepEqual(forced, [false, true]);
  await c.VM.hard_shutdown(vm);

  await c.VM.start_on(vm, (await c.host.get_all())[0] as string, true, true);
  assert.equal(await c.VM.get_power_state(vm), 'Paused');
  assert.deepEqual(forced, [false, true, true]);
});
