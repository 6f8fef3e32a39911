// `xapi-ts start` (what `npm start` runs): starts the toolstack's daemons as
// child processes, restarts any that dies, and stops them all on SIGINT,
// SIGTERM or SIGHUP: in reverse start order, killing what has not stopped
// within STOP_GRACE_MS. No daemon outlives it, however it ends: it kills them
// on exit, and each stops by itself once the supervisor's IPC channel closes
// (./supervised.ts). VMs do not depend on the supervisor: it only watches daemons.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, REPO_ROOT } from '../common/config.js';
import { xenopsQueue } from '../idl/xenops.js';
import { RRD_QUEUE } from '../idl/rrd.js';
import { EXIT_AGENT_RESTART, EXIT_AGENT_SHUTDOWN, SUPERVISED_ENV } from './supervised.js';

interface Daemon {
  readonly name: string;
  readonly args: readonly string[];
}

/** The xenopsd instance of this host. */
export const LOCAL_XENOPSD = 'local';

/** The daemons of one host, in start order: the switch, xenopsd, rrdd, xapi. */
export function daemonsFor(cfg: ReturnType<typeof loadConfig>): Daemon[] {
  const state = ['--state-dir', cfg.stateDir];
  return [
    { name: 'message-switch', args: ['message-switch', ...state] },
    { name: 'xenopsd', args: ['xenopsd', '--name', LOCAL_XENOPSD, '--backend', cfg.backend, ...state] },
    { name: 'rrdd', args: ['rrdd', ...state, '--xenops', xenopsQueue(LOCAL_XENOPSD)] },
    {
      name: 'xapi',
      args: [
        'xapi',
        ...state,
        '--port',
        String(cfg.port),
        '--host',
        cfg.host,
        '--https-host',
        cfg.httpsHost ?? cfg.host,
        '--https-port',
        cfg.httpsPort === undefined ? 'none' : String(cfg.httpsPort),
        '--xenops',
        xenopsQueue(LOCAL_XENOPSD),
        '--rrdd',
        RRD_QUEUE,
      ],
    },
  ];
}

/** How long the daemons have, together, to stop after SIGTERM before they are killed. */
export const STOP_GRACE_MS = 5000;

/** Resolves when `child` has exited, or after `ms`; true if it exited. */
function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), Math.max(0, ms));
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

export async function main(_args: string[]): Promise<void> {
  const cfg = loadConfig();
  mkdirSync(cfg.stateDir, { recursive: true });
  const daemons = daemonsFor(cfg);
  const children = new Map<string, ChildProcess>();
  let stopping = false;
  const bin = join(REPO_ROOT, 'bin', 'xapi-ts.mjs');

  const startOne = (d: Daemon, restarts = 0): void => {
    if (stopping) return;
    // The IPC channel is how a child notices that the supervisor has gone (src/supervisor/supervised.ts).
    const child = spawn(process.execPath, [bin, ...d.args], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, [SUPERVISED_ENV]: '1' },
    });
    children.set(d.name, child);
    const since = Date.now();
    child.on('exit', (code, signal) => {
      if (children.get(d.name) === child) children.delete(d.name);
      if (stopping) return;
      // xapi exits by itself with status 0 only after host.shutdown or
      // host.reboot has run its command: the toolstack stops with it.
      if (d.name === 'xapi' && code === 0) {
        process.stderr.write('supervisor: xapi exited after a host power-off; stopping the toolstack\n');
        void stop();
        return;
      }
      // host.restart_agent: at once, not counted as a failure; host.shutdown_agent: left stopped.
      if (d.name === 'xapi' && code === EXIT_AGENT_RESTART) {
        process.stderr.write('supervisor: xapi restarting (host.restart_agent)\n');
        startOne(d);
        return;
      }
      if (d.name === 'xapi' && code === EXIT_AGENT_SHUTDOWN) {
        process.stderr.write('supervisor: xapi stopped (host.shutdown_agent); not restarting it\n');
        return;
      }
      // Back off when a daemon keeps dying right after it starts.
      const quick = Date.now() - since < 10_000;
      const delay = quick ? Math.min(30_000, 500 * 2 ** restarts) : 500;
      process.stderr.write(`supervisor: ${d.name} exited (${signal ?? code}); restarting in ${delay} ms\n`);
      setTimeout(() => startOne(d, quick ? restarts + 1 : 0), delay);
    });
  };

  // Whatever ends the supervisor, no daemon outlives it.
  process.on('exit', () => {
    for (const c of children.values()) c.kill('SIGKILL');
  });

  for (const d of daemons) startOne(d);

  // Clients stop before the services they call, the switch last: a daemon
  // whose switch has gone would otherwise wait on it. Whatever has not
  // stopped when the grace period ends is killed.
  async function stop(): Promise<void> {
    if (stopping) return;
    stopping = true;
    const deadline = Date.now() + STOP_GRACE_MS;
    for (const d of [...daemons].reverse()) {
      const c = children.get(d.name);
      if (!c) continue;
      c.kill('SIGTERM');
      if (!(await exited(c, deadline - Date.now())))
        process.stderr.write(`supervisor: ${d.name} did not stop within ${STOP_GRACE_MS} ms; killing it\n`);
    }
    const left = [...children.values()];
    for (const c of left) c.kill('SIGKILL');
    await Promise.all(left.map((c) => exited(c, 1000)));
    process.exit(0);
  }
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void stop());
}
