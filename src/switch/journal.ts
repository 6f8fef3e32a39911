// Persistence of the persistent queues: an append-only log of JSON lines with
// group commit. Everything appended during one turn of the event loop is
// written with one write() and made durable with one fdatasync(); callers
// await sync() before answering, so a sender or acker hears "done" only once
// its change is on disk. On start the log is replayed and rewritten compactly
// (tmp + rename); it is compacted again when it grows much larger than the
// live messages it describes.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { fdatasync, write } from 'node:fs';
import { dirname, join } from 'node:path';
import type { MessageKind } from './protocol.js';

export type JournalRecord =
  /** A persistent queue exists; `next` is its next message number. */
  | { readonly c: string; readonly next: number }
  | { readonly d: string }
  | {
      readonly s: string;
      readonly n: number;
      readonly p: string;
      readonly k: MessageKind;
      readonly t: number;
    }
  | { readonly a: string; readonly n: number };

export interface StoredMessage {
  readonly id: number;
  readonly payload: string;
  readonly kind: MessageKind;
  readonly sent: number;
}

export interface StoredQueue {
  readonly name: string;
  nextId: number;
  readonly messages: Map<number, StoredMessage>;
}

/**
 * - `fsync`: every batch is fdatasync'd before anyone is told it is done
 *   (survives power loss);
 * - `none`: batches are written to the kernel but not forced to disk (survives
 *   the switch being killed, not the host losing power).
 */
export type DurabilityPolicy = 'fsync' | 'none';

export interface JournalStats {
  readonly path: string;
  readonly policy: DurabilityPolicy;
  readonly bytes: number;
  readonly commits: number;
  readonly records: number;
  readonly compactions: number;
}

/** Fold log records into the set of live queues and messages. Pure. */
export function replay(lines: Iterable<JournalRecord>): Map<string, StoredQueue> {
  const queues = new Map<string, StoredQueue>();
  for (const r of lines) {
    if ('c' in r) {
      const q = queues.get(r.c);
      if (q) q.nextId = Math.max(q.nextId, r.next);
      else queues.set(r.c, { name: r.c, nextId: r.next, messages: new Map() });
    } else if ('d' in r) queues.delete(r.d);
    else if ('s' in r) {
      const q = queues.get(r.s);
      if (!q) continue;
      q.messages.set(r.n, { id: r.n, payload: r.p, kind: r.k, sent: r.t });
      q.nextId = Math.max(q.nextId, r.n + 1);
    } else queues.get(r.a)?.messages.delete(r.n);
  }
  return queues;
}

/** Parse the log text; a torn last line (the process died mid-write) is dropped. */
export function parseLog(text: string): { records: JournalRecord[]; bad: number } {
  const records: JournalRecord[] = [];
  let bad = 0;
  for (const line of text.split('\n')) {
    if (line.length === 0) continue;
    try {
      records.push(JSON.parse(line) as JournalRecord);
    } catch {
      bad++;
    }
  }
  return { records, bad };
}

export function snapshotRecords(queues: Iterable<StoredQueue>): JournalRecord[] {
  const out: JournalRecord[] = [];
  for (const q of queues) {
    out.push({ c: q.name, next: q.nextId });
    for (const m of q.messages.values()) out.push({ s: q.name, n: m.id, p: m.payload, k: m.kind, t: m.sent });
  }
  return out;
}

interface Waiter {
  readonly seq: number;
  readonly resolve: () => void;
  readonly reject: (e: Error) => void;
}

export class Journal {
  private fd: number;
  private pending: string[] = [];
  private appended = 0;
  private durable = 0;
  private waiters: Waiter[] = [];
  private writing = false;
  private scheduled = false;
  private failed: Error | undefined;
  private bytes = 0;
  private commits = 0;
  private records = 0;
  private compactions = 0;
  private compactWanted: (() => JournalRecord[]) | undefined;

  private constructor(
    readonly path: string,
    readonly policy: DurabilityPolicy,
    fd: number,
    bytes: number,
  ) {
    this.fd = fd;
    this.bytes = bytes;
  }

