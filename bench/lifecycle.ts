// bench:lifecycle — VM.start + VM.clean_shutdown through the XenAPI against
// the same cycle sent straight to xenopsd over the switch (the difference is
// what xapi adds), on the simulator; and 100 concurrent starts via the XenAPI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonRpcTransport } from '../src/client/transport.js';
import { XapiClient } from '../src/client/generated.js';
import { xenopsQueue } from '../src/idl/xenops.js';
import { connectXenops } from '../src/idl/xenops-client.js';
import { SwitchRpc } from '../src/switch/rpc.js';
import { VmC } from '../src/idl/xenops-types.js';
import { VM_ARGS } from '../test/support/vm-args.js';
import { percentile, round, startChild } from './support.js';

const CYCLES = Number(process.env['BENCH_CYCLES'] ?? 200);
const state = mkdtempSync(join(tmpdir(), 'xapi-ts-bench-lc-'));
const sw = join(state, 'switch.sock');
const figures: Record<string, number> = {};
const children = [];

try {
  children.push((await startChild(['message-switch', '--state-dir', state], /listening/)).child);
  children.push((await startChild(['xenopsd', '--name', 'bench', '--state-dir', state], /serving/)).child);
  children.push(
    (
      await startChild(
        [
          'xapi',
          '--state-dir',
          state,
          '--port',
          '0',
          '--https-port',
          'none',
          '--xenops',
          xenopsQueue('bench'),
        ],
        /listening on/,
        { XAPI_TS_ROOT_PASSWORD: 'bench' },
      )
    ).child,
  );
  const transport = jsonRpcTransport({ socketPath: join(state, 'xapi.sock') });
  const c = new XapiClient(transport);
  await c.login('root', 'bench');
  const xenops = connectXenops(xenopsQueue('bench'), { viaSwitch: () => new SwitchRpc({ socketPath: sw }) });
  const waitTask = async (id: string): Promise<void> => {
    for (;;) {
      const info = await xenops.client.call('Task.stat', { dbg: 'bench', id });
      if (info.state[0] !== 'Pending') {
        await xenops.client.call('Task.destroy', { dbg: 'bench', id });
        if (info.state[0] === 'Failed') throw new Error(JSON.stringify(info.state));
        return;
      }
    }
  };

  // Warm both paths up.
  const vm = await c.VM.create({ ...VM_ARGS, name_label: 'bench' });
  const direct = VmC.decode({ id: 'direct-vm', memory_static_max: VM_ARGS.memory_static_max }, 'vm');
  await xenops.client.call('VM.add', { dbg: 'bench', vm: direct });
  const viaXapi: number[] = [];
  const viaXenops: number[] = [];
  for (let i = 0; i < CYCLES + 20; i++) {
    let t0 = performance.now();
    await c.VM.start(vm, false, false);
    await c.VM.clean_shutdown(vm);
    if (i >= 20) viaXapi.push(performance.now() - t0);
    t0 = performance.now();
    await waitTask(await xenops.client.call('VM.start', { dbg: 'bench', id: 'direct-vm', force: false }));
    await waitTask(await xenops.client.call('VM.unpause', { dbg: 'bench', id: 'direct-vm' }));
    await waitTask(await xenops.client.call('VM.shutdown', { dbg: 'bench', id: 'direct-vm', delay: 300 }));
    if (i >= 20) viaXenops.push(performance.now() - t0);
  }
  viaXapi.sort((a, b) => a - b);
  viaXenops.sort((a, b) => a - b);
  figures['cycle_xapi_p50_ms'] = round(percentile(viaXapi, 50));
  figures['cycle_xapi_p99_ms'] = round(percentile(viaXapi, 99));
  figures['cycle_xenopsd_direct_p50_ms'] = round(percentile(viaXenops, 50));
  figures['cycle_xenopsd_direct_p99_ms'] = round(percentile(viaXenops, 99));
  figures['xapi_overhead_p50_ms'] = round(percentile(viaXapi, 50) - percentile(viaXenops, 50));
  figures['xapi_vs_direct_p50_ratio'] = round(percentile(viaXapi, 50) / percentile(viaXenops, 50), 2);

  // 100 concurrent starts through the XenAPI.
  const vms = await Promise.all(
    Array.from({ length: 100 }, (_, i) => c.VM.create({ ...VM_ARGS, name_label: `c${i}` })),
  );
  let t0 = performance.now();
  await Promise.all(vms.map((v) => c.VM.start(v, false, false)));
  figures['start_100_concurrent_ms'] = round(performance.now() - t0);
  t0 = performance.now();
  await Promise.all(vms.map((v) => c.VM.hard_shutdown(v)));
  figures['hard_shutdown_100_concurrent_ms'] = round(performance.now() - t0);
  await xenops.close();
  transport.close();
} finally {
  for (const ch of children.reverse()) ch.kill();
  rmSync(state, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(figures)}\n`);
