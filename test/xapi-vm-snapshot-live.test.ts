// Snapshots and checkpoints of running VMs through the XenAPI, with a real
// xenopsd (simulator backend): live disk snapshots that leave the VM
// running, failures that leave it running on its own images with nothing
// stray, and checkpoints whose memory a revert brings back.
import { test } from 'node:test';
import { failure } from './support/failure.js';
import assert from 'node:assert/strict';
import type { XapiClient } from '../src/client/generated.js';
import { snapshotDisksDbg } from '../src/xapi/vm-copy/live.js';
import { startToolstack } from './support/toolstack.js';
import { addDisk, makeVm } from './support/vm-builder.js';

const NULL = 'OpaqueRef:NULL';

/** Every VDI record (hidden bases included) with its managed flag and snapshot source. */
async function vdis(c: XapiClient): Promise<string[]> {
  return [...(await c.VDI.get_all())].sort();
}

for (const localSrType of ['file', 'sim'] as const) {
  test(`${localSrType} SR: a running VM is snapshotted live and keeps running on its disks`, async () => {
    await using ts = await startToolstack({ storage: { localSrType } });
    const c = await ts.client();
    const { vm, vdi, vbd } = await makeVm(c);
    // A second disk in raw format: its live snapshot turns the disk into a qcow2 overlay.
    await addDisk(c, vm, {
      sr: await c.VDI.get_SR(vdi),
      size: 16 * 2 ** 20,
      userdevice: '1',
      name: 'raw disk',
      smConfig: { 'image-format': 'raw' },
    });
    await c.VM.start(vm, false, false);
    const ops = await c.VM.get_allowed_operations(vm);
    assert.ok(ops.includes('snapshot') && ops.includes('checkpoint'), ops.join(','));

    const s1 = await c.VM.snapshot(vm, 'live 1', []);
    const r1 = await c.VM.get_record(s1);
    assert.deepEqual(
      [r1.power_state, r1.is_a_snapshot, r1.snapshot_of, r1.suspend_VDI],
      ['Halted', true, vm, NULL],
    );
    const snapVdi = (await c.VBD.get_record(r1.VBDs[0] as string)).VDI;
    assert.equal(await c.VDI.get_snapshot_of(snapVdi), vdi);
    assert.equal(await c.VM.get_power_state(vm), 'Running');
    assert.deepEqual(await c.VM.get_current_operations(vm), {});
    assert.equal(await c.VBD.get_currently_attached(vbd), true);
    // xenopsd's disk is the new overlay at the VDI's place.
    const uuid = await c.VM.get_uuid(vm);
    const [config, state] = await ts.xenopsd.vbd.stat([uuid, 'xvda']);
    assert.equal(state.plugged, true);
    assert.deepEqual(state.backend_present, config.backend);
    const [rawConfig] = await ts.xenopsd.vbd.stat([uuid, 'xvdb']);
    if (localSrType === 'file') {
      assert.match(String(rawConfig.backend?.[1]), /\.qcow2$/);
      assert.equal(rawConfig.extra_backend_keys['format'], 'qcow2');
    }
    assert.equal(r1.VBDs.length, 2);

    // A second live snapshot freezes the overlay in turn; the first keeps its own data.
    const s2 = await c.VM.snapshot(vm, 'live 2', []);
    const snapVdi2 = (await c.VBD.get_record((await c.VM.get_VBDs(s2))[0] as string)).VDI;
    assert.notEqual(snapVdi2, snapVdi);
    assert.equal(await c.VM.get_power_state(vm), 'Running');

    // The VM stops and starts on its disk; revert to the first snapshot works as offline.
    await c.VM.hard_shutdown(vm);
    await c.VM.start(vm, false, false);
    await c.VM.hard_shutdown(vm);
    await c.VM.revert(s1);
    await c.VM.start(vm, false, false);
    assert.equal(await c.VM.get_power_state(vm), 'Running');
    await c.VM.hard_shutdown(vm);
  });
}

