// Real VMs migrated on QEMU: a Tiny Linux guest (the built-in template) moved
// with VM.pool_migrate within its pool (a live migration to the same xenopsd),
// and between two toolstacks that share nothing but loopback TCP: it runs
// under toolstack A, a marker is written to its data disk, it moves with
// VM.migrate_send to toolstack B (memory and disk travel over the network),
// and there its shell still answers on the serial console and reads the
// marker back from the disk. The guest stays idle during each migration.
// Skips when QEMU is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createQemuBackend } from '../src/xenopsd/backends/qemu/backend.js';
import { probeCgroups } from '../src/xenopsd/backends/qemu/cgroup.js';
import { instanceCgroupName, vmCgroupName } from '../src/xenopsd/backends/qemu/cgroup-plan.js';
import { probeBridging } from '../src/xenopsd/backends/qemu/host-net.js';
import { bridgeName, hostTagOf, ownsName } from '../src/xenopsd/backends/qemu/net-plan.js';
import type { Backend, BackendInitContext } from '../src/xenopsd/backends/api.js';

import { startPeer } from './support/migration-peers.js';
import { cappedBridgedVm, GuestConsole } from './support/qemu-xapi.js';
import { addVif } from './support/vm-builder.js';
import { waitTask } from './support/events.js';
import { instanceTagOf, killQemus, needGuestImage } from './support/qemu.js';

const { image, skip } = await needGuestImage();

function qemuBackend(tags: string[], hostDirs: string[] = []): Backend {
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
      tags.push(instanceTagOf(ctx.instance, ctx.hostDir));
      hostDirs.push(ctx.hostDir);
      await init(ctx);
    },
  });
  return backend;
}

