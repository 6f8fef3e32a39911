// Helpers shared by the benchmarks: child daemons, keep-alive HTTP(S) load and
// percentiles.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/common/config.js';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

/** Start `xapi-ts <args>` and wait for a line matching `ready` on stdout. */
export function startChild(
  args: string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv = {},
): Promise<{
  child: ChildProcess;
  match: RegExpMatchArray;
}> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'xapi-ts.mjs'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = out.match(ready);
      if (m) resolve({ child, match: m });
    };
    // Daemons announce themselves on stdout or stderr.
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`child exited with ${code}: ${out}`)));
  });
}

/** Resident set size of a process in MiB. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

export interface Target {
  readonly port: number;
  readonly path: string;
  readonly contentType: string;
  /** HTTPS, accepting any certificate (the servers measured are self-signed). */
  readonly tls?: boolean;
}

/** A keep-alive agent for `t`: HTTPS when it is TLS. */
export function agentFor(t: Target, maxSockets: number): Agent {
  return t.tls
    ? new HttpsAgent({ keepAlive: true, maxSockets, rejectUnauthorized: false })
    : new Agent({ keepAlive: true, maxSockets });
}

export function post(agent: Agent, t: Target, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = (t.tls ? httpsRequest : request)(
      {
        agent,
        host: '127.0.0.1',
        port: t.port,
        path: t.path,
        method: 'POST',
        headers: { 'content-type': t.contentType, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Calls per second from `concurrency` keep-alive clients sending `body` for `ms`. */
export async function throughput(t: Target, body: string, concurrency: number, ms: number): Promise<number> {
  const agent = agentFor(t, concurrency);
  let done = 0;
  const end = Date.now() + ms;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        await post(agent, t, body);
        done++;
      }
    }),
  );
  agent.destroy();
  return done / ((Date.now() - t0) / 1000);
}
