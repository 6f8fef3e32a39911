// The backend conformance suite: what every xenopsd backend must do, written
// once. A backend's test file calls `runBackendConformance` with a factory
// and, where a feature cannot be exercised, names the tests to skip and why.
// Device behaviour is written once and instantiated for VBD and VIF.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Backend, BackendInitContext, TaskHandle } from '../../src/xenopsd/backends/api.js';
import { apiError } from '../../src/datamodel/api-error.js';
import { decodePci, decodeVbd, decodeVif, decodeVm } from '../../src/xenopsd/decode.js';
import { Xenopsd } from '../../src/xenopsd/server.js';
import type { LockingMode, Qos, Vbd, Vif, Vm } from '../../src/xenopsd/types.js';
import { runMigrationConformance } from './migration.suite.js';

export interface ConformanceOptions {
  /** A fresh, uninitialised backend. */
  readonly makeBackend: () => Backend;
  readonly skip?: readonly { readonly reason: string; readonly tests: readonly string[] }[];
}

/** A task handle for calling a backend directly. */
export function handle(controller = new AbortController()): TaskHandle & { progressSeen: number[] } {
  let cancellable = true;
  const progressSeen: number[] = [];
  return {
    id: 'conformance',
    signal: controller.signal,
    progressSeen,
    progress: (f) => progressSeen.push(f),
    cancelPoint: () => {
      if (controller.signal.aborted && cancellable)
        throw apiError('XENOPS_CANCELLED', { task: 'conformance' });
    },
    prohibitCancellation: () => {
      cancellable = false;
    },
  };
}

interface Env {
  readonly b: Backend;
  readonly dir: string;
  readonly managed: Set<string>;
  /** Another backend instance on the same host directory, as after a restart. */
  reopen(instance?: string): Promise<Backend>;
  close(): Promise<void>;
}

