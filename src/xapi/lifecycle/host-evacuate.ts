// Host evacuation: which VMs would have to move off a host, where they could
// go, and why they cannot. xapi's plan considers every other enabled host of
// the pool; the pools of this toolstack have one host (there is no pool.join),
// so there is never a target and every VM running on the host blocks its
// evacuation with NO_HOSTS_AVAILABLE, the error xapi gives when no other
// enabled host exists. A host with no running VMs evacuates trivially.
import { ApiError, apiError } from '../../datamodel/api-error.js';
import type { XapiDb } from '../store.js';
import type { CallContext } from '../context.js';
import { withHostOperation } from './host-operations.js';

/** The VMs resident on the host, control domains aside. */
export function residentUserVms(db: XapiDb, host: string): string[] {
  const out: string[] = [];
  for (const [ref, row] of db.all('VM')) {
    if (row.resident_on === host && !row.is_control_domain) out.push(ref);
  }
  return out;
}

/** The hosts VMs could be moved to: the other enabled hosts of the pool. */
export function evacuationTargets(db: XapiDb, host: string): string[] {
  return [...db.all('host')].filter(([ref, row]) => ref !== host && row.enabled).map(([r]) => r);
}

/**
 * The reason each VM cannot leave, as `[code, ...params]`, for the VMs that
 * cannot. With no target host every VM is blocked (NO_HOSTS_AVAILABLE, vm).
 */
export function evacuationBlockers(
  vms: readonly string[],
  targets: readonly string[],
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (targets.length === 0) for (const vm of vms) out.set(vm, ['NO_HOSTS_AVAILABLE', vm]);
  return out;
}

function blockersOf(db: XapiDb, host: string): Map<string, string[]> {
  db.get('host', host); // HANDLE_INVALID for a bad ref
  return evacuationBlockers(residentUserVms(db, host), evacuationTargets(db, host));
}

/** host.get_vms_which_prevent_evacuation. */
export function vmsWhichPreventEvacuation(db: XapiDb, host: string): Record<string, string[]> {
  return Object.fromEntries(blockersOf(db, host));
}

/** host.assert_can_evacuate: xapi's CANNOT_EVACUATE_HOST lists `code,params` per VM, joined by `|`. */
export function assertCanEvacuate(db: XapiDb, host: string): void {
  const reasons = [...blockersOf(db, host).values()].map((r) => r.join(','));
  if (reasons.length > 0) throw apiError('CANNOT_EVACUATE_HOST', { errors: reasons.join('|') });
}

/** host.evacuate: fails with the first blocking VM's error, moving nothing. */
export async function evacuateHost(
  ctx: CallContext,
  host: string,
  network: string,
  batch: number,
): Promise<void> {
  const { db } = ctx.services;
  if (network !== 'OpaqueRef:NULL') db.get('network', network);
  if (!Number.isInteger(batch) || batch < 0)
    throw apiError('INVALID_VALUE', { field: 'evacuate_batch_size', value: String(batch) });
  await withHostOperation(ctx, host, 'evacuate', async () => {
    const blockers = blockersOf(db, host);
    const first = blockers.values().next();
    // The error as xapi raises it: the code with the VM as its parameter.
    if (!first.done) throw new ApiError('NO_HOSTS_AVAILABLE', first.value.slice(1));
    if (residentUserVms(db, host).length > 0) {
      // Only reachable in a pool with another enabled host, which cannot be formed here.
      throw apiError('INTERNAL_ERROR', {
        message: 'evacuation to another host is not possible in this pool',
      });
    }
    ctx.task?.setProgress(1);
  });
}
