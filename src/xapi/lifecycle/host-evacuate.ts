// Host evacuation: host.get_vms_which_prevent_evacuation,
// host.assert_can_evacuate and host.evacuate, from the evacuation plan of
// src/xapi/placement/evacuation.ts (every other enabled host of the pool is
// a target; memory claimed by earlier moves counts). host.evacuate moves the
// VMs through the placement seam moveVm (VM.pool_migrate), in batches; a
// standalone host has no other host, so its running VMs block with
// NO_HOSTS_AVAILABLE and a host with none evacuates trivially.
import { ApiError, apiError } from '../../datamodel/api-error.js';
import { isErrorCode } from '../../datamodel/errors/index.js';
import type { XapiDb } from '../store.js';
import type { CallContext } from '../context.js';
import { withHostOperation } from './host-operations.js';
import { planEvacuation, type EvacuationPlan } from '../placement/evacuation.js';
import { readPoolSnapshot } from '../placement/snapshot.js';
import { placementSeams } from '../placement/seams.js';

const NULL_REF = 'OpaqueRef:NULL';

/** xapi.conf's evacuation-batch-size default: what a batch size of 0 means. */
export const DEFAULT_EVACUATION_BATCH = 10;

/** The VMs resident on the host, control domains aside. */
export function residentUserVms(db: XapiDb, host: string): string[] {
  const out: string[] = [];
  for (const [ref, row] of db.all('VM')) {
    if (row.resident_on === host && !row.is_control_domain) out.push(ref);
  }
  return out;
}

function planOf(db: XapiDb, host: string): EvacuationPlan {
  db.get('host', host); // HANDLE_INVALID for a bad ref
  return planEvacuation(readPoolSnapshot(db), host);
}

/** host.get_vms_which_prevent_evacuation. */
export function vmsWhichPreventEvacuation(db: XapiDb, host: string): Record<string, string[]> {
  return Object.fromEntries(planOf(db, host).blockers.map(([vm, why]) => [vm, [...why]]));
}

/** host.assert_can_evacuate: xapi's CANNOT_EVACUATE_HOST lists `code,params` per VM, joined by `|`. */
export function assertCanEvacuate(db: XapiDb, host: string): void {
  const reasons = planOf(db, host).blockers.map(([, why]) => why.join(','));
  if (reasons.length > 0) throw apiError('CANNOT_EVACUATE_HOST', { errors: reasons.join('|') });
}

/**
 * Run `fn` on every item, at most `n` at a time, a new one starting as soon
 * as one ends; `done` is told after each. Every started call is waited for;
 * the first failure is then thrown.
 */
export async function runBatched<T>(
  items: readonly T[],
  n: number,
  fn: (item: T) => Promise<void>,
  done: (count: number) => void = () => undefined,
): Promise<void> {
  let next = 0;
  let count = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failure) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (error) {
        failure ??= { error };
      }
      done(++count);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker));
  if (failure) throw failure.error;
}

/**
 * host.evacuate: fails with the first blocking VM's error, moving nothing;
 * otherwise moves every VM to its planned host, `batch` at a time (0: the
 * default). A VM that stopped meanwhile (VM_BAD_POWER_STATE) is not an
 * error, as in xapi.
 */
export async function evacuateHost(
  ctx: CallContext,
  host: string,
  network: string,
  batch: number,
): Promise<void> {
  const { db } = ctx.services;
  if (network !== NULL_REF) db.get('network', network);
  if (!Number.isInteger(batch) || batch < 0)
    throw apiError('INVALID_VALUE', { field: 'evacuate_batch_size', value: String(batch) });
  await withHostOperation(ctx, host, 'evacuate', async () => {
    const plan = planOf(db, host);
    const first = plan.blockers[0];
    // The error as xapi raises it: the plan's code and parameters.
    if (first) {
      const [code = 'INTERNAL_ERROR', ...params] = first[1];
      throw isErrorCode(code) ? new ApiError(code, params) : apiError('INTERNAL_ERROR', { message: code });
    }
    const options: Record<string, string> =
      network === NULL_REF ? { live: 'true' } : { network, live: 'true' };
    const seams = placementSeams(ctx.services);
    const moves = plan.moves;
    await runBatched(
      moves,
      batch > 0 ? batch : DEFAULT_EVACUATION_BATCH,
      async ([vm, target]) => {
        try {
          await seams.moveVm(ctx, vm, target, options);
        } catch (e) {
          if (!(e instanceof ApiError && e.code === 'VM_BAD_POWER_STATE')) throw e;
        }
      },
      (count) => ctx.task?.setProgress(count / moves.length),
    );
    ctx.task?.setProgress(1);
  });
}
