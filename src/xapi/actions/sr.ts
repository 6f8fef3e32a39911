// SR.*: creating, introducing, forgetting, destroying and scanning storage
// repositories. The storage work is done by the storage manager through
// services.storage; these functions check the XenAPI rules around it.
import { randomUUID } from 'node:crypto';
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import { serverFields } from '../records.js';
import { plugOtherHosts } from '../pool/shared-pbds.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Smap = Readonly<Record<string, string>>;

function pbdsOf(ctx: CallContext, sr: string): readonly string[] {
  return ctx.services.db.get('SR', sr).PBDs;
}

function assertNoPluggedPbd(ctx: CallContext, sr: string): void {
  if (pbdsOf(ctx, sr).some((p) => ctx.services.db.get('PBD', p).currently_attached)) {
    throw apiError('SR_HAS_PBD', { sr });
  }
}

export const srActions = {
  async create(
    ctx: CallContext,
    host: string,
    deviceConfig: Smap,
    physicalSize: number,
    nameLabel: string,
    nameDescription: string,
    type: string,
    contentType: string,
    shared: boolean,
    smConfig: Smap,
  ) {
    if (host !== ctx.services.host) throw apiError('HOST_OFFLINE', { host });
    if (!Number.isSafeInteger(physicalSize) || physicalSize < 0) {
      throw apiError('INVALID_VALUE', { field: 'physical_size', value: String(physicalSize) });
    }
    const sr = await ctx.services.storage.createSr({
      uuid: randomUUID(),
      type,
      deviceConfig,
      physicalSize,
      fields: {
        name_label: nameLabel,
        name_description: nameDescription,
        content_type: contentType,
        shared,
        sm_config: smConfig,
      },
    });
    // The other hosts of the pool plug their PBDs of a shared SR, as xapi's SR.create has them do.
    if (shared) await plugOtherHosts(ctx.services, sr);
    return sr;
  },

  async introduce(
    ctx: CallContext,
    uuid: string,
    nameLabel: string,
    nameDescription: string,
    type: string,
    contentType: string,
    shared: boolean,
    smConfig: Smap,
  ) {
    if (!UUID.test(uuid)) throw apiError('INVALID_VALUE', { field: 'uuid', value: uuid });
    if (ctx.services.db.refByUuid('SR', uuid) !== undefined) throw apiError('SR_UUID_EXISTS', { uuid });
    if (!ctx.services.storage.manager.plugin(type)) throw apiError('SR_UNKNOWN_DRIVER', { driver: type });
    return ctx.services.db.create(
      'SR',
      serverFields('SR', {
        uuid: uuid.toLowerCase(),
        name_label: nameLabel,
        name_description: nameDescription,
        type,
        content_type: contentType,
        shared,
        sm_config: smConfig,
        other_config: {},
        physical_size: 0,
      }),
    );
  },

  async forget(ctx: CallContext, sr: string) {
    assertNoPluggedPbd(ctx, sr);
    ctx.services.storage.forgetSr(sr);
  },

  async destroy(ctx: CallContext, sr: string) {
    const { db, storage } = ctx.services;
    assertNoPluggedPbd(ctx, sr);
    const pbd = storage.pbdOf(sr);
    if (pbd === undefined) throw apiError('SR_HAS_NO_PBDS', { sr });
    if (db.get('SR', sr).VDIs.length > 0) throw apiError('SR_NOT_EMPTY', {});
    const row = db.get('SR', sr);
    const config = db.get('PBD', pbd).device_config;
    await storage.withRefs(() => storage.manager.srDestroy(row.uuid, row.type, config));
    storage.forgetSr(sr);
  },

  async scan(ctx: CallContext, sr: string) {
    await ctx.services.storage.sync(sr);
  },

  async update(ctx: CallContext, sr: string) {
    await ctx.services.storage.sync(sr);
  },

  async get_supported_types(ctx: CallContext) {
    return ctx.services.storage.manager.supportedTypes();
  },

  async set_name_label(ctx: CallContext, sr: string, value: string) {
    ctx.services.db.update('SR', sr, { name_label: value });
  },

  async set_name_description(ctx: CallContext, sr: string, value: string) {
    ctx.services.db.update('SR', sr, { name_description: value });
  },

  async set_shared(ctx: CallContext, sr: string, value: boolean) {
    ctx.services.db.update('SR', sr, { shared: value });
  },

  async set_physical_size(ctx: CallContext, self: string, value: number) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw apiError('INVALID_VALUE', { field: 'value', value: String(value) });
    }
    ctx.services.db.update('SR', self, { physical_size: value });
  },
};
