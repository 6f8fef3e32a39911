// A slave's read-only copy of the pool database: loaded at one revision, then
// fed by one watch on the pool prefix from the next revision. etcd delivers
// events in revision order and all the events of one master commit (one Txn)
// share a revision, so each group is applied as one change: event.from
// waiters on this host see whole commits, in the master's order.
import { EventEmitter } from 'node:events';
import type { ClassDecl, RelationDecl } from '../../datamodel/types.js';
import type { Tombstone } from '../events.js';
import { MemoryStore, type LoadedRow, type ReplicatedChange } from '../memory.js';
import type { Ref } from '../store.js';
import type { EtcdClient, WatchEvent, WatchHandle } from './client.js';
import { decodeRecord, decodeTombstone, PoolKeys } from './keys.js';
import { loadPool } from './store.js';

export const REPLICA_READ_ONLY =
  'this host holds a read-only replica of the pool database; the master writes';

export interface ReplicaOptions {
  readonly client: EtcdClient;
  readonly poolUuid: string;
  readonly classes: readonly ClassDecl[];
  readonly relations?: readonly RelationDecl[];
  readonly tombstoneLimit?: number;
  /**
   * Accept local writes (a slave's xapi forwards them to the master and
   * applies them here at once, src/pool/forwarding-store.ts); the master's
   * commits replace them as they arrive. Default: read-only.
   */
  readonly localWrites?: boolean;
}

/**
 * Events: `error` (Error) when the watch cannot go on (e.g. compacted past
 * it) or a commit cannot be applied; the host must then load again. Listen
 * for it: an EventEmitter `error` without a listener throws.
 */
export class EtcdReplica extends EventEmitter {
  private watch: WatchHandle | undefined;
  private waiters: { rev: number; resolve: (ok: boolean) => void }[] = [];
  private readonly decls: ReadonlyMap<string, ClassDecl>;
  private closed = false;

  private constructor(
    readonly store: MemoryStore,
    private readonly keys: PoolKeys,
    /** The etcd revision the store reflects. */
    public revision: number,
    classes: readonly ClassDecl[],
  ) {
    super();
    this.decls = new Map(classes.filter((c) => c.inDb).map((c) => [c.name, c]));
  }

  static async open(opts: ReplicaOptions): Promise<EtcdReplica> {
    const keys = new PoolKeys(opts.poolUuid);
    const loaded = await loadPool(opts.client, keys, opts.classes, false);
    const store = new MemoryStore({
      classes: opts.classes,
      relations: opts.relations ?? [],
      ...(opts.tombstoneLimit === undefined ? {} : { tombstoneLimit: opts.tombstoneLimit }),
      initial: loaded.state,
      ...(opts.localWrites ? {} : { readOnly: REPLICA_READ_ONLY }),
    });
    const replica = new EtcdReplica(store, keys, loaded.revision, opts.classes);
    replica.watch = await opts.client.watch(
      keys.root,
      loaded.revision + 1,
      (events) => {
        // An exception here would be rethrown by etcd3 outside any caller.
        try {
          replica.apply(events);
        } catch (e) {
          replica.emit('error', e);
        }
      },
      (e) => replica.emit('error', e),
    );
    return replica;
  }

  private apply(events: readonly WatchEvent[]): void {
    if (this.closed) return;
    // One reply may carry several revisions; apply them one by one.
    let i = 0;
    while (i < events.length) {
      const rev = (events[i] as WatchEvent).kv.modRevision;
      let j = i;
      while (j < events.length && (events[j] as WatchEvent).kv.modRevision === rev) j++;
      if (rev > this.revision) this.applyRevision(events.slice(i, j), rev);
      i = j;
    }
  }

  private applyRevision(events: readonly WatchEvent[], rev: number): void {
    const upserts: LoadedRow[] = [];
    const deletes: Ref[] = [];
    const tombstones: Tombstone[] = [];
    const droppedTombstones: Ref[] = [];
    const counters: { -readonly [K in 'generation' | 'messageGeneration' | 'lostBefore']?: number } = {};
    for (const e of events) {
      const k = this.keys.parse(e.kv.key);
      if (!k) continue;
      if (k.kind === 'obj') {
        if (e.type === 'delete') {
          deletes.push(k.ref);
          continue;
        }
        const cls = this.decls.get(k.table);
        if (!cls) continue;
        const d = decodeRecord(cls, e.kv.value.toString(), false);
        upserts.push({ table: k.table, ref: k.ref, created: d.created, modified: d.modified, row: d.row });
      } else if (k.kind === 'tomb') {
        if (e.type === 'delete') droppedTombstones.push(k.ref);
        else tombstones.push(decodeTombstone(k.ref, e.kv.value.toString()));
      } else if (e.type === 'put') {
        const v = Number(e.kv.value.toString());
        if (k.name === 'generation') counters.generation = v;
        else if (k.name === 'message_generation') counters.messageGeneration = v;
        else if (k.name === 'lost_before') counters.lostBefore = v;
      }
    }
    const change: ReplicatedChange = { upserts, deletes, tombstones, droppedTombstones, ...counters };
    this.store.applyReplicated(change);
    this.revision = rev;
    const still = [];
    for (const w of this.waiters) {
      if (w.rev <= rev) w.resolve(true);
      else still.push(w);
    }
    this.waiters = still;
  }

  /**
   * Resolves true once the replica reflects etcd revision `rev` (e.g. a commit
   * revision, for read-your-writes), false if `signal` aborts or it closes.
   */
  waitForRevision(rev: number, signal?: AbortSignal): Promise<boolean> {
    if (this.revision >= rev) return Promise.resolve(true);
    if (this.closed || signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const w = { rev, resolve };
      this.waiters.push(w);
      signal?.addEventListener('abort', () => {
        this.waiters = this.waiters.filter((x) => x !== w);
        resolve(false);
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.waiters) w.resolve(false);
    this.waiters = [];
    await this.watch?.cancel();
    await this.store.close();
  }
}
