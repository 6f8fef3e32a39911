// A VM's disks through the storage manager around its life in xenopsd:
// attached and activated before the domain uses them, released after.
import { NULL_REF } from '../../datamodel/build.js';
import type { VBDRecord } from '../../generated/api-types.js';
import type { CallContext } from '../context.js';
import { vbdName, type AttachedDisk } from '../xenops/config.js';
import { resetBeforeStart } from '../storage/on-boot.js';

/** The datapath a VBD uses for its disk, as xapi names them. */
export function datapathOf(vmUuid: string, vbd: Pick<VBDRecord, 'userdevice'>): string {
  return `vbd/${vmUuid}/${vbdName(vbd)}`;
}

/**
 * Attach and activate one VBD's disk; undefined for an empty drive. `boot`:
 * the VM is starting (not resuming, migrating or hot-plugging), so a disk
 * whose changes are discarded at boot (on_boot = reset) gets its reset point back first.
 * `handoverFrom` (a host uuid): the VM arrives from that host of the pool,
 * which holds the disk until the switchover (storage.attach's handover).
 */
export async function attachVbd(
  ctx: Pick<CallContext, 'services'>,
  vmUuid: string,
  vbd: string,
  opts: { readonly boot?: boolean; readonly handoverFrom?: string } = {},
): Promise<AttachedDisk | undefined> {
  const { db, storage } = ctx.services;
  const row = db.get('VBD', vbd);
  const vdi = row.VDI;
  if (row.empty || vdi === NULL_REF) return undefined;
  const dp = datapathOf(vmUuid, row);
  if (opts.boot && row.mode !== 'RO') await resetBeforeStart(storage, vdi);
  const handover = opts.handoverFrom === undefined ? {} : { handoverFrom: opts.handoverFrom };
  const info = await storage.attach(vdi, dp, row.mode !== 'RO', handover);
  await storage.activate(vdi, dp);
  return { path: info.path, format: info.format };
}

/** Deactivate and detach one VBD's disk, best effort (the VM is gone either way). */
export async function detachVbd(
  ctx: Pick<CallContext, 'services'>,
  vmUuid: string,
  vbd: string,
): Promise<void> {
  const { db, storage } = ctx.services;
  const row = db.find('VBD', vbd);
  if (!row || row.VDI === NULL_REF || !db.has('VDI', row.VDI)) return;
  const vdi = row.VDI;
  const dp = datapathOf(vmUuid, row);
  await storage.deactivate(vdi, dp).catch(() => undefined);
  await storage.detach(vdi, dp).catch(() => undefined);
}

/** Release every disk of a VM that is not running (also after a crash, when xapi learns of it late). */
export async function detachAll(ctx: Pick<CallContext, 'services'>, vm: string): Promise<void> {
  const row = ctx.services.db.find('VM', vm);
  if (!row) return;
  const uuid = row.uuid;
  for (const vbd of row.VBDs) await detachVbd(ctx, uuid, vbd);
}

/** Detach the disks of a VM found in `state` (after a start, shutdown or resume that ended there). */
export async function detachIf(ctx: CallContext, vm: string, state: 'Halted' | 'Suspended'): Promise<void> {
  if (ctx.services.db.get('VM', vm).power_state === state) await detachAll(ctx, vm);
}