async function env(make: () => Backend): Promise<Env> {
  const dir = mkdtempSync(join(tmpdir(), 'backend-conformance-'));
  const managed = new Set<string>();
  const opened: Backend[] = [];
  const open = async (instance = 'a'): Promise<Backend> => {
    const b = make();
    const ctx: BackendInitContext = {
      stateDir: join(dir, `xenopsd-${instance}`),
      hostDir: dir,
      instance,
      isManaged: (id) => managed.has(id),
    };
    await b.init(ctx);
    opened.push(b);
    return b;
  };
  const b = await open();
  return {
    b,
    dir,
    managed,
    reopen: open,
    close: async () => {
      for (const o of opened) await o.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const vmOf = (id: string, extra: Record<string, unknown> = {}): Vm =>
  decodeVm({ id, memory_static_max: 256 * 2 ** 20, vcpu_max: 4, vcpus: 2, ...extra });

/** create + build + device model: a paused, complete domain. */
async function boot(b: Backend, vm: Vm): Promise<void> {
  const t = handle();
  await b.vm.create(t, vm, undefined);
  await b.vm.build(t, vm, false);
  await b.vm.createDeviceModel(t, vm, false);
}

interface DeviceCase<D> {
  readonly kind: 'VBD' | 'VIF';
  make(vm: string, name: string, position: number): D;
  ops(b: Backend): {
    plug(t: TaskHandle, vm: Vm, d: D): Promise<void>;
    unplug(t: TaskHandle, vm: Vm, d: D, force: boolean): Promise<void>;
    getState(vm: Vm, d: D): Promise<{ plugged: boolean }>;
  };
}

const vbdCase: DeviceCase<Vbd> = {
  kind: 'VBD',
  make: (vm, name) => decodeVbd({ id: [vm, name], backend: ['VDI', `sr/${vm}-${name}`] }),
  ops: (b) => b.vbd,
};
const vifCase: DeviceCase<Vif> = {
  kind: 'VIF',
  make: (vm, name, position) => decodeVif({ id: [vm, name], position }),
  ops: (b) => b.vif,
};

export function runBackendConformance(opts: ConformanceOptions): void {
  const skipped = new Map<string, string>();
  for (const s of opts.skip ?? []) for (const t of s.tests) skipped.set(t, s.reason);
  const it = (name: string, f: (e: Env) => Promise<void>): void => {
    const reason = skipped.get(name);
    test(name, reason ? { skip: reason } : {}, async () => {
      const e = await env(opts.makeBackend);
      try {
        await f(e);
      } finally {
        await e.close();
      }
    });
  };

  it('host: stat and total memory are plausible', async ({ b }) => {
    const s = await b.host.stat();
    assert.ok(s.cpu_info.cpu_count >= 1);
    assert.ok((await b.host.getTotalMemoryMib()) > 0);
  });

  it('vm: an unknown VM is halted; destroy and device-model teardown are idempotent', async ({
    b,
    managed,
  }) => {
    const vm = vmOf('v0');
    managed.add(vm.id);
    assert.equal((await b.vm.getState(vm)).power_state, 'Halted');
    await b.vm.destroy(handle(), vm);
    await b.vm.destroyDeviceModel(handle(), vm);
    assert.equal(await b.vm.getDomainActionRequest(vm), undefined);
  });

  it('vm: create, build, device model, unpause, pause, destroy', async ({ b, managed }) => {
    const vm = vmOf('v1');
    managed.add(vm.id);
    const t = handle();
    await b.vm.create(t, vm, 'Needs_reboot');
    await assert.rejects(b.vm.create(t, vm, undefined), { code: 'XENOPS_ALREADY_EXISTS' });
    await assert.rejects(b.vm.unpause(t, vm), { code: 'XENOPS_DOMAIN_NOT_BUILT' });
    let s = await b.vm.getState(vm);
    assert.equal(s.power_state, 'Paused');
    assert.equal(s.domids.length, 1);
    assert.equal(await b.vm.getDomainActionRequest(vm), 'Needs_reboot');
    await b.vm.build(t, vm, false);
    await b.vm.createDeviceModel(t, vm, false);
    await b.vm.setDomainActionRequest(vm, undefined);
    assert.equal(await b.vm.getDomainActionRequest(vm), undefined);
    await b.vm.unpause(t, vm);
    s = await b.vm.getState(vm);
    assert.equal(s.power_state, 'Running');
    assert.equal(s.vcpu_target, 2);
    assert.ok(s.consoles.length > 0);
    await b.vm.pause(t, vm);
    assert.equal((await b.vm.getState(vm)).power_state, 'Paused');
    await b.vm.destroyDeviceModel(t, vm);
    await b.vm.destroy(t, vm);
    assert.equal((await b.vm.getState(vm)).power_state, 'Halted');
  });

  it('vm: vcpus and memory range are applied and checked', async ({ b, managed }) => {
    const vm = vmOf('v2');
    managed.add(vm.id);
    await boot(b, vm);
    await b.vm.setVcpus(handle(), vm, 3);
    assert.equal((await b.vm.getState(vm)).vcpu_target, 3);
    await assert.rejects(b.vm.setVcpus(handle(), vm, 5), { code: 'XENOPS_INVALID_VCPUS' });
    await b.vm.setMemoryDynamicRange(handle(), vm, 2 ** 27, 2 ** 28);
    assert.equal((await b.vm.getState(vm)).memory_target, 2 ** 28);
    await assert.rejects(b.vm.setMemoryDynamicRange(handle(), vm, 2 ** 28, 2 ** 40), {
      code: 'XENOPS_INVALID_MEMORY',
    });
  });

  it('vm: a cancelled task stops the operation and leaves no half-made domain', async ({ b, managed }) => {
    const vm = vmOf('v3');
    managed.add(vm.id);
    const c = new AbortController();
    c.abort();
    await assert.rejects(b.vm.create(handle(c), vm, undefined), { code: 'XENOPS_CANCELLED' });
    assert.equal((await b.vm.getState(vm)).power_state, 'Halted');
  });

  it('vm: save then restore brings the guest back, reporting progress', async ({ b, managed }) => {
    const vm = vmOf('v4');
    managed.add(vm.id);
    await boot(b, vm);
    await b.vm.unpause(handle(), vm);
    await b.vm.setVcpus(handle(), vm, 3);
    const t = handle();
    await b.vm.save(t, vm, { live: false }, ['VDI', 'sr/suspend-v4']);
    assert.ok(t.progressSeen.length > 0 && t.progressSeen.every((p) => p >= 0 && p <= 1));
    assert.equal(await b.vm.getDomainActionRequest(vm), 'Needs_suspend');
    await b.vm.destroyDeviceModel(handle(), vm);
    await b.vm.destroy(handle(), vm);
    assert.equal((await b.vm.getState(vm)).power_state, 'Suspended');
    await b.vm.create(handle(), vm, undefined);
    await b.vm.restore(handle(), vm, ['VDI', 'sr/suspend-v4']);
    await b.vm.createDeviceModel(handle(), vm, true);
    await b.vm.unpause(handle(), vm);
    const s = await b.vm.getState(vm);
    assert.equal(s.power_state, 'Running');
    assert.equal(s.vcpu_target, 3);
  });

  it('vm: restore from a missing image fails with XENOPS_STORAGE_ERROR', async ({ b, managed }) => {
    const vm = vmOf('v5');
    managed.add(vm.id);
    await b.vm.create(handle(), vm, undefined);
    await assert.rejects(b.vm.restore(handle(), vm, ['VDI', 'sr/nothing-here']), {
      code: 'XENOPS_STORAGE_ERROR',
    });
  });

  for (const dc of [vbdCase, vifCase] as const) {
    const name = dc.kind;
    it(`${name}: plug, double plug, unplug, double unplug`, async ({ b, managed }) => {
      const vm = vmOf('d1');
      managed.add(vm.id);
      const ops = (dc as DeviceCase<Vbd | Vif>).ops(b);
      const d = (dc as DeviceCase<Vbd | Vif>).make(vm.id, name === 'VBD' ? 'xvda' : '0', 0);
      await assert.rejects(ops.plug(handle(), vm, d), { code: 'XENOPS_DOES_NOT_EXIST' });
      await boot(b, vm);
      assert.equal((await ops.getState(vm, d)).plugged, false);
      await ops.plug(handle(), vm, d);
      assert.equal((await ops.getState(vm, d)).plugged, true);
      await assert.rejects(ops.plug(handle(), vm, d), { code: 'XENOPS_ALREADY_EXISTS' });
      await ops.unplug(handle(), vm, d, false);
      assert.equal((await ops.getState(vm, d)).plugged, false);
      await assert.rejects(ops.unplug(handle(), vm, d, true), { code: 'XENOPS_DEVICE_NOT_CONNECTED' });
    });
    it(`${name}: destroying the domain unplugs its devices`, async ({ b, managed }) => {
      const vm = vmOf('d2');
      managed.add(vm.id);
      const ops = (dc as DeviceCase<Vbd | Vif>).ops(b);
      const d = (dc as DeviceCase<Vbd | Vif>).make(vm.id, name === 'VBD' ? 'xvdb' : '1', 1);
      await boot(b, vm);
      await ops.plug(handle(), vm, d);
      await b.vm.destroy(handle(), vm);
      assert.equal((await ops.getState(vm, d)).plugged, false);
    });
  }

  it('VBD: CD media insert and eject', async ({ b, managed }) => {
    const vm = vmOf('m1');
    managed.add(vm.id);
    await boot(b, vm);
    const cd = decodeVbd({ id: [vm.id, 'xvdd'], ty: 'CDROM', mode: 'ReadOnly' });
    const disk = decodeVbd({ id: [vm.id, 'xvda'], backend: ['Local', '/dev/null'] });
    await b.vbd.plug(handle(), vm, cd);
    await b.vbd.plug(handle(), vm, disk);
    await assert.rejects(b.vbd.eject(handle(), vm, cd), { code: 'XENOPS_MEDIA_NOT_PRESENT' });
    await b.vbd.insert(handle(), vm, cd, ['VDI', 'sr/iso']);
    assert.deepEqual((await b.vbd.getState(vm, cd)).backend_present, ['VDI', 'sr/iso']);
    await assert.rejects(b.vbd.insert(handle(), vm, cd, ['VDI', 'sr/iso']), { code: 'XENOPS_MEDIA_PRESENT' });
    await b.vbd.eject(handle(), vm, cd);
    await assert.rejects(b.vbd.eject(handle(), vm, disk), { code: 'XENOPS_MEDIA_NOT_EJECTABLE' });
  });

  it('VIF: carrier and locking mode on a plugged NIC', async ({ b, managed }) => {
    const vm = vmOf('n1');
    managed.add(vm.id);
    await boot(b, vm);
    const vif = decodeVif({ id: [vm.id, '0'], position: 0 });
    await assert.rejects(b.vif.setCarrier(handle(), vm, vif, false), { code: 'XENOPS_DEVICE_NOT_CONNECTED' });
    await b.vif.plug(handle(), vm, vif);
    await b.vif.setCarrier(handle(), vm, vif, false);
    assert.equal((await b.vif.getState(vm, vif)).media_present, false);
    await b.vif.setLockingMode(handle(), vm, vif, 'Disabled');
  });

  it('VIF: locking modes applied to a plugged NIC, live, and moved to another network', async ({
    b,
    managed,
  }) => {
    const vm = vmOf('l1');
    managed.add(vm.id);
    await boot(b, vm);
    const locked: LockingMode = ['Locked', { ipv4: ['10.1.0.5', '10.2.0.0/16'], ipv6: [] }];
    const vif = decodeVif({ id: [vm.id, '0'], position: 0, backend: ['Local', 'lab'], locking_mode: locked });
    assert.equal(await b.vif.applied(vm, vif), undefined, 'nothing is enforced on an unplugged NIC');
    await b.vif.plug(handle(), vm, vif);
    assert.deepEqual(await b.vif.applied(vm, vif), { locking_mode: locked, network: ['Local', 'lab'] });
    await b.vif.setLockingMode(handle(), vm, vif, 'Disabled');
    assert.equal((await b.vif.applied(vm, vif))?.locking_mode, 'Disabled');
    const v6: LockingMode = ['Locked', { ipv4: [], ipv6: ['fd00::5'] }];
    await b.vif.setLockingMode(handle(), vm, vif, v6);
    assert.deepEqual((await b.vif.applied(vm, vif))?.locking_mode, v6);
    await b.vif.move(handle(), vm, vif, ['Local', 'dmz']);
    assert.deepEqual(await b.vif.applied(vm, vif), { locking_mode: v6, network: ['Local', 'dmz'] });
    assert.equal((await b.vif.getState(vm, vif)).plugged, true, 'the NIC stays plugged');
    await b.vif.setLockingMode(handle(), vm, vif, 'Unlocked');
    assert.equal((await b.vif.applied(vm, vif))?.locking_mode, 'Unlocked');
    await assert.rejects(
      b.vif.move(handle(), vm, decodeVif({ id: [vm.id, '9'], position: 9 }), ['Local', 'lab']),
      {
        code: 'XENOPS_DEVICE_NOT_CONNECTED',
      },
    );
    await b.vif.unplug(handle(), vm, vif, false);
    assert.equal(await b.vif.applied(vm, vif), undefined);
  });

  it('VBD: I/O throttling applied to a plugged disk, changed live', async ({ b, managed }) => {
    const vm = vmOf('q1');
    managed.add(vm.id);
    await boot(b, vm);
    const qos: Qos = ['Throttle', { iops: 100, bps_wr: 1048576 }];
    const vbd = decodeVbd({ id: [vm.id, 'xvdb'], backend: ['VDI', `sr/${vm.id}-xvdb`], qos });
    assert.equal(await b.vbd.appliedQos(vm, vbd), undefined);
    await b.vbd.plug(handle(), vm, vbd);
    assert.deepEqual(await b.vbd.appliedQos(vm, vbd), qos);
    const read: Qos = ['Throttle', { bps_rd: 4194304 }];
    await b.vbd.setQos(handle(), vm, vbd, read);
    assert.deepEqual(await b.vbd.appliedQos(vm, vbd), read);
    await b.vbd.setQos(handle(), vm, vbd, undefined);
    assert.equal(await b.vbd.appliedQos(vm, vbd), undefined);
    await assert.rejects(b.vbd.setQos(handle(), vm, decodeVbd({ id: [vm.id, 'xvdz'] }), read), {
      code: 'XENOPS_DEVICE_NOT_CONNECTED',
    });
    await b.vbd.unplug(handle(), vm, vbd, true);
  });

  it('PCI: plug and unplug a passed-through device', async ({ b, managed }) => {
    const vm = vmOf('p1');
    managed.add(vm.id);
    await boot(b, vm);
    const pci = decodePci({ id: [vm.id, 'nic'], position: 0, address: { domain: 0, bus: 4, dev: 0, fn: 0 } });
    await b.pci.plug(handle(), vm, pci);
    assert.equal((await b.pci.getState(vm, pci)).plugged, true);
    await b.pci.unplug(handle(), vm, pci, true);
    assert.equal((await b.pci.getState(vm, pci)).plugged, false);
  });

  it('restart: a new backend instance finds the domains as they were', async ({ b, managed, reopen }) => {
    const vm = vmOf('r1');
    managed.add(vm.id);
    await boot(b, vm);
    await b.vm.unpause(handle(), vm);
    await b.vbd.plug(handle(), vm, vbdCase.make(vm.id, 'xvda', 0));
    const before = await b.vm.getState(vm);
    await b.close();
    const b2 = await reopen();
    const after = await b2.vm.getState(vm);
    assert.equal(after.power_state, 'Running');
    assert.deepEqual(after.domids, before.domids);
    assert.equal((await b2.vbd.getState(vm, vbdCase.make(vm.id, 'xvda', 0))).plugged, true);
  });

  it('do no harm: two instances on one host keep their domains apart', async ({ b, managed, reopen }) => {
    const mine = vmOf('h1');
    const theirs = vmOf('h2');
    managed.add(mine.id);
    await boot(b, mine);
    const other = await reopen('b');
    managed.add(theirs.id);
    await boot(other, theirs);
    const [s1, s2] = [await b.vm.getState(mine), await other.vm.getState(theirs)];
    assert.notDeepEqual(s1.domids, s2.domids);
    await other.vm.destroy(handle(), theirs);
    assert.equal((await b.vm.getState(mine)).power_state, 'Paused');
  });

  it('stats: plausible counters for a running VM', async ({ b, managed }) => {
    const vm = vmOf('s1');
    managed.add(vm.id);
    assert.equal(await b.stats.vm(vm), undefined);
    await boot(b, vm);
    await b.vm.unpause(handle(), vm);
    const st = await b.stats.vm(vm);
    assert.ok(st);
    assert.equal(st.vcpu_time_ns.length, 2);
    assert.ok(st.memory_actual > 0);
  });

  it('vm: SysRq keys and triggers reach a running guest; a reset is its reboot', async ({ b, managed }) => {
    const vm = vmOf('v9');
    managed.add(vm.id);
    await boot(b, vm);
    await b.vm.unpause(handle(), vm);
    const { sendSysrq, sendTrigger } = b.vm;
    assert.ok(sendSysrq && sendTrigger, 'the backend delivers SysRq keys and triggers');
    await sendSysrq.call(b.vm, handle(), vm, 'h');
    await sendTrigger.call(b.vm, handle(), vm, 'nmi');
    assert.equal((await b.vm.getState(vm)).power_state, 'Running');
    assert.equal(await b.vm.getDomainActionRequest(vm), undefined, 'neither stops the guest');
    await sendTrigger.call(b.vm, handle(), vm, 'reset');
    assert.equal(await b.vm.getDomainActionRequest(vm), 'Needs_reboot');
  });

  describe('live migration', () => {
    runMigrationConformance(opts.makeBackend, it);
  });

  describe('through xenopsd', () => {
    it('xenopsd: start, unpause and clean shutdown', async ({ dir }) => {
      const x = new Xenopsd({ name: 'conf', backend: opts.makeBackend(), stateDir: dir });
      await x.start();
      try {
        x.vm.add({ id: 'x1', memory_static_max: 2 ** 28 });
        x.vbd.add({ id: ['x1', 'xvda'], backend: ['VDI', 'sr/x1'] });
        x.vif.add({ id: ['x1', '0'] });
        for (const t of [x.vm.start('c', 'x1'), x.vm.unpause('c', 'x1'), x.vm.shutdown('c', 'x1', 30)]) {
          const task = x.tasks.get(t);
          await task.done;
          assert.equal(task.state[0], 'Completed', JSON.stringify(task.state));
        }
        assert.equal((await x.vm.stat('x1'))[1].power_state, 'Halted');
      } finally {
        await x.close();
      }
    });

    it('xenopsd: VM.send_sysrq and VM.send_trigger check their values and the power state', async ({
      dir,
    }) => {
      const x = new Xenopsd({ name: 'conf', backend: opts.makeBackend(), stateDir: dir });
      await x.start();
      try {
        x.vm.add({ id: 'x3', memory_static_max: 2 ** 28 });
        assert.throws(() => x.vm.sendSysrq('c', 'x3', 'hh'), { code: 'INVALID_VALUE' });
        assert.throws(() => x.vm.sendTrigger('c', 'x3', 'bell'), { code: 'INVALID_VALUE' });
        const halted = x.tasks.get(x.vm.sendSysrq('c', 'x3', 'h'));
        await halted.done;
        assert.equal(halted.state[0], 'Failed');
        assert.equal(halted.state[1]?.[0], 'XENOPS_BAD_POWER_STATE', JSON.stringify(halted.state));
        // One after the other: each call checks the power state when it is made.
        await x.tasks.get(x.vm.start('c', 'x3')).done;
        await x.tasks.get(x.vm.unpause('c', 'x3')).done;
        const sent = x.tasks.get(x.vm.sendTrigger('c', 'x3', 'NMI'));
        await sent.done;
        assert.equal(sent.state[0], 'Completed', JSON.stringify(sent.state));
        assert.equal((await x.vm.stat('x3'))[1].power_state, 'Running');
      } finally {
        await x.close();
      }
    });

    it('xenopsd: guest-initiated events (DEBUG.trigger) reach check-state', async ({ dir }) => {
      const x = new Xenopsd({ name: 'conf', backend: opts.makeBackend(), stateDir: dir });
      await x.start();
      try {
        x.vm.add({ id: 'x2', memory_static_max: 2 ** 28 });
        for (const t of [x.vm.start('c', 'x2'), x.vm.unpause('c', 'x2')]) await x.tasks.get(t).done;
        await x.debugTrigger('halt', ['x2']);
        await x.idle();
        assert.equal((await x.vm.stat('x2'))[1].power_state, 'Halted');
      } finally {
        await x.close();
      }
    });
  });
}
