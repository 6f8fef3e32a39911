// Where placement hands over to the pool: moving a running VM to another
// host (host.evacuate) and running a start or resume placed on another host
// than this one. A standalone host has only its own host to give: moving a
// VM to the host it runs on is the same-host VM.pool_migrate, and anything
// else is an error. The pool runtime registers its own implementations
// (VM.pool_migrate between hosts, calls forwarded to the chosen host) for
// the server's Services with registerPlacementSeams.
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext, Services } from '../context.js';
import { poolMigrate } from '../actions/migrate-local.js';

export interface PlacementSeams {
  /**
   * Move a running VM to `host` (VM.pool_migrate with xapi's evacuation
   * options: `live` = "true", and `network`, the preferred migration
   * network, when the caller named one); resolves once it runs there.
   */
  moveVm(
    ctx: CallContext,
    vm: string,
    host: string,
    options: Readonly<Record<string, string>>,
  ): Promise<void>;
  /**
   * Run VM.start / VM.resume of `vm` on `host`, another host than this one.
   * The caller has checked the host, holds the host's vm_start/vm_resume
   * operation and the VM's reservation there (scheduled_to_be_resident_on).
   */
  runOn(
    ctx: CallContext,
    vm: string,
    host: string,
    op: 'start' | 'resume',
    startPaused: boolean,
  ): Promise<void>;
}

const standalone: PlacementSeams = {
  async moveVm(ctx, vm, host, options) {
    const from = ctx.services.db.get('VM', vm).resident_on;
    // On the same host the migration network has no part to play.
    if (host === from) return poolMigrate(ctx, vm, host, { live: options['live'] ?? 'true' });
    throw apiError('INTERNAL_ERROR', { message: `no pool runtime to move VM ${vm} to host ${host}` });
  },
  async runOn(_ctx, vm, host, op) {
    throw apiError('INTERNAL_ERROR', { message: `no pool runtime to ${op} VM ${vm} on host ${host}` });
  },
};

const byServices = new WeakMap<Services, PlacementSeams>();

/** Install the pool's implementations for a server; returns the function that removes them. */
export function registerPlacementSeams(services: Services, seams: PlacementSeams): () => void {
  byServices.set(services, seams);
  return () => byServices.delete(services);
}

export function placementSeams(services: Services): PlacementSeams {
  return byServices.get(services) ?? standalone;
}
