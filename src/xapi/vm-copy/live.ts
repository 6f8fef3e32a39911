// The disks of a running VM, snapshotted live and crash-consistent: every
// disk at one instant, as if the plug had been pulled. The VM is paused only
// for the critical section: the storage freezes each plugged disk's image
// (renamed, still open) under a new overlay at the disk's place, xenopsd
// switches the devices onto the overlays (VM.snapshot_disks), and the VM
// runs on. Any failure before the switch is undone so that the VM carries
// on with its original images; a disk that did switch keeps the new chain
// (the data is the same) and only loses the snapshot.
import { NULL_REF } from '../../datamodel/build.js';
import type { VMRecord } from '../../generated/api-types.js';
import type { LiveSnapshot } from '../../storage/types.js';
import type { CallContext } from '../context.js';
import { linkOf, runXenopsTask } from '../xenops/run-task.js';
import { inherited } from '../storage/vdi-ops.js';
import type { VdiLocation } from '../storage/service.js';
import { now } from '../time.js';
import { vbdName } from '../xenops/config.js';
import type { XenopsLink } from '../xenops/link.js';
import { vdiActions } from '../actions/vdi.js';

interface Prepared {
  readonly vdi: string;
  readonly loc: VdiLocation;
  readonly live: LiveSnapshot;
  /** The VBD name xenopsd knows the plugged disk by. */
  readonly vbd: string;
}

/** The xenops dbg of a VM's disk switch (a cancel trigger can name it in tests). */
export const snapshotDisksDbg = (vmUuid: string): string => `snapshot-disks ${vmUuid}`;

/** One live snapshot per VM at a time: two would freeze the same images at once. */
const busy = new Map<string, Promise<unknown>>();

/** Run `fn` alone among the live snapshots and checkpoints of the VM `key` (its uuid). */
export async function serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const before = busy.get(key) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(fn);
  busy.set(key, mine);
  try {
    return await mine;
  } finally {
    if (busy.get(key) === mine) busy.delete(key);
  }
}

/** The plugged VBD of `vm` each source disk is attached through (none: not in use by the domain). */
function pluggedVbds(ctx: CallContext, vm: VMRecord): Map<string, string> {
  const out = new Map<string, string>();
  for (const ref of vm.VBDs) {
    const vbd = ctx.services.db.find('VBD', ref);
    if (!vbd || !vbd.currently_attached || vbd.type === 'CD') continue;
    if (vbd.VDI !== NULL_REF) out.set(vbd.VDI, vbdName(vbd));
  }
  return out;
}

/**
 * Snapshot the disks `sources` of the running or paused VM `vm`; returns old
 * VDI → snapshot VDI. Disks the domain does not have plugged are snapshotted
 * the ordinary way, with the others, while the VM is paused.
 */
export async function snapshotRunningDisks(
  ctx: CallContext,
  vm: string,
  sources: readonly string[],
): Promise<Map<string, string>> {
  const { db, storage } = ctx.services;
  const link = linkOf(ctx);
  const row = db.get('VM', vm);
  const uuid = row.uuid;
  return serialised(uuid, async () => {
    const plugged = pluggedVbds(ctx, row);
    const wasRunning = row.power_state === 'Running';
    const prepared: Prepared[] = [];
    const offline = new Map<string, string>();
    const job = { dbg: snapshotDisksDbg(uuid), touches: [{ vm: uuid }] };
    if (wasRunning) await runXenopsTask(ctx, (x, dbg) => x.call('VM.pause', { dbg, id: uuid }), job);
    try {
      try {
        for (const vdi of sources) {
          ctx.task?.checkCancelled();
          const vbd = plugged.get(vdi);
          if (vbd === undefined) {
            offline.set(vdi, await vdiActions.snapshot(ctx, vdi, {}));
            continue;
          }
          const loc = storage.locate(vdi);
          const live = await storage.withRefs(() => storage.manager.vdiLiveSnapshot(loc.srUuid, loc.vdiUuid));
          prepared.push({ vdi, loc, live, vbd });
        }
        const disks = prepared.flatMap((p) =>
          p.live.attach
            ? [{ vbd: p.vbd, disk: ['Local', p.live.attach.path] as const, format: p.live.attach.format }]
            : [],
        );
        if (disks.length > 0) {
          await runXenopsTask(ctx, (x, dbg) => x.call('VM.snapshot_disks', { dbg, id: uuid, disks }), {
            dbg: job.dbg,
          });
        }
      } catch (e) {
        await undo(ctx, link, uuid, prepared, offline);
        throw e;
      }
    } finally {
      // Not under the call's task: the VM runs on even when the call was cancelled.
      if (wasRunning)
        await runXenopsTask(ctx, (x, dbg) => x.call('VM.unpause', { dbg, id: uuid }), {
          ...job,
          detached: true,
        });
    }
    const made = new Map(offline);
    for (const p of prepared) {
      const src = db.get('VDI', p.vdi);
      made.set(
        p.vdi,
        await storage.record(p.loc.sr, p.live.snapshot, {
          ...inherited(src),
          is_a_snapshot: true,
          snapshot_of: p.vdi,
          snapshot_time: now(),
        }),
      );
    }
    return made;
  });
}

/** Whether xenopsd switched the VBD onto the new image (its config follows a switch). */
async function switched(link: XenopsLink, uuid: string, p: Prepared): Promise<boolean> {
  if (!p.live.attach) return false;
  try {
    const [config] = await link.client.call('VBD.stat', { dbg: snapshotDisksDbg(uuid), id: [uuid, p.vbd] });
    const b = config.backend;
    return b !== undefined && b[0] === 'Local' && b[1] === p.live.attach.path;
  } catch {
    // Not known to xenopsd any more: it cannot have switched.
    return false;
  }
}

async function undo(
  ctx: CallContext,
  link: XenopsLink,
  uuid: string,
  prepared: readonly Prepared[],
  offline: ReadonlyMap<string, string>,
): Promise<void> {
  const { storage } = ctx.services;
  const srs = new Set<string>();
  for (const p of [...prepared].reverse()) {
    const done = await switched(link, uuid, p);
    try {
      await storage.manager.vdiLiveSnapshotAbort(p.loc.srUuid, p.loc.vdiUuid, p.live, done);
    } catch (e) {
      process.stderr.write(
        `xapi: could not undo the live snapshot of VDI ${p.vdi}: ${e instanceof Error ? e.message : String(e)}\n`,
      );
    }
    srs.add(p.loc.sr);
  }
  for (const sr of srs) await storage.sync(sr).catch(() => undefined);
  for (const vdi of offline.values()) await vdiActions.destroy(ctx, vdi).catch(() => undefined);
}
