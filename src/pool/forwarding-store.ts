// A slave's database as its own xapi sees it: reads come from the replica
// of the pool database, and every write is applied to the replica at once
// (so the code that made it reads it back, as on a master) and forwarded to
// the master as ops (forward.ts). The master's commit then reaches the
// replica through its watch, with the master's values and generations, and
// replaces the local ones.
//
// A forwarded batch the master refuses is not left standing: the refs it
// touched are read back from etcd and put back as the master holds them.
// Only this host's own writes come here (its VMs' state from its xenopsd,
// its metrics, the tasks and sessions of calls made on it); clients' writes
// reach the master directly.
import type { ClassDecl, Value } from '../datamodel/types.js';
import type { EtcdClient } from '../db/etcd/client.js';
import { decodeRecord, type PoolKeys } from '../db/etcd/keys.js';
import type { Filter } from '../db/filter.js';
import type { MemoryStore } from '../db/memory.js';
import type { Changes, EventToken, Fields, ObjectStore, Ref, Row } from '../db/store.js';
import { valueEquals } from '../db/values.js';
import { WriteForwarder, type WriteOp } from './forward.js';

/** How long flush() waits for the master to acknowledge forwarded writes. */
export const FORWARD_FLUSH_TIMEOUT_MS = 30_000;

export interface ForwardingStoreOptions {
  readonly replica: MemoryStore;
  /** Only its `write` is used. */
  readonly forwarder: Pick<WriteForwarder, 'write'>;
  /** Only its `get` is used (to reload what a refused batch touched). */
  readonly client: Pick<EtcdClient, 'get'>;
  readonly keys: PoolKeys;
  readonly classes: readonly ClassDecl[];
  readonly log: (line: string) => void;
}

export class ForwardingStore implements ObjectStore {
  private readonly inner: MemoryStore;
  private batch: WriteOp[] | null = null;
  private readonly pending = new Set<Promise<void>>();
  private readonly decls: ReadonlyMap<string, ClassDecl>;
  private closed = false;
  private abandoned = false;
  private wake: () => void = () => undefined;
  /** Resolves when the store is abandoned: a flush waiting then returns at once. */
  private readonly abandonedNow = new Promise<void>((resolve) => {
    this.wake = resolve;
  });

  constructor(private readonly opts: ForwardingStoreOptions) {
    this.inner = opts.replica;
    this.decls = new Map(opts.classes.map((c) => [c.name, c]));
  }

  // ---------------------------------------------------------------- reads
  get(cls: string, ref: Ref): Row {
    return this.inner.get(cls, ref);
  }
  find(cls: string, ref: Ref): Row | undefined {
    return this.inner.find(cls, ref);
  }
  has(cls: string, ref: Ref): boolean {
    return this.inner.has(cls, ref);
  }
  classOf(ref: Ref): string | undefined {
    return this.inner.classOf(ref);
  }
  all(cls: string): IterableIterator<[Ref, Row]> {
    return this.inner.all(cls);
  }
  count(cls: string): number {
    return this.inner.count(cls);
  }
  refByUuid(cls: string, uuid: string): Ref | undefined {
    return this.inner.refByUuid(cls, uuid);
  }
  refsByNameLabel(cls: string, label: string): Ref[] {
    return this.inner.refsByNameLabel(cls, label);
  }
  where(cls: string, filter: Filter): [Ref, Row][] {
    return this.inner.where(cls, filter);
  }
  validRefCounts(): Record<string, number> {
    return this.inner.validRefCounts();
  }

  // --------------------------------------------------------------- writes
  create(cls: string, fields: Fields, ref?: Ref): Ref {
    return this.transaction(() => {
      const made = this.inner.create(cls, fields, ref ?? WriteForwarder.newRef());
      const row = this.inner.get(cls, made);
      // The master must give the object the uuid this host already uses.
      const uuid = row['uuid'];
      const sent: Fields = typeof uuid === 'string' ? { ...fields, uuid } : fields;
      this.record({ op: 'create', cls, ref: made, fields: sent });
      return made;
    });
  }

  update(cls: string, ref: Ref, changes: Fields): void {
    this.transaction(() => {
      const before = this.inner.get(cls, ref);
      const changed: Record<string, Value | undefined> = {};
      for (const [k, v] of Object.entries(changes)) {
        if (v !== undefined && !valueEquals(before[k], v)) changed[k] = v;
      }
      this.inner.update(cls, ref, changes);
      if (Object.keys(changed).length > 0) this.record({ op: 'update', cls, ref, fields: changed });
    });
  }

  touch(cls: string, ref: Ref): void {
    this.transaction(() => {
      this.inner.touch(cls, ref);
      this.record({ op: 'touch', cls, ref });
    });
  }

