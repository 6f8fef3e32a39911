// The daemon path of bench:rrdd: an Rrdd reading 1,000 running VMs (2 vCPUs,
// memory, guest free memory, one disk, two NICs: 10 sources each) plus the
// real host collector, once per stepped 5 s cycle, with the VM statistics
// passed through JSON as they arrive from xenopsd; then /rrd_updates asked
// of it over the rrd interface on a Unix socket, as xapi's handler does.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, closeServer, createDispatcher, HttpUnixTransport, serveHttpUnix } from '../src/idl/index.js';
import { Rrd } from '../src/idl/rrd.js';
import type { VmStats } from '../src/idl/xenops-types.js';
import { Rrdd } from '../src/rrdd/daemon.js';
import { rrdImplementation } from '../src/rrdd/rpc.js';

function uuid(i: number): string {
  return `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`;
}

function stats(vms: number, s: number): VmStats[] {
  return Array.from({ length: vms }, (_, i) => ({
    vm: uuid(i),
    domid: i + 1,
    vcpu_time_ns: [s * 5e9 * 0.3, s * 5e9 * 0.1],
    memory_actual: 2 ** 31,
    memory_internal_free: 2 ** 29 + ((s * 7919 + i) % 1000) * 4096,
    vbds: [{ name: 'xvda', read_bytes: s * 40960 + i, write_bytes: s * 81920 }],
    vifs: [
      { name: '0', rx_bytes: s * 15000, tx_bytes: s * 5000 },
      { name: '1', rx_bytes: s * 1500, tx_bytes: s * 500 },
    ],
  }));
}

function cpuUs(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

async function p50(f: () => Promise<number>, runs: number): Promise<{ ms: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let k = 0; k < runs; k++) {
    const a = process.hrtime.bigint();
    bytes = await f();
    times.push(Number(process.hrtime.bigint() - a) / 1e6);
  }
  times.sort((x, y) => x - y);
  return { ms: times[Math.floor(times.length / 2)] ?? NaN, bytes };
}

export async function daemonPath(vms: number) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-rrdd-'));
  let clock = 1_700_000_000_000;
  let step = 0;
  const rrdd = new Rrdd({
    stateDir: dir,
    intervalMs: 3_600_000,
    clock: () => clock,
    // what crosses the socket from xenopsd each cycle
    vmStats: async () => JSON.parse(JSON.stringify(stats(vms, step))) as VmStats[],
    log: () => {},
  });
  await rrdd.start();
  const cycle = async (): Promise<void> => {
    step++;
    clock += 5000;
    await rrdd.cycle();
  };
  for (let k = 0; k < 30; k++) await cycle();
  const CYCLES = 100;
  const before = cpuUs();
  for (let k = 0; k < CYCLES; k++) await cycle();
  const cycleCpuMs = (cpuUs() - before) / 1000 / CYCLES;

  const socket = join(dir, 'rrdd.sock');
  const http = await serveHttpUnix(createDispatcher(Rrd, rrdImplementation(rrdd)), socket);
  const client = new Client(Rrd, new HttpUnixTransport(socket), { timeoutMs: 60_000 });
  const last = Math.floor(clock / 1000);
  const ask = async (query: string): Promise<number> =>
    (await client.call('get_updates', { dbg: 'bench', query, accept: '', host_uuid: 'h' })).body.length;
  const recent = await p50(() => ask(`start=${last - 10}&interval=5&cf=AVERAGE&host=true&json=true`), 20);
  const window = await p50(() => ask(`start=${last - 595}&cf=AVERAGE&host=true&json=true`), 5);
  await client.close();
  await closeServer(http);
  await rrdd.stop();
  await rm(dir, { recursive: true, force: true });
  return { cycleCpuMs, recentJsonMs: recent.ms, recentJsonBytes: recent.bytes, windowJsonMs: window.ms };
}
