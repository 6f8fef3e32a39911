// Sending a signal and waiting until it has taken effect. kill(2) returns as
// soon as the signal is pending: a multi-threaded process (etcd is a Go
// program) stops only once one of its threads has been scheduled, dequeued
// SIGSTOP and brought every other thread into the group stop. On a busy
// machine its other threads go on serving requests for milliseconds after
// kill() returned, so "stopped" has to be read back from /proc.
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The state letter of a /proc/<pid>/stat or /proc/<pid>/task/<tid>/stat line
 * (R running, S sleeping, T stopped, Z zombie, …). The command name in
 * parentheses may itself hold spaces and parentheses: the state follows the
 * last `)`.
 */
export function statState(stat: string): string {
  const close = stat.lastIndexOf(')');
  const state = close < 0 ? undefined : stat.slice(close + 1).trimStart()[0];
  if (state === undefined) throw new Error(`not a /proc stat line: ${JSON.stringify(stat.slice(0, 80))}`);
  return state;
}

/** The state of every thread of a process; empty once it has gone. */
export function threadStates(pid: number): string[] {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const states: string[] = [];
  for (const tid of tids) {
    try {
      states.push(statState(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')));
    } catch {
      // the thread exited between the listing and the read
    }
  }
  return states;
}

/** Whether a process is stopped: every live thread in the group stop. */
export function allStopped(states: readonly string[]): boolean {
  const live = states.filter((s) => s !== 'Z' && s !== 'X');
  return live.length > 0 && live.every((s) => s === 'T');
}

/**
 * SIGSTOP: resolves once every thread of the process is stopped. SIGCONT:
 * once none is. Rejects if that has not happened within `timeoutMs`, or if
 * the process has gone. Other signals are only sent.
 */
export async function signalAndSettle(pid: number, sig: NodeJS.Signals, timeoutMs = 10_000): Promise<void> {
  process.kill(pid, sig);
  if (sig !== 'SIGSTOP' && sig !== 'SIGCONT') return;
  const settled = (states: readonly string[]): boolean =>
    sig === 'SIGSTOP' ? allStopped(states) : !states.includes('T');
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const states = threadStates(pid);
    if (states.every((s) => s === 'Z' || s === 'X'))
      throw new Error(`process ${pid} exited before ${sig} took effect`);
    if (settled(states)) return;
    if (performance.now() > deadline) {
      throw new Error(
        `${sig} to process ${pid} not in effect after ${timeoutMs} ms (threads ${states.join('')})`,
      );
    }
    await sleep(1);
  }
}
