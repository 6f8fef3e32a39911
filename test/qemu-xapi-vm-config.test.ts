// A VM configured the way configuration-management tools do it, on the QEMU
// backend: cloned from the Tiny Linux template, given memory limits, vCPUs,
// two disks and two NICs, started — and the guest sees what was set: its
// vCPUs in /proc/cpuinfo, its memory in /proc/meminfo, its disks and NICs
// with their sizes and MACs; then one more vCPU and a smaller balloon while
// it runs, which the guest sees too. Skips when QEMU is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, GuestConsole, skipWithoutGuest, startQemuToolstack } from './support/qemu-xapi.js';
import { assertConfigured, configureVm, type VmPlan } from './support/vm-config-flow.js';

const MiB = 1024 * 1024;

const cpus = async (con: GuestConsole): Promise<number> => {
  // Kernel messages may share the serial console with the command's output.
  const out = await con.sh('grep -c ^processor /proc/cpuinfo');
  const count = /^(\d+)$/m.exec(out.replace(/\r/g, ''))?.[1];
  assert.ok(count, `a processor count in ${JSON.stringify(out)}`);
  return Number(count);
};
const memTotal = async (con: GuestConsole): Promise<number> => {
  const kib = /^MemTotal:\s+(\d+) kB$/m.exec(await con.sh('cat /proc/meminfo'))?.[1];
  assert.ok(kib, 'MemTotal in /proc/meminfo');
  return Number(kib) * 1024;
};

test(
  'a VM configured as configuration tools do boots on QEMU with the vCPUs, memory, disks and NICs it was given',
  { skip: skipWithoutGuest },
  async () => {
    await using ts = await startQemuToolstack();
    const c = await ts.client();
    const nat = Object.keys(
      await c.network.get_all_records_where('field "bridge" = "xapi-ts0"'),
    )[0] as string;
    const lab = await c.network.create({ name_label: 'lab', bridge: 'cfglab', other_config: {} } as never);
    const plan: VmPlan = {
      template: 'xapi-ts Tiny Linux',
      name: 'cfg',
      memory: { static_min: 64 * MiB, static_max: 256 * MiB, dynamic_min: 128 * MiB, dynamic_max: 256 * MiB },
      vcpus: { max: 2, atStartup: 1 },
      disks: [32 * MiB, 48 * MiB],
      networks: [nat, lab],
      otherConfig: { role: 'web', owner: 'ci' },
    };
    const made = await configureVm(c, plan);
    const { vm } = made;
    await assertConfigured(c, made, plan);
    await c.VM.start(vm, false, false);
    assert.equal(await c.VM.get_power_state(vm), 'Running');
    await assertConfigured(c, made, plan);

    const con = await GuestConsole.open(ts, c, vm);
    try {
      await con.prompt();
      assert.equal(await cpus(con), 1, 'VCPUs_at_startup online at boot');
      const total = await memTotal(con);
      assert.ok(total <= 256 * MiB && total > 192 * MiB, `MemTotal ${total} for a static_max of 256 MiB`);

      const sizes = new Map<string, number>();
      const out = await con.sh(
        'for d in /sys/block/vd*; do echo "disk $(cat $d/serial) $(cat $d/size)"; done',
      );
      for (const m of out.matchAll(/^disk (\S+) (\d+)$/gm)) sizes.set(m[1] as string, Number(m[2]) * 512);
      assert.deepEqual([sizes.get('xvda'), sizes.get('xvdb')], plan.disks);

      const macs = (await con.sh('cat /sys/class/net/eth*/address')).trim().split(/\s+/).sort();
      const want: string[] = [];
      for (const vif of made.vifs) want.push(await c.VIF.get_MAC(vif));
      assert.deepEqual(macs, want.sort(), 'the guest NICs carry the MACs derived from mac_seed');

      // Live: one more vCPU, and the balloon down to 160 MiB.
      await c.VM.set_VCPUs_number_live(vm, 2);
      await eventually('the second vCPU in /proc/cpuinfo', async () =>
        (await cpus(con)) === 2 ? true : undefined,
      );
      await c.VM.set_memory_dynamic_range(vm, 128 * MiB, 160 * MiB);
      const ballooned = await eventually('the balloon in /proc/meminfo', async () => {
        const t = await memTotal(con);
        return t <= 160 * MiB ? t : undefined;
      });
      assert.ok(ballooned > 96 * MiB, `MemTotal ${ballooned} after ballooning to 160 MiB`);
      // memory_actual follows the balloon only at xenopsd's next update of the VM; the vCPU count is reported.
      const metrics = await c.VM.get_metrics(vm);
      await eventually('VM_metrics.VCPUs_number of the hot-plugged vCPU', async () =>
        (await c.VM_metrics.get_VCPUs_number(metrics)) === 2 ? true : undefined,
      );
      const rec = await c.VM.get_record(vm);
      assert.deepEqual(
        [rec.memory_dynamic_min, rec.memory_dynamic_max, rec.VCPUs_at_startup],
        [128 * MiB, 160 * MiB, 2],
      );
    } finally {
      con.close();
    }

    await c.VM.clean_shutdown(vm);
    assert.equal(await c.VM.get_power_state(vm), 'Halted');
    await c.VM.destroy(vm);
    for (const vdi of made.vdis) await c.VDI.destroy(vdi);
    assert.deepEqual(await c.VM.get_by_name_label(plan.name), []);
  },
);
