// Object database sanity benchmark: 10,000 VM-like records (~90 fields) in
// the SQLite-backed store. Baselines measured in the same run: one commit per
// write (what group commit replaces) and a column-per-field table layout
// (what the single JSON column replaces).
// Prints one JSON line of figures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Value } from '../src/datamodel/types.js';
import { parseFilter } from '../src/db/filter.js';
import { openDatabase } from '../src/db/sqlite.js';
import type { ObjectStore, Row } from '../src/db/store.js';
import { classes, relations, vm } from './vm-like.js';

const N = 10_000;

const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

async function writesPerSecond(
  db: ObjectStore,
  refs: string[],
  concurrency: number,
  seconds: number,
): Promise<number> {
  let n = 0;
  const end = Date.now() + seconds * 1000;
  const client = async (c: number): Promise<void> => {
    while (Date.now() < end) {
      const ref = refs[(n + c) % refs.length] as string;
      db.update('VM', ref, { n0: n });
      n++;
      await db.flush();
    }
  };
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, (_, c) => client(c)));
  return n / (ms(t0) / 1000);
}

interface LayoutTimes {
  insertMs: number;
  loadMs: number;
}

/** Write 10k rows in one transaction, then read them all back, in a layout. */
function timeLayout(
  path: string,
  ddl: string,
  insertSql: string,
  params: (r: Row, i: number) => unknown[],
  decode: (r: Record<string, string>) => Row,
  rows: readonly Row[],
): LayoutTimes {
  const raw = new Database(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec(ddl);
  const insert = raw.prepare(insertSql);
  let t0 = process.hrtime.bigint();
  raw.transaction(() => rows.forEach((r, i) => insert.run(...params(r, i))))();
  const insertMs = ms(t0);
  t0 = process.hrtime.bigint();
  let n = 0;
  for (const r of raw.prepare('SELECT * FROM t').iterate() as Iterable<Record<string, string>>) {
    if (decode(r)) n++;
  }
  const loadMs = ms(t0);
  raw.close();
  if (n !== rows.length) throw new Error('layout lost rows');
  return { insertMs, loadMs };
}

/** Ours: one JSON object per row. */
function jsonLayout(dir: string, rows: readonly Row[]): LayoutTimes {
  return timeLayout(
    join(dir, 'json.db'),
    'CREATE TABLE t (ref TEXT PRIMARY KEY, cls TEXT, created INTEGER, modified INTEGER, data TEXT) WITHOUT ROWID',
    'INSERT INTO t VALUES (?, ?, ?, ?, ?)',
    (r, i) => [`OpaqueRef:${i}`, 'VM', 1, 1, JSON.stringify(r)],
    (r) => JSON.parse(r['data'] as string) as Row,
    rows,
  );
}

/** The alternative: a table per class, one JSON-encoded column per field. */
function columnLayout(dir: string, rows: readonly Row[]): LayoutTimes {
  const cols = vm.fields.map((f) => `"${f.dbName}"`);
  return timeLayout(
    join(dir, 'columns.db'),
    `CREATE TABLE t (ref TEXT PRIMARY KEY, ${cols.map((c) => `${c} TEXT`).join(', ')}) WITHOUT ROWID`,
    `INSERT INTO t VALUES (?, ${cols.map(() => '?').join(', ')})`,
    (r, i) => [`OpaqueRef:${i}`, ...vm.fields.map((f) => JSON.stringify(r[f.name]))],
    (r) => {
      const out: Record<string, Value> = {};
      for (const f of vm.fields) out[f.name] = JSON.parse(r[f.dbName] as string) as Value;
      return out;
    },
    rows,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'xapi-bench-db-'));
  try {
    const path = join(dir, 'state.db');
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    let db = openDatabase({ path, classes, relations });
    let t0 = process.hrtime.bigint();
    const refs: string[] = [];
    for (let i = 0; i < N; i++) {
      refs.push(db.create('VM', { name_label: `vm${i}`, is_a_template: i % 10 === 0 }));
    }
    const createMs = ms(t0);
    t0 = process.hrtime.bigint();
    await db.flush();
    const flushMs = ms(t0);
    for (let i = 0; i < N; i++) db.create('VBD', { VM: refs[i] as string });
    await db.flush();
    global.gc?.();
    const heapPerRecord = (process.memoryUsage().heapUsed - heap0) / (2 * N);

    t0 = process.hrtime.bigint();
    const all: Record<string, Row> = {};
    for (const [ref, row] of db.all('VM')) all[ref] = row;
    const getAllRecordsMs = ms(t0);

    const filter = parseFilter('field "is_a_template"="true" and field "power_state"="Halted"');
    t0 = process.hrtime.bigint();
    const templates = db.where('VM', filter);
    const whereMs = ms(t0);
    if (templates.length !== N / 10) throw new Error(`filter found ${templates.length}`);

    const token = db.changesSince('', ['*']).token;
    for (let i = 0; i < 10; i++) db.update('VM', refs[i] as string, { n1: -i });
    let changes = db.changesSince(token, ['vm']);
    t0 = process.hrtime.bigint();
    for (let i = 0; i < 100; i++) changes = db.changesSince(token, ['vm']);
    const eventFromMs = ms(t0) / 100;
    if (changes.events.length !== 10) throw new Error(`event.from found ${changes.events.length}`);

    const serial = await writesPerSecond(db, refs, 1, 1.5);
    const grouped = await writesPerSecond(db, refs, 64, 1.5);
    await db.close();

    t0 = process.hrtime.bigint();
    db = openDatabase({ path, classes, relations });
    const openMs = ms(t0);
    if (db.count('VM') !== N || (db.get('VM', refs[0] as string)['VBDs'] as string[]).length !== 1) {
      throw new Error('reopen lost data');
    }
    await db.close();

    const rows = refs.map((r) => all[r] as Row);
    const json = jsonLayout(dir, rows);
    const columns = columnLayout(dir, rows);

    console.log(
      JSON.stringify({
        records: N,
        create_10k_vm_in_memory_ms: round(createMs),
        flush_10k_vm_ms: round(flushMs),
        get_all_records_10k_ms: round(getAllRecordsMs, 2),
        where_10k_ms: round(whereMs, 2),
        event_from_10_changes_ms: round(eventFromMs, 3),
        open_20k_records_ms: round(openMs),
        heap_per_record_bytes: Math.round(heapPerRecord),
        serial_commit_writes_per_s: Math.round(serial),
        group_commit_writes_per_s: Math.round(grouped),
        group_commit_speedup_ratio: round(grouped / serial, 2),
        json_layout_insert_10k_ms: round(json.insertMs),
        json_layout_load_10k_ms: round(json.loadMs),
        column_layout_insert_10k_ms: round(columns.insertMs),
        column_layout_load_10k_ms: round(columns.loadMs),
        column_vs_json_insert_ratio: round(columns.insertMs / json.insertMs, 2),
        column_vs_json_load_ratio: round(columns.loadMs / json.loadMs, 2),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
