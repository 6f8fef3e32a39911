// The daemons of xapi-ts as child processes, for tests: started from
// bin/xapi-ts.mjs, ready when their output says so (each prints a line once it
// serves), stopped by PID and waited for. Their output is kept: a start that
// fails says it, and a test that fails shows the output of the daemons it ran.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { REPO_ROOT } from '../../src/common/config.js';

export const XAPI_TS_BIN = join(REPO_ROOT, 'bin', 'xapi-ts.mjs');

/** The line each daemon prints once it serves. */
export const READY = {
  xapi: /^xapi: listening on /m,
  xenopsd: /^xenopsd \S+: serving /m,
  switch: /^message-switch: listening on /m,
  rrdd: /^rrdd: serving /m,
} as const;

export interface DaemonOptions {
  /** What the daemon prints once it serves (see READY). */
  readonly ready: string | RegExp;
  readonly env?: NodeJS.ProcessEnv;
  /** Killed when this test ends if still running; its output goes to the test's diagnostics if it failed. */
  readonly t?: TestContext;
  /** How long the start may take (generous: the machine may be loaded). */
  readonly timeoutMs?: number;
}

export interface Daemon extends AsyncDisposable {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves when its output after `from` (default: from now) matches `pattern`; rejects if it exits first. */
  waitForOutput(pattern: string | RegExp, opts?: { from?: number; timeoutMs?: number }): Promise<void>;
  /** Resolves with its exit code (or signal) once it has exited. */
  readonly exited: Promise<number | NodeJS.Signals>;
  /** Send `signal` to its PID, unless it has exited, and wait for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function matches(text: string, pattern: string | RegExp): boolean {
  return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
}

/** Run `xapi-ts <args...>` and resolve once it prints `opts.ready`. */
export async function startDaemon(args: readonly string[], opts: DaemonOptions): Promise<Daemon> {
  const child = spawn(process.execPath, [XAPI_TS_BIN, ...args], {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`xapi-ts ${args.join(' ')} did not start`);
  let out = '';
  const watchers = new Set<() => void>();
  const append = (d: Buffer) => {
    out += d.toString();
    for (const w of watchers) w();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code ?? 0)),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  const waitForOutput: Daemon['waitForOutput'] = (pattern, o = {}) => {
    const from = o.from ?? out.length;
    const ms = o.timeoutMs ?? 60_000;
    return new Promise<void>((resolve, reject) => {
      const done = (e?: Error) => {
        watchers.delete(check);
        clearTimeout(timer);
        if (e) reject(e);
        else resolve();
      };
      const check = () => {
        if (matches(out.slice(from), pattern)) done();
      };
      const timer = setTimeout(
        () => done(new Error(`xapi-ts ${args[0]} printed no ${pattern} in ${ms} ms:\n${out}`)),
        ms,
      );
      watchers.add(check);
      void exited.then((how) =>
        done(new Error(`xapi-ts ${args[0]} exited (${how}) before ${pattern}:\n${out}`)),
      );
      check();
    });
  };
  const stop: Daemon['stop'] = async (signal = 'SIGTERM') => {
    if (running()) {
      try {
        process.kill(pid, signal);
      } catch {
        // exited meanwhile
      }
    }
    await exited;
  };
  const daemon: Daemon = {
    child,
    pid,
    output: () => out,
    waitForOutput,
    exited,
    stop,
    [Symbol.asyncDispose]: () => stop('SIGKILL'),
  };
  opts.t?.after(async () => {
    // Node ≥ 20.19 tells an after hook whether the test passed (not yet in @types/node).
    if ((opts.t as TestContext & { readonly passed?: boolean }).passed === false)
      opts.t?.diagnostic(`output of xapi-ts ${args.join(' ')} (pid ${pid}):\n${out}`);
    await stop('SIGKILL');
  });
  try {
    await waitForOutput(opts.ready, { from: 0, timeoutMs: opts.timeoutMs ?? 60_000 });
  } catch (e) {
    await stop('SIGKILL');
    throw e;
  }
  return daemon;
}
