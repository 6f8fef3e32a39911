// Tasks: one per queued operation, in memory only (the work they describe
// does not survive a restart either). Ids are decimal strings from a
// process-wide counter. A task is also the handle backends see: progress,
// cancel points and an AbortSignal.
import { apiError, toApiError } from '../datamodel/api-error.js';
import type { TaskHandle } from './backends/api.js';
import type { Json } from '../idl/index.js';
import type { TaskInfo, TaskState } from './types.js';

export class Task implements TaskHandle {
  state: TaskState = ['Pending', 0];
  cancellable = true;
  cancelPointsSeen = 0;
  destroyOnFinish = false;
  private readonly controller = new AbortController();
  private cancelling = false;
  private sectionStart = 0;
  private sectionWidth = 1;
  readonly ctime = Date.now() / 1000;
  private readonly started = Date.now();
  private resolveDone: () => void = () => undefined;
  /** Settles when the task reaches a terminal state. */
  readonly done: Promise<void> = new Promise((r) => (this.resolveDone = r));

  constructor(
    readonly id: string,
    readonly dbg: string,
    private readonly changed: (t: Task) => void,
    private readonly cancelAt?: number,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get finished(): boolean {
    return this.state[0] !== 'Pending';
  }

  /** Make `progress(f)` report within [start, start + width] of the whole bar. */
  section(start: number, width: number): void {
    this.sectionStart = start;
    this.sectionWidth = width;
    this.setProgress(start);
  }

  progress(fraction: number): void {
    this.setProgress(this.sectionStart + this.sectionWidth * Math.min(1, Math.max(0, fraction)));
  }

  private setProgress(p: number): void {
    if (this.finished) return;
    const cur = this.state[1] as number;
    if (p > cur) {
      this.state = ['Pending', Math.min(1, p)];
      this.changed(this);
    }
  }

  cancelPoint(): void {
    this.cancelPointsSeen++;
    if (this.cancelAt !== undefined && this.cancelPointsSeen === this.cancelAt) this.cancel();
    if (this.cancelling && this.cancellable) throw apiError('XENOPS_CANCELLED', { task: this.id });
  }

  prohibitCancellation(): void {
    this.cancellable = false;
  }

  /** Ask the task to stop at its next cancel point. Ignored once it cannot be cancelled. */
  cancel(): void {
    if (!this.cancellable || this.finished || this.cancelling) return;
    this.cancelling = true;
    this.controller.abort();
    this.changed(this);
  }

  complete(result?: Json): void {
    if (this.finished) return;
    const duration = (Date.now() - this.started) / 1000;
    this.state = ['Completed', result === undefined ? { duration } : { duration, result }];
    this.resolveDone();
    this.changed(this);
  }

  fail(e: unknown): void {
    if (this.finished) return;
    this.state = ['Failed', toApiError(e).toWire()];
    this.resolveDone();
    this.changed(this);
  }

  info(): TaskInfo {
    return {
      id: this.id,
      dbg: this.dbg,
      ctime: this.ctime,
      state: this.state,
      subtasks: [],
      debug_info: { cancel_points_seen: String(this.cancelPointsSeen) },
      backtrace: '',
      cancellable: this.cancellable,
    };
  }
}

export class TaskTable {
  private readonly tasks = new Map<string, Task>();
  private counter = 0;
  /** dbg → cancel point at which the next task with that dbg cancels itself. */
  private readonly cancelTriggers = new Map<string, number>();

  constructor(
    private readonly onChange: (t: Task) => void,
    private readonly onDestroy: (id: string) => void,
  ) {}

  create(dbg: string): Task {
    const id = String(this.counter++);
    const at = this.cancelTriggers.get(dbg);
    if (at !== undefined) this.cancelTriggers.delete(dbg);
    const t = new Task(id, dbg, (task) => this.changed(task), at);
    this.tasks.set(id, t);
    return t;
  }

  setCancelTrigger(dbg: string, n: number): void {
    this.cancelTriggers.set(dbg, n);
  }

  private changed(t: Task): void {
    if (t.finished && t.destroyOnFinish) {
      this.destroy(t.id);
      return;
    }
    this.onChange(t);
  }

  get(id: string): Task {
    const t = this.tasks.get(id);
    if (!t) throw apiError('XENOPS_DOES_NOT_EXIST', { kind: 'task', id });
    return t;
  }

  list(): Task[] {
    return [...this.tasks.values()];
  }

  cancel(id: string): void {
    this.get(id).cancel();
  }

  destroy(id: string): void {
    this.get(id);
    this.tasks.delete(id);
    this.onDestroy(id);
  }

  destroyOnFinish(id: string): void {
    const t = this.get(id);
    t.destroyOnFinish = true;
    if (t.finished) this.destroy(id);
  }
}
