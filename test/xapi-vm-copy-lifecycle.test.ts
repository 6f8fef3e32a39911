// Copies of VMs that run: snapshots of running and suspended VMs, clones of
// suspended snapshots, reverting to a suspended state and resuming from it,
// and power_state_reset next to a live domain — with a real xenopsd
// (simulator backend).
import { test } from 'node:test';
import { failure } from './support/failure.js';
import assert from 'node:assert/strict';
import { startToolstack } from './support/toolstack.js';
import { makeVm } from './support/vm-builder.js';

const NULL = 'OpaqueRef:NULL';

test('a running VM is snapshotted live; revert and power_state_reset wait for it to stop', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm, vdi } = await makeVm(c);
  await c.VM.start(vm, false, false);
  // The disks are snapshotted live (xenopsd switches them onto new overlays): the VM runs on.
  const live = await c.VM.snapshot(vm, 'live', []);
  assert.equal(await c.VM.get_power_state(live), 'Halted');
  assert.equal(await c.VM.get_power_state(vm), 'Running');
  assert.deepEqual(await c.VM.get_current_operations(vm), {});
  await c.VM.hard_shutdown(vm);
  const snap = await c.VM.snapshot(vm, 'halted', []);
  const s = await c.VM.get_record(snap);
  assert.deepEqual([s.power_state, s.is_a_snapshot, s.suspend_VDI], ['Halted', true, NULL]);
  const snapVbd = await c.VBD.get_record(s.VBDs[0] as string);
  assert.equal(await c.VDI.get_snapshot_of(snapVbd.VDI), vdi);
  await c.VM.start(vm, false, false);

  await failure(c.VM.revert(snap), 'VM_BAD_POWER_STATE', [vm, 'halted, suspended', 'running']);
  // xenopsd still runs the domain: its record is not reset behind its back.
  await failure(c.VM.power_state_reset(vm), 'VM_BAD_POWER_STATE', [vm, 'halted', 'running']);
  assert.equal(await c.VM.get_power_state(vm), 'Running');
  await failure(c.VM.destroy(vm), 'VM_BAD_POWER_STATE');

  await c.VM.hard_shutdown(vm);
  await c.VM.revert(snap);
  assert.equal(await c.VM.get_power_state(vm), 'Halted');
  await c.VM.start(vm, false, false);
  assert.equal(await c.VM.get_power_state(vm), 'Running');
  await c.VM.hard_shutdown(vm);
});

test('snapshots of a suspended VM keep its memory image, and so do their clones and reverts', async () => {
  // A sim SR: the file SR cannot snapshot the simulator's plain-file memory image yet.
  await using ts = await startToolstack({ storage: { localSrType: 'sim' } });
  const c = await ts.client();
  const { vm } = await makeVm(c);
  await c.VM.start(vm, false, false);
  await c.VM.suspend(vm);
  const image = await c.VM.get_suspend_VDI(vm);

  const snap = await c.VM.snapshot(vm, 'suspended', []);
  const s = await c.VM.get_record(snap);
  assert.equal(s.power_state, 'Suspended');
  assert.notEqual(s.suspend_VDI, NULL);
  assert.notEqual(s.suspend_VDI, image);
  assert.equal(await c.VDI.get_snapshot_of(s.suspend_VDI), image);
  assert.ok(s.allowed_operations.includes('clone'), 'a suspended snapshot may be cloned');
  assert.ok(s.allowed_operations.includes('copy'));

  // A clone of the suspended snapshot is suspended with its own image.
  const clone = await c.VM.clone(snap, 'resumable');
  const cl = await c.VM.get_record(clone);
  assert.equal(cl.power_state, 'Suspended');
  assert.ok(![NULL, image, s.suspend_VDI].includes(cl.suspend_VDI));

  // The VM is stopped; the revert brings it back suspended, with a new image.
  await c.VM.hard_shutdown(vm);
  assert.equal(await c.VM.get_suspend_VDI(vm), NULL);
  await c.VM.revert(snap);
  const r = await c.VM.get_record(vm);
  assert.equal(r.power_state, 'Suspended');
  assert.ok(![NULL, s.suspend_VDI].includes(r.suspend_VDI));
  assert.ok(r.allowed_operations.includes('resume'));

  // power_state_reset of a suspended VM drops its image.
  await c.VM.power_state_reset(vm);
  assert.deepEqual([await c.VM.get_power_state(vm), await c.VM.get_suspend_VDI(vm)], ['Halted', NULL]);
  assert.ok(!(await c.VDI.get_all()).includes(r.suspend_VDI));
  assert.ok((await c.VDI.get_all()).includes(s.suspend_VDI), "the snapshot's image stays");
});
