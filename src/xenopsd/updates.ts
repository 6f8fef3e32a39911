// UPDATES: "something changed" notifications with coalescing and barriers.
// Each id maps to the counter of its latest change, so repeated changes
// coalesce into one entry; `get` long-polls for entries newer than a token.
import type { Barrier, DynamicId } from './types.js';

interface BarrierEntry {
  readonly id: number;
  readonly eventId: number;
  readonly ids: readonly DynamicId[];
}

export interface UpdatesResult {
  readonly barriers: readonly Barrier[];
  readonly ids: readonly DynamicId[];
  readonly next: number;
}

const keyOf = (id: DynamicId): string => JSON.stringify(id);

function vmOf(id: DynamicId): string | undefined {
  switch (id[0]) {
    case 'Vm':
      return id[1];
    case 'Task':
      return undefined;
    default:
      return id[1][0];
  }
}

export class Updates {
  /** Insertion order is counter order: an updated key is deleted and re-added. */
  private readonly entries = new Map<string, { readonly id: DynamicId; readonly n: number }>();
  private barriers: BarrierEntry[] = [];
  private counter = 0;
  private waiters = new Set<() => void>();

  add(id: DynamicId): void {
    const k = keyOf(id);
    this.entries.delete(k);
    this.entries.set(k, { id, n: ++this.counter });
    this.wake();
  }

  remove(id: DynamicId): void {
    if (this.entries.delete(keyOf(id))) {
      this.counter++;
      this.wake();
    }
  }

  lastId(): number {
    return this.counter;
  }

  injectBarrier(vm: string, barrierId: number): void {
    const ids = [...this.entries.values()].filter((e) => vmOf(e.id) === vm).map((e) => e.id);
    this.barriers.push({ id: barrierId, eventId: ++this.counter, ids });
    this.wake();
  }

  removeBarrier(barrierId: number): void {
    this.barriers = this.barriers.filter((b) => b.id !== barrierId);
  }

  /** Entries newer than `from` (all of them for undefined), waiting up to `timeoutS` while there are none. */
  async get(
    from: number | undefined,
    timeoutS: number | undefined,
    signal?: AbortSignal,
  ): Promise<UpdatesResult> {
    const since = from ?? 0;
    const deadline = timeoutS === undefined ? Infinity : Date.now() + timeoutS * 1000;
    for (;;) {
      const r = this.collect(since);
      const left = deadline - Date.now();
      if (r.ids.length > 0 || r.barriers.length > 0 || left <= 0 || signal?.aborted || this.closed) return r;
      // Woken by a change that may not concern us (a removal): wait again for what is left.
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.waiters.delete(done);
          if (timer) clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = left === Infinity ? undefined : setTimeout(done, left);
        this.waiters.add(done);
        signal?.addEventListener('abort', done, { once: true });
      });
    }
  }

  private closed = false;

  /** Answer every pending long-poll now (the daemon is stopping). */
  close(): void {
    this.closed = true;
    for (const w of [...this.waiters]) w();
  }

  private collect(since: number): UpdatesResult {
    const ids: DynamicId[] = [];
    let next = since;
    // Walk newest first and stop at the first old entry: entries are in counter order.
    const all = [...this.entries.values()];
    let i = all.length - 1;
    while (i >= 0 && (all[i]?.n ?? 0) > since) i--;
    for (let j = i + 1; j < all.length; j++) {
      const e = all[j];
      if (!e) continue;
      ids.push(e.id);
      next = Math.max(next, e.n);
    }
    const barriers: Barrier[] = [];
    for (const b of this.barriers) {
      if (b.eventId > since) {
        barriers.push([b.id, b.ids]);
        next = Math.max(next, b.eventId);
      }
    }
    return { barriers, ids, next };
  }

  private wake(): void {
    if (this.waiters.size === 0) return;
    const ws = [...this.waiters];
    this.waiters.clear();
    for (const w of ws) w();
  }

  diagnostics(): { last_id: number; entries: number; barriers: number; waiters: number } {
    return {
      last_id: this.counter,
      entries: this.entries.size,
      barriers: this.barriers.length,
      waiters: this.waiters.size,
    };
  }
}
