// Long operations: call the Async form of a message, follow its task with
// event.from (drawing a progress bar when stderr is a terminal), then
// return its result or raise its error, and destroy the task.
import { XenApiFailure } from '../client/transport.js';
import type { Ctx } from './command.js';

/** A progress bar line: `[##########          ]  50%`. */
export function progressLine(progress: number, width = 40): string {
  const p = Math.min(1, Math.max(0, Number.isFinite(progress) ? progress : 0));
  const done = Math.round(p * width);
  return `[${'#'.repeat(done)}${' '.repeat(width - done)}] ${String(Math.floor(p * 100)).padStart(3)}%`;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The string inside a task's XML-RPC result fragment (`<value>OpaqueRef:…</value>`). */
export function taskResultString(fragment: string): string {
  const m = /<value>(?:<string>)?([\s\S]*?)(?:<\/string>)?<\/value>/.exec(fragment);
  const raw = m ? (m[1] as string) : fragment;
  return raw.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] as string);
}

interface TaskRecord {
  readonly status: string;
  readonly progress: number;
  readonly result: string;
  readonly error_info: readonly string[];
}

function finished(r: TaskRecord): boolean {
  return r.status !== 'pending' && r.status !== 'cancelling';
}

/** Wait for a task to finish; returns its final record. */
export async function waitTask(ctx: Ctx, task: string): Promise<TaskRecord> {
  const bar = ctx.io.isTTY === true && ctx.out.mode === 'normal';
  const draw = (p: number) => {
    if (bar) ctx.io.stderr.write(`\r${progressLine(p)}`);
  };
  let rec = (await ctx.api.call('task.get_record', task)) as TaskRecord;
  let token = '';
  try {
    while (!finished(rec)) {
      draw(rec.progress);
      const res = (await ctx.api.call('event.from', ['task'], token, 30)) as {
        events: readonly { ref: string; operation: string; snapshot?: TaskRecord }[];
        token: string;
      };
      token = res.token;
      for (const ev of res.events) {
        if (ev.ref !== task) continue;
        if (ev.operation === 'del') throw new XenApiFailure('HANDLE_INVALID', ['task', task]);
        if (ev.snapshot) rec = ev.snapshot;
      }
    }
    draw(1);
  } finally {
    if (bar) ctx.io.stderr.write('\n');
  }
  return rec;
}

/** Call `Async.<method>`, wait, and return the task's result (a ref, or ''). */
export async function runAsync(ctx: Ctx, method: string, ...params: readonly unknown[]): Promise<string> {
  const task = String(await ctx.api.call(`Async.${method}`, ...params));
  try {
    const rec = await waitTask(ctx, task);
    if (rec.status === 'success') return rec.result ? taskResultString(rec.result) : '';
    const [code, ...rest] = rec.error_info.length ? rec.error_info : ['TASK_CANCELLED', task];
    throw new XenApiFailure(code as string, rest);
  } finally {
    await ctx.api.call('task.destroy', task).catch(() => undefined);
  }
}
