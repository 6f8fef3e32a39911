// xenopsd throughput and latency on the simulator with zero backend latency
// (pure toolstack cost), through the message switch, against the same work
// done in process (the baseline: no switch, no process boundary).
// Prints one JSON line of figures at the end.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '../src/idl/index.js';
import { Xenops, xenopsQueue, type XenopsInterface } from '../src/idl/xenops.js';
import { startSwitch } from '../src/switch/daemon.js';
import { SwitchRpc } from '../src/switch/rpc.js';
import { createSimulator } from '../src/xenopsd/backends/simulator/simulator.js';
import { decodeVbd, decodeVif, decodeVm } from '../src/xenopsd/decode.js';
import { Xenopsd } from '../src/xenopsd/server.js';
import { TaskWatcher } from '../src/xenopsd/watch.js';

const bin = join(import.meta.dirname, '..', 'bin', 'xapi-ts.mjs');
const dir = mkdtempSync(join(tmpdir(), 'bench-xenopsd-'));
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

interface Api {
  add(id: string): Promise<void>;
  /** Run an operation to completion; returns its latency in ms. */
  op(kind: 'start' | 'shutdown', id: string): Promise<number>;
}

function rpcApi(c: Client<XenopsInterface>, w: TaskWatcher): Api {
  return {
    async add(id) {
      await c.call('VM.add', { dbg: 'bench', vm: decodeVm({ id }) });
      await c.call('VBD.add', {
        dbg: 'bench',
        vbd: decodeVbd({ id: [id, 'xvda'], backend: ['VDI', `sr/${id}`] }),
      });
      await c.call('VIF.add', { dbg: 'bench', vif: decodeVif({ id: [id, '0'] }) });
    },
    async op(kind, id) {
      const t0 = performance.now();
      const task =
        kind === 'start'
          ? await c.call('VM.start', { dbg: 'bench', id, force: false })
          : await c.call('VM.shutdown', { dbg: 'bench', id });
      const info = await w.wait(task);
      if (info.state[0] !== 'Completed') throw new Error(`${kind} ${id}: ${JSON.stringify(info.state)}`);
      return performance.now() - t0;
    },
  };
}

function inProcessApi(x: Xenopsd): Api {
  return {
    async add(id) {
      x.vm.add({ id });
      x.vbd.add({ id: [id, 'xvda'], backend: ['VDI', `sr/${id}`] });
      x.vif.add({ id: [id, '0'] });
    },
    async op(kind, id) {
      const t0 = performance.now();
      const t = x.tasks.get(kind === 'start' ? x.vm.start('bench', id) : x.vm.shutdown('bench', id));
      await t.done;
      if (t.state[0] !== 'Completed') throw new Error(`${kind} ${id}: ${JSON.stringify(t.state)}`);
      x.tasks.destroy(t.id);
      return performance.now() - t0;
    },
  };
}

/** `concurrency` VMs each doing start+shutdown cycles until `total` cycles are done. */
async function cycles(api: Api, prefix: string, concurrency: number, total: number) {
  const ids = Array.from({ length: concurrency }, (_, i) => `${prefix}-${i}`);
  for (const id of ids) await api.add(id);
  const lat = { start: [] as number[], shutdown: [] as number[] };
  let left = total;
  const t0 = performance.now();
  await Promise.all(
    ids.map(async (id) => {
      while (left > 0) {
        left--;
        lat.start.push(await api.op('start', id));
        lat.shutdown.push(await api.op('shutdown', id));
      }
    }),
  );
  return { perS: total / ((performance.now() - t0) / 1000), lat };
}

async function main(): Promise<void> {
  const sw = await startSwitch({ stateDir: dir, memoryOnly: true });
  const child = spawn(process.execPath, [bin, 'xenopsd', '--name', 'bench', '--state-dir', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((r) =>
    child.stdout.on('data', (b: Buffer) => b.toString().includes('serving') && r()),
  );
  const rpc = new SwitchRpc({ socketPath: sw.socketPath });
  const c = new Client(Xenops, rpc.transport(xenopsQueue('bench')), { timeoutMs: 120_000 });
  const w = new TaskWatcher(c, 'bench-watcher');
  // The queue may not be served the instant the daemon says so: wait for an answer.
  for (let i = 0; i < 100; i++) {
    try {
      await c.call('query', { dbg: 'bench' }, { timeoutMs: 2000 });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const api = rpcApi(c, w);
  const figures: Record<string, number> = {};
  await cycles(api, 'warm', 10, 200);
  const c1 = await cycles(api, 'c1', 1, 300);
  figures.cycles_per_s_c1 = round(c1.perS);
  for (const op of ['start', 'shutdown'] as const) {
    figures[`${op}_p50_ms`] = round(pct(c1.lat[op], 50));
    figures[`${op}_p99_ms`] = round(pct(c1.lat[op], 99));
  }
  const c10 = await cycles(api, 'c10', 10, 1000);
  figures.cycles_per_s_c10 = round(c10.perS);
  figures.start_p99_ms_c10 = round(pct(c10.lat.start, 99));
  const c100 = await cycles(api, 'c100', 100, 2000);
  figures.cycles_per_s_c100 = round(c100.perS);
  figures.start_p99_ms_c100 = round(pct(c100.lat.start, 99));

  const many = Array.from({ length: 1000 }, (_, i) => `many-${i}`);
  await Promise.all(many.map((id) => api.add(id)));
  let t0 = performance.now();
  await Promise.all(many.map((id) => api.op('start', id)));
  figures.concurrent_1000_starts_s = round((performance.now() - t0) / 1000, 3);
  t0 = performance.now();
  await Promise.all(many.map((id) => api.op('shutdown', id)));
  figures.concurrent_1000_shutdowns_s = round((performance.now() - t0) / 1000, 3);
  w.close();
  rpc.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await sw.close();

  // Baseline: the same cycles in process, without the switch or a process boundary.
  const x = new Xenopsd({ name: 'baseline', backend: createSimulator(), stateDir: join(dir, 'baseline') });
  await x.start();
  const base = await cycles(inProcessApi(x), 'base', 10, 1000);
  await x.close();
  figures.inprocess_cycles_per_s_c10 = round(base.perS);
  figures.inprocess_start_p50_ms = round(pct(base.lat.start, 50));
  figures.switch_vs_inprocess_ratio = round(c10.perS / base.perS, 3);

  process.stderr.write(
    `VM.start+shutdown cycles/s through the switch: ${figures.cycles_per_s_c1} (1 VM), ${figures.cycles_per_s_c10} (10), ${figures.cycles_per_s_c100} (100); ` +
      `in process: ${figures.inprocess_cycles_per_s_c10} (10)\n` +
      `VM.start p50 ${figures.start_p50_ms} ms p99 ${figures.start_p99_ms} ms (target p50 < 5 ms); ` +
      `1000 concurrent starts: ${figures.concurrent_1000_starts_s} s (target < 10 s)\n`,
  );
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
