// The cancel-point harness: run an operation once to count its cancel points,
// then, on a fresh system each time, cancel it at each point in turn and check
// that the system is valid and the VM still manageable afterwards.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localRemote } from '../../src/xenopsd/remote-local.js';
import type { Xenopsd } from '../../src/xenopsd/server.js';
import { addVmWithDevices, assertValid, finish, ok, startRunning, startXenopsd, tempDir } from './support.js';

interface Scenario {
  /** Bring the system to the state the operation starts from. */
  setup(x: Xenopsd): Promise<void>;
  /** Queue the operation under `dbg`; returns its task id. */
  run(x: Xenopsd, dbg: string): string;
}

interface World {
  readonly src: Xenopsd;
  readonly dst: Xenopsd;
  close(): Promise<void>;
}

async function world(dir: string): Promise<World> {
  const dst = await startXenopsd(dir, { name: 'dst' });
  // `xenops:self` is the source itself: a same-host migration under temporary ids
  const self: { x?: Xenopsd } = {};
  const src = await startXenopsd(dir, {
    name: 'src',
    remote: async (url) => localRemote(url === 'xenops:self' && self.x ? self.x : dst),
    sim: { latencies: { guestAckMs: 0, guestShutdownMs: 0 } },
  });
  self.x = src;
  return { src, dst, close: async () => (await src.close(), await dst.close()) };
}

const suspended = ['VDI', 'sr1/suspend-vm1'] as const;

const scenarios: Record<string, Scenario> = {
  start: { setup: async () => undefined, run: (x, dbg) => x.vm.start(dbg, 'vm1') },
  'hard shutdown': { setup: (x) => startRunning(x, 'vm1'), run: (x, dbg) => x.vm.shutdown(dbg, 'vm1') },
  'clean shutdown': { setup: (x) => startRunning(x, 'vm1'), run: (x, dbg) => x.vm.shutdown(dbg, 'vm1', 5) },
  'clean reboot': { setup: (x) => startRunning(x, 'vm1'), run: (x, dbg) => x.vm.reboot(dbg, 'vm1', 5) },
  'hard reboot': { setup: (x) => startRunning(x, 'vm1'), run: (x, dbg) => x.vm.reboot(dbg, 'vm1') },
  suspend: { setup: (x) => startRunning(x, 'vm1'), run: (x, dbg) => x.vm.suspend(dbg, 'vm1', suspended) },
  resume: {
    setup: async (x) => {
      await startRunning(x, 'vm1');
      await ok(x, x.vm.suspend('t', 'vm1', suspended));
    },
    run: (x, dbg) => x.vm.resume(dbg, 'vm1', suspended),
  },
  migrate: {
    setup: (x) => startRunning(x, 'vm1'),
    run: (x, dbg) => x.vm.migrate(dbg, 'vm1', { url: 'xenops:dst', vdiMap: {}, vifMap: {}, pciMap: {} }),
  },
  'migrate to the same xenopsd': {
    setup: (x) => startRunning(x, 'vm1'),
    run: (x, dbg) => x.vm.migrate(dbg, 'vm1', { url: 'xenops:self', vdiMap: {}, vifMap: {}, pciMap: {} }),
  },
  'VBD hotplug': {
    setup: async (x) => {
      await startRunning(x, 'vm1');
      x.vbd.add({ id: ['vm1', 'xvdc'], backend: ['VDI', 'sr1/extra'] });
    },
    run: (x, dbg) => x.vbd.plug(dbg, ['vm1', 'xvdc']),
  },
  'VBD hotunplug': {
    setup: (x) => startRunning(x, 'vm1'),
    run: (x, dbg) => x.vbd.unplug(dbg, ['vm1', 'xvda']),
  },
  'VIF hotplug': {
    setup: async (x) => {
      await startRunning(x, 'vm1');
      x.vif.add({ id: ['vm1', '1'], position: 1 });
    },
    run: (x, dbg) => x.vif.plug(dbg, ['vm1', '1']),
  },
  'VIF hotunplug': { setup: (x) => startRunning(x, 'vm1'), run: (x, dbg) => x.vif.unplug(dbg, ['vm1', '0']) },
  'PCI hotplug': {
    setup: async (x) => {
      await startRunning(x, 'vm1');
      x.pci.add({ id: ['vm1', 'nic'], position: 0, address: { domain: 0, bus: 4, dev: 0, fn: 1 } });
    },
    run: (x, dbg) => x.pci.plug(dbg, ['vm1', 'nic']),
  },
};

/** Whatever state the VM was left in, the usual operations still work from there. */
async function assertManageable(w: World): Promise<void> {
  const x = w.src.vm.exists('vm1') ? w.src : w.dst;
  const [, state] = await x.vm.stat('vm1');
  switch (state.power_state) {
    case 'Suspended':
      await ok(x, x.vm.resume('t', 'vm1', suspended));
      await ok(x, x.vm.unpause('t', 'vm1'));
      break;
    case 'Halted':
      await startRunning(x, 'vm1');
      break;
    case 'Paused':
      await ok(x, x.vm.unpause('t', 'vm1'));
      break;
    case 'Running':
      break;
  }
  await ok(x, x.vm.shutdown('t', 'vm1'));
  await assertValid(x);
}

async function attempt(
  name: string,
  scenario: Scenario,
  cancelAt?: number,
): Promise<{ points: number; outcome: string }> {
  using tmp = tempDir();
  const w = await world(tmp.dir);
  try {
    addVmWithDevices(w.src, 'vm1');
    await scenario.setup(w.src);
    const dbg = `harness ${name}`;
    if (cancelAt !== undefined) await w.src.debugTrigger('set-cancel-trigger', [dbg, String(cancelAt)]);
    const info = await finish(w.src, scenario.run(w.src, dbg));
    const outcome =
      info.state[0] === 'Failed' ? ((info.state[1] as readonly string[])[0] ?? '') : info.state[0];
    if (cancelAt === undefined) assert.equal(outcome, 'Completed', `${name} without cancellation`);
    else
      assert.ok(outcome === 'Completed' || outcome === 'XENOPS_CANCELLED', `${name}@${cancelAt}: ${outcome}`);
    await assertValid(w.src);
    await assertValid(w.dst);
    const leftovers = [w.src, w.dst]
      .flatMap((x) => x.db.listVms().map((v) => v.id))
      .filter((id) => id !== 'vm1');
    assert.deepEqual(leftovers, [], `${name}@${cancelAt}: temporary VMs left`);
    const holders = [w.src, w.dst].filter((x) => x.vm.exists('vm1')).length;
    assert.equal(holders, 1, `${name}@${cancelAt}: VM managed by ${holders} xenopsds`);
    await assertManageable(w);
    return { points: Number(info.debug_info.cancel_points_seen), outcome };
  } finally {
    await w.close();
  }
}

for (const [name, scenario] of Object.entries(scenarios)) {
  test(`cancelling ${name} at each of its cancel points leaves a valid, manageable system`, async () => {
    const { points } = await attempt(name, scenario);
    assert.ok(points > 0, `${name} has no cancel points`);
    let cancelled = 0;
    for (let i = 1; i <= points; i++) {
      const { outcome } = await attempt(name, scenario, i);
      if (outcome === 'XENOPS_CANCELLED') cancelled++;
    }
    assert.ok(cancelled > 0, `${name}: no cancel point actually cancelled`);
  });
}
