// The VDI operations that do storage work, for the VDI.* messages and for
// the VM lifecycle (VM.snapshot, VM.clone, VM.copy, VM.destroy, provisioning
// reuse them per disk). Each ends with a re-read of the SR so that records
// and figures stay true.
import { ApiError, apiError } from '../../datamodel/api-error.js';
import { NULL_REF } from '../../datamodel/build.js';
import type { Patch } from '../../db/typed.js';
import type { VDIRecord } from '../../generated/api-types.js';
import type { Provisioning } from '../../storage/types.js';
import { givenFields } from '../records.js';
import { now } from '../time.js';
import { SM_FORMAT, SM_PARENT } from './records.js';
import type { XapiStorage } from './service.js';

type Smap = Readonly<Record<string, string>>;

/** The sm_config keys a client sets (the storage's own are recomputed). */
export function userSmConfig(sm: Smap | undefined): Record<string, string> {
  const out: Record<string, string> = { ...sm };
  delete out[SM_PARENT];
  return out;
}

/** The fields a derived disk (snapshot, clone, copy) takes from its source. */
export function inherited(row: VDIRecord): Patch<VDIRecord> {
  return {
    name_label: row.name_label,
    name_description: row.name_description,
    type: row.type,
    sharable: row.sharable,
    read_only: row.read_only,
    other_config: row.other_config,
    xenstore_data: row.xenstore_data,
    sm_config: userSmConfig(row.sm_config),
    tags: row.tags,
    on_boot: row.on_boot,
  };
}

function provisioning(vdiSm: Smap, srSm: Smap): Provisioning {
  const a = vdiSm['allocation'] ?? srSm['allocation'] ?? 'thin';
  if (a !== 'thin' && a !== 'thick')
    throw apiError('INVALID_VALUE', { field: 'sm_config:allocation', value: a });
  return a;
}

function imageFormat(vdiSm: Smap, srSm: Smap): 'qcow2' | 'raw' {
  const f = vdiSm[SM_FORMAT] ?? srSm[SM_FORMAT] ?? 'qcow2';
  if (f !== 'qcow2' && f !== 'raw')
    throw apiError('INVALID_VALUE', { field: `sm_config:${SM_FORMAT}`, value: f });
  return f;
}

/**
 * VDI.create: `args` are the constructor fields (SR and virtual_size
 * required); sm_config `allocation` (thin|thick) and `image-format`
 * (qcow2|raw) choose how the volume is made, from the VDI's or the SR's.
 */
export async function createVdi(storage: XapiStorage, args: Patch<VDIRecord>): Promise<string> {
  const { db } = storage;
  const sr = args.SR ?? NULL_REF;
  if (!db.has('SR', sr)) throw apiError('HANDLE_INVALID', { class: 'SR', handle: sr });
  const size = args.virtual_size;
  if (size === undefined || !Number.isSafeInteger(size) || size < 0) {
    throw apiError('INVALID_VALUE', { field: 'virtual_size', value: String(size) });
  }
  const srUuid = storage.attachedUuid(sr);
  const sm = args.sm_config ?? {};
  const srSm = db.get('SR', sr).sm_config;
  const spec = { virtualSize: size, format: imageFormat(sm, srSm), provisioning: provisioning(sm, srSm) };
  const vol = await storage.withRefs(() => storage.manager.vdiCreate(srUuid, spec));
  return storage.record(sr, vol, { ...givenFields(args), sm_config: userSmConfig(sm) });
}

/** VDI.destroy: the volume (or only the record, when the volume is gone) and the VBDs referring to it. */
export async function destroyVdi(storage: XapiStorage, vdi: string): Promise<void> {
  const row = storage.db.get('VDI', vdi);
  if (!row.managed) throw apiError('VDI_NOT_MANAGED', { vdi });
  storage.assertNotInUse(vdi, 'destroy');
  const loc = storage.locate(vdi);
  try {
    await storage.withRefs(() => storage.manager.vdiDestroy(loc.srUuid, loc.vdiUuid));
  } catch (e) {
    if (!(e instanceof ApiError && e.code === 'VDI_MISSING')) throw e;
  }
  storage.forgetVdi(vdi);
  await storage.sync(loc.sr);
}

