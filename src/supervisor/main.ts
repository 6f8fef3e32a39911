// `xapi-ts start` (what `npm start` runs): starts the toolstack's daemons as
// child processes, restarts any that dies, and stops them all on SIGINT or
// SIGTERM. VMs do not depend on the supervisor: it only watches daemons.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, REPO_ROOT } from '../common/config.js';
import { xenopsQueue } from '../idl/xenops.js';
import { RRD_QUEUE } from '../idl/rrd.js';

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
        cfg.httpsHost,
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

export async function main(_args: string[]): Promise<void> {
  const cfg = loadConfig();
  mkdirSync(cfg.stateDir, { recursive: true });
  const children = new Map<string, ChildProcess>();
  let stopping = false;
  const bin = join(REPO_ROOT, 'bin', 'xapi-ts.mjs');

  const startOne = (d: Daemon, restarts = 0): void => {
    const child = spawn(process.execPath, [bin, ...d.args], { stdio: 'inherit', env: process.env });
    children.set(d.name, child);
    const since = Date.now();
    child.on('exit', (code, signal) => {
      children.delete(d.name);
      if (stopping) return;
      // xapi exits by itself with status 0 only after host.shutdown or
      // host.reboot has run its command: the toolstack stops with it.
      if (d.name === 'xapi' && code === 0) {
        process.stderr.write('supervisor: xapi exited after a host power-off; stopping the toolstack\n');
        stop();
        return;
      }
      // Back off when a daemon keeps dying right after it starts.
      const quick = Date.now() - since < 10_000;
      const delay = quick ? Math.min(30_000, 500 * 2 ** restarts) : 500;
      process.stderr.write(`supervisor: ${d.name} exited (${signal ?? code}); restarting in ${delay} ms\n`);
      setTimeout(() => startOne(d, quick ? restarts + 1 : 0), delay);
    });
  };

  for (const d of daemonsFor(cfg)) startOne(d);
  function stop(): void {
    if (stopping) return;
    stopping = true;
    for (const c of children.values()) c.kill('SIGTERM');
    setTimeout(() => process.exit(0), 5000).unref();
    const check = setInterval(() => {
      if (children.size === 0) process.exit(0);
    }, 50);
    check.unref();
  }
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
