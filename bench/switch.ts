// npm run bench:switch — RPC through the message switch against the same call
// made directly over HTTP on a Unix socket (the baseline), with 1 and 32
// concurrent callers, and persistent send+ack throughput under both durability
// policies. The switch and the service each run in their own process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, HttpUnixTransport } from '../src/idl/index.js';
import { SwitchClient } from '../src/switch/client.js';
import { SwitchRpc } from '../src/switch/rpc.js';
import { ECHO_QUEUE, Echo } from './echo-idl.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 3);
/** Direct and switch runs alternate this many times; figures are medians over the rounds. */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const C1_RATIO_TARGET = 0.5;
const children: ChildProcess[] = [];
const dirs: string[] = [];

function cleanup(): void {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

function start(args: string[], ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const on = (d: Buffer): void => {
      out += d.toString();
      if (out.includes(ready)) resolve(child);
    };
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${out}`)));
  });
}

async function startSwitch(durability: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-switch-'));
  dirs.push(dir);
  await start(
    ['bin/xapi-ts.mjs', 'message-switch', '--state-dir', dir, '--durability', durability],
    'listening',
  );
  return join(dir, 'switch.sock');
}

interface Run {
  calls_per_s: number;
  p50_ms: number;
  p99_ms: number;
}

function pct(sorted: number[], p: number): number {
  return sorted.length
    ? (sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] as number)
    : NaN;
}

/** Closed loop: `callers` workers call back to back for SECONDS (after a short warm-up). */
async function measure(client: Client<typeof Echo>, callers: number): Promise<Run> {
  const text = 'x'.repeat(64);
  let stopAt = Date.now() + 500;
  let recording = false;
  const lat: number[] = [];
  const worker = async (w: number): Promise<void> => {
    for (let n = 0; Date.now() < stopAt; n++) {
      const t0 = performance.now();
      await client.call('echo', { dbg: `bench-${w}`, n, text });
      if (recording) lat.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: callers }, (_, w) => worker(w)));
  recording = true;
  const t0 = performance.now();
  stopAt = Date.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: callers }, (_, w) => worker(w)));
  const elapsed = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return { calls_per_s: Math.round(lat.length / elapsed), p50_ms: r(pct(lat, 50)), p99_ms: r(pct(lat, 99)) };
}

/** Persistent queue: `callers` producers send one message at a time, a consumer takes and acks. */
async function persistentThroughput(sock: string, callers: number): Promise<number> {
  const q = 'org.xen.xapi.bench.persistent';
  const producer = new SwitchClient({ socketPath: sock, token: 'bench-producer' });
  const consumer = new SwitchClient({ socketPath: sock, token: 'bench-consumer' });
  await producer.create(q, true);
  let acked = 0;
  let stop = false;
  const consume = async (): Promise<void> => {
    let acks: [string, number][] = [];
    while (!stop) {
      const msgs = await consumer.transfer([q], { max: 500, timeout: 0.2, acks });
      acks = msgs.map((m) => [m.id[0], m.id[1]]);
      acked += msgs.length;
    }
    if (acks.length) await consumer.ack(acks);
  };
  const consuming = consume();
  const payload = 'p'.repeat(256);
  const t0 = performance.now();
  const end = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (Date.now() < end) await producer.send([{ queue: q, payload, kind: { type: 'oneway' } }]);
    }),
  );
  const ackedAtEnd = acked;
  const elapsed = (performance.now() - t0) / 1000;
  stop = true;
  await consuming;
  producer.close();
  consumer.close();
  return Math.round(ackedAtEnd / elapsed);
}

async function main(): Promise<void> {
  const sock = await startSwitch('fsync');
  const direct = join(dirs[0] as string, 'echo.sock');
  await start(['bench/switch-service.ts', sock, direct], 'ready');
  const rpc = new SwitchRpc({ socketPath: sock });
  const viaSwitch = new Client(Echo, rpc.transport(ECHO_QUEUE));
  const viaHttp = new Client(Echo, new HttpUnixTransport(direct));

  const results: Record<string, number> = {};
  const median = (xs: number[]): number => {
    const v = [...xs].sort((a, b) => a - b);
    return v.length % 2
      ? (v[v.length >> 1] as number)
      : ((v[v.length / 2 - 1] as number) + (v[v.length / 2] as number)) / 2;
  };
  for (const callers of [1, 32]) {
    const ds: Run[] = [];
    const ss: Run[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved, so that both sides see the same load on a shared machine.
      const d = await measure(viaHttp, callers);
      const s = await measure(viaSwitch, callers);
      ds.push(d);
      ss.push(s);
      ratios.push(s.calls_per_s / d.calls_per_s);
      console.log(
        `${String(callers).padStart(2)} caller(s), round ${round + 1}: direct ${d.calls_per_s}/s (p50 ${d.p50_ms} ms, p99 ${d.p99_ms} ms)` +
          `  switch ${s.calls_per_s}/s (p50 ${s.p50_ms} ms, p99 ${s.p99_ms} ms)  ratio ${(s.calls_per_s / d.calls_per_s).toFixed(2)}`,
      );
    }
    const k = `c${callers}`;
    const m = (runs: Run[], f: keyof Run): number => median(runs.map((r) => r[f]));
    results[`direct_${k}_calls_per_s`] = m(ds, 'calls_per_s');
    results[`switch_${k}_calls_per_s`] = m(ss, 'calls_per_s');
    results[`switch_vs_direct_${k}_ratio`] = Math.round(median(ratios) * 100) / 100;
    results[`direct_${k}_p50_ms`] = m(ds, 'p50_ms');
    results[`direct_${k}_p99_ms`] = m(ds, 'p99_ms');
    results[`switch_${k}_p50_ms`] = m(ss, 'p50_ms');
    results[`switch_${k}_p99_ms`] = m(ss, 'p99_ms');
  }
  results['switch_vs_direct_c1_ratio_target'] = C1_RATIO_TARGET;
  console.log(
    `1 caller: switch/direct ${results['switch_vs_direct_c1_ratio']} (median of ${ROUNDS} interleaved rounds; target >= ${C1_RATIO_TARGET})`,
  );
  rpc.close();
  await viaHttp.close();

  for (const policy of ['fsync', 'none']) {
    const psock = policy === 'fsync' ? sock : await startSwitch('none');
    for (const callers of [1, 32]) {
      const rate = await persistentThroughput(psock, callers);
      console.log(`persistent send+ack, ${policy}, ${callers} sender(s): ${rate} msg/s`);
      results[`persistent_${policy}_c${callers}_msgs_per_s`] = rate;
    }
  }
  results['fsync_cost_c32_ratio'] =
    Math.round(
      ((results['persistent_fsync_c32_msgs_per_s'] ?? 0) / (results['persistent_none_c32_msgs_per_s'] ?? 1)) *
        100,
    ) / 100;
  console.log(JSON.stringify(results));
  cleanup();
  process.exit(0);
}

await main();
