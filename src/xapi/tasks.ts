// Tasks: every Async call runs under one, and clients may make their own
// (task.create) to follow HTTP transfers. A task's cancellation reaches the
// implementation as an AbortSignal; its result is stored as an XML-RPC
// <value> fragment, as xapi does, even for JSON-RPC clients.
import { ApiError, apiError } from '../datamodel/api-error.js';
import type { Ty, Value } from '../datamodel/types.js';
import type { Patch } from '../db/typed.js';
import type { TaskRecord, TaskStatusType } from '../generated/api-types.js';
import type { XapiDb } from './store.js';
import { encodeXmlValueFragment } from '../rpc/index.js';
import { serverFields } from './records.js';
import { now, systemClock, type Clock } from './time.js';
import { toXenApiError } from './xenapi-errors.js';
import { raiseTaskFailed } from './alerts/task-alerts.js';

export interface TaskHandle {
  readonly ref: string;
  readonly signal: AbortSignal;
  /** Report progress between 0 and 1 (written when it moves by 1% or more). */
  setProgress(p: number): void;
  /** Throw TASK_CANCELLED if the task has been cancelled. */
  checkCancelled(): void;
}

export interface TaskOptions {
  /** Finished tasks are destroyed after this long (xapi: 65 min). */
  readonly finishedTtlMs: number;
  /** Pending client-made tasks are destroyed after this long (xapi: 24 h). */
  readonly pendingTtlMs: number;
  /** Most tasks pending at once before TOO_MANY_PENDING_TASKS. */
  readonly maxPending: number;
  /** Where the times to live are measured from. */
  readonly clock: Clock;
}

export const DEFAULT_TASK_OPTIONS: TaskOptions = {
  finishedTtlMs: 65 * 60_000,
  pendingTtlMs: 24 * 3600_000,
  maxPending: 10_000,
  clock: systemClock,
};

interface Running {
  readonly controller: AbortController;
  progress: number;
}

