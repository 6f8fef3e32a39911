// Converting a standalone host's database into a new pool database in etcd
// (pools.md §7.8 step 2): every object and tombstone of one store state, at
// one generation, in txns within the cluster's limits, then the meta keys.
//
// `meta/format` is the completion mark: it is written by the last txn only,
// and every txn is guarded by its absence. So a pool database either is
// complete (loadable by a master) or has no `meta/format`, and a conversion
// killed half way is redone from the start by the next attempt, which first
// deletes what the interrupted one left. The source database is only read:
// the host stays a working standalone host whatever happens here.
import type { StoreState } from '../db/memory.js';
import { opBytes, type Compare, type EtcdClient, type Op } from '../db/etcd/client.js';
import { encodeRecord, encodeTombstone, ETCD_FORMAT_VERSION, PoolKeys } from '../db/etcd/keys.js';
import type { SinkLimits } from '../db/etcd/sink.js';

/** What a conversion found or did. */
export type ConversionResult =
  /** The pool database was written. */
  | { readonly kind: 'converted'; readonly objects: number; readonly txns: number; readonly revision: number }
  /** A complete pool database was already there (an earlier attempt finished): nothing written. */
  | { readonly kind: 'exists'; readonly revision: number };

export interface ConvertOptions extends SinkLimits {
  readonly client: EtcdClient;
  readonly poolUuid: string;
  /** Called after each committed txn (progress; tests kill the process here). */
  readonly onTxn?: (done: number, total: number) => void;
}

const REQUEST_OVERHEAD = 4096;

/** The ops that write a state, meta keys excluded, in a stable order. */
export function conversionOps(keys: PoolKeys, state: StoreState): Op[] {
  const ops: Op[] = [];
  for (const r of state.rows)
    ops.push({ put: keys.obj(r.table, r.ref), value: encodeRecord(r.created, r.modified, r.row) });
  for (const t of state.tombstones) ops.push({ put: keys.tomb(t.ref), value: encodeTombstone(t) });
  return ops;
}

/** The meta keys, written last: `format` marks the pool database complete. */
export function metaOps(keys: PoolKeys, state: StoreState): Op[] {
  return [
    { put: keys.meta('generation'), value: String(state.generation) },
    { put: keys.meta('message_generation'), value: String(state.messageGeneration) },
    { put: keys.meta('lost_before'), value: String(state.lostBefore) },
    { put: keys.meta('format'), value: String(ETCD_FORMAT_VERSION) },
  ];
}

/** Split ops into txns of at most `maxOps` ops and `maxBytes` bytes (pure). */
export function packTxns(ops: readonly Op[], maxOps: number, maxBytes: number): Op[][] {
  const txns: Op[][] = [];
  let cur: Op[] = [];
  let bytes = REQUEST_OVERHEAD;
  for (const op of ops) {
    const b = opBytes(op);
    if (REQUEST_OVERHEAD + b > maxBytes)
      throw new Error(`an object of ${b} bytes exceeds the pool database limit of ${maxBytes}`);
    if (cur.length > 0 && (cur.length + 1 > maxOps || bytes + b > maxBytes)) {
      txns.push(cur);
      cur = [];
      bytes = REQUEST_OVERHEAD;
    }
    cur.push(op);
    bytes += b;
  }
  if (cur.length > 0) txns.push(cur);
  return txns;
}

/**
 * Write `state` (a standalone store's snapshot, e.g. `MemoryStore.snapshot()`)
 * into the empty prefix of pool `poolUuid`. The caller takes the snapshot with
 * writes stopped: the host restarts in pool mode afterwards, loading the pool
 * database, as xapi restarts on a join.
 */
export async function convertToPool(state: StoreState, opts: ConvertOptions): Promise<ConversionResult> {
  const keys = new PoolKeys(opts.poolUuid);
  const client = opts.client;
  const format = await client.get(keys.meta('format'));
  if (format) return { kind: 'exists', revision: format.modRevision };
  // Absent `meta/format`: the pool database is not complete, and stays so
  // until our last txn; another converter finishing first makes ours fail.
  const guard: Compare[] = [{ key: keys.meta('format'), createRevision: 0 }];
  // What an interrupted attempt left (its objects may since have been deleted
  // from the source) goes first.
  await client.delete(`${keys.root}obj/`, true);
  await client.delete(`${keys.root}tomb/`, true);
  const maxOps = opts.maxTxnOps ?? 128;
  const maxBytes = opts.maxRequestBytes ?? 1_572_864;
  // The meta keys come last, in a txn of their own: the mark of completion.
  const txns = [...packTxns(conversionOps(keys, state), maxOps, maxBytes), metaOps(keys, state)];
  let revision = 0;
  for (let i = 0; i < txns.length; i++) {
    const r = await client.txn(guard, txns[i] as Op[]);
    if (!r.succeeded) {
      throw new Error(`pool ${opts.poolUuid}: another conversion completed the pool database first`);
    }
    revision = r.revision;
    opts.onTxn?.(i + 1, txns.length);
  }
  return { kind: 'converted', objects: state.rows.length, txns: txns.length, revision };
}
