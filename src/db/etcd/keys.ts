// The pool database's key layout in etcd (docs/design/pool-database.md):
//
//   /xapi/<pool-uuid>/obj/<Class>/<ref>   {"_created":g,"_modified":g, ...fields}
//   /xapi/<pool-uuid>/tomb/<ref>          {"class":C,"created":g,"deleted":g}
//   /xapi/<pool-uuid>/meta/generation | message_generation | lost_before | format
//   /xapi/<pool-uuid>/election/master/<lease id hex>
//
// Records hold every field, `persist: false` ones included (replicas need
// them); a new master resets those to their defaults when it loads.
import type { ClassDecl, Value } from '../../datamodel/types.js';
import type { Tombstone } from '../events.js';
import type { Row } from '../store.js';
import { fillValue, frozenCopy } from '../values.js';

/** Bumped when the layout above changes; a newer pool database is refused. */
export const ETCD_FORMAT_VERSION = 1;

export type MetaName = 'generation' | 'message_generation' | 'lost_before' | 'format';

export type ParsedKey =
  | { readonly kind: 'obj'; readonly table: string; readonly ref: string }
  | { readonly kind: 'tomb'; readonly ref: string }
  | { readonly kind: 'meta'; readonly name: string };

export class PoolKeys {
  readonly root: string;

  constructor(readonly poolUuid: string) {
    if (!/^[A-Za-z0-9-]+$/.test(poolUuid)) throw new Error(`bad pool uuid ${poolUuid}`);
    this.root = `/xapi/${poolUuid}/`;
  }

  obj(table: string, ref: string): string {
    return `${this.root}obj/${table}/${ref}`;
  }
  tomb(ref: string): string {
    return `${this.root}tomb/${ref}`;
  }
  meta(name: MetaName): string {
    return `${this.root}meta/${name}`;
  }
  /** Prefix of the master election's candidate keys. */
  get electionMaster(): string {
    return `${this.root}election/master/`;
  }

  /** What a key under the root names; undefined for keys the store does not own. */
  parse(key: string): ParsedKey | undefined {
    if (!key.startsWith(this.root)) return undefined;
    const parts = key.slice(this.root.length).split('/');
    if (parts[0] === 'obj' && parts.length === 3) {
      return { kind: 'obj', table: parts[1] as string, ref: parts[2] as string };
    }
    if (parts[0] === 'tomb' && parts.length === 2) return { kind: 'tomb', ref: parts[1] as string };
    if (parts[0] === 'meta' && parts.length === 2) return { kind: 'meta', name: parts[1] as string };
    return undefined;
  }
}

export function encodeRecord(created: number, modified: number, row: Row): string {
  return JSON.stringify({ _created: created, _modified: modified, ...row });
}

export interface DecodedRecord {
  readonly created: number;
  readonly modified: number;
  readonly row: Row;
}

interface FieldPlan {
  readonly name: string;
  readonly persist: boolean;
  /** The frozen default, shared by every record that lacks the field. */
  readonly fill: Value | undefined;
}

// Per class, computed once: decoding 20,000 records is on a new master's
// critical path, and a default copied per record costs as much as the parse.
const plans = new WeakMap<ClassDecl, readonly FieldPlan[]>();

function planOf(cls: ClassDecl): readonly FieldPlan[] {
  let plan = plans.get(cls);
  if (!plan) {
    plan = cls.fields.map((f) => {
      const fill = fillValue(f);
      return { name: f.name, persist: f.persist, fill: fill === undefined ? undefined : frozenCopy(fill) };
    });
    plans.set(cls, plan);
  }
  return plan;
}

/**
 * A stored record for the datamodel in use: missing fields (an older writer)
 * and, when `resetVolatile`, `persist: false` fields take their defaults;
 * fields the datamodel does not know are dropped.
 */
export function decodeRecord(cls: ClassDecl, text: string, resetVolatile: boolean): DecodedRecord {
  const stored = JSON.parse(text) as Record<string, Value>;
  const row: Record<string, Value> = {};
  for (const f of planOf(cls)) {
    const v = (resetVolatile && !f.persist) || !Object.hasOwn(stored, f.name) ? undefined : stored[f.name];
    // JSON has no NaN or infinities: they were written as null.
    if (v !== undefined && v !== null) row[f.name] = v;
    else if (f.fill !== undefined) row[f.name] = f.fill;
  }
  return { created: Number(stored['_created']), modified: Number(stored['_modified']), row };
}

export function encodeTombstone(t: Tombstone): string {
  return JSON.stringify({ class: t.table, created: t.created, deleted: t.deleted });
}

export function decodeTombstone(ref: string, text: string): Tombstone {
  const v = JSON.parse(text) as { class: string; created: number; deleted: number };
  return { table: v.class, ref, created: v.created, deleted: v.deleted };
}
