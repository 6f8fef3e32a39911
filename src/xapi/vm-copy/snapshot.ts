// VM.snapshot and VM.checkpoint. A snapshot is a template-like VM whose disks
// are snapshots of the VM's: taken the ordinary way when nothing runs, live
// (crash-consistent, see live.ts) when a domain has the disks open. A
// checkpoint adds the memory: the VM is suspended, snapshotted with a full
// copy of its memory image, and resumed, so the snapshot is Suspended and a
// revert to it resumes the guest where it was.
import { apiError, ApiError } from '../../datamodel/api-error.js';
import { NULL_REF } from '../../datamodel/build.js';
import type { CallContext } from '../context.js';
import { refreshAllowed } from '../lifecycle/operations.js';
import { resumeNow, suspendNow } from '../lifecycle/vm-suspend.js';
import { runXenopsTask } from '../xenops/run-task.js';
import { now } from '../time.js';
import { copyDevices, createVm } from './devices.js';
import { deriveDisks, destroyDisks, diskSources } from './disks.js';
import { serialised, snapshotRunningDisks } from './live.js';
import { vmConfiguration } from './records.js';

/** The snapshot itself, inside an operation already registered (snapshot, checkpoint). */
export async function takeSnapshot(
  ctx: CallContext,
  vm: string,
  newName: string,
  ignoreVdis: readonly string[],
): Promise<string> {
  const { db } = ctx.services;
  const src = db.get('VM', vm);
  const sources = diskSources(ctx, src, new Set(ignoreVdis));
  // A domain of this host's xenopsd has the disks open; a VM recorded as
  // running elsewhere (a lost host) has no domain here to switch.
  const live =
    (src.power_state === 'Running' || src.power_state === 'Paused') &&
    ctx.services.xenops !== undefined &&
    src.resident_on === ctx.services.host;
  const disks = live
    ? await snapshotRunningDisks(ctx, vm, sources)
    : await deriveDisks(ctx, sources, { kind: 'snapshot' });
  try {
    return db.transaction(() => {
      const suspendVdi = disks.get(src.suspend_VDI);
      const snap = createVm(db, {
        ...vmConfiguration(src),
        name_label: newName,
        power_state: suspendVdi !== undefined ? 'Suspended' : 'Halted',
        suspend_VDI: suspendVdi ?? NULL_REF,
        is_a_template: true,
        is_default_template: false,
        is_a_snapshot: true,
        snapshot_of: vm,
        snapshot_time: now(),
        // The snapshot tree: the new snapshot hangs under the VM's last one.
        parent: src.parent ?? NULL_REF,
      });
      copyDevices(db, src, snap, disks, true);
      db.update('VM', vm, { parent: snap });
      refreshAllowed(db, 'VM', snap);
      ctx.task?.setProgress(1);
      return snap;
    });
  } catch (e) {
    await destroyDisks(ctx, disks.values());
    throw e;
  }
}

async function unpause(ctx: CallContext, vm: string): Promise<void> {
  const id = ctx.services.db.get('VM', vm).uuid;
  await runXenopsTask(ctx, (x, dbg) => x.call('VM.unpause', { dbg, id }), { touches: [{ vm: id }] });
}

const reason = (e: unknown): string =>
  e instanceof ApiError ? e.toWire().join(' ') : e instanceof Error ? e.message : String(e);

/**
 * The checkpoint itself, inside the `checkpoint` operation. A suspended VM's
 * memory is already saved: its checkpoint is its snapshot. A paused VM is
 * resumed paused.
 */
export async function takeCheckpoint(ctx: CallContext, vm: string, newName: string): Promise<string> {
  const { db } = ctx.services;
  const state = db.get('VM', vm).power_state;
  if (state === 'Suspended') return takeSnapshot(ctx, vm, newName, []);
  // Not while a live snapshot of the VM pauses and switches its disks.
  return serialised(db.get('VM', vm).uuid, () => suspendSnapshotResume(ctx, vm, newName));
}

async function suspendSnapshotResume(ctx: CallContext, vm: string, newName: string): Promise<string> {
  const paused = ctx.services.db.get('VM', vm).power_state === 'Paused';
  try {
    // xenopsd suspends running domains only; the VM is resumed paused again.
    if (paused) await unpause(ctx, vm);
    await suspendNow(ctx, vm);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'TASK_CANCELLED') throw e;
    process.stderr.write(`xapi: checkpoint of VM ${vm}: the suspend failed: ${reason(e)}\n`);
    throw apiError('VM_CHECKPOINT_SUSPEND_FAILED', { vm });
  }
  let snap: string | undefined;
  let failure: unknown;
  try {
    snap = await takeSnapshot(ctx, vm, newName, []);
  } catch (e) {
    failure = e;
  }
  // Whatever became of the snapshot, the VM goes back to running.
  try {
    await resumeNow(ctx, vm, paused);
  } catch (e) {
    process.stderr.write(`xapi: checkpoint of VM ${vm}: the resume failed: ${reason(e)}\n`);
    throw apiError('VM_CHECKPOINT_RESUME_FAILED', { vm });
  }
  if (snap === undefined) throw failure;
  return snap;
}
