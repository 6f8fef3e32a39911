// VM.* migration messages.
import type { CallContext } from '../context.js';
import { completeIncoming } from './migrate-incoming.js';
import { completePoolIncoming, poolIncoming } from './migrate-pool-incoming.js';
import { poolMigrate } from './migrate-local.js';
import { assertCanMigrate, migrateSend } from './migrate-remote.js';

type Smap = Readonly<Record<string, string>>;

export const vmMigrateActions = {
  async pool_migrate(ctx: CallContext, vm: string, host: string, options: Smap) {
    await poolMigrate(ctx, vm, host, options);
  },
  async migrate_send(
    ctx: CallContext,
    vm: string,
    dest: Smap,
    live: boolean,
    vdiMap: Smap,
    vifMap: Smap,
    options: Smap,
    vgpuMap: Smap,
  ) {
    return migrateSend(ctx, vm, { dest, live, vdiMap, vifMap, options, vgpuMap });
  },
  async assert_can_migrate(
    ctx: CallContext,
    vm: string,
    dest: Smap,
    live: boolean,
    vdiMap: Smap,
    vifMap: Smap,
    options: Smap,
    vgpuMap: Smap,
  ) {
    await assertCanMigrate(ctx, vm, { dest, live, vdiMap, vifMap, options, vgpuMap });
  },
  async pool_migrate_complete(ctx: CallContext, vm: string, host: string) {
    ctx.services.db.get('host', host);
    if (poolIncoming(ctx.services, vm)) await completePoolIncoming(ctx, vm);
    else await completeIncoming(ctx, vm);
  },
};
