// Waiting for xenopsd tasks the way xapi does: one UPDATES.get long-poll loop
// per connection, and a Task.stat when a task someone waits for changes.
import type { Client } from '../idl/index.js';
import type { XenopsInterface } from '../idl/xenops.js';
import type { TaskInfo } from './types.js';

export class TaskWatcher {
  private readonly waiting = new Map<string, (t: TaskInfo) => void>();
  private readonly stop = new AbortController();
  private last: number | undefined;
  private loop: Promise<void> | undefined;
  private ready: Promise<void> | undefined;

  constructor(
    private readonly c: Client<XenopsInterface>,
    private readonly dbg = 'task-watcher',
  ) {}

  /** Resolve with the task's terminal record, then destroy the task. */
  async wait(id: string): Promise<TaskInfo> {
    if (!this.loop) {
      const first = this.c.call('UPDATES.last_id', { dbg: this.dbg });
      this.ready = first.then(() => undefined);
      this.loop = this.run(first);
    }
    const done = new Promise<TaskInfo>((r) => this.waiting.set(id, r));
    // Only once the loop holds its starting update id may the task be
    // checked: a task finishing between the check and that id would be in
    // neither the check nor the updates, and the wait would never end.
    await this.ready;
    await this.check(id); // it may have finished before we started waiting
    const info = await done;
    // The result is in hand: destroying the task need not hold the caller up.
    this.c.call('Task.destroy', { dbg: this.dbg, id }).catch(() => undefined);
    return info;
  }

  private async check(id: string): Promise<void> {
    const resolve = this.waiting.get(id);
    if (!resolve) return;
    const info = await this.c.call('Task.stat', { dbg: this.dbg, id });
    if (info.state[0] !== 'Pending' && this.waiting.delete(id)) resolve(info);
  }

  private async run(first: Promise<number>): Promise<void> {
    this.last = await first;
    while (!this.stop.signal.aborted) {
      const r: [unknown, (readonly [string, unknown])[], number] = await this.c.call(
        'UPDATES.get',
        { dbg: this.dbg, last_id: this.last, timeout: 5 },
        { signal: this.stop.signal },
      );
      this.last = r[2];
      await Promise.all(r[1].filter((i) => i[0] === 'Task').map((i) => this.check(i[1] as string)));
    }
  }

  close(): void {
    this.stop.abort();
    void this.loop?.catch(() => undefined);
  }
}
