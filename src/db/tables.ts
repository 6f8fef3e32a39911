// The tables of the in-memory store: rows by ref, generations, the uuid and
// name_label indexes, and the relations wired to their ends. Also the shapes
// exchanged with the persistence layer, and loading a stored state.
import { NULL_REF } from '../datamodel/build.js';
import type { ClassDecl, FieldDecl, RelationDecl, Value } from '../datamodel/types.js';
import type { ChangeLog, Tombstone } from './events.js';
import { RelationIndex, type RelationEnd } from './relations.js';
import type { Ref, Row } from './store.js';
import { deepFreeze, frozenArray, frozenCopy, valueEquals } from './values.js';

export interface Gens {
  readonly created: number;
  readonly modified: number;
}

export interface Table {
  readonly decl: ClassDecl;
  readonly lower: string;
  readonly fields: ReadonlyMap<string, FieldDecl>;
  /** Field defaults, frozen once so that records can share them. */
  readonly defaults: ReadonlyMap<string, Value>;
  readonly rows: Map<Ref, Row>;
  readonly gens: Map<Ref, Gens>;
  readonly byUuid: Map<string, Ref>;
  readonly byName: Map<string, Set<Ref>> | undefined;
  /** Relations whose `one` side is in this table. */
  readonly srcRels: RelationIndex[];
  /** Relations whose `many` side is in this table. */
  readonly tgtRels: RelationIndex[];
}

export interface LoadedRow {
  readonly table: string;
  readonly ref: Ref;
  readonly created: number;
  readonly modified: number;
  readonly row: Row;
}

export interface StoreState {
  readonly generation: number;
  readonly messageGeneration: number;
  readonly lostBefore: number;
  readonly rows: readonly LoadedRow[];
  /** In deletion order. */
  readonly tombstones: readonly Tombstone[];
}

/** What changed since the persistence sink last drained the store. */
export interface PersistBatch {
  readonly upserts: readonly LoadedRow[];
  readonly deletes: readonly Ref[];
  readonly tombstones: readonly Tombstone[];
  readonly droppedTombstones: readonly Ref[];
  readonly generation: number;
  readonly messageGeneration: number;
  readonly lostBefore: number;
}

export interface PersistSink {
  /** Writes were committed in memory. */
  changed(): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** The refs a relation field holds (a ref field or a set of refs). */
export function refsOf(v: Value | undefined): Ref[] {
  if (typeof v === 'string') return v === NULL_REF || v === '' ? [] : [v];
  if (Array.isArray(v)) return [...new Set(v as string[])];
  return [];
}

export class Tables {
  readonly byName = new Map<string, Table>();
  readonly refClass = new Map<Ref, Table>();

  constructor(classes: readonly ClassDecl[], relations: readonly RelationDecl[]) {
    for (const decl of classes) {
      if (!decl.inDb) continue;
      const fields = new Map(decl.fields.map((f) => [f.name, f]));
      const defaults = new Map<string, Value>();
      for (const f of decl.fields) if (f.default !== undefined) defaults.set(f.name, frozenCopy(f.default));
      this.byName.set(decl.name, {
        decl,
        lower: decl.name.toLowerCase(),
        fields,
        defaults,
        rows: new Map(),
        gens: new Map(),
        byUuid: new Map(),
        byName: fields.has('name_label') ? new Map() : undefined,
        srcRels: [],
        tgtRels: [],
      });
    }
    for (const decl of relations) {
      const rel = new RelationIndex(decl);
      this.checkEnd(rel.src, rel.manyToMany ? 'set' : 'ref');
      this.checkEnd(rel.tgt, 'set');
      this.get(rel.src.cls).srcRels.push(rel);
      this.get(rel.tgt.cls).tgtRels.push(rel);
    }
  }

  private checkEnd(end: RelationEnd, kind: 'ref' | 'set'): void {
    const f = this.byName.get(end.cls)?.fields.get(end.field);
    const ok = f && (kind === 'ref' ? f.ty.kind === 'ref' : f.ty.kind === 'set' && f.ty.of.kind === 'ref');
    if (!ok) throw new Error(`relation end ${end.cls}.${end.field} is not a ${kind} field of a DB class`);
  }

  get(cls: string): Table {
    const t = this.byName.get(cls);
    if (!t) throw new Error(`no table for class ${cls}`);
    return t;
  }

  /** Set or remove a row, keeping the indexes. */
  put(t: Table, ref: Ref, row: Row | undefined, gens: Gens | undefined): void {
    const prev = t.rows.get(ref);
    if (prev) {
      const uuid = prev['uuid'];
      if (typeof uuid === 'string' && t.byUuid.get(uuid) === ref) t.byUuid.delete(uuid);
      const label = prev['name_label'];
      if (t.byName && typeof label === 'string') {
        const set = t.byName.get(label);
        set?.delete(ref);
        if (set?.size === 0) t.byName.delete(label);
      }
    }
    if (row && gens) {
      t.rows.set(ref, row);
      t.gens.set(ref, gens);
      this.refClass.set(ref, t);
      const uuid = row['uuid'];
      if (typeof uuid === 'string') t.byUuid.set(uuid, ref);
      const label = row['name_label'];
      if (t.byName && typeof label === 'string') {
        const set = t.byName.get(label) ?? new Set<Ref>();
        set.add(ref);
        t.byName.set(label, set);
      }
    } else {
      t.rows.delete(ref);
      t.gens.delete(ref);
      this.refClass.delete(ref);
    }
  }

  /**
   * Fill empty tables from a stored state: rows, then the relation pairs
   * (from the stored fields) and the derived sets, then the change log.
   */
  load(init: StoreState, log: ChangeLog): void {
    for (const r of init.rows) {
      const t = this.byName.get(r.table);
      if (t) this.put(t, r.ref, deepFreeze(r.row as Value) as Row, r);
    }
    // Rebuild the relation pairs from the stored fields, then the derived sets.
    for (const t of this.byName.values()) {
      for (const rel of t.srcRels) {
        for (const [ref, row] of t.rows) for (const x of refsOf(row[rel.src.field])) rel.link(ref, x);
      }
      for (const rel of t.tgtRels) {
        if (!rel.manyToMany) continue;
        for (const [ref, row] of t.rows) for (const x of refsOf(row[rel.tgt.field])) rel.link(x, ref);
      }
    }
    for (const t of this.byName.values()) {
      const fix = (ref: Ref, field: string, value: Ref[]): void => {
        const row = t.rows.get(ref) as Row;
        if (!valueEquals(row[field], value)) {
          this.put(t, ref, Object.freeze({ ...row, [field]: frozenArray(value) }), t.gens.get(ref));
        }
      };
      for (const rel of t.tgtRels)
        for (const ref of t.rows.keys()) fix(ref, rel.tgt.field, rel.peers('tgt', ref));
      for (const rel of t.srcRels) {
        if (rel.manyToMany) for (const ref of t.rows.keys()) fix(ref, rel.src.field, rel.peers('src', ref));
      }
    }
    const entries: [number, Ref][] = [];
    for (const t of this.byName.values()) {
      if (t.decl.events) for (const [ref, g] of t.gens) entries.push([g.modified, ref]);
    }
    const tombs = [...init.tombstones].sort((a, b) => a.deleted - b.deleted);
    for (const tomb of tombs) {
      log.tombstones.set(tomb.ref, tomb);
      entries.push([tomb.deleted, tomb.ref]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    for (const [gen, ref] of entries) log.record(gen, ref);
  }
}