export class Tasks {
  private readonly running = new Map<string, Running>();
  private readonly finishedAt = new Map<string, number>();
  private readonly createdAt = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: XapiDb,
    private readonly host: string,
    private readonly opts: TaskOptions = DEFAULT_TASK_OPTIONS,
  ) {
    // Tasks left pending by a previous run can never finish: fail them.
    const t = this.opts.clock();
    for (const [ref, row] of db.all('task')) {
      // In a pool, each host looks after the tasks that run on it.
      if (row.resident_on !== this.host) continue;
      if (row.status === 'pending' && !isClientTask(row)) {
        this.finish(ref, 'failure', {
          error_info: ['INTERNAL_ERROR', 'The server restarted while the task was running'],
        });
      }
      if (row.status === 'pending') this.createdAt.set(ref, t);
      else this.finishedAt.set(ref, t);
    }
    this.timer = setInterval(() => this.collect(), 60_000);
    this.timer.unref();
  }

  private newTask(label: string, description: string, client: boolean): string {
    if (this.running.size >= this.opts.maxPending) throw apiError('TOO_MANY_PENDING_TASKS', {});
    const ref = this.db.create(
      'task',
      serverFields('task', {
        name_label: label,
        name_description: description,
        status: 'pending',
        created: now(),
        resident_on: this.host,
        progress: 0,
        allowed_operations: ['cancel'],
        other_config: client ? { 'xapi-ts:client-task': 'true' } : {},
      }),
    );
    this.createdAt.set(ref, this.opts.clock());
    return ref;
  }

  /** task.create: a task the client completes itself. */
  create(label: string, description: string): string {
    return this.newTask(label, description, true);
  }

  /**
   * Start `work` under a new task and return the task's ref at once. The
   * result is stored with its wire type once the work ends.
   */
  run(label: string, resultTy: Ty, work: (task: TaskHandle) => Promise<Value | void>): string {
    const ref = this.newTask(label, '', false);
    const controller = new AbortController();
    const state: Running = { controller, progress: 0 };
    this.running.set(ref, state);
    const handle = this.handle(ref, state);
    // Let the caller get the ref before the work starts.
    setImmediate(() => {
      work(handle).then(
        (value) => {
          this.running.delete(ref);
          if (controller.signal.aborted) this.cancelled(ref);
          else this.succeed(ref, resultTy, value ?? '');
        },
        (e: unknown) => {
          this.running.delete(ref);
          if (controller.signal.aborted || (e instanceof ApiError && e.code === 'TASK_CANCELLED')) {
            this.cancelled(ref);
          } else {
            // Work started outside the dispatcher (host power) fails as XenAPI errors too.
            const err = toXenApiError(e, { task: ref });
            this.db.transaction(() => {
              this.finish(ref, 'failure', {
                error_info: err.toWire(),
                backtrace: e instanceof Error && !(e instanceof ApiError) ? String(e.stack ?? '') : '()',
              });
              raiseTaskFailed(this.db, ref, err.toWire());
            });
          }
        },
      );
    });
    return ref;
  }

  /** A handle for an existing task (a sync call running under `task-id`, or a client task). */
  private handle(ref: string, state: Running): TaskHandle {
    const db = this.db;
    return {
      ref,
      signal: state.controller.signal,
      setProgress(p: number) {
        const v = Math.max(0, Math.min(1, p));
        if (Math.abs(v - state.progress) < 0.01 && v !== 1) return;
        state.progress = v;
        if (db.has('task', ref)) db.update('task', ref, { progress: v });
      },
      checkCancelled() {
        if (state.controller.signal.aborted) throw apiError('TASK_CANCELLED', { task: ref });
      },
    };
  }

  private succeed(ref: string, ty: Ty, value: Value): void {
    this.finish(ref, 'success', { result: ty.kind === 'void' ? '' : encodeXmlValueFragment(value, ty) });
  }

  private cancelled(ref: string): void {
    this.finish(ref, 'cancelled', { error_info: ['TASK_CANCELLED', ref] });
  }

  private finish(ref: string, status: TaskStatusType, fields: Patch<TaskRecord>): void {
    if (!this.db.has('task', ref)) return;
    this.db.update('task', ref, {
      ...fields,
      status,
      progress: 1,
      finished: now(),
      allowed_operations: [],
      current_operations: {},
    });
    this.createdAt.delete(ref);
    this.finishedAt.set(ref, this.opts.clock());
  }

  /** task.cancel. */
  cancel(ref: string): void {
    const row = this.db.get('task', ref);
    if (row.status !== 'pending') {
      throw apiError('OPERATION_NOT_ALLOWED', { reason: `task ${ref} is not pending` });
    }
    const r = this.running.get(ref);
    if (r) r.controller.abort(apiError('TASK_CANCELLED', { task: ref }));
    else this.cancelled(ref); // a client-made task has nobody else to tell
  }

  /** task.destroy: a pending task is cancelled first. */
  destroy(ref: string): void {
    this.db.get('task', ref);
    this.running.get(ref)?.controller.abort(apiError('TASK_CANCELLED', { task: ref }));
    this.running.delete(ref);
    this.finishedAt.delete(ref);
    this.createdAt.delete(ref);
    this.db.destroy('task', ref);
  }

  /** For client-made tasks: task.set_status / set_progress / set_result / set_error_info. */
  setClientField(ref: string, changes: Patch<TaskRecord>): void {
    this.db.get('task', ref);
    const finishing = typeof changes.status === 'string' && changes.status !== 'pending';
    this.db.update(
      'task',
      ref,
      finishing ? { ...changes, finished: now(), allowed_operations: [] } : changes,
    );
    if (finishing) {
      this.createdAt.delete(ref);
      this.finishedAt.set(ref, this.opts.clock());
    }
  }

  pendingCount(): number {
    return this.running.size;
  }

  /** Garbage-collect old tasks. */
  collect(at = this.opts.clock()): void {
    for (const [ref, t] of this.finishedAt) {
      if (at - t > this.opts.finishedTtlMs) this.destroySilently(ref);
    }
    for (const [ref, t] of this.createdAt) {
      if (!this.running.has(ref) && at - t > this.opts.pendingTtlMs) this.destroySilently(ref);
    }
  }

  private destroySilently(ref: string): void {
    this.finishedAt.delete(ref);
    this.createdAt.delete(ref);
    if (this.db.has('task', ref)) this.db.destroy('task', ref);
  }

  close(): void {
    clearInterval(this.timer);
    for (const r of this.running.values()) r.controller.abort();
  }
}

function isClientTask(row: TaskRecord): boolean {
  return row.other_config['xapi-ts:client-task'] === 'true';
}
