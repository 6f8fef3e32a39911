// PBD.*: connecting SRs to this host.
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';

function plugged(ctx: CallContext, self: string): boolean {
  return ctx.services.db.get('PBD', self).currently_attached;
}

export const pbdActions = {
  async plug(ctx: CallContext, self: string) {
    const host = ctx.services.db.get('PBD', self).host;
    if (host !== ctx.services.host) throw apiError('HOST_OFFLINE', { host });
    // Plugging a plugged PBD is a no-op, as in xapi.
    if (plugged(ctx, self) && ctx.services.storage.manager.isAttached(srUuid(ctx, self))) return;
    await ctx.services.storage.plug(self);
  },
  async unplug(ctx: CallContext, self: string) {
    if (!plugged(ctx, self)) return;
    await ctx.services.storage.unplug(self);
  },
  async set_device_config(ctx: CallContext, self: string, value: Readonly<Record<string, string>>) {
    if (plugged(ctx, self)) {
      throw apiError('OPERATION_NOT_ALLOWED', { reason: 'The PBD is plugged: unplug it first' });
    }
    ctx.services.db.update('PBD', self, { device_config: value });
  },
  async destroy(ctx: CallContext, self: string) {
    if (plugged(ctx, self)) {
      throw apiError('OPERATION_NOT_ALLOWED', { reason: 'The PBD is plugged: unplug it first' });
    }
    ctx.services.db.destroy('PBD', self);
  },
};

function srUuid(ctx: CallContext, pbd: string): string {
  return ctx.services.db.get('SR', ctx.services.db.get('PBD', pbd).SR).uuid;
}
