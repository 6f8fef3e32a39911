// host.migrate_receive: what the source of a cross-pool migration needs to
// reach this host — xapi's destination map. The session in it is the
// caller's: the source acts with the rights of whoever asked for the map.
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import { destMap } from './migrate-plan.js';

export const hostMigrateActions = {
  async migrate_receive(
    ctx: CallContext,
    host: string,
    network: string,
    _options: Readonly<Record<string, string>>,
  ) {
    const { db } = ctx.services;
    const row = db.get('host', host);
    db.get('network', network);
    if (row.enabled === false) throw apiError('HOST_DISABLED', { host });
    if (!ctx.services.xenops) {
      throw apiError('OPERATION_NOT_ALLOWED', { reason: 'this host has no VM manager (xenopsd) configured' });
    }
    const session = ctx.session?.ref;
    if (!session) throw apiError('OPERATION_NOT_ALLOWED', { reason: 'migrate_receive needs a session' });
    return destMap(ctx.services.baseUrl, host, session);
  },
};
