// Live migration between xenopsd daemons: two daemons on one message switch move
// a running VM back and forth by queue name, then one daemon migrates it to itself;
// each task reports the migration's figures, and neither daemon keeps a trace of
// the temporary ids.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from '../../src/idl/index.js';
import { Xenops, xenopsQueue, type XenopsInterface } from '../../src/idl/xenops.js';
import { startSwitch } from '../../src/switch/daemon.js';
import { SwitchRpc } from '../../src/switch/rpc.js';
import { decodeVbd, decodeVif, decodeVm } from '../../src/xenopsd/decode.js';
import { tempDir } from '../switch/harness.js';
import { assertValidRemote, spawnXenopsd } from './daemon-support.js';
import { finishTask } from '../support/xenops-task.js';

type Xc = Client<XenopsInterface>;

/** Wait for a task, destroy it; its error code, or its result. */
async function settle(c: Xc, id: string): Promise<{ state: string; result?: unknown }> {
  const { state } = await finishTask(c, id, 't');
  if (state[0] === 'Failed') return { state: state[1][0] ?? '' };
  if (state[0] === 'Completed') return { state: 'Completed', result: state[1].result };
  throw new Error(`task ${id} finished in state ${state[0]}`);
}

test('two xenopsd daemons on one switch migrate a running VM back and forth, and to themselves', async (t) => {
  const dir = tempDir(t, 'xenopsd-live-migrate-');
  const sw = await startSwitch({ stateDir: dir, memoryOnly: true });
  t.after(() => sw.close());
  await spawnXenopsd(t, dir, 'h1', ['--sim-latency-ms', '1']);
  await spawnXenopsd(t, dir, 'h2', ['--sim-latency-ms', '1', '--migration-address', '127.0.0.1']);
  const rpc = new SwitchRpc({ socketPath: sw.socketPath });
  t.after(() => rpc.close());
  const hosts: Record<string, Xc> = {
    h1: new Client(Xenops, rpc.transport(xenopsQueue('h1')), { timeoutMs: 60_000 }),
    h2: new Client(Xenops, rpc.transport(xenopsQueue('h2')), { timeoutMs: 60_000 }),
  };
  const h1 = hosts.h1 as Xc;
  await h1.call('VM.add', { dbg: 't', vm: decodeVm({ id: 'lm', vcpu_max: 2, vcpus: 1 }) });
  await h1.call('VBD.add', { dbg: 't', vbd: decodeVbd({ id: ['lm', 'xvda'], backend: ['VDI', 'sr1/lm'] }) });
  await h1.call('VIF.add', { dbg: 't', vif: decodeVif({ id: ['lm', '0'] }) });
  assert.equal(
    (await settle(h1, await h1.call('VM.start', { dbg: 't', id: 'lm', force: false }))).state,
    'Completed',
  );
  assert.equal((await settle(h1, await h1.call('VM.unpause', { dbg: 't', id: 'lm' }))).state, 'Completed');
  assert.equal(
    (await settle(h1, await h1.call('VM.set_vcpus', { dbg: 't', id: 'lm', n: 2 }))).state,
    'Completed',
  );
  const hops = [
    ['h1', 'h2'],
    ['h2', 'h1'],
    ['h1', 'h2'],
    ['h2', 'h2'],
  ] as const;
  for (const [from, to] of hops) {
    const src = hosts[from] as Xc;
    const dst = hosts[to] as Xc;
    const task = await src.call('VM.migrate', {
      dbg: 't',
      id: 'lm',
      xenops_url: xenopsQueue(to),
      vdi_map: {},
      vif_map: {},
      pci_map: {},
    });
    const r = await settle(src, task);
    assert.equal(r.state, 'Completed', `${from} -> ${to}`);
    const stats = r.result as { total_ms: number; downtime_ms: number };
    assert.ok(stats.total_ms >= stats.downtime_ms && stats.downtime_ms >= 0, JSON.stringify(stats));
    t.diagnostic(`${from} -> ${to}: ${JSON.stringify(stats)}`);
    const [, state] = await dst.call('VM.stat', { dbg: 't', id: 'lm' });
    assert.equal(state.power_state, 'Running');
    assert.equal(state.vcpu_target, 2, 'the guest state travelled');
    if (from !== to) assert.equal(await src.call('VM.exists', { dbg: 't', id: 'lm' }), false);
  }
  for (const c of Object.values(hosts)) {
    const ids = (await c.call('VM.list', { dbg: 't' })).map(([vm]) => vm.id);
    assert.ok(
      ids.every((id) => id === 'lm'),
      `temporary VMs left: ${ids.join(' ')}`,
    );
    await assertValidRemote(c);
  }
  // A migration the destination cannot receive fails cleanly: the VM runs on where it was.
  const h2 = hosts.h2 as Xc;
  const bad = await settle(
    h2,
    await h2.call('VM.migrate', {
      dbg: 't',
      id: 'lm',
      xenops_url: 'xenops+unix:///nonexistent.sock',
      vdi_map: {},
      vif_map: {},
      pci_map: {},
    }),
  );
  assert.equal(bad.state, 'XENOPS_FAILED_TO_CONTACT_REMOTE_SERVICE');
  assert.equal((await h2.call('VM.stat', { dbg: 't', id: 'lm' }))[1].power_state, 'Running');
  await assertValidRemote(h2);
});
