// Group commit of the master's MemoryStore to etcd.
//
// The store calls changed() once per committed store transaction; the sink
// drains it right then, so each queued batch is exactly one transaction (or a
// message-generation bump). At the end of the event-loop turn the queue is
// packed into etcd Txns — whole batches only, as many as fit under the
// cluster's max-txn-ops and max-request-bytes — each guarded by
// `create_revision(election key) == token`: a master that lost the election
// (its key deleted or expired and maybe recreated by another host) can never
// write. One Txn is in flight at a time, so etcd sees commits in order.
import { setImmediate } from 'node:timers';
import { ApiError } from '../../datamodel/api-error.js';
import type { MemoryStore, PersistBatch, PersistSink } from '../memory.js';
import type { Ref } from '../store.js';
import { opBytes, type EtcdClient, type Op } from './client.js';
import { encodeRecord, encodeTombstone, ETCD_FORMAT_VERSION, type PoolKeys } from './keys.js';

export interface Fence {
  /** The master's election key. */
  readonly key: string;
  /** Its create revision when this host was elected. */
  readonly createRevision: number;
}

export interface SinkLimits {
  /** The cluster's --max-txn-ops (etcd's default 128). */
  readonly maxTxnOps?: number;
  /** The cluster's --max-request-bytes (etcd's default 1.5 MiB). */
  readonly maxRequestBytes?: number;
}

/** The message flushes fail with once another host is master. */
export const DEPOSED_MESSAGE = 'pool database: this host is no longer the pool master';
/** The message flushes fail with when etcd cannot commit (no quorum, unreachable). */
export const UNAVAILABLE_MESSAGE = 'pool database unavailable';

const REQUEST_OVERHEAD = 4096;

interface Queued {
  readonly seq: number;
  readonly batch: PersistBatch;
  /** The table of each deleted ref, resolved when the batch was drained. */
  readonly deleted: ReadonlyMap<Ref, string>;
  readonly ops: number;
  readonly bytes: number;
}

interface Waiter {
  readonly seq: number;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

export class EtcdSink implements PersistSink {
  private queue: Queued[] = [];
  private waiting: Waiter[] = [];
  private seq = 0;
  private committed = 0;
  private scheduled = false;
  private inFlight = false;
  private closed = false;
  private deposedError: ApiError | undefined;
  /** Table of every ref written, so a deletion can name its key. */
  private readonly tableOf: Map<Ref, string>;
  private readonly maxOps: number;
  private readonly maxBytes: number;
  /** Revision of the last acknowledged commit. */
  revision = 0;

  constructor(
    private readonly store: MemoryStore,
    private readonly client: EtcdClient,
    private readonly keys: PoolKeys,
    private readonly fence: Fence,
    tableOf: Map<Ref, string>,
    limits: SinkLimits,
    private readonly onDeposed: (e: ApiError) => void,
  ) {
    this.tableOf = tableOf;
    this.maxOps = limits.maxTxnOps ?? 128;
    this.maxBytes = limits.maxRequestBytes ?? 1_572_864;
  }

  get deposed(): boolean {
    return this.deposedError !== undefined;
  }