  /** Open (or create) the log, replay it and rewrite it compactly. */
  static open(
    path: string,
    policy: DurabilityPolicy,
  ): { journal: Journal; queues: Map<string, StoredQueue> } {
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    const { records, bad } = parseLog(text);
    if (bad > 0)
      process.stderr.write(`message-switch: ignored ${bad} unreadable journal line(s) in ${path}\n`);
    const queues = replay(records);
    const bytes = writeSnapshot(path, snapshotRecords(queues.values()));
    const journal = new Journal(path, policy, openSync(path, 'a'), bytes);
    return { journal, queues };
  }

  append(rec: JournalRecord): void {
    if (this.failed) throw this.failed;
    this.pending.push(JSON.stringify(rec) + '\n');
    this.appended++;
    this.schedule();
  }

  /** Resolves once everything appended so far is durable under the policy. */
  sync(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.durable >= this.appended) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ seq: this.appended, resolve, reject }));
  }

  /** Ask for the log to be rewritten from `snapshot` at the next quiet moment. */
  requestCompaction(snapshot: () => JournalRecord[]): void {
    this.compactWanted = snapshot;
    this.schedule();
  }

  get size(): number {
    return this.bytes;
  }

  stats(): JournalStats {
    return {
      path: this.path,
      policy: this.policy,
      bytes: this.bytes,
      commits: this.commits,
      records: this.records,
      compactions: this.compactions,
    };
  }

  async close(): Promise<void> {
    await this.sync().catch(() => undefined);
    closeSync(this.fd);
  }

  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    // Collect everything appended during this turn of the event loop into one batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (!this.failed && (this.pending.length > 0 || this.compactWanted)) {
        const upTo = this.appended;
        if (this.compactWanted) {
          // The snapshot reflects every change applied in memory, pending ones included.
          const snap = this.compactWanted;
          this.compactWanted = undefined;
          this.pending = [];
          closeSync(this.fd);
          this.bytes = writeSnapshot(this.path, snap());
          this.fd = openSync(this.path, 'a');
          this.compactions++;
        } else {
          const batch = this.pending.join('');
          this.records += this.pending.length;
          this.pending = [];
          const buf = Buffer.from(batch, 'utf8');
          await writeAll(this.fd, buf);
          if (this.policy === 'fsync') await datasync(this.fd);
          this.bytes += buf.length;
        }
        this.commits++;
        this.durable = upTo;
        const ready = this.waiters.filter((w) => w.seq <= upTo);
        this.waiters = this.waiters.filter((w) => w.seq > upTo);
        for (const w of ready) w.resolve();
      }
    } catch (e) {
      this.failed = e instanceof Error ? e : new Error(String(e));
      process.stderr.write(`message-switch: journal write failed: ${this.failed.message}\n`);
      for (const w of this.waiters) w.reject(this.failed);
      this.waiters = [];
    } finally {
      this.writing = false;
    }
  }
}

function writeAll(fd: number, buf: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (off: number): void => {
      write(fd, buf, off, buf.length - off, null, (err, n) => {
        if (err) reject(err);
        else if (off + n < buf.length) step(off + n);
        else resolve();
      });
    };
    step(0);
  });
}

function datasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));
}

/** Write a complete log atomically: tmp file, fsync, rename, fsync the directory. */
function writeSnapshot(path: string, records: readonly JournalRecord[]): number {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  let bytes = 0;
  try {
    const chunk: string[] = [];
    let size = 0;
    const spill = (): void => {
      const buf = Buffer.from(chunk.join(''), 'utf8');
      for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off);
      bytes += buf.length;
      chunk.length = 0;
      size = 0;
    };
    for (const r of records) {
      const line = JSON.stringify(r) + '\n';
      chunk.push(line);
      size += line.length;
      if (size > 1 << 20) spill();
    }
    spill();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const dfd = openSync(dirname(path) || join('.'), 'r');
  try {
    fsyncSync(dfd);
  } finally {
    closeSync(dfd);
  }
  return bytes;
}