test('a live snapshot that fails before the switch leaves the VM running on its images, nothing stray', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm, vdi } = await makeVm(c);
  await c.VM.start(vm, false, false);
  const uuid = await c.VM.get_uuid(vm);
  const before = await vdis(c);
  const vms = (await c.VM.get_all()).length;
  const size = await c.VDI.get_virtual_size(vdi);

  // The hypervisor's switch is cancelled at its first cancel point.
  await ts.xenopsd.debugTrigger('set-cancel-trigger', [snapshotDisksDbg(uuid), '1']);
  await failure(c.VM.snapshot(vm, 'doomed', []), 'TASK_CANCELLED');
  assert.equal(await c.VM.get_power_state(vm), 'Running');
  assert.deepEqual(await vdis(c), before);
  assert.equal((await c.VM.get_all()).length, vms);
  assert.deepEqual(await c.VM.get_current_operations(vm), {});
  assert.equal(await c.VDI.get_virtual_size(vdi), size);

  // A checkpoint whose suspend is cancelled leaves the VM running, its memory image gone too.
  await ts.xenopsd.debugTrigger('set-cancel-trigger', ['VM.checkpoint', '1']);
  await failure(c.VM.checkpoint(vm, 'doomed'), 'TASK_CANCELLED');
  assert.equal(await c.VM.get_power_state(vm), 'Running');
  assert.deepEqual(await vdis(c), before);
  assert.equal((await c.VM.get_all()).length, vms);
  assert.deepEqual(await c.VM.get_current_operations(vm), {});

  // A disk that is not plugged is snapshotted the ordinary way beside the live one.
  const { vdi: extra } = await addDisk(c, vm, {
    sr: await c.VDI.get_SR(vdi),
    size: 2 ** 20,
    userdevice: '1',
    name: 'not plugged',
  });
  const s = await c.VM.snapshot(vm, 'fine', []);
  assert.equal(await c.VM.get_power_state(vm), 'Running');
  const snapped = await Promise.all(
    (await c.VM.get_VBDs(s)).map(async (b) => c.VDI.get_snapshot_of(await c.VBD.get_VDI(b))),
  );
  assert.deepEqual(snapped.sort(), [vdi, extra].sort());
  await c.VM.hard_shutdown(vm);
});

test('checkpoint: a suspended snapshot with its own memory image; revert and resume continue the guest', async () => {
  // A file SR: the simulator's memory image is a real file there, so copies carry it.
  await using ts = await startToolstack({ storage: { localSrType: 'file' } });
  const c = await ts.client();
  const { vm } = await makeVm(c);
  await c.VM.start(vm, false, false);
  await c.VM.set_VCPUs_number_live(vm, 2).catch(() => undefined);

  const cp = await c.VM.checkpoint(vm, 'with memory');
  const r = await c.VM.get_record(cp);
  assert.deepEqual([r.power_state, r.is_a_snapshot, r.snapshot_of], ['Suspended', true, vm]);
  assert.notEqual(r.suspend_VDI, NULL);
  assert.equal(await c.VDI.get_type(r.suspend_VDI), 'suspend');
  assert.equal((await c.VDI.get_sm_config(r.suspend_VDI))['image-format'], 'raw');
  // The VM runs on, with no memory image of its own left behind.
  assert.equal(await c.VM.get_power_state(vm), 'Running');
  assert.equal(await c.VM.get_suspend_VDI(vm), NULL);
  assert.deepEqual(await c.VM.get_current_operations(vm), {});

  // Reverting brings the VM back Suspended with a copy of that memory; resume continues it.
  await c.VM.hard_shutdown(vm);
  await c.VM.revert(cp);
  const reverted = await c.VM.get_record(vm);
  assert.equal(reverted.power_state, 'Suspended');
  assert.ok(![NULL, r.suspend_VDI].includes(reverted.suspend_VDI));
  await c.VM.resume(vm, false, false);
  assert.equal(await c.VM.get_power_state(vm), 'Running');
  // The checkpoint keeps its image for the next revert.
  assert.ok((await c.VDI.get_all()).includes(r.suspend_VDI));

  // A paused VM is checkpointed and left paused.
  await c.VM.pause(vm);
  const cp2 = await c.VM.checkpoint(vm, 'paused');
  assert.equal(await c.VM.get_power_state(cp2), 'Suspended');
  assert.equal(await c.VM.get_power_state(vm), 'Paused');
  await c.VM.hard_shutdown(vm);
  // A halted VM cannot be checkpointed.
  await failure(c.VM.checkpoint(vm, 'halted'), 'VM_BAD_POWER_STATE', [
    vm,
    'paused, suspended, running',
    'halted',
  ]);
});