  changed(): void {
    if (this.closed) return;
    const batch = this.store.drain();
    // Resolve deleted refs' tables now: a ref created and destroyed by two
    // transactions of one turn is known only from the earlier batch.
    for (const r of batch.upserts) this.tableOf.set(r.ref, r.table);
    const deleted = new Map<Ref, string>();
    for (const t of batch.tombstones) deleted.set(t.ref, t.table);
    for (const ref of batch.deletes) {
      const table = deleted.get(ref) ?? this.tableOf.get(ref);
      if (table !== undefined) deleted.set(ref, table);
      this.tableOf.delete(ref);
    }
    const q = { seq: ++this.seq, batch, deleted, ops: 0, bytes: REQUEST_OVERHEAD };
    const ops = this.opsOf(q, new Map());
    for (const op of ops.values()) q.bytes += opBytes(op);
    q.ops = ops.size;
    this.queue.push(q);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight || this.deposedError || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.commit();
    });
  }

  flush(): Promise<void> {
    if (this.deposedError) return Promise.reject(this.deposedError);
    if (this.committed >= this.seq) return Promise.resolve();
    const seq = this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.push({ seq, resolve, reject });
      this.schedule();
    });
  }

  /** The etcd ops of one batch, merged into `into` (a later write of a key replaces an earlier one). */
  private opsOf(q: Pick<Queued, 'batch' | 'deleted'>, into: Map<string, Op>): Map<string, Op> {
    const b = q.batch;
    for (const r of b.upserts) {
      const key = this.keys.obj(r.table, r.ref);
      into.set(key, { put: key, value: encodeRecord(r.created, r.modified, r.row) });
    }
    for (const [ref, table] of q.deleted) {
      const key = this.keys.obj(table, ref);
      into.set(key, { delete: key });
    }
    for (const ref of b.droppedTombstones) into.set(this.keys.tomb(ref), { delete: this.keys.tomb(ref) });
    for (const t of b.tombstones)
      into.set(this.keys.tomb(t.ref), { put: this.keys.tomb(t.ref), value: encodeTombstone(t) });
    const meta: [Parameters<PoolKeys['meta']>[0], number][] = [
      ['generation', b.generation],
      ['message_generation', b.messageGeneration],
      ['lost_before', b.lostBefore],
      ['format', ETCD_FORMAT_VERSION],
    ];
    for (const [name, v] of meta)
      into.set(this.keys.meta(name), { put: this.keys.meta(name), value: String(v) });
    return into;
  }

  private async commit(): Promise<void> {
    if (this.inFlight || this.deposedError || this.queue.length === 0) return;
    const first = this.queue[0] as Queued;
    if (first.ops > this.maxOps || first.bytes > this.maxBytes) {
      // A store transaction is never split; one this large is a bug.
      this.fail(
        new Error(
          `a store transaction of ${first.ops} etcd operations / ${first.bytes} bytes exceeds the pool database limits (${this.maxOps} / ${this.maxBytes})`,
        ),
      );
      return;
    }
    // Whole batches while they fit (their merged size is at most the sum).
    let n = 0;
    let ops = 0;
    let bytes = 0;
    for (const q of this.queue) {
      if (n > 0 && (ops + q.ops > this.maxOps || bytes + q.bytes > this.maxBytes)) break;
      ops += q.ops;
      bytes += q.bytes;
      n++;
    }
    const group = this.queue.slice(0, n);
    const merged = new Map<string, Op>();
    for (const q of group) this.opsOf(q, merged);
    this.inFlight = true;
    let result;
    try {
      result = await this.client.txn([this.fence], [...merged.values()]);
    } catch (e) {
      this.inFlight = false;
      // The batches stay queued; the next write or flush retries them.
      this.fail(new ApiError('INTERNAL_ERROR', [UNAVAILABLE_MESSAGE]), e);
      return;
    } finally {
      this.inFlight = false;
    }
    if (!result.succeeded) {
      this.depose();
      return;
    }
    this.queue.splice(0, n);
    this.revision = result.revision;
    this.committed = (group[group.length - 1] as Queued).seq;
    const still: Waiter[] = [];
    for (const w of this.waiting) {
      if (w.seq <= this.committed) w.resolve();
      else still.push(w);
    }
    this.waiting = still;
    this.schedule();
  }

  /** Reject everyone waiting; the queue is kept for a retry. */
  private fail(error: Error, cause?: unknown): void {
    if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause });
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) w.reject(error);
  }

  private depose(): void {
    this.deposedError = new ApiError('INTERNAL_ERROR', [DEPOSED_MESSAGE]);
    this.queue = [];
    this.fail(this.deposedError);
    this.onDeposed(this.deposedError);
  }

  async close(): Promise<void> {
    this.closed = true;
    // Give what is queued one chance to commit (as the SQLite sink does).
    if (!this.deposedError && this.queue.length > 0) await this.flush().catch(() => undefined);
  }
}