test('a Tiny Linux VM pool-migrates on QEMU with its guest alive', { skip }, async () => {
  const tags: string[] = [];
  try {
    await using a = await startPeer('qp', {}, qemuBackend(tags), { cleanShutdownTimeoutS: 60 });
    const c = await a.client();
    const template = (await c.VM.get_by_name_label('xapi-ts Tiny Linux'))[0] as string;
    const vm = await c.VM.clone(template, 'tiny');
    await c.VM.provision(vm);
    await c.VM.start(vm, false, false);
    const before = await GuestConsole.open(a, c, vm);
    await before.expect(/guest# /, '\n', 120_000);
    before.close();
    const domid = await c.VM.get_domid(vm);
    const host = (await c.host.get_all())[0] as string;
    await c.VM.pool_migrate(vm, host, { live: 'true' });
    assert.equal(await c.VM.get_power_state(vm), 'Running');
    assert.equal(await c.VM.get_resident_on(vm), host);
    assert.notEqual(await c.VM.get_domid(vm), domid, 'a new domain');
    const after = await GuestConsole.open(a, c, vm);
    await after.expect(/alive-\d+/, 'echo alive-$((6*7))\n', 60_000);
    after.close();
    await c.VM.clean_shutdown(vm);
  } finally {
    await killQemus(tags);
  }
});

test(
  'a Tiny Linux VM migrates between two toolstacks with its guest and its disk contents',
  { skip },
  async () => {
    const tags: string[] = [];
    try {
      await using a = await startPeer('qa', {}, qemuBackend(tags), { cleanShutdownTimeoutS: 60 });
      await using b = await startPeer('qb', {}, qemuBackend(tags), { cleanShutdownTimeoutS: 60 });
      const ca = await a.client();
      const cb = await b.client();
      const template = (await ca.VM.get_by_name_label('xapi-ts Tiny Linux'))[0] as string;
      const vm = await ca.VM.clone(template, 'tiny');
      await ca.VM.provision(vm);
      await ca.VM.start(vm, false, false);
      const before = await GuestConsole.open(a, ca, vm);
      await before.expect(/guest# /, '\n', 120_000);
      // A marker on the data disk (written through to it); never typed whole, so only the disk can show it.
      const nonce = randomBytes(6).toString('hex');
      assert.match(
        await before.sh(
          `printf '%s%s' mark- ${nonce} | dd of=/dev/vda bs=512 count=1 conv=sync,fsync 2>/dev/null; sync; echo wrote-$((40+2))`,
        ),
        /wrote-42/,
      );
      before.close();

      const pool = (await cb.pool.get_all())[0] as string;
      const sr = await cb.pool.get_default_SR(pool);
      const host = (await cb.host.get_all())[0] as string;
      const network = (await cb.network.get_all())[0] as string;
      const vdiMap: Record<string, string> = {};
      for (const vbd of await ca.VM.get_VBDs(vm)) {
        const r = await ca.VBD.get_record(vbd);
        if (!r.empty && r.type === 'Disk') vdiMap[r.VDI] = sr;
      }
      const vifMap: Record<string, string> = {};
      for (const vif of await ca.VM.get_VIFs(vm)) vifMap[vif] = network;
      const dest = await cb.host.migrate_receive(host, network, {});
      const moved = await ca.VM.migrate_send(vm, dest, true, vdiMap, vifMap, {}, {});

      assert.deepEqual(await ca.VM.get_all_records_where(`field "name__label" = "tiny"`), {});
      assert.equal(await cb.VM.get_power_state(moved), 'Running');
      assert.equal(await cb.VM.get_resident_on(moved), host);
      const after = await GuestConsole.open(b, cb, moved);
      // The same guest, alive after the move: it answers on its shell.
      await after.expect(/alive-\d+/, 'echo alive-$((6*7))\n', 60_000);
      // The disk there holds what was written here (read from the device, not the page cache).
      assert.match(
        await after.sh(
          'echo 3 > /proc/sys/vm/drop_caches; dd if=/dev/vda bs=512 count=1 2>/dev/null | head -c 17; echo',
        ),
        new RegExp(`mark-${nonce}`),
      );
      after.close();
      await cb.VM.clean_shutdown(moved);
      assert.equal(await cb.VM.get_power_state(moved), 'Halted');
    } finally {
      await killQemus(tags);
    }
  },
);

const cgroups = probeCgroups('probe');
const noBridging = skip ? 'no QEMU' : await probeBridging('fffc');
const skipPlumbing =
  skip ||
  (cgroups.kind === 'none'
    ? `no cpu cgroup here: ${cgroups.reason}`
    : noBridging !== undefined
      ? `taps cannot be made here: ${noBridging}`
      : false);

/** The cap (% of a CPU) and weight a cgroup carries, as xapi counts them. */
function limits(dir: string): { cap: number; weight: number } {
  const read = (f: string) => readFileSync(join(dir, f), 'utf8').trim();
  if (cgroups.kind === 'v2') {
    const [quota, period] = read('cpu.max').split(' ');
    return {
      cap: quota === 'max' ? 0 : (Number(quota) * 100) / Number(period),
      weight: Math.round((Number(read('cpu.weight')) * 256) / 100),
    };
  }
  const quota = Number(read('cpu.cfs_quota_us'));
  return {
    cap: quota < 0 ? 0 : (quota * 100) / Number(read('cpu.cfs_period_us')),
    weight: Number(read('cpu.shares')) / 4,
  };
}

const pidsIn = (dir: string) =>
  readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
/** The taps a process holds open (a tun fd's fdinfo names its interface). */
function tapsOf(pid: number): string[] {
  const dir = `/proc/${pid}/fdinfo`;
  const out: string[] = [];
  for (const fd of readdirSync(dir)) {
    let info = '';
    try {
      info = readFileSync(join(dir, fd), 'utf8');
    } catch {
      continue; // closed meanwhile
    }
    const m = /^iff:\s*(\S+)/m.exec(info);
    if (m) out.push(m[1] as string);
  }
  return out.sort();
}
const portsOf = (bridge: string) => readdirSync(join('/sys/class/net', bridge, 'brif')).sort();

test(
  'pool_migrate on QEMU: the new QEMU has its tap on the bridged network and the VM cgroup with its cap',
  { skip: skipPlumbing },
  async () => {
    if (cgroups.kind === 'none') return;
    const tags: string[] = [];
    const hostDirs: string[] = [];
    try {
      await using a = await startPeer('qn', {}, qemuBackend(tags, hostDirs), { cleanShutdownTimeoutS: 60 });
      const c = await a.client();
      const { vm, network: lab } = await cappedBridgedVm(c, 'plumbed', 'xtmig');
      await c.VM.start(vm, false, false);
      const con = await GuestConsole.open(a, c, vm);
      await con.expect(/guest# /, '\n', 120_000);
      // A second NIC on the bridged network, hot-plugged into the running guest.
      const hot = await addVif(c, vm, lab, '2');
      const added = con.expect(/UEVENT add net/, '', 30_000);
      await c.VIF.plug(hot);
      await added;
      con.close();
      const uuid = await c.VM.get_uuid(vm);
      const bridge = bridgeName(hostTagOf(hostDirs[0] as string), 'xtmig');
      const cg = join(cgroups.root, instanceCgroupName(tags[0] as string), vmCgroupName(uuid));
      const tapsBefore = portsOf(bridge);
      assert.equal(tapsBefore.length, 2, tapsBefore.join(' '));
      for (const t of tapsBefore) assert.ok(ownsName(hostTagOf(hostDirs[0] as string), t));
      const [pidBefore] = pidsIn(cg);
      assert.deepEqual(tapsOf(pidBefore as number), tapsBefore);
      assert.deepEqual(limits(cg), { cap: 30, weight: 300 });

      const host = (await c.host.get_all())[0] as string;
      const task = await c.Async.VM.pool_migrate(vm, host, {});
      const rec = await waitTask(c, task);
      assert.equal(rec.status, 'success', JSON.stringify(rec.error_info));
      assert.match(rec.other_config['migration_downtime_ms'] ?? '', /^\d+$/);
      assert.equal(await c.VM.get_power_state(vm), 'Running');

      // Two taps on the bridge, the new domain's (the hot-plugged NIC's too); the old ones are gone.
      const ports = portsOf(bridge);
      assert.equal(ports.length, 2, ports.join(' '));
      for (const t of tapsBefore) {
        assert.ok(!ports.includes(t));
        assert.ok(!existsSync(join('/sys/class/net', t)), 'the source taps are removed');
      }
      // The new QEMU holds both taps open (no NIC fell back to user-mode networking).
      // (the source QEMU may still be being reaped for a moment after the task ends)
      let pids = pidsIn(cg);
      for (let i = 0; i < 200 && pids.length > 1; i++) {
        await new Promise((r) => setTimeout(r, 100));
        pids = pidsIn(cg);
      }
      assert.equal(pids.length, 1, `pids in the VM's cgroup: ${pids.join(' ')}`);
      assert.notEqual(pids[0], pidBefore);
      assert.deepEqual(tapsOf(pids[0] as number), ports);
      // The new QEMU alone in the VM's cgroup, with its cap and weight.
      assert.deepEqual(limits(cg), { cap: 30, weight: 300 });
      const parent = join(cgroups.root, instanceCgroupName(tags[0] as string));
      assert.deepEqual(
        readdirSync(parent).filter((n) => n.startsWith('vm-')),
        [vmCgroupName(uuid)],
        'no other cgroup left',
      );
      // Live changes reach the new QEMU's cgroup.
      await c.VM.add_to_VCPUs_params_live(vm, 'cap', '60');
      assert.deepEqual(limits(cg), { cap: 60, weight: 300 });
      const after = await GuestConsole.open(a, c, vm);
      await after.expect(/alive-\d+/, 'echo alive-$((6*7))\n', 60_000);
      after.close();
      await c.VM.clean_shutdown(vm);
      assert.ok(!existsSync(cg), 'the cgroup goes when the VM stops');
      assert.ok(!existsSync(join('/sys/class/net', bridge)), 'the bridge goes when the VM stops');
    } finally {
      await killQemus(tags);
    }
  },
);
