// The in-memory object store: one table per DB class, uuid and name_label
// indexes, relations kept both ways, atomic transactions (undo log), and the
// generation bookkeeping behind event.from. Persistence is a sink that is told
// when writes commit and drains the changed refs (see sqlite.ts).
import { randomUUID } from 'node:crypto';
import { apiError } from '../datamodel/api-error.js';
import type { ClassDecl, RelationDecl, Value } from '../datamodel/types.js';
import { collectChanges, Waiters } from './changes.js';
import { ChangeLog } from './events.js';
import type { Tombstone } from './events.js';
import { compileFilter, type Filter } from './filter.js';
import type { RelationEnd, RelationIndex } from './relations.js';
import type { Changes, EventToken, Fields, ObjectStore, Ref, Row } from './store.js';
import {
  refsOf,
  Tables,
  type Gens,
  type LoadedRow,
  type PersistBatch,
  type PersistSink,
  type StoreState,
  type Table,
} from './tables.js';
import { deepFreeze, frozenArray, frozenCopy, isMandatory, valueEquals } from './values.js';

export type { LoadedRow, PersistBatch, PersistSink, StoreState } from './tables.js';

export interface StoreOptions {
  readonly classes: readonly ClassDecl[];
  readonly relations?: readonly RelationDecl[];
  /** Deleted objects remembered for event.from (default 20,000). */
  readonly tombstoneLimit?: number;
  readonly initial?: StoreState;
  /**
   * A read-only replica: writes throw this message; only applyReplicated()
   * changes the store (a pool slave's copy of the master's database).
   */
  readonly readOnly?: string;
}

/** Changes committed by a pool master, as a replica applies them. */
export interface ReplicatedChange {
  readonly upserts: readonly LoadedRow[];
  readonly deletes: readonly Ref[];
  readonly tombstones: readonly Tombstone[];
  readonly droppedTombstones: readonly Ref[];
  readonly generation?: number;
  readonly messageGeneration?: number;
  readonly lostBefore?: number;
}

export class MemoryStore implements ObjectStore {
  private readonly tables: Tables;
  private readonly refClass: ReadonlyMap<Ref, Table>;
  private readonly log: ChangeLog;
  private generation: number;
  private messageGeneration: number;
  private lastEventGeneration: number;
  /** Open write batch: its generation and undo log. */
  private pending = 0;
  private undo: (() => void)[] | null = null;
  private wrote = false;
  private eventWrote = false;
  private readonly dirty = new Set<Ref>();
  private droppedTombstones: Ref[] = [];
  private readonly waiters = new Waiters(() => this.changeMark());
  private sink: PersistSink | undefined;
  private closed = false;
  private readOnly: string | undefined;

  constructor(opts: StoreOptions) {
    this.readOnly = opts.readOnly;
    this.tables = new Tables(opts.classes, opts.relations ?? []);
    this.refClass = this.tables.refClass;
    const init = opts.initial;
    this.generation = init?.generation ?? 0;
    this.messageGeneration = init?.messageGeneration ?? 0;
    this.lastEventGeneration = this.generation;
    this.log = new ChangeLog(opts.tombstoneLimit ?? 20_000, init?.lostBefore ?? 0);
    if (init) this.tables.load(init, this.log);
  }

  /**
   * Refuse every write from now on with `message` (a standalone host whose
   * database is being converted into a pool database: a write made after the
   * snapshot would be lost); `undefined` takes writes again. Call it outside
   * a transaction.
   */
  freeze(message: string | undefined): void {
    this.readOnly = message;
  }

  /** Attach the persistence sink (once). */
  attach(sink: PersistSink): void {
    this.sink = sink;
  }

  private table(cls: string): Table {
    return this.tables.get(cls);
  }

  // ---------------------------------------------------------------- reads

