// Recovering an outgoing migration that a killed xenopsd left in flight
// (migration-log.ts). The rule: the VM runs in exactly one place. Before the
// commit was sent the destination cannot have unpaused its copy, so the source
// guest resumes and the destination's copy is torn down (if it can be reached).
// Once the commit may have been sent, only the destination's answer decides:
// running there → finish removing the source; a complete copy still paused there
// → send the commit again and look once more; no copy there → resume here; no
// answer → hold: the source guest stays stopped and the migration stays recorded
// (get_diagnostics lists it) and is retried until the destination answers.
import type { ExecContext } from './exec-context.js';
import type { Executor, ProgressTask } from './executor.js';
import { migrationIds } from './migration-ids.js';
import type { OutgoingMigration, OutgoingPhase } from './migration-log.js';
import { planOperation, type PlanContext } from './planner.js';
import { awaitRemoteTask } from './remote.js';
import type { PowerState } from './types.js';

/** What the destination says of the VM's copy, or that it did not answer. */
export type DestinationView = PowerState | 'absent' | 'unreachable';

export type RecoveryAction =
  /** The destination runs the VM: shut down and remove the source domain. */
  | 'finish'
  /** The destination holds a complete paused copy and the commit may be lost: commit again. */
  | 'commit-again'
  /** Tear down the destination's copy (if reachable), resume the source guest. */
  | 'resume'
  /** Do nothing yet: the guest might run at the destination. */
  | 'hold';

/**
 * The decision, pure. `view` is not needed for `committed`; `retried` says the
 * commit was already sent again during this recovery.
 */
export function recoveryAction(phase: OutgoingPhase, view: DestinationView, retried = false): RecoveryAction {
  if (phase === 'committed') return 'finish';
  // A running copy there is never doubled here, whatever the phase says.
  if (view === 'Running') return phase === 'commit' ? 'finish' : 'hold';
  if (phase !== 'commit') return 'resume';
  if (view === 'unreachable') return 'hold';
  if (view === 'Paused') return retried ? 'resume' : 'commit-again';
  return 'resume';
}

export interface RecoveryDeps {
  readonly ctx: ExecContext;
  readonly executor: Executor;
  readonly plan: (vm: string) => PlanContext;
}

const dbgOf = (m: OutgoingMigration): string => `migrate-recover ${m.vm}`;

/** How long the destination has to answer (a call over the switch to a dead daemon would wait forever). */
const answerMs = 10_000;

/** `p`'s value, or `fallback` if it fails or takes longer than `ms`. */
async function bounded<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([p.catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function view(deps: RecoveryDeps, m: OutgoingMigration): Promise<DestinationView> {
  const ask = async (): Promise<DestinationView> =>
    (await deps.ctx.remote(m.url)).powerState(dbgOf(m), m.tmp);
  return bounded(ask(), answerMs, 'unreachable');
}

/** Shut down and forget VM `id` here (its plan runs the usual hooks). */
async function removeHere(deps: RecoveryDeps, id: string, h: ProgressTask): Promise<void> {
  if (!deps.ctx.db.has(id)) return;
  await deps.executor.run(planOperation({ op: 'VM_poweroff', id }, deps.plan(id)), h);
  await deps.executor.run([{ op: 'VM_remove', vm: id }], h);
}

async function resumeHere(deps: RecoveryDeps, id: string, h: ProgressTask): Promise<void> {
  const { db, backend } = deps.ctx;
  if (!db.has(id)) return;
  await backend.migration.abortOutgoing(h, db.vm(id));
  deps.ctx.updates.add(['Vm', id]);
}

/** Best effort: the destination shuts down and removes its (uncommitted) copy. */
async function tearDownThere(deps: RecoveryDeps, m: OutgoingMigration, h: ProgressTask): Promise<void> {
  const dbg = dbgOf(m);
  const tearDown = async (): Promise<void> => {
    const remote = await deps.ctx.remote(m.url);
    const t = await remote.shutdown(dbg, m.tmp).catch(() => undefined);
    if (t !== undefined) await awaitRemoteTask(remote, dbg, t, h).catch(() => undefined);
    await remote.remove(dbg, m.tmp).catch(() => undefined);
  };
  // unreachable: its copy cannot run (no commit took) and its own restart removes it
  await bounded(tearDown(), 6 * answerMs, undefined);
}

/** A migration to this same xenopsd: both halves are here, the domains themselves tell. */
async function recoverLocal(deps: RecoveryDeps, m: OutgoingMigration, h: ProgressTask): Promise<void> {
  const { db, backend } = deps.ctx;
  const ids = migrationIds(m.vm);
  if (db.has(ids.src)) return removeHere(deps, ids.src, h); // the ids were swapped: committed
  if (db.has(m.tmp)) {
    const power = (await backend.vm.getState(db.vm(m.tmp))).power_state;
    if (power === 'Running') {
      // unpaused but not yet renamed: the copy takes the VM's id
      await removeHere(deps, m.vm, h);
      await deps.executor.run([{ op: 'VM_rename', vm: m.tmp, to: m.vm }], h);
      return;
    }
    await removeHere(deps, m.tmp, h);
  }
  await resumeHere(deps, m.vm, h);
}

/**
 * Resolve one interrupted migration. True when it is resolved (the caller clears
 * the record); false when it must be held and retried later.
 */
export async function recoverOutgoing(
  deps: RecoveryDeps,
  m: OutgoingMigration,
  h: ProgressTask,
): Promise<boolean> {
  if (m.local) {
    await recoverLocal(deps, m, h);
    return true;
  }
  let retried = false;
  for (;;) {
    const v = m.phase === 'committed' ? 'Running' : await view(deps, m);
    const action = recoveryAction(m.phase, v, retried);
    switch (action) {
      case 'finish':
        await removeHere(deps, m.vm, h);
        return true;
      case 'resume':
        await tearDownThere(deps, m, h);
        await resumeHere(deps, m.vm, h);
        return true;
      case 'hold':
        return false;
      case 'commit-again': {
        retried = true;
        const dbg = dbgOf(m);
        try {
          const remote = await deps.ctx.remote(m.url);
          // queued behind any commit of the dead run still in progress there
          await awaitRemoteTask(remote, dbg, await remote.receiveComplete(dbg, m.tmp, m.vm), h);
        } catch {
          // looked at again below
        }
        break;
      }
    }
  }
}