  destroy(cls: string, ref: Ref): void {
    this.transaction(() => {
      this.inner.destroy(cls, ref);
      this.record({ op: 'destroy', cls, ref });
    });
  }

  addToMap(cls: string, ref: Ref, field: string, key: string, value: Value): void {
    this.transaction(() => {
      this.inner.addToMap(cls, ref, field, key, value);
      this.record({ op: 'add_to_map', cls, ref, field, key, value });
    });
  }

  removeFromMap(cls: string, ref: Ref, field: string, key: string): void {
    this.transaction(() => {
      const had = this.inner.get(cls, ref)[field];
      this.inner.removeFromMap(cls, ref, field, key);
      if (had && typeof had === 'object' && !Array.isArray(had) && key in had)
        this.record({ op: 'remove_from_map', cls, ref, field, key });
    });
  }

  // Sets go as the whole new value: the master applies exactly what this host sees.
  addToSet(cls: string, ref: Ref, field: string, value: Value): void {
    this.setOp(cls, ref, field, () => this.inner.addToSet(cls, ref, field, value));
  }

  removeFromSet(cls: string, ref: Ref, field: string, value: Value): void {
    this.setOp(cls, ref, field, () => this.inner.removeFromSet(cls, ref, field, value));
  }

  private setOp(cls: string, ref: Ref, field: string, apply: () => void): void {
    this.transaction(() => {
      const before = this.inner.get(cls, ref)[field];
      apply();
      const after = this.inner.get(cls, ref)[field];
      if (!valueEquals(before, after) && after !== undefined)
        this.record({ op: 'update', cls, ref, fields: { [field]: after } });
    });
  }

  transaction<T>(fn: () => T): T {
    if (this.batch !== null) return this.inner.transaction(fn);
    if (this.closed) throw new Error('the database is closed');
    const batch: WriteOp[] = [];
    this.batch = batch;
    let result: T;
    try {
      result = this.inner.transaction(fn);
    } finally {
      this.batch = null;
    }
    if (batch.length > 0) this.send(batch);
    return result;
  }

  private record(op: WriteOp): void {
    (this.batch as WriteOp[]).push(op);
  }

  private send(ops: readonly WriteOp[]): void {
    const p = this.opts.forwarder.write(ops).catch(async (e: unknown) => {
      this.opts.log(
        `pool: the master refused this host's writes (${e instanceof Error ? e.message : String(e)}); reloading what they touched`,
      );
      await this.reload(ops).catch((r: unknown) =>
        this.opts.log(`pool: reloading refused writes: ${String(r)}`),
      );
    });
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** Put the refs of a refused batch back as the pool database holds them. */
  private async reload(ops: readonly WriteOp[]): Promise<void> {
    const seen = new Map<Ref, string>();
    for (const o of ops) if ('ref' in o) seen.set(o.ref, o.cls);
    const upserts = [];
    const deletes: Ref[] = [];
    for (const [ref, cls] of seen) {
      const decl = this.decls.get(cls);
      if (!decl) continue;
      const kv = await this.opts.client.get(this.opts.keys.obj(cls, ref));
      if (!kv) {
        deletes.push(ref);
        continue;
      }
      const d = decodeRecord(decl, kv.value.toString(), false);
      upserts.push({ table: cls, ref, created: d.created, modified: d.modified, row: d.row });
    }
    this.inner.applyReplicated({ upserts, deletes, tombstones: [], droppedTombstones: [] });
  }

  // --------------------------------------------------------------- events
  current(): EventToken {
    return this.inner.current();
  }
  changesSince(token: string, subscriptions: readonly string[]): Changes {
    return this.inner.changesSince(token, subscriptions);
  }
  waitForChange(after: EventToken, signal?: AbortSignal): Promise<boolean> {
    return this.inner.waitForChange(after, signal);
  }
  bumpMessageGeneration(): number {
    const g = this.inner.bumpMessageGeneration();
    this.send([{ op: 'message' }]);
    return g;
  }

  // ----------------------------------------------------------- durability
  /**
   * Stop waiting for the master's answers: this host leaves the slave role.
   * The requests stay in etcd, on this host's lease, for whichever host is
   * master next (this one, maybe) to apply.
   */
  abandon(): void {
    this.abandoned = true;
    this.wake();
  }

  /** Resolves once the master has committed every write made so far (or fails after a timeout). */
  async flush(): Promise<void> {
    if (this.pending.size === 0 || this.abandoned) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('the pool master has not acknowledged this host’s writes')),
        FORWARD_FLUSH_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([Promise.allSettled([...this.pending]), this.abandonedNow, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The replica belongs to the pool node, which closes it. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush().catch((e: unknown) => this.opts.log(`pool: ${String(e)}`));
  }
}
