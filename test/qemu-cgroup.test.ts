// vCPU cap and weight under the QEMU backend: a domain's QEMU runs in its own
// cgroup carrying the VM's VCPUs_params (through xenopsd and through the XenAPI),
// a change on the running VM reaches it at once, a restarted xenopsd finds its
// cgroups and removes the stale ones, and the cgroup goes with the domain. Through
// the XenAPI, a VIF on a network created with a bridge name gets a tap on it.
// Skips without QEMU or without a cgroup hierarchy with the cpu controller.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Backend, BackendInitContext } from '../src/xenopsd/backends/api.js';
import { createQemuBackend } from '../src/xenopsd/backends/qemu/backend.js';
import { probeCgroups } from '../src/xenopsd/backends/qemu/cgroup.js';
import { instanceCgroupName, vmCgroupName } from '../src/xenopsd/backends/qemu/cgroup-plan.js';
import { qemuUuidOf } from '../src/xenopsd/backends/qemu/domains.js';
import { probeBridging } from '../src/xenopsd/backends/qemu/host-net.js';
import { bridgeName, hostTagOf, ownsName } from '../src/xenopsd/backends/qemu/net-plan.js';
import { decodeVm } from '../src/xenopsd/decode.js';
import { handle } from './conformance/backend.suite.js';
import { startToolstack } from './support/toolstack.js';
import { cappedBridgedVm } from './support/qemu-xapi.js';
import { instanceTagOf, killQemus, needGuestImage, skipWithout } from './support/qemu.js';

const mode = probeCgroups('probe');
const noBridging = await probeBridging('fffd');
const skip =
  skipWithout('qemu-system-x86_64') || (mode.kind === 'none' ? `no cpu cgroup here: ${mode.reason}` : false);

const tagOf = (ctx: BackendInitContext) => instanceTagOf(ctx.instance, ctx.hostDir);

const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8').trim();

/** The cap (in % of a CPU) and the weight a cgroup carries, as xapi counts them. */
function limits(dir: string): { cap: number; weight: number } {
  if (mode.kind === 'v2') {
    const [quota, period] = read(dir, 'cpu.max').split(' ');
    return {
      cap: quota === 'max' ? 0 : (Number(quota) * 100) / Number(period),
      weight: Math.round((Number(read(dir, 'cpu.weight')) * 256) / 100),
    };
  }
  const quota = Number(read(dir, 'cpu.cfs_quota_us'));
  return {
    cap: quota < 0 ? 0 : (quota * 100) / Number(read(dir, 'cpu.cfs_period_us')),
    weight: Number(read(dir, 'cpu.shares')) / 4,
  };
}

const pidsIn = (dir: string) => read(dir, 'cgroup.procs').split('\n').filter(Boolean).map(Number);

