// VDI.*: disks. Creation, destruction, resizing, snapshots, clones and copies
// do the storage work through the storage manager, then re-read the SR so
// that sizes and the SR's figures stay true.
import { ApiError, apiError } from '../../datamodel/api-error.js';
import { NULL_REF } from '../../datamodel/build.js';
import type { Value } from '../../datamodel/types.js';
import type { VDIRecord } from '../../generated/api-types.js';
import type { Fields, Row } from '../../db/store.js';
import type { Provisioning } from '../../storage/types.js';
import type { CallContext } from '../context.js';
import { SM_FORMAT, SM_PARENT } from '../storage/records.js';
import { now } from '../time.js';

type Smap = Readonly<Record<string, string>>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The sm_config keys a client sets (the storage's own are recomputed). */
function userSmConfig(sm: Smap | undefined): Record<string, string> {
  const out: Record<string, string> = { ...sm };
  delete out[SM_PARENT];
  return out;
}

/** The fields a derived disk (snapshot, clone, copy) takes from its source. */
function inherited(row: Row): Fields {
  return {
    name_label: row['name_label'],
    name_description: row['name_description'],
    type: row['type'],
    sharable: row['sharable'],
    read_only: row['read_only'],
    other_config: row['other_config'],
    xenstore_data: row['xenstore_data'],
    sm_config: userSmConfig(row['sm_config'] as Smap),
    tags: row['tags'],
    on_boot: row['on_boot'],
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

async function derive(ctx: CallContext, vdi: string, snapshot: boolean): Promise<string> {
  const { db, storage } = ctx.services;
  const row = db.get('VDI', vdi);
  if (row['managed'] === false) throw apiError('VDI_NOT_MANAGED', { vdi });
  const loc = storage.locate(vdi);
  const immutable = row['read_only'] === true || row['is_a_snapshot'] === true;
  const op = snapshot ? storage.manager.vdiSnapshot : storage.manager.vdiClone;
  const vol = await storage.withRefs(() =>
    op.call(storage.manager, loc.srUuid, loc.vdiUuid, { sourceImmutable: immutable }),
  );
  const fields: Fields = snapshot
    ? { ...inherited(row), is_a_snapshot: true, snapshot_of: vdi, snapshot_time: now() }
    : { ...inherited(row), is_a_snapshot: false, snapshot_of: NULL_REF };
  return storage.record(loc.sr, vol, fields);
}

export const vdiActions = {
  async create(ctx: CallContext, args: Partial<VDIRecord>) {
    const { db, storage } = ctx.services;
    const sr = String(args['SR']);
    if (!db.has('SR', sr)) throw apiError('HANDLE_INVALID', { class: 'SR', handle: sr });
    const size = Number(args['virtual_size']);
    if (!Number.isSafeInteger(size) || size < 0) {
      throw apiError('INVALID_VALUE', { field: 'virtual_size', value: String(args['virtual_size']) });
    }
    const srUuid = storage.attachedUuid(sr);
    const sm = (args['sm_config'] as Smap | undefined) ?? {};
    const srSm = (db.get('SR', sr)['sm_config'] as Smap) ?? {};
    const spec = { virtualSize: size, format: imageFormat(sm, srSm), provisioning: provisioning(sm, srSm) };
    const vol = await storage.withRefs(() => storage.manager.vdiCreate(srUuid, spec));
    const given: Record<string, Value> = {};
    for (const [k, v] of Object.entries(args)) if (v !== undefined) given[k] = v as Value;
    return storage.record(sr, vol, { ...given, sm_config: userSmConfig(sm) });
  },

  async destroy(ctx: CallContext, self: string) {
    const { db, storage } = ctx.services;
    const row = db.get('VDI', self);
    if (row['managed'] === false) throw apiError('VDI_NOT_MANAGED', { vdi: self });
    storage.assertNotInUse(self, 'destroy');
    const loc = storage.locate(self);
    try {
      await storage.withRefs(() => storage.manager.vdiDestroy(loc.srUuid, loc.vdiUuid));
    } catch (e) {
      // A disk already gone from the storage only leaves its record to remove.
      if (!(e instanceof ApiError && e.code === 'VDI_MISSING')) throw e;
    }
    storage.forgetVdi(self);
    await storage.sync(loc.sr);
  },

  async snapshot(ctx: CallContext, vdi: string, _driverParams: Smap) {
    return derive(ctx, vdi, true);
  },

  async clone(ctx: CallContext, vdi: string, _driverParams: Smap) {
    return derive(ctx, vdi, false);
  },

  async resize(ctx: CallContext, vdi: string, size: number) {
    const { storage } = ctx.services;
    storage.assertNotInUse(vdi, 'resize');
    const loc = storage.locate(vdi);
    await storage.withRefs(() => storage.manager.vdiResize(loc.srUuid, loc.vdiUuid, size));
    await storage.sync(loc.sr);
  },

  async copy(ctx: CallContext, vdi: string, sr: string, _baseVdi: string, intoVdi: string) {
    const { db, storage } = ctx.services;
    const row = db.get('VDI', vdi);
    const src = storage.locate(vdi);
    let destSr = sr;
    let into: string | undefined;
    if (intoVdi !== NULL_REF) {
      const target = db.get('VDI', intoVdi);
      if (target['read_only'] === true) throw apiError('VDI_READONLY', { vdi: intoVdi });
      storage.assertNotInUse(intoVdi, 'copy');
      destSr = String(target['SR']);
      into = String(target['uuid']);
    } else if (sr === NULL_REF) {
      throw apiError('INVALID_VALUE', { field: 'sr', value: sr });
    }
    const destUuid = storage.attachedUuid(destSr);
    const limit = Number((db.get('SR', destSr)['other_config'] as Smap)?.['copy-rate-limit'] ?? 0);
    const task = ctx.task;
    if (task && db.has('VDI', vdi)) db.addToMap('VDI', vdi, 'current_operations', task.ref, 'copy');
    try {
      const vol = await storage.withRefs(() =>
        storage.manager.vdiCopy(src.srUuid, src.vdiUuid, destUuid, into, {
          signal: ctx.signal,
          progress: (p) => task?.setProgress(p * 0.99),
          ...(limit > 0 ? { rateLimit: limit } : {}),
        }),
      );
      if (intoVdi !== NULL_REF) {
        await storage.sync(destSr);
        return intoVdi;
      }
      return await storage.record(destSr, vol, {
        ...inherited(row),
        read_only: false,
        is_a_snapshot: false,
        snapshot_of: NULL_REF,
      });
    } finally {
      if (task && db.has('VDI', vdi)) db.removeFromMap('VDI', vdi, 'current_operations', task.ref);
    }
  },

  async forget(ctx: CallContext, vdi: string) {
    ctx.services.storage.assertNotInUse(vdi, 'forget');
    ctx.services.storage.forgetVdi(vdi);
  },

  async introduce(
    ctx: CallContext,
    uuid: string,
    nameLabel: string,
    nameDescription: string,
    sr: string,
    type: string,
    sharable: boolean,
    readOnly: boolean,
    otherConfig: Smap,
    location: string,
    xenstoreData: Smap,
    smConfig: Smap,
    _managed: boolean,
    _virtualSize: number,
    _physicalUtilisation: number,
    metadataOfPool: string,
    isASnapshot: boolean,
    snapshotTime: string,
    snapshotOf: string,
  ) {
    const { db, storage } = ctx.services;
    const key = (uuid || location.replace(/\.(qcow2|raw)$/, '')).toLowerCase();
    if (!UUID.test(key)) throw apiError('INVALID_VALUE', { field: 'uuid', value: uuid });
    if (db.refByUuid('VDI', key) !== undefined) {
      throw apiError('INVALID_VALUE', { field: 'uuid', value: `${key} already has a record` });
    }
    const srUuid = storage.attachedUuid(sr);
    const vol = (await storage.withRefs(() => storage.manager.srScan(srUuid))).find((v) => v.uuid === key);
    if (!vol) throw apiError('VDI_MISSING', { sr, vdi: key });
    return storage.record(sr, vol, {
      name_label: nameLabel,
      name_description: nameDescription,
      type,
      sharable,
      read_only: readOnly,
      other_config: otherConfig,
      xenstore_data: xenstoreData,
      sm_config: userSmConfig(smConfig),
      metadata_of_pool: metadataOfPool,
      is_a_snapshot: isASnapshot,
      snapshot_time: snapshotTime,
      snapshot_of: snapshotOf,
    });
  },

  async update(ctx: CallContext, vdi: string) {
    const loc = ctx.services.storage.locate(vdi);
    await ctx.services.storage.sync(loc.sr);
  },

  async set_name_label(ctx: CallContext, self: string, value: string) {
    ctx.services.db.update('VDI', self, { name_label: value });
  },

  async set_name_description(ctx: CallContext, self: string, value: string) {
    ctx.services.db.update('VDI', self, { name_description: value });
  },

  async set_read_only(ctx: CallContext, self: string, value: boolean) {
    ctx.services.storage.assertNotInUse(self, 'set_read_only');
    ctx.services.db.update('VDI', self, { read_only: value });
  },

  async set_sharable(ctx: CallContext, self: string, value: boolean) {
    ctx.services.db.update('VDI', self, { sharable: value });
  },
};
