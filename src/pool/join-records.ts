// The objects a joining host brings into the pool database (pools.md §7.8):
// its host record with its metrics and CPUs, and its local SRs (the SRs only
// it has a PBD for) with their PBDs and VDIs, under the refs and uuids it
// already uses. Set-valued ends of relations are left out: the pool's store
// derives them from the single-valued ends. Its VMs are not brought (see
// docs/design/pools.md: the joiner must have no running VM, and its halted
// VMs stay in the database it gives up, renamed as a backup).
import { relations } from '../datamodel/index.js';
import type { ObjectStore, Ref, Row } from '../db/store.js';

export interface JoinRecord {
  readonly cls: string;
  readonly ref: Ref;
  readonly fields: Row;
}

const DERIVED: ReadonlySet<string> = new Set(relations.map((r) => `${r.many[0]}.${r.many[1]}`));

function strip(cls: string, row: Row): Row {
  const out: Record<string, Row[string]> = {};
  for (const [k, v] of Object.entries(row)) if (!DERIVED.has(`${cls}.${k}`)) out[k] = v;
  return out;
}

/** The joiner's records, in an order a store can create them in (referenced objects first). */
export function joinRecords(db: ObjectStore, host: Ref): JoinRecord[] {
  const out: JoinRecord[] = [];
  const add = (cls: string, ref: Ref, row: Row): void => {
    out.push({ cls, ref, fields: strip(cls, row) });
  };
  const me = db.get('host', host);
  const metrics = me['metrics'];
  if (typeof metrics === 'string' && db.has('host_metrics', metrics))
    add('host_metrics', metrics, db.get('host_metrics', metrics));
  add('host', host, me);
  for (const [ref, row] of db.all('host_cpu')) if (row['host'] === host) add('host_cpu', ref, row);
  // Local SRs: not shared, and every PBD of theirs is on this host.
  const pbdsBySr = new Map<Ref, [Ref, Row][]>();
  for (const [ref, row] of db.all('PBD')) {
    const sr = String(row['SR']);
    pbdsBySr.set(sr, [...(pbdsBySr.get(sr) ?? []), [ref, row]]);
  }
  for (const [sr, row] of db.all('SR')) {
    const pbds = pbdsBySr.get(sr) ?? [];
    if (row['shared'] || pbds.length === 0 || pbds.some(([, p]) => p['host'] !== host)) continue;
    add('SR', sr, row);
    for (const [ref, p] of pbds) add('PBD', ref, p);
    for (const [ref, vdi] of db.all('VDI')) if (vdi['SR'] === sr) add('VDI', ref, vdi);
  }
  return out;
}

/**
 * Create the records in the pool's store (inside the caller's transaction).
 * A record already there (a join retried after an interruption) is left as it is.
 */
export function addJoinRecords(db: ObjectStore, records: readonly JoinRecord[]): number {
  let made = 0;
  for (const r of records) {
    if (db.has(r.cls, r.ref)) continue;
    db.create(r.cls, r.fields, r.ref);
    made++;
  }
  return made;
}
