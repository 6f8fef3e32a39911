// VDI.*: disks. The operations that do storage work are in
// ../storage/vdi-ops.ts (shared with the VM lifecycle); the rest is here.
import { apiError } from '../../datamodel/api-error.js';
import type { VDIRecord, VdiType } from '../../generated/api-types.js';
import type { CallContext } from '../context.js';
import {
  cloneVdi,
  copyVdi,
  createVdi,
  destroyVdi,
  resizeVdi,
  snapshotVdi,
  userSmConfig,
} from '../storage/vdi-ops.js';

type Smap = Readonly<Record<string, string>>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const vdiActions = {
  async create(ctx: CallContext, args: Partial<VDIRecord>) {
    return createVdi(ctx.services.storage, args);
  },

  async destroy(ctx: CallContext, self: string) {
    await destroyVdi(ctx.services.storage, self);
  },

  async snapshot(ctx: CallContext, vdi: string, _driverParams: Smap) {
    return snapshotVdi(ctx.services.storage, vdi);
  },

  async clone(ctx: CallContext, vdi: string, _driverParams: Smap) {
    return cloneVdi(ctx.services.storage, vdi);
  },

  async resize(ctx: CallContext, vdi: string, size: number) {
    await resizeVdi(ctx.services.storage, vdi, size);
  },

  async copy(ctx: CallContext, vdi: string, sr: string, _baseVdi: string, intoVdi: string) {
    const task = ctx.task;
    return copyVdi(ctx.services.storage, vdi, sr, intoVdi, {
      signal: ctx.signal,
      ...(task ? { task: task.ref, progress: (p: number) => task.setProgress(p * 0.99) } : {}),
    });
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
    type: VdiType,
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
