// The pool database's key layout in etcd (docs/design/pool-database.md):
//
//   /xapi/<pool-uuid>/obj/<Class>/<ref>   {"_created":g,"_modified":g, ...fields}
//   /xapi/<pool-uuid>/tomb/<ref>          {"class":C,"created":g,"deleted":g}
//   /xapi/<pool-uuid>/meta/generation | message_generation | lost_before | format
//   /xapi/<pool-uuid>/election/master/<lease id hex>
//   /xapi/<pool-uuid>/hosts/<host uuid>/alive   (on the host's lease)
//   /xapi/<pool-uuid>/fwd/req|res/<host uuid>/<id>   (forwarded writes; requests on the slave's lease)
//   /xapi/<pool-uuid>/locks/vdi/<vdi uuid>/<host uuid>   {"host_uuid","mode"}, on the holder's lease
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

  /** Prefix of the hosts' liveness keys. */
  get hosts(): string {
    return `${this.root}hosts/`;
  }
  /** A host's liveness key, attached to its host lease (pools.md §7.3). */
  hostAlive(hostUuid: string): string {
    return `${this.hosts}${hostUuid}/alive`;
  }
  /** The host uuid a liveness key names, or undefined. */
  aliveHost(key: string): string | undefined {
    if (!key.startsWith(this.hosts) || !key.endsWith('/alive')) return undefined;
    const uuid = key.slice(this.hosts.length, -'/alive'.length);
    return uuid.includes('/') || uuid === '' ? undefined : uuid;
  }

  /** Prefix of the writes slaves forward to the master. */
  get forwardRequests(): string {
    return `${this.root}fwd/req/`;
  }
  forwardRequest(hostUuid: string, id: string): string {
    return `${this.forwardRequests}${hostUuid}/${id}`;
  }
  /** The master's answer to a forwarded write, put in the Txn of its commit. */
  forwardResult(hostUuid: string, id: string): string {
    return `${this.forwardResults(hostUuid)}${id}`;
  }
  forwardResults(hostUuid: string): string {
    return `${this.root}fwd/res/${hostUuid}/`;
  }

  /** Prefix of every VDI lock (vdi-locks.ts). */
  get vdiLocks(): string {
    return `${this.root}locks/vdi/`;
  }
  /** Prefix of one VDI's holder keys: one key per holding host (RW: the only one). */
  vdiLock(vdiUuid: string): string {
    return `${this.vdiLocks}${vdiUuid}/`;
  }
  /** A host's hold on a VDI, attached to that host's lease. */
  vdiLockHolder(vdiUuid: string, hostUuid: string): string {
    return `${this.vdiLock(vdiUuid)}${hostUuid}`;
  }
  /** The VDI and host a lock key names, or undefined. */
  parseVdiLock(key: string): { readonly vdiUuid: string; readonly hostUuid: string } | undefined {
    if (!key.startsWith(this.vdiLocks)) return undefined;
    const parts = key.slice(this.vdiLocks.length).split('/');
    if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
    return { vdiUuid: parts[0], hostUuid: parts[1] };
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