test(
  'a QEMU runs in its own cgroup with the cap and weight, changed live, found again after a restart',
  { skip },
  async () => {
    if (mode.kind === 'none') return;
    const dir = mkdtempSync(join(tmpdir(), 'qemu-cg-'));
    const ctx: BackendInitContext = {
      stateDir: join(dir, 's'),
      hostDir: dir,
      instance: 'cg',
      isManaged: () => true,
    };
    const parent = join(mode.root, instanceCgroupName(tagOf(ctx)));
    const vm = decodeVm({
      id: 'cg-vm',
      memory_static_max: 2 ** 26,
      scheduler_params: { priority: [512, 25], affinity: [] },
    });
    const cg = join(parent, vmCgroupName(qemuUuidOf(vm.id)));
    let b: Backend = createQemuBackend({ accel: 'tcg' });
    await b.init(ctx);
    try {
      assert.match(
        (await b.host.stat()).hypervisor.capabilities,
        new RegExp(`\\bcpu-qos-cgroup-${mode.kind}\\b`),
      );
      await b.vm.create(handle(), vm, undefined);
      await b.vm.build(handle(), vm, false);
      await b.vm.createDeviceModel(handle(), vm, false);
      await b.vm.unpause(handle(), vm);
      const pid = Number(readFileSync(join(dir, 'qemu', 'd1', 'qemu.pid'), 'utf8'));
      assert.deepEqual(pidsIn(cg), [pid]);
      assert.deepEqual(limits(cg), { cap: 25, weight: 512 });
      if (mode.kind === 'v1') {
        // every thread of QEMU (vCPUs included) is in it
        const threads = readdirSync(`/proc/${pid}/task`).map(Number).sort();
        const inCg = read(cg, 'tasks').split('\n').map(Number);
        assert.ok(threads.every((t) => inCg.includes(t)));
      }

      assert.ok(b.vm.setSchedulerParams);
      await b.vm.setSchedulerParams(handle(), vm, [256, 60]);
      assert.deepEqual(limits(cg), { cap: 60, weight: 256 });
      await b.vm.setSchedulerParams(handle(), vm, [256, 0]);
      assert.deepEqual(limits(cg), { cap: 0, weight: 256 });
      await assert.rejects(b.vm.setSchedulerParams(handle(), vm, [0, 10]), { code: 'INVALID_VALUE' });

      // a restart: the QEMU is found in its cgroup; a stale cgroup of this instance is removed
      await b.close();
      const stale = join(parent, vmCgroupName('00000000-0000-0000-0000-000000000000'));
      mkdirSync(stale);
      b = createQemuBackend({ accel: 'tcg' });
      await b.init(ctx);
      assert.ok(!existsSync(stale), 'the stale cgroup is gone');
      assert.deepEqual(pidsIn(cg), [pid]);
      await b.vm.setSchedulerParams?.(handle(), vm, [128, 40]);
      assert.deepEqual(limits(cg), { cap: 40, weight: 128 });

      await b.vm.destroy(handle(), vm);
      assert.ok(!existsSync(cg), 'the cgroup goes with the domain');
      assert.ok(!existsSync(parent), "the instance's cgroup goes with its last VM");
    } finally {
      await b.vm.destroy(handle(), vm).catch(() => {});
      await b.close();
      for (const d of [cg, parent]) if (existsSync(d)) rmSync(d, { recursive: false, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

const { image, skip: noGuest } = await needGuestImage();

test(
  'through the XenAPI: VCPUs_params cap reaches the QEMU at start and live; a VIF on a created network is bridged',
  { skip: skip || noGuest },
  async () => {
    let tag = '';
    let hostDir = '';
    const backend = createQemuBackend({
      priority: 15,
      builtinFiles: async () => ({
        'tiny-linux/vmlinux': image!.vmlinux,
        'tiny-linux/initrd': image!.initrd,
      }),
    });
    const init = backend.init.bind(backend);
    Object.assign(backend, {
      init: async (ctx: BackendInitContext) => {
        tag = tagOf(ctx);
        hostDir = ctx.hostDir;
        await init(ctx);
      },
    });
    await using ts = await startToolstack({ backend, cleanShutdownTimeoutS: 30 });
    try {
      if (mode.kind === 'none') return;
      const c = await ts.client();
      // a second VIF on a network of its own: a tap on a Linux bridge made for it
      const { vm } = await cappedBridgedVm(c, 'capped', 'xtlab');
      await c.VM.start(vm, false, false);
      const bridge = bridgeName(hostTagOf(hostDir), 'xtlab');
      if (noBridging === undefined) {
        const ports = readdirSync(join('/sys/class/net', bridge, 'brif'));
        assert.equal(ports.length, 1);
        assert.ok(ownsName(hostTagOf(hostDir), ports[0] as string));
      } else assert.ok(!existsSync(join('/sys/class/net', bridge)));
      const cg = join(mode.root, instanceCgroupName(tag), vmCgroupName(await c.VM.get_uuid(vm)));
      assert.deepEqual(limits(cg), { cap: 30, weight: 300 });
      assert.equal(pidsIn(cg).length, 1);

      await c.VM.add_to_VCPUs_params_live(vm, 'cap', '70');
      assert.deepEqual(limits(cg), { cap: 70, weight: 300 });
      assert.deepEqual(await c.VM.get_VCPUs_params(vm), { cap: '70', weight: '300' });
      await assert.rejects(
        c.VM.add_to_VCPUs_params_live(vm, 'weight', 'lots'),
        (e: { code?: string; params?: string[] }) => {
          assert.equal(e.code, 'INVALID_VALUE');
          assert.deepEqual(e.params, ['VCPUs_params:weight', 'lots']);
          return true;
        },
      );
      assert.deepEqual(limits(cg), { cap: 70, weight: 300 });

      await c.VM.hard_shutdown(vm);
      assert.ok(!existsSync(cg), 'the cgroup goes when the VM stops');
      assert.ok(!existsSync(join('/sys/class/net', bridge)), 'the bridge and tap go when the VM stops');
      await assert.rejects(c.VM.add_to_VCPUs_params_live(vm, 'cap', '10'), { code: 'VM_BAD_POWER_STATE' });
    } finally {
      await killQemus([tag]);
    }
  },
);