  get(cls: string, ref: Ref): Row {
    const row = this.table(cls).rows.get(ref);
    if (!row) throw apiError('HANDLE_INVALID', { class: cls, handle: ref });
    return row;
  }
  find(cls: string, ref: Ref): Row | undefined {
    return this.table(cls).rows.get(ref);
  }
  has(cls: string, ref: Ref): boolean {
    return this.table(cls).rows.has(ref);
  }
  classOf(ref: Ref): string | undefined {
    return this.refClass.get(ref)?.decl.name;
  }
  all(cls: string): IterableIterator<[Ref, Row]> {
    return this.table(cls).rows.entries();
  }
  count(cls: string): number {
    return this.table(cls).rows.size;
  }
  refByUuid(cls: string, uuid: string): Ref | undefined {
    return this.table(cls).byUuid.get(uuid);
  }
  refsByNameLabel(cls: string, label: string): Ref[] {
    return [...(this.table(cls).byName?.get(label) ?? [])];
  }
  where(cls: string, filter: Filter): [Ref, Row][] {
    const t = this.table(cls);
    const pred = compileFilter(filter, t.decl);
    const out: [Ref, Row][] = [];
    for (const entry of t.rows) if (pred(entry[1])) out.push(entry);
    return out;
  }
  validRefCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const t of this.tables.byName.values()) out[t.lower] = t.rows.size;
    return out;
  }

  // --------------------------------------------------------- transactions

  transaction<T>(fn: () => T): T {
    const outer = this.undo === null;
    if (outer) {
      if (this.closed) throw new Error('the database is closed');
      if (this.readOnly !== undefined) throw new Error(this.readOnly);
      this.undo = [];
      this.pending = this.generation + 1;
      this.wrote = false;
      this.eventWrote = false;
    }
    const undo = this.undo as (() => void)[];
    const mark = undo.length;
    try {
      const result = fn();
      if (result instanceof Promise) throw new Error('transaction bodies must be synchronous');
      if (outer) this.commit();
      return result;
    } catch (e) {
      while (undo.length > mark) (undo.pop() as () => void)();
      if (outer) this.undo = null;
      throw e;
    }
  }

  private commit(): void {
    this.undo = null;
    if (!this.wrote) return;
    this.generation = this.pending;
    const dropped = this.log.trim(this.refClass.size, (ref) => this.refClass.has(ref));
    for (const t of dropped) this.droppedTombstones.push(t.ref);
    if (this.eventWrote) {
      this.lastEventGeneration = this.generation;
      this.waiters.notify(this.changeMark());
    }
    this.sink?.changed();
  }

  /** The single place rows change: keeps indexes, the undo log and dirty set. */
  private putRow(t: Table, ref: Ref, row: Row | undefined, gens: Gens | undefined): void {
    const prevRow = t.rows.get(ref);
    const prevGens = t.gens.get(ref);
    (this.undo as (() => void)[]).push(() => this.tables.put(t, ref, prevRow, prevGens));
    this.tables.put(t, ref, row, gens);
    this.dirty.add(ref);
    this.wrote = true;
    if (t.decl.events) {
      this.eventWrote = true;
      if (row) {
        this.log.record(this.pending, ref);
        (this.undo as (() => void)[]).push(() => this.log.unrecord());
      } else {
        this.log.bury({ table: t.decl.name, ref, created: prevGens?.created ?? 0, deleted: this.pending });
        (this.undo as (() => void)[]).push(() => this.log.unbury(ref));
      }
    }
  }

  // ---------------------------------------------------------------- writes

  private checkFields(t: Table, fields: Fields): void {
    for (const [name, v] of Object.entries(fields)) {
      const f = t.fields.get(name);
      if (!f) throw new Error(`class ${t.decl.name} has no field ${name}`);
      if (v === undefined && f.ty.kind !== 'option') throw apiError('FIELD_TYPE_ERROR', { field: name });
    }
  }

  create(cls: string, fields: Fields, ref?: Ref): Ref {
    const t = this.table(cls);
    this.checkFields(t, fields);
    const newRef = ref ?? `OpaqueRef:${randomUUID()}`;
    if (this.refClass.has(newRef)) throw new Error(`reference ${newRef} already exists`);
    const row: Record<string, Value> = {};
    for (const f of t.decl.fields) {
      let v = fields[f.name];
      if (v === undefined && f.name === 'uuid') v = randomUUID();
      if (v === undefined) {
        if (isMandatory(f)) throw apiError('FIELD_TYPE_ERROR', { field: f.name });
        v = t.defaults.get(f.name);
      }
      if (v !== undefined) row[f.name] = frozenCopy(v);
    }
    const uuid = row['uuid'];
    if (typeof uuid === 'string' && t.byUuid.has(uuid)) {
      throw apiError('INVALID_VALUE', { field: 'uuid', value: uuid });
    }
    // Pairs naming this ref may exist already (dangling refs): keep them.
    const srcWant = t.srcRels.map((rel) => [...rel.peers('src', newRef), ...refsOf(row[rel.src.field])]);
    const tgtWant = t.tgtRels.map((rel) => {
      const given = refsOf(row[rel.tgt.field]);
      if (!rel.manyToMany && given.length) {
        throw new Error(`${cls}.${rel.tgt.field} is derived from ${rel.src.cls}.${rel.src.field}`);
      }
      const all = [...new Set([...rel.peers('tgt', newRef), ...given])];
      row[rel.tgt.field] = frozenArray(all);
      return all;
    });
    return this.transaction(() => {
      this.putRow(t, newRef, Object.freeze(row), { created: this.pending, modified: this.pending });
      t.srcRels.forEach((rel, i) => this.syncSrc(rel, newRef, srcWant[i] as Ref[]));
      t.tgtRels.forEach((rel, i) => {
        if (rel.manyToMany) this.syncTgt(rel, newRef, tgtWant[i] as Ref[]);
      });
      return newRef;
    });
  }

  update(cls: string, ref: Ref, changes: Fields): void {
    const t = this.table(cls);
    const row = this.get(cls, ref);
    this.checkFields(t, changes);
    const next: Record<string, Value | undefined> = { ...row };
    const changed: string[] = [];
    for (const [name, v] of Object.entries(changes)) {
      if (valueEquals(row[name], v)) continue;
      if (t.tgtRels.some((r) => !r.manyToMany && r.tgt.field === name)) {
        throw new Error(`${cls}.${name} is derived and cannot be written`);
      }
      if (v === undefined) delete next[name];
      else next[name] = frozenCopy(v);
      changed.push(name);
    }
    if (changed.length === 0) return;
    this.transaction(() => {
      this.modify(t, ref, next);
      for (const rel of t.srcRels) {
        if (changed.includes(rel.src.field)) this.syncSrc(rel, ref, refsOf(next[rel.src.field]));
      }
      for (const rel of t.tgtRels) {
        if (changed.includes(rel.tgt.field)) this.syncTgt(rel, ref, refsOf(next[rel.tgt.field]));
      }
    });
  }

  touch(cls: string, ref: Ref): void {
    const t = this.table(cls);
    const row = this.get(cls, ref);
    this.transaction(() => this.modify(t, ref, row));
  }

  destroy(cls: string, ref: Ref): void {
    const t = this.table(cls);
    this.get(cls, ref);
    this.transaction(() => {
      for (const rel of t.srcRels) this.syncSrc(rel, ref, []);
      for (const rel of t.tgtRels) if (rel.manyToMany) this.syncTgt(rel, ref, []);
      this.putRow(t, ref, undefined, undefined);
    });
  }

  private modify(t: Table, ref: Ref, row: Row): void {
    const gens = t.gens.get(ref) as Gens;
    const frozen = Object.isFrozen(row) ? row : Object.freeze(row);
    this.putRow(t, ref, frozen, { created: gens.created, modified: this.pending });
  }

  /** Make `s`'s targets in `rel` exactly `targets`; refresh the sets of affected targets. */
  private syncSrc(rel: RelationIndex, s: Ref, targets: readonly Ref[]): void {
    const want = new Set(targets);
    const touched: Ref[] = [];
    for (const t of rel.peers('src', s)) if (!want.has(t)) touched.push(t);
    for (const t of touched) this.unlink(rel, s, t);
    for (const t of want) if (this.link(rel, s, t)) touched.push(t);
    for (const t of touched) this.refreshSet(rel.tgt, t, rel.peers('tgt', t));
    // A many-to-many set given with duplicates is stored deduplicated.
    if (rel.manyToMany) this.refreshSet(rel.src, s, rel.peers('src', s));
  }

  /** Many-to-many, written from the `many` side. */
  private syncTgt(rel: RelationIndex, tgt: Ref, sources: readonly Ref[]): void {
    const want = new Set(sources);
    const touched: Ref[] = [];
    for (const s of rel.peers('tgt', tgt)) if (!want.has(s)) touched.push(s);
    for (const s of touched) this.unlink(rel, s, tgt);
    for (const s of want) if (this.link(rel, s, tgt)) touched.push(s);
    for (const s of touched) this.refreshSet(rel.src, s, rel.peers('src', s));
    this.refreshSet(rel.tgt, tgt, rel.peers('tgt', tgt));
  }

  private link(rel: RelationIndex, s: Ref, t: Ref): boolean {
    if (!rel.link(s, t)) return false;
    (this.undo as (() => void)[]).push(() => rel.unlink(s, t));
    return true;
  }
  private unlink(rel: RelationIndex, s: Ref, t: Ref): void {
    if (rel.unlink(s, t)) (this.undo as (() => void)[]).push(() => rel.link(s, t));
  }

  private refreshSet(end: RelationEnd, ref: Ref, value: Ref[]): void {
    const t = this.table(end.cls);
    const row = t.rows.get(ref);
    if (!row || valueEquals(row[end.field], value)) return;
    this.modify(t, ref, { ...row, [end.field]: frozenArray(value) });
  }

  addToMap(cls: string, ref: Ref, field: string, key: string, value: Value): void {
    const map = this.mapField(cls, ref, field);
    if (Object.hasOwn(map, key)) {
      throw apiError('MAP_DUPLICATE_KEY', { type: cls, param_name: field, uuid: ref, key });
    }
    this.update(cls, ref, { [field]: { ...map, [key]: value } });
  }

  removeFromMap(cls: string, ref: Ref, field: string, key: string): void {
    const map = this.mapField(cls, ref, field);
    if (!Object.hasOwn(map, key)) return;
    const next = { ...map };
    delete next[key];
    this.update(cls, ref, { [field]: next });
  }

  addToSet(cls: string, ref: Ref, field: string, value: Value): void {
    const set = this.setField(cls, ref, field);
    if (!set.some((x) => valueEquals(x, value))) this.update(cls, ref, { [field]: [...set, value] });
  }

  removeFromSet(cls: string, ref: Ref, field: string, value: Value): void {
    const set = this.setField(cls, ref, field);
    const next = set.filter((x) => !valueEquals(x, value));
    if (next.length !== set.length) this.update(cls, ref, { [field]: next });
  }

  private mapField(cls: string, ref: Ref, field: string): { readonly [k: string]: Value | undefined } {
    const f = this.table(cls).fields.get(field);
    if (f?.ty.kind !== 'map') throw new Error(`${cls}.${field} is not a map field`);
    return (this.get(cls, ref)[field] ?? {}) as { readonly [k: string]: Value | undefined };
  }

  private setField(cls: string, ref: Ref, field: string): readonly Value[] {
    const f = this.table(cls).fields.get(field);
    if (f?.ty.kind !== 'set') throw new Error(`${cls}.${field} is not a set field`);
    return (this.get(cls, ref)[field] ?? []) as readonly Value[];
  }

  // ---------------------------------------------------------------- events

  current(): EventToken {
    return { db: this.generation, message: this.messageGeneration };
  }

  changesSince(token: string, subscriptions: readonly string[]): Changes {
    return collectChanges(this.tables, this.log, this.current(), token, subscriptions);
  }

  waitForChange(after: EventToken, signal?: AbortSignal): Promise<boolean> {
    return this.waiters.wait(after, signal);
  }

  /** The current change mark waiters compare their token with. */
  private changeMark(): EventToken {
    return { db: this.lastEventGeneration, message: this.messageGeneration };
  }

  bumpMessageGeneration(): number {
    if (this.readOnly !== undefined) throw new Error(this.readOnly);
    this.messageGeneration++;
    this.waiters.notify(this.changeMark());
    this.sink?.changed();
    return this.messageGeneration;
  }

  // ----------------------------------------------------------- persistence

  flush(): Promise<void> {
    return this.sink ? this.sink.flush() : Promise.resolve();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.waiters.cancelAll();
    await this.sink?.close();
  }

  /** Everything changed since the last drain (for the persistence sink). */
  drain(): PersistBatch {
    const upserts: LoadedRow[] = [];
    const deletes: Ref[] = [];
    const tombstones: Tombstone[] = [];
    for (const ref of this.dirty) {
      const t = this.refClass.get(ref);
      if (t) {
        const g = t.gens.get(ref) as Gens;
        upserts.push({
          table: t.decl.name,
          ref,
          created: g.created,
          modified: g.modified,
          row: t.rows.get(ref) as Row,
        });
      } else {
        deletes.push(ref);
        const tomb = this.log.tombstones.get(ref);
        if (tomb) tombstones.push(tomb);
      }
    }
    this.dirty.clear();
    const droppedTombstones = this.droppedTombstones;
    this.droppedTombstones = [];
    return {
      upserts,
      deletes,
      tombstones,
      droppedTombstones,
      generation: this.generation,
      messageGeneration: this.messageGeneration,
      lostBefore: this.log.lostBefore,
    };
  }

  /**
   * The whole state as it stands (rows with their generations, tombstones,
   * counters), as a loader would rebuild it: what converting a standalone
   * database into a pool database writes. Call it outside a transaction.
   */
  snapshot(): StoreState {
    const rows: LoadedRow[] = [];
    for (const t of this.tables.byName.values()) {
      for (const [ref, row] of t.rows) {
        const g = t.gens.get(ref) as Gens;
        rows.push({ table: t.decl.name, ref, created: g.created, modified: g.modified, row });
      }
    }
    const tombstones = [...this.log.tombstones.values()].sort((a, b) => a.deleted - b.deleted);
    return {
      generation: this.generation,
      messageGeneration: this.messageGeneration,
      lostBefore: this.log.lostBefore,
      rows,
      tombstones,
    };
  }

  /** Put a batch back after a failed commit, so the next drain retries it. */
  undrain(batch: PersistBatch): void {
    for (const r of batch.upserts) this.dirty.add(r.ref);
    for (const ref of batch.deletes) this.dirty.add(ref);
    this.droppedTombstones.push(...batch.droppedTombstones);
  }

  // ------------------------------------------------------------ replicas

  /**
   * Apply one commit of the pool master (rows with the master's generations,
   * deletions, tombstones and counters) and wake the event.from waiters. The
   * rows already hold both sides of every relation, as the master wrote them.
   */
  applyReplicated(c: ReplicatedChange): void {
    if (this.closed) return;
    let events = false;
    const logged: [number, Ref][] = [];
    for (const r of c.upserts) {
      const t = this.tables.byName.get(r.table);
      if (!t) continue;
      this.tables.put(t, r.ref, deepFreeze(r.row as Value) as Row, {
        created: r.created,
        modified: r.modified,
      });
      if (t.decl.events) {
        events = true;
        logged.push([r.modified, r.ref]);
      }
    }
    for (const ref of c.deletes) {
      const t = this.refClass.get(ref);
      if (!t) continue;
      this.tables.put(t, ref, undefined, undefined);
      if (t.decl.events) events = true;
    }
    for (const ref of c.droppedTombstones) this.log.tombstones.delete(ref);
    for (const tomb of c.tombstones) {
      this.log.tombstones.set(tomb.ref, tomb);
      logged.push([tomb.deleted, tomb.ref]);
      events = true;
    }
    logged.sort((a, b) => a[0] - b[0]);
    for (const [gen, ref] of logged) this.log.record(gen, ref);
    const message = c.messageGeneration !== undefined && c.messageGeneration !== this.messageGeneration;
    if (c.generation !== undefined) this.generation = Math.max(this.generation, c.generation);
    if (c.messageGeneration !== undefined) this.messageGeneration = c.messageGeneration;
    if (c.lostBefore !== undefined) this.log.lostBefore = Math.max(this.log.lostBefore, c.lostBefore);
    this.log.trim(this.refClass.size, (ref) => this.refClass.has(ref));
    if (events) this.lastEventGeneration = this.generation;
    if (events || message) this.waiters.notify(this.changeMark());
  }
}
