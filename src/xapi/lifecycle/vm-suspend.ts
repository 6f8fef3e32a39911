// VM.suspend / VM.resume through xenopsd: the memory image goes to a VDI of
// its own (type suspend) in the pool's suspend-image SR, attached for the
// write and for the read back; a resumed VM's image is destroyed.
import { apiError } from '../../datamodel/api-error.js';
import { NULL_REF } from '../../datamodel/build.js';
import type { CallContext } from '../context.js';
import { vdiActions } from '../actions/vdi.js';
import { runXenopsTask } from '../xenops/run-task.js';
import { withOperation } from './operations.js';
import { detachAll, detachIf } from './vm-disks.js';
import { pushConfig, uuidOf } from './vm-push.js';

/** The SR for suspend images: the pool's suspend_image_SR, else its default SR. */
export function suspendSr(ctx: CallContext): string {
  const pool = ctx.services.db.get('pool', ctx.services.pool);
  const sr = [pool.suspend_image_SR, pool.default_SR].find((x) => x !== NULL_REF);
  if (sr === undefined || !ctx.services.db.has('SR', sr)) {
    throw apiError('OPERATION_NOT_ALLOWED', { reason: 'the pool has no SR for suspend images' });
  }
  return sr;
}

/** Forget a VM's saved state and destroy its image. */
export async function dropSuspendImage(ctx: CallContext, vm: string): Promise<void> {
  const { db } = ctx.services;
  const vdi = db.get('VM', vm).suspend_VDI;
  db.update('VM', vm, { suspend_VDI: NULL_REF });
  if (vdi !== NULL_REF && db.has('VDI', vdi)) await vdiActions.destroy(ctx, vdi);
}

const suspendDp = (uuid: string): string => `suspend/${uuid}`;

async function releaseImage(ctx: CallContext, vdi: string, dp: string): Promise<void> {
  const { storage } = ctx.services;
  await storage.deactivate(vdi, dp).catch(() => undefined);
  await storage.detach(vdi, dp).catch(() => undefined);
}

export async function suspendVm(ctx: CallContext, vm: string): Promise<void> {
  await withOperation(ctx, 'VM', vm, 'suspend', () => suspendNow(ctx, vm));
}

/** The suspend itself, inside an operation already registered (suspend, checkpoint). */
export async function suspendNow(ctx: CallContext, vm: string): Promise<void> {
  const { db, storage } = ctx.services;
  const row = db.get('VM', vm);
  const id = row.uuid;
  // Memory plus room for the device state.
  const size = row.memory_static_max + 64 * 1024 * 1024;
  const vdi = await vdiActions.create(ctx, {
    SR: suspendSr(ctx),
    virtual_size: size,
    type: 'suspend',
    sharable: false,
    read_only: false,
    other_config: {},
    // The hypervisor writes the image as a plain byte stream.
    sm_config: { 'image-format': 'raw' },
    name_label: `Suspend image of ${row.name_label}`,
  });
  const dp = suspendDp(id);
  try {
    const info = await storage.attach(vdi, dp, true);
    await storage.activate(vdi, dp);
    await runXenopsTask(ctx, (x, dbg) => x.call('VM.suspend', { dbg, id, disk: ['Local', info.path] }), {
      touches: [{ vm: id }],
    });
    db.update('VM', vm, { suspend_VDI: vdi, power_state: 'Suspended' });
  } catch (e) {
    await releaseImage(ctx, vdi, dp);
    if (db.get('VM', vm).power_state !== 'Suspended')
      await vdiActions.destroy(ctx, vdi).catch(() => undefined);
    throw e;
  }
  await releaseImage(ctx, vdi, dp);
  await detachAll(ctx, vm);
}

export async function resumeVm(ctx: CallContext, vm: string, startPaused: boolean): Promise<void> {
  await withOperation(ctx, 'VM', vm, 'resume', () => resumeNow(ctx, vm, startPaused));
}

/** The resume itself, inside an operation already registered (resume, checkpoint). */
export async function resumeNow(ctx: CallContext, vm: string, startPaused: boolean): Promise<void> {
  const { db, storage } = ctx.services;
  const id = uuidOf(ctx, vm);
  const vdi = db.get('VM', vm).suspend_VDI;
  if (vdi === NULL_REF || !db.has('VDI', vdi)) {
    throw apiError('OPERATION_NOT_ALLOWED', { reason: 'the VM has no suspend image' });
  }
  const dp = suspendDp(id);
  const touches = [{ vm: id }];
  try {
    await pushConfig(ctx, vm);
    const info = await storage.attach(vdi, dp, false);
    await storage.activate(vdi, dp);
    await runXenopsTask(ctx, (x, dbg) => x.call('VM.resume', { dbg, id, disk: ['Local', info.path] }), {
      touches,
    });
    db.update('VM', vm, { power_state: 'Paused' });
    if (!startPaused) await runXenopsTask(ctx, (x, dbg) => x.call('VM.unpause', { dbg, id }), { touches });
  } catch (e) {
    await releaseImage(ctx, vdi, dp);
    await detachIf(ctx, vm, 'Suspended');
    throw e;
  }
  await releaseImage(ctx, vdi, dp);
  await dropSuspendImage(ctx, vm);
}
