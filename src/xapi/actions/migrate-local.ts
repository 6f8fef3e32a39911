// VM.pool_migrate within this pool. To another member, see migrate-pool.ts;
// to the host the VM runs on, a localhost live migration. The
// VM's xenopsd migrates it to itself (reached, as xapi does, through this
// host's /services/xenops with the caller's session): the guest travels to a
// new domain under a temporary id and the two swap ids in one step, so
// xenopsd's reports, and so the XenAPI, show the VM Running throughout; it
// comes back with its new domain (domid, consoles). Disks and networks stay
// where they are (empty VDI and VIF maps). Cancellation is honoured until
// xenopsd's point of no return; either way the VM ends Running.
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import { withOperation } from '../lifecycle/operations.js';
import { boolOption, destMap } from './migrate-plan.js';
import { migrateToMember } from './migrate-pool.js';
import { xenopsMigrate } from './migrate-xenops.js';

const OPTIONS = ['force', 'live', 'copy', 'compress'] as const;

export async function poolMigrate(
  ctx: CallContext,
  vm: string,
  host: string,
  options: Readonly<Record<string, string>>,
): Promise<void> {
  const { db } = ctx.services;
  const hostRow = db.get('host', host);
  for (const k of OPTIONS) boolOption(options, k, false);
  await withOperation(ctx, 'VM', vm, 'pool_migrate', async () => {
    if (hostRow.enabled === false) throw apiError('HOST_DISABLED', { host });
    const session = ctx.session?.ref;
    if (!session) throw apiError('OPERATION_NOT_ALLOWED', { reason: 'pool_migrate needs a session' });
    if (host !== ctx.services.host) {
      // The migration network (host.evacuate's): members have one address each here, which
      // carries the migration; a network that does not exist is still refused.
      const network = options['network'];
      if (network !== undefined) db.get('network', network);
      return migrateToMember(ctx, vm, host);
    }
    const uuid = db.get('VM', vm).uuid;
    const url = destMap(ctx.services.baseUrl, host, session).xenops;
    await xenopsMigrate(ctx, vm, { uuid, url, vdiMap: {}, vifMap: {}, destination: host });
  });
}
