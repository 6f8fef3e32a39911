// The disks of a VM copy: each disk VBD's VDI cloned, copied or snapshotted
// through the VDI actions (so records, chains and SR figures stay true).
// Either every disk is made or none remains: on failure or cancellation the
// disks made so far are destroyed.
import { NULL_REF } from '../../datamodel/build.js';
import type { VMRecord } from '../../generated/api-types.js';
import { vdiActions } from '../actions/vdi.js';
import { inherited } from '../storage/vdi-ops.js';
import { now } from '../time.js';
import type { CallContext } from '../context.js';

/** How each disk is derived: a fast clone, a snapshot, or a full copy into an SR (null: its own). */
export type DiskOp =
  { readonly kind: 'clone' } | { readonly kind: 'snapshot' } | { readonly kind: 'copy'; readonly sr: string };

/** The VDIs a VM's disks derive from: disk VBDs with a disk, and the suspend image. */
export function diskSources(
  ctx: CallContext,
  vm: VMRecord,
  ignore: ReadonlySet<string> = new Set(),
): string[] {
  const { db } = ctx.services;
  const out: string[] = [];
  for (const vbd of vm.VBDs) {
    const row = db.find('VBD', vbd);
    if (!row || row.type === 'CD' || row.empty) continue;
    const vdi = row.VDI;
    if (vdi === NULL_REF || !db.has('VDI', vdi) || ignore.has(vdi) || out.includes(vdi)) continue;
    out.push(vdi);
  }
  const suspend = vm.suspend_VDI;
  if (vm.power_state === 'Suspended' && suspend !== NULL_REF && db.has('VDI', suspend)) out.push(suspend);
  return out;
}

/** A context whose task reports progress within [from, to) of the caller's. */
function scaled(ctx: CallContext, from: number, to: number): CallContext {
  const task = ctx.task;
  if (!task) return ctx;
  return {
    ...ctx,
    task: {
      ref: task.ref,
      signal: task.signal,
      checkCancelled: () => task.checkCancelled(),
      setProgress: (p) => task.setProgress(from + (to - from) * Math.min(1, Math.max(0, p))),
    },
  };
}

/**
 * Derive every source disk; returns old VDI → new VDI. Progress covers
 * [0, share) of the task; the task is checked for cancellation between disks.
 */
export async function deriveDisks(
  ctx: CallContext,
  sources: readonly string[],
  op: DiskOp,
  share = 0.9,
): Promise<Map<string, string>> {
  const made = new Map<string, string>();
  try {
    for (const [i, vdi] of sources.entries()) {
      ctx.task?.checkCancelled();
      const sub = scaled(ctx, (share * i) / sources.length, (share * (i + 1)) / sources.length);
      let out: string;
      if (ctx.services.db.get('VDI', vdi).type === 'suspend') out = await copyMemoryImage(sub, vdi, op);
      else if (op.kind === 'clone') out = await vdiActions.clone(sub, vdi, {});
      else if (op.kind === 'snapshot') out = await vdiActions.snapshot(sub, vdi, {});
      else {
        const sr = op.sr === NULL_REF ? ctx.services.db.get('VDI', vdi).SR : op.sr;
        out = await vdiActions.copy(sub, vdi, sr, NULL_REF, NULL_REF);
      }
      made.set(vdi, out);
      sub.task?.setProgress(1);
    }
    ctx.task?.checkCancelled();
    return made;
  } catch (e) {
    await destroyDisks(ctx, made.values());
    throw e;
  }
}

/**
 * A memory image is copied whole, in its own raw format, never made an
 * overlay: the hypervisor reads it back as a plain byte stream. (An overlay
 * would be a qcow2 file at the image's place.)
 */
async function copyMemoryImage(ctx: CallContext, vdi: string, op: DiskOp): Promise<string> {
  const storage = ctx.services.storage;
  const row = storage.db.get('VDI', vdi);
  const loc = storage.locate(vdi);
  const sr = op.kind === 'copy' && op.sr !== NULL_REF ? op.sr : loc.sr;
  const dest = storage.attachedUuid(sr);
  const task = ctx.task;
  const vol = await storage.withRefs(() =>
    storage.manager.vdiCopy(loc.srUuid, loc.vdiUuid, dest, undefined, {
      format: 'raw',
      signal: ctx.signal,
      ...(task ? { progress: (p: number) => task.setProgress(p) } : {}),
    }),
  );
  const snapshot = op.kind === 'snapshot';
  return storage.record(sr, vol, {
    ...inherited(row),
    is_a_snapshot: snapshot,
    snapshot_of: snapshot ? vdi : NULL_REF,
    ...(snapshot ? { snapshot_time: now() } : {}),
  });
}

/** Destroy disks, best effort: one that cannot go is left for the user to see. */
export async function destroyDisks(ctx: CallContext, vdis: Iterable<string>): Promise<void> {
  for (const vdi of vdis) {
    if (!ctx.services.db.has('VDI', vdi)) continue;
    try {
      await vdiActions.destroy(ctx, vdi);
    } catch (e) {
      process.stderr.write(
        `xapi: could not destroy VDI ${vdi}: ${e instanceof Error ? e.message : String(e)}\n`,
      );
    }
  }
}