async function derive(
  storage: XapiStorage,
  vdi: string,
  snapshot: boolean,
  extra: Patch<VDIRecord>,
): Promise<string> {
  const row = storage.db.get('VDI', vdi);
  if (!row.managed) throw apiError('VDI_NOT_MANAGED', { vdi });
  // xapi: a disk whose changes are discarded at boot is not snapshotted (nor copied)
  if (snapshot && row.on_boot === 'reset') throw apiError('VDI_ON_BOOT_MODE_INCOMPATIBLE_WITH_OPERATION', {});
  const loc = storage.locate(vdi);
  const immutable = row.read_only || row.is_a_snapshot;
  const { manager } = storage;
  const vol = await storage.withRefs(() =>
    snapshot
      ? manager.vdiSnapshot(loc.srUuid, loc.vdiUuid, { sourceImmutable: immutable })
      : manager.vdiClone(loc.srUuid, loc.vdiUuid, { sourceImmutable: immutable }),
  );
  const fields: Patch<VDIRecord> = snapshot
    ? { ...inherited(row), is_a_snapshot: true, snapshot_of: vdi, snapshot_time: now() }
    : { ...inherited(row), is_a_snapshot: false, snapshot_of: NULL_REF };
  return storage.record(loc.sr, vol, { ...fields, ...extra });
}

/** VDI.snapshot; `extra` fields go on the new record (e.g. a VM snapshot's name). */
export function snapshotVdi(
  storage: XapiStorage,
  vdi: string,
  extra: Patch<VDIRecord> = {},
): Promise<string> {
  return derive(storage, vdi, true, extra);
}

/** VDI.clone: a writable disk sharing the source's data. */
export function cloneVdi(storage: XapiStorage, vdi: string, extra: Patch<VDIRecord> = {}): Promise<string> {
  return derive(storage, vdi, false, extra);
}

export async function resizeVdi(storage: XapiStorage, vdi: string, size: number): Promise<void> {
  storage.assertNotInUse(vdi, 'resize');
  const loc = storage.locate(vdi);
  await storage.withRefs(() => storage.manager.vdiResize(loc.srUuid, loc.vdiUuid, size));
  await storage.sync(loc.sr);
}

export interface CopyVdiOptions {
  readonly signal?: AbortSignal;
  readonly progress?: (fraction: number) => void;
  /** The task running the copy, shown in the source's current_operations. */
  readonly task?: string;
}

/**
 * VDI.copy: into a new disk of `sr`, or into the existing disk `into`
 * (NULL_REF for none). The destination SR's other_config:copy-rate-limit
 * (bytes/s) throttles it.
 */
export async function copyVdi(
  storage: XapiStorage,
  vdi: string,
  sr: string,
  into: string,
  opts: CopyVdiOptions = {},
): Promise<string> {
  const { db } = storage;
  const row = db.get('VDI', vdi);
  if (row.on_boot === 'reset') throw apiError('VDI_ON_BOOT_MODE_INCOMPATIBLE_WITH_OPERATION', {});
  const src = storage.locate(vdi);
  let destSr = sr;
  let intoUuid: string | undefined;
  if (into !== NULL_REF) {
    const target = db.get('VDI', into);
    if (target.read_only) throw apiError('VDI_READONLY', { vdi: into });
    storage.assertNotInUse(into, 'copy');
    destSr = target.SR;
    intoUuid = target.uuid;
  } else if (sr === NULL_REF) {
    throw apiError('INVALID_VALUE', { field: 'sr', value: sr });
  }
  const destUuid = storage.attachedUuid(destSr);
  const limit = Number(db.get('SR', destSr).other_config['copy-rate-limit'] ?? 0);
  const task = opts.task;
  if (task) db.addToMap('VDI', vdi, 'current_operations', task, 'copy');
  try {
    const vol = await storage.withRefs(() =>
      storage.manager.vdiCopy(src.srUuid, src.vdiUuid, destUuid, intoUuid, {
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.progress ? { progress: opts.progress } : {}),
        ...(limit > 0 ? { rateLimit: limit } : {}),
      }),
    );
    if (into !== NULL_REF) {
      await storage.sync(destSr);
      return into;
    }
    return await storage.record(destSr, vol, {
      ...inherited(row),
      read_only: false,
      is_a_snapshot: false,
      snapshot_of: NULL_REF,
    });
  } finally {
    if (task && db.has('VDI', vdi)) db.removeFromMap('VDI', vdi, 'current_operations', task);
  }
}
