// xapi processes in pool mode for tests and benchmarks: each with its own
// state directory and 127.0.0.N address, on one pool database in etcd; every
// role change is a line of its output, which `waitFor` follows.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { XapiClient } from '../../src/client/generated.js';
import { jsonRpcTransport } from '../../src/client/transport.js';
import { REPO_ROOT } from '../../src/common/config.js';

export interface Proc {
  readonly name: string;
  readonly stateDir: string;
  readonly child: ChildProcess;
  out(): string;
  /** Resolves with the time a line matching `re` appears after output offset `from`. */
  waitFor(re: RegExp, from?: number, ms?: number): Promise<number>;
}

export function startXapi(
  name: string,
  stateDir: string,
  address: string,
  endpoints: readonly string[],
  pool: string,
  ttlSeconds: number,
): Proc {
  const args = [
    join(REPO_ROOT, 'bin', 'xapi-ts.mjs'),
    'xapi',
    '--state-dir',
    stateDir,
    '--host',
    address,
    '--port',
    '0',
    '--https-port',
    'none',
    '--etcd-endpoints',
    endpoints.join(','),
    '--pool-uuid',
    pool,
    '--pool-lease-ttl',
    String(ttlSeconds),
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, XAPI_TS_ROOT_PASSWORD: 'pw' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return {
    name,
    stateDir,
    child,
    out: () => out,
    async waitFor(re, from = 0, ms = 30_000) {
      const deadline = Date.now() + ms;
      while (!re.test(out.slice(from))) {
        if (child.exitCode !== null) throw new Error(`${name} exited: ${out}`);
        if (Date.now() > deadline) throw new Error(`${name}: no ${String(re)} after ${ms} ms:\n${out}`);
        await sleep(10);
      }
      return performance.now();
    },
  };
}

export async function connect(p: Proc): Promise<{ c: XapiClient; close(): void }> {
  const t = jsonRpcTransport({ socketPath: join(p.stateDir, 'xapi.sock') });
  const c = new XapiClient(t);
  await c.login('root', '');
  return { c, close: () => t.close() };
}

export function kill(p: Proc, sig: NodeJS.Signals): void {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(sig);
}

/** SIGCONT then SIGKILL every process, and wait for each to exit. */
export async function killAll(procs: readonly Proc[]): Promise<void> {
  for (const p of procs) {
    kill(p, 'SIGCONT');
    kill(p, 'SIGKILL');
    if (p.child.exitCode === null && p.child.signalCode === null) {
      await new Promise((r) => p.child.once('exit', r));
    }
  }
}
