// An append-only JSON-lines journal: each change is one line appended to an
// open file (cheap, and kept by the kernel if the process is killed), and the
// file is compacted to a snapshot when opened and whenever it has grown well
// past the live state. A torn last line (a write cut short) is ignored.
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';

export class Journal<R> {
  private fd: number;
  private lines = 0;

  /** Replay `path` through `apply`, then rewrite it as `snapshot()` and keep appending. */
  constructor(
    private readonly path: string,
    apply: (record: R) => void,
    private readonly snapshot: () => R[],
  ) {
    if (existsSync(path)) {
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        if (!line) continue;
        let rec: R;
        try {
          rec = JSON.parse(line) as R;
        } catch {
          continue; // torn write at the end
        }
        apply(rec);
      }
    }
    this.fd = this.compact();
  }

  append(record: R): void {
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    if (++this.lines > 10_000) this.fd = this.compact(this.fd);
  }

  private compact(old?: number): number {
    const records = this.snapshot();
    writeFileSync(`${this.path}.tmp`, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    renameSync(`${this.path}.tmp`, this.path);
    if (old !== undefined) closeSync(old);
    this.lines = records.length;
    return openSync(this.path, 'a');
  }

  close(): void {
    closeSync(this.fd);
  }
}
