// Where placement hands over to the pool: moving a running VM to another
// host (host.evacuate) and running a start or resume placed on another host
// than this one. By default a start or resume placed elsewhere is forwarded
// to that host as VM.start_on / resume_on, and a move is VM.pool_migrate run
// by the VM's host; a pool runtime with more to do can register its own
// implementations for the server's Services with registerPlacementSeams.
import type { CallContext, Services } from '../context.js';
import { poolMigrate } from '../actions/migrate-local.js';
import { forwardToHost } from '../pool/vm-forward.js';

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

/**
 * The seams without a pool runtime of their own: a VM placed on another host
 * of the pool is started there by VM.start_on / resume_on forwarded to that
 * host (which checks and reserves again on its own view; `force` is not
 * carried), and a move is VM.pool_migrate run by the host the VM is on.
 */
const forwarding: PlacementSeams = {
  async moveVm(ctx, vm, host, options) {
    const from = ctx.services.db.get('VM', vm).resident_on;
    if (from !== ctx.services.host && ctx.services.db.has('host', from)) {
      await forwardToHost(ctx.services, from, 'VM.pool_migrate', [vm, host, { ...options }]);
      return;
    }
    // On the same host the migration network has no part to play.
    if (host === from) return poolMigrate(ctx, vm, host, { live: options['live'] ?? 'true' });
    return poolMigrate(ctx, vm, host, { ...options });
  },
  async runOn(ctx, vm, host, op, startPaused) {
    const wire = op === 'start' ? 'VM.start_on' : 'VM.resume_on';
    await forwardToHost(ctx.services, host, wire, [vm, host, startPaused, false]);
  },
};

const byServices = new WeakMap<Services, PlacementSeams>();

/** Install the pool's implementations for a server; returns the function that removes them. */
export function registerPlacementSeams(services: Services, seams: PlacementSeams): () => void {
  byServices.set(services, seams);
  return () => byServices.delete(services);
}

export function placementSeams(services: Services): PlacementSeams {
  return byServices.get(services) ?? forwarding;
}
