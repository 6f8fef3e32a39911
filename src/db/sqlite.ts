// SQLite persistence of the object store (better-sqlite3, WAL).
//
// Layout: one `objects` table (ref, class, created/modified generations, the
// persisted fields as one JSON object), `tombstones` for event.from, and
// `meta` for the counters. One JSON column per row rather than a column per
// field: a write binds five parameters whatever the width of the class (VM has
// ~100 fields), loading is one JSON.parse per row, and a datamodel that gains
// fields needs no DDL — missing fields take their default when loaded. See
// docs/design/database.md for the measurements and the durability policy.
//
// Group commit: writes land in memory at once; the changed refs are written in
// one SQLite transaction at the end of the current event-loop turn
// (setImmediate), and flush() resolves when that transaction has committed.
//
// Durability without stalling the event loop: SQLite's own synchronous=FULL
// would fdatasync the WAL inside every commit, and better-sqlite3 runs on the
// event loop, so every request of the server would wait for the disk at each
// commit (a loaded disk takes tens of milliseconds). Under the FULL policy
// SQLite runs with synchronous=NORMAL (the WAL is written at commit, synced at
// checkpoints) and the sink syncs the WAL file itself, asynchronously, after
// each commit; flush() resolves once a sync that started after its commit has
// completed, so what it acknowledges is on disk exactly as with FULL. Commits
// made while a sync runs share the next one.
import { closeSync, fdatasync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { clearImmediate, setImmediate } from 'node:timers';
import Database from 'better-sqlite3';
import type { ClassDecl, FieldDecl, RelationDecl, Value } from '../datamodel/types.js';
import type { Tombstone } from './events.js';
import { MemoryStore, type LoadedRow, type PersistBatch, type PersistSink } from './memory.js';
import type { ObjectStore, Row } from './store.js';
import { fillValue, frozenCopy } from './values.js';

/** Bumped when the layout above changes; a newer file is refused. */
export const FORMAT_VERSION = 1;

export interface OpenOptions {
  /** Database file; created if missing. */
  readonly path: string;
  readonly classes: readonly ClassDecl[];
  readonly relations?: readonly RelationDecl[];
  readonly tombstoneLimit?: number;
  /**
   * FULL (default): a commit is fsynced before flush() resolves, so nothing
   * acknowledged is lost even on power failure. NORMAL survives process
   * crashes but may lose the last commits on power loss.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** How long to wait for another process to release the database (default 5 s). */
  readonly lockTimeoutMs?: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS objects (
    ref TEXT PRIMARY KEY, cls TEXT NOT NULL, created INTEGER NOT NULL, modified INTEGER NOT NULL,
    data TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS tombstones (
    ref TEXT PRIMARY KEY, cls TEXT NOT NULL, created INTEGER NOT NULL, deleted INTEGER NOT NULL
  ) WITHOUT ROWID;
`;

interface ObjectRow {
  ref: string;
  cls: string;
  created: number;
  modified: number;
  data: string;
}

/** Open (or create) a database file and load it into a MemoryStore. */
export function openDatabase(opts: OpenOptions): ObjectStore {
  const db = new Database(opts.path, { timeout: opts.lockTimeoutMs ?? 5000 });
  try {
    // One server per database: an exclusive lock, which also lets WAL work
    // without a shared-memory index.
    db.pragma('locking_mode = EXCLUSIVE');
    const wal = db.pragma('journal_mode = WAL', { simple: true }) === 'wal';
    const full = (opts.synchronous ?? 'FULL') === 'FULL';
    // Without a WAL (a file system that cannot have one) SQLite syncs its journal itself.
    const ownSync = full && wal;
    db.pragma(`synchronous = ${full && !ownSync ? 'FULL' : 'NORMAL'}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > FORMAT_VERSION) {
      throw new Error(
        `${opts.path} has database format ${version}; this program supports up to ${FORMAT_VERSION}`,
      );
    }
    db.exec(SCHEMA);
    if (version < FORMAT_VERSION) db.pragma(`user_version = ${FORMAT_VERSION}`);

    const classes = new Map(opts.classes.filter((c) => c.inDb).map((c) => [c.name, c]));
    const meta = new Map(
      (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [
        r.key,
        Number(r.value),
      ]),
    );
    const rows: LoadedRow[] = [];
    for (const r of db
      .prepare('SELECT ref, cls, created, modified, data FROM objects')
      .iterate() as Iterable<ObjectRow>) {
      const cls = classes.get(r.cls);
      // Rows of classes the datamodel no longer has stay in the file, unused.
      if (cls)
        rows.push({
          table: r.cls,
          ref: r.ref,
          created: r.created,
          modified: r.modified,
          row: decode(cls, r.data),
        });
    }
    const tombstones = (
      db.prepare('SELECT ref, cls, created, deleted FROM tombstones ORDER BY deleted').all() as {
        ref: string;
        cls: string;
        created: number;
        deleted: number;
      }[]
    ).map((t): Tombstone => ({ table: t.cls, ref: t.ref, created: t.created, deleted: t.deleted }));

    const store = new MemoryStore({
      classes: opts.classes,
      relations: opts.relations ?? [],
      ...(opts.tombstoneLimit === undefined ? {} : { tombstoneLimit: opts.tombstoneLimit }),
      initial: {
        generation: meta.get('generation') ?? 0,
        messageGeneration: meta.get('message_generation') ?? 0,
        lostBefore: meta.get('lost_before') ?? 0,
        rows,
        tombstones,
      },
    });
    store.attach(new SqliteSink(db, store, classes, ownSync ? `${opts.path}-wal` : undefined));
    return store;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** A stored row: the persisted fields present, the others filled with their defaults. */
function decode(cls: ClassDecl, data: string): Row {
  const stored = JSON.parse(data) as Record<string, Value>;
  const row: Record<string, Value> = {};
  for (const f of cls.fields) {
    const v = f.persist && Object.hasOwn(stored, f.name) ? stored[f.name] : undefined;
    // JSON has no NaN or infinities: they were written as null.
    if (v !== undefined && v !== null) {
      row[f.name] = v;
    } else {
      const fill = fillValue(f);
      if (fill !== undefined) row[f.name] = frozenCopy(fill);
    }
  }
  return row;
}

/** The persisted fields of a row as JSON; `null` fields = all of them. */
function encode(fields: readonly FieldDecl[] | null, row: Row): string {
  if (fields === null) return JSON.stringify(row);
  const out: Record<string, Value> = {};
  for (const f of fields) {
    const v = row[f.name];
    if (v !== undefined) out[f.name] = v;
  }
  return JSON.stringify(out);
}

interface FlushWaiter {
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

/**
 * fdatasync of the WAL file after commits, off the event loop, one at a time:
 * commits made while one runs wait for the next.
 */
class WalSync {
  private fd: number | undefined;
  private running = false;
  /** Committed, waiting for a sync to start. */
  private due: FlushWaiter[] = [];
  private idle: (() => void)[] = [];

  /** A commit is written and not yet on disk. */
  private unsynced = false;

  constructor(private readonly path: string) {}

  /**
   * The waiters' commit is written: they are told once it is on disk. A commit
   * nobody waits for is synced with the next one somebody waits for (or by
   * SQLite at its next checkpoint).
   */
  committed(waiters: readonly FlushWaiter[]): void {
    this.unsynced = true;
    if (waiters.length === 0) return;
    this.due.push(...waiters);
    if (!this.running) this.start();
  }

  /** Whether something committed may not be on disk yet. */
  get pending(): boolean {
    return this.unsynced || this.running;
  }

  /** Resolves once everything committed so far is on disk. */
  wait(w: FlushWaiter): void {
    this.due.push(w);
    if (!this.running) this.start();
  }

  private start(): void {
    const batch = this.due;
    this.due = [];
    this.unsynced = false;
    let fd: number;
    try {
      fd = this.open();
    } catch (e) {
      for (const w of batch) w.reject(e);
      return this.settled();
    }
    this.running = true;
    fdatasync(fd, (err) => {
      this.running = false;
      for (const w of batch) {
        if (err) w.reject(err);
        else w.resolve();
      }
      this.settled();
    });
  }

  private settled(): void {
    if (this.due.length) return this.start();
    for (const f of this.idle.splice(0)) f();
  }

  /** The WAL exists once something was committed; its creation is made durable too. */
  private open(): number {
    if (this.fd !== undefined) return this.fd;
    const fd = openSync(this.path, 'r');
    const dir = openSync(dirname(this.path), 'r');
    try {
      // synchronous, once: the directory entry of the new WAL file
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    this.fd = fd;
    return fd;
  }

  /** Waits for the syncs under way, then lets the file go (before the database closes). */
  async close(): Promise<void> {
    if (this.running || this.due.length) await new Promise<void>((r) => this.idle.push(r));
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

class SqliteSink implements PersistSink {
  private scheduled: NodeJS.Immediate | undefined;
  private waiting: FlushWaiter[] = [];
  private readonly wal: WalSync | undefined;
  /** A commit failed: its changes are back in the store's dirty set. */
  private failed = false;
  private closed = false;
  /** Per class, the persisted fields, or null when they all are. */
  private readonly persisted: ReadonlyMap<string, readonly FieldDecl[] | null>;
  private readonly write: (batch: PersistBatch) => void;

  constructor(
    private readonly db: Database.Database,
    private readonly store: MemoryStore,
    classes: ReadonlyMap<string, ClassDecl>,
    walPath: string | undefined,
  ) {
    this.wal = walPath === undefined ? undefined : new WalSync(walPath);
    this.persisted = new Map(
      [...classes].map(([name, c]) => [
        name,
        c.fields.every((f) => f.persist) ? null : c.fields.filter((f) => f.persist),
      ]),
    );
    const upsert = db.prepare(
      'INSERT OR REPLACE INTO objects (ref, cls, created, modified, data) VALUES (?, ?, ?, ?, ?)',
    );
    const del = db.prepare('DELETE FROM objects WHERE ref = ?');
    const bury = db.prepare(
      'INSERT OR REPLACE INTO tombstones (ref, cls, created, deleted) VALUES (?, ?, ?, ?)',
    );
    const unbury = db.prepare('DELETE FROM tombstones WHERE ref = ?');
    const setMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    this.write = db.transaction((b: PersistBatch) => {
      for (const r of b.upserts) {
        upsert.run(
          r.ref,
          r.table,
          r.created,
          r.modified,
          encode(this.persisted.get(r.table) as readonly FieldDecl[] | null, r.row),
        );
      }
      for (const ref of b.deletes) del.run(ref);
      for (const ref of b.droppedTombstones) unbury.run(ref);
      for (const t of b.tombstones) bury.run(t.ref, t.table, t.created, t.deleted);
      setMeta.run('generation', String(b.generation));
      setMeta.run('message_generation', String(b.messageGeneration));
      setMeta.run('lost_before', String(b.lostBefore));
    });
  }

  changed(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = setImmediate(() => this.commit());
  }

  flush(): Promise<void> {
    if (this.failed) this.changed();
    if (this.scheduled) return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
    // committed, but maybe not synced yet
    const wal = this.wal;
    if (wal?.pending) return new Promise((resolve, reject) => wal.wait({ resolve, reject }));
    return Promise.resolve();
  }

  private commit(): void {
    this.scheduled = undefined;
    const waiting = this.waiting;
    this.waiting = [];
    const batch = this.store.drain();
    try {
      this.write(batch);
      this.failed = false;
    } catch (e) {
      // Keep the changes for the next attempt; the callers waiting learn of it.
      this.store.undrain(batch);
      this.failed = true;
      for (const w of waiting) w.reject(e);
      return;
    }
    if (this.wal) this.wal.committed(waiting);
    else for (const w of waiting) w.resolve();
  }

  async close(): Promise<void> {
    if (this.scheduled) {
      clearImmediate(this.scheduled);
      this.commit();
    }
    this.closed = true;
    await this.wal?.close();
    this.db.close();
  }
}
