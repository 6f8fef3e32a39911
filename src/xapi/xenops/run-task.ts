// Running one xenops task to its end for a XenAPI call: start it, wait for it
// (woken by xenopsd's UPDATES, never by a timer), pass its progress to the
// caller's XenAPI task and the cancellation of that task to it, turn its
// failure into a XenAPI error, and read back from xenopsd what it touched.
import { apiError } from '../../datamodel/api-error.js';
import type { Client } from '../../idl/index.js';
import type { XenopsInterface } from '../../idl/xenops.js';
import type { CallContext, Services } from '../context.js';
import type { TaskHandle } from '../tasks.js';
import { fromXenopsError, fromXenopsFailure } from './errors.js';
import type { XenopsLink } from './link.js';

/** What running a xenops task needs of a XenAPI call. */
export type XenopsCaller = Pick<CallContext, 'task' | 'signal' | 'method'> & {
  readonly services: Pick<Services, 'xenops'>;
};

/** This host's xenopsd, or OPERATION_NOT_ALLOWED when none is configured. */
export function linkOf(ctx: { readonly services: Pick<Services, 'xenops'> }): XenopsLink {
  const link = ctx.services.xenops;
  if (!link)
    throw apiError('OPERATION_NOT_ALLOWED', { reason: 'this host has no VM manager (xenopsd) configured' });
  return link;
}

/** The dbg string of a call's xenops requests: its XenAPI task, else the method. */
export const dbg = (ctx: Pick<CallContext, 'task' | 'method'>): string => ctx.task?.ref ?? ctx.method;

/** An object a xenops task changes: a VM (by uuid) or one of its devices (by VM uuid and name). */
export type Touched =
  { readonly vm: string } | { readonly device: 'VBD' | 'VIF'; readonly vm: string; readonly name: string };

export interface RunOptions {
  /** Read back from xenopsd once the task has ended, however it ended. */
  readonly touches?: readonly Touched[];
  /** The dbg of the start call (default: the call's task or method). */
  readonly dbg?: string;
  /**
   * Run outside the caller's XenAPI task: no progress on it, and its
   * cancellation does not reach this task (an undo that must run even when
   * the call was cancelled).
   */
  readonly detached?: boolean;
}

/** Starts a xenops task and returns its id, e.g. `(x, dbg) => x.call('VM.pause', { dbg, id })`. */
export type StartTask = (client: Client<XenopsInterface>, dbg: string) => Promise<string>;

const DBG = 'xapi';

/**
 * Run a xenops task to its end and return its result. Failures (of the start
 * call or of the task) are XenAPI errors; a cancelled task is the XenAPI
 * task's TASK_CANCELLED. The touched objects are read back after success and
 * after failure alike; that read-back is best effort, since the UPDATES loop
 * re-reads every object xenopsd reports changed and a completed task is not
 * made a failure by a reply that did not come.
 */
export async function runXenopsTask(
  ctx: XenopsCaller,
  start: StartTask,
  opts: RunOptions = {},
): Promise<unknown> {
  const link = linkOf(ctx);
  const task = opts.detached ? undefined : ctx.task;
  const signal = opts.detached ? undefined : ctx.signal;
  try {
    const id = await start(link.client, opts.dbg ?? dbg(ctx)).catch((e: unknown) => {
      throw fromXenopsError(e, task?.ref);
    });
    return await waitFor(link, id, task, signal);
  } finally {
    for (const t of opts.touches ?? []) {
      await ('device' in t ? link.refreshDevice(t.device, t.vm, t.name) : link.refreshVm(t.vm)).catch(
        () => undefined,
      );
    }
  }
}

/** Wait for the task's end, reporting its progress on `task`; aborting `signal` cancels it. */
async function waitFor(
  link: XenopsLink,
  id: string,
  task: TaskHandle | undefined,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  // Watching before the first read, so that a change between the two is not missed.
  const watch = link.watchTask(id);
  let cancelled = false;
  try {
    for (;;) {
      const { state } = await link.client.call('Task.stat', { dbg: DBG, id });
      if (state[0] === 'Completed') return state[1].result;
      if (state[0] === 'Failed') throw fromXenopsFailure(state[1], task?.ref);
      task?.setProgress(state[1]);
      if (signal?.aborted && !cancelled) {
        cancelled = true;
        await link.client.call('Task.cancel', { dbg: DBG, id });
        continue;
      }
      await watch.next(cancelled ? undefined : signal);
    }
  } catch (e) {
    throw fromXenopsError(e, task?.ref);
  } finally {
    watch.close();
    link.client.call('Task.destroy', { dbg: DBG, id }).catch(() => undefined);
  }
}
