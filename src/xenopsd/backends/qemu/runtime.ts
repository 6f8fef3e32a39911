// Running QEMU for the backend: spawning detached (a QEMU outlives the xenopsd that
// started it, like a Xen domain), telling a live process from a dead one, stopping one.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiError } from '../../../datamodel/api-error.js';
import type { QemuCommand } from './config.js';
import { QmpClient } from './qmp.js';

/** True while `pid` is a running (not zombie) process. */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/**
 * Starts QEMU in its own session and process group, its stderr to `logFile`, and
 * does not wait for it: ending xenopsd leaves it running. Resolves once QMP answers.
 */
export async function spawnDetached(
  cmd: QemuCommand,
  logFile: string,
  signal: AbortSignal,
  priority?: number,
): Promise<{ pid: number; qmp: QmpClient }> {
  const fd = openSync(logFile, 'a');
  let exited = false;
  let pid: number | undefined;
  try {
    const child = spawn(cmd.binary, cmd.argv, { detached: true, stdio: ['ignore', 'ignore', fd] });
    child.on('exit', () => {
      exited = true;
    });
    child.on('error', () => {
      exited = true;
    });
    child.unref();
    pid = child.pid;
    if (pid !== undefined && priority !== undefined) {
      try {
        setPriority(pid, priority);
      } catch {
        // not allowed (raising priority needs privileges): keep the default
      }
    }
  } finally {
    closeSync(fd);
  }
  const log = () => {
    try {
      return readFileSync(logFile, 'utf8').trim().slice(-2000);
    } catch {
      return '';
    }
  };
  if (pid === undefined)
    throw apiError('INTERNAL_ERROR', { message: `cannot start ${cmd.binary}: ${log()}` });
  const started = pid;
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  const watcher = (async () => {
    while (!controller.signal.aborted) {
      if (exited || !alive(started)) {
        controller.abort();
        return;
      }
      // woken by the abort too: the start must not wait out the poll once QMP answers
      await sleep(50, undefined, { signal: controller.signal }).catch(() => {});
    }
  })();
  try {
    const qmp = await QmpClient.connect(cmd.paths.qmp, {
      timeoutMs: 30_000,
      signal: controller.signal,
      commandTimeoutMs: 30_000,
    });
    return { pid: started, qmp };
  } catch (e) {
    await stop(started, undefined);
    if (signal.aborted) throw apiError('XENOPS_CANCELLED', { task: 'device model start' });
    throw apiError('INTERNAL_ERROR', {
      message: `QEMU did not start: ${exited ? log() : (e as Error).message}`,
    });
  } finally {
    signal.removeEventListener('abort', onAbort);
    controller.abort();
    await watcher;
  }
}

/**
 * Ends a QEMU: `quit` over QMP if connected, SIGKILL if it has not gone within `graceMs`.
 * A QEMU that quits closes its monitor as it exits, so that is waited for first; then
 * the process is looked at again after 1, 2, 4 ... (at most 50) ms.
 */
export async function stop(pid: number, qmp: QmpClient | undefined, graceMs = 5000): Promise<void> {
  const deadline = Date.now() + graceMs;
  if (qmp && !qmp.isClosed) {
    await qmp.execute('quit', {}, { timeoutMs: 3000 }).catch(() => {});
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      qmp.closed,
      new Promise<void>((r) => (timer = setTimeout(r, Math.max(0, deadline - Date.now())))),
    ]);
    clearTimeout(timer);
  }
  for (let wait = 1; Date.now() < deadline && alive(pid); wait = Math.min(50, wait * 2)) await sleep(wait);
  if (alive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
    for (let i = 0; i < 100 && alive(pid); i++) await sleep(20);
  }
  await qmp?.close().catch(() => {});
}

/** CPU time of one thread of a process, in nanoseconds (utime + stime). */
export function threadCpuNs(pid: number, tid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is the state (field 3); utime and stime are fields 14 and 15, in clock ticks (USER_HZ = 100)
    return (Number(fields[11]) + Number(fields[12])) * 10_000_000;
  } catch {
    return 0;
  }
}
