// Run a xapi-ts daemon as a real child process for tests, and always clean up.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from '../../src/common/config.js';

export interface Daemon {
  readonly child: ChildProcess;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Whether something accepts connections on a Unix socket. */
function accepts(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(path);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Start a daemon; it is ready once its Unix socket `readyPath` accepts connections. */
export async function startDaemon(
  args: string[],
  readyPath: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Daemon> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'xapi-ts.mjs'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const daemon: Daemon = {
    child,
    output: () => out,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  const deadline = Date.now() + 30_000;
  while (!(await accepts(readyPath))) {
    if (child.exitCode !== null) throw new Error(`daemon exited early: ${out}`);
    if (Date.now() > deadline) {
      await daemon.kill('SIGKILL');
      throw new Error(`daemon not ready after 30 s: ${out}`);
    }
    await sleep(20);
  }
  return daemon;
}
