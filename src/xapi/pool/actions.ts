// pool.join, join_force, eject, designate_new_master, the emergency messages
// and rotate_secret: the checks xapi makes before it touches the pool
// database, then the membership seam for the rest.
import { ApiError, apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import { joinerFacts, remoteFacts } from './facts.js';
import { firstFailingJoinCheck } from './join-checks.js';
import { loginRemote } from './remote.js';
import { newSecret } from './secret.js';

function assertNoHa(ctx: CallContext): void {
  const { db, pool } = ctx.services;
  if (db.get('pool', pool).ha_enabled) throw apiError('HA_IS_ENABLED', {});
}

async function join(ctx: CallContext, address: string, user: string, password: string, force: boolean) {
  const { db, host, pool, hostPool } = ctx.services;
  // The login comes first: without it there is nothing to compare with.
  const master = await loginRemote(address, hostPool.defaultPort, user, password);
  try {
    const remote = await remoteFacts(master);
    const failed = firstFailingJoinCheck(joinerFacts(db, host, pool), remote, { force });
    if (failed) throw failed;
    await hostPool.membership.join({
      masterAddress: address,
      master,
      host,
      hostUuid: db.get('host', host).uuid,
      force,
    });
  } finally {
    // Best effort: the session on the master is of no more use either way.
    await master.client.logout().catch(() => undefined);
    master.close();
  }
}

/** What a non-dom0 VM resident on `host` must be for the host to leave (xapi: Halted). */
function assertNoResidentVms(ctx: CallContext, host: string): void {
  for (const [, vm] of ctx.services.db.all('VM')) {
    if (vm.is_control_domain || vm.resident_on !== host) continue;
    if (vm.power_state !== 'Halted')
      throw apiError('OPERATION_NOT_ALLOWED', { reason: 'VM resident on host' });
  }
}

export const poolMembershipActions = {
  async join(ctx: CallContext, masterAddress: string, masterUsername: string, masterPassword: string) {
    await join(ctx, masterAddress, masterUsername, masterPassword, false);
  },

  async join_force(ctx: CallContext, masterAddress: string, masterUsername: string, masterPassword: string) {
    await join(ctx, masterAddress, masterUsername, masterPassword, true);
  },

  async eject(ctx: CallContext, host: string) {
    assertNoHa(ctx);
    // xapi raises the OCaml exception Cannot_eject_master, which reaches clients as INTERNAL_ERROR.
    // On a slave, the master's own call that ejects it (xapi's eject_self).
    if (host === ctx.services.host && ctx.services.hostPool.role.kind === 'master')
      throw new ApiError('INTERNAL_ERROR', ['Cannot_eject_master']);
    assertNoResidentVms(ctx, host);
    await ctx.services.hostPool.membership.eject(host);
  },

  async designate_new_master(ctx: CallContext, host: string) {
    assertNoHa(ctx);
    // The host is the master already: xapi has nothing to do either.
    if (host === ctx.services.host) return;
    await ctx.services.hostPool.membership.designateNewMaster(host);
  },

  async emergency_transition_to_master(ctx: CallContext) {
    assertNoHa(ctx);
    if (ctx.services.hostPool.role.kind === 'master') return;
    await ctx.services.hostPool.membership.emergencyTransitionToMaster();
  },

  async emergency_reset_master(ctx: CallContext, masterAddress: string) {
    assertNoHa(ctx);
    await ctx.services.hostPool.membership.emergencyResetMaster(masterAddress);
  },

  async recover_slaves(ctx: CallContext) {
    const { db, host, hostPool } = ctx.services;
    const others = [...db.all('host')].map(([ref]) => ref).filter((ref) => ref !== host);
    // A pool of one has no slave to recover.
    if (others.length === 0) return [];
    return hostPool.membership.recoverSlaves(others);
  },

  async rotate_secret(ctx: CallContext) {
    assertNoHa(ctx);
    const { db, hostPool } = ctx.services;
    // Alone in its pool, the master holds the only copy; members need the pool database's protocol.
    if (db.count('host') === 1) hostPool.secret.set(newSecret());
    else await hostPool.membership.rotateSecret();
  },
};
