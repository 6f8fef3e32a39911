// Per-VM FIFO queues served by a bounded pool of workers (the original's
// xapi-work-queues "Redirector"). Items with the same tag (the VM id) run one
// at a time, in order: while a worker owns a tag, new items for it wait in its
// FIFO. Tags are served round-robin, different tags in parallel. Identical
// check-state items already waiting are merged instead of queued twice.

export interface WorkItem {
  readonly description: string;
  /** Items with the same key waiting on the same tag are merged (check-state work). */
  readonly mergeKey?: string;
  run(): Promise<void>;
}

export interface QueueDiagnostics {
  readonly name: string;
  readonly size: number;
  readonly queues: Record<string, string[]>;
  readonly workers: { readonly busy: boolean; readonly tag?: string; readonly item?: string }[];
}

export class WorkQueues {
  private readonly queues = new Map<string, WorkItem[]>();
  /** Tags with waiting items that no worker owns, oldest first. */
  private readonly runnable: string[] = [];
  private readonly owned = new Map<string, string>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    readonly name: string,
    private size: number,
  ) {}

  /** Tags whose work goes to another tag's queue (a migration's temporary ids). */
  private readonly aliases = new Map<string, string>();

  /** From now on, items pushed for `alias` join the queue of `tag` (and its worker). */
  alias(tag: string, alias: string): void {
    if (tag !== alias) this.aliases.set(alias, tag);
  }

  /** Queue an item; returns the item that will actually run (an earlier one if merged). */
  push(pushed: string, item: WorkItem): WorkItem {
    const tag = this.aliases.get(pushed) ?? pushed;
    let q = this.queues.get(tag);
    if (!q) {
      q = [];
      this.queues.set(tag, q);
    }
    if (item.mergeKey !== undefined) {
      const same = q.find((i) => i.mergeKey === item.mergeKey);
      if (same) return same;
    }
    q.push(item);
    if (q.length === 1 && !this.owned.has(tag)) this.runnable.push(tag);
    this.pump();
    return item;
  }

  setSize(n: number): void {
    this.size = Math.max(1, Math.floor(n));
    this.pump();
  }

  get busy(): boolean {
    return this.owned.size > 0 || this.runnable.length > 0;
  }

  /** Resolves once nothing is queued or running. */
  idle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private pump(): void {
    while (this.owned.size < this.size && this.runnable.length > 0) {
      const tag = this.runnable.shift() as string;
      const item = this.queues.get(tag)?.shift();
      if (!item) continue;
      this.owned.set(tag, item.description);
      void this.work(tag, item);
    }
  }

  private async work(tag: string, item: WorkItem): Promise<void> {
    try {
      await item.run();
    } catch {
      // Items report their own failures through their task.
    }
    this.owned.delete(tag);
    const q = this.queues.get(tag);
    if (q && q.length > 0) this.runnable.push(tag);
    else this.queues.delete(tag);
    this.pump();
    if (!this.busy) {
      const ws = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of ws) w();
    }
  }

  diagnostics(): QueueDiagnostics {
    const queues: Record<string, string[]> = {};
    for (const [tag, q] of this.queues) if (q.length > 0) queues[tag] = q.map((i) => i.description);
    const workers = [...this.owned].map(([tag, item]) => ({ busy: true, tag, item }));
    while (workers.length < this.size) workers.push({ busy: false } as (typeof workers)[number]);
    return { name: this.name, size: this.size, queues, workers };
  }
}

/** A counting semaphore: bounds how many parallel sub-steps run at once. */
export class Semaphore {
  private waiting: (() => void)[] = [];
  private active = 0;

  constructor(private readonly limit: number) {}

  async with<T>(f: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    else this.active++;
    try {
      return await f();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  get inUse(): number {
    return this.active;
  }
}
