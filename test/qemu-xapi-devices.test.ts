// Real devices of a running VM through the XenAPI, on the QEMU backend: the guest's
// DHCP address reaches VM_guest_metrics.networks, and a disk made with VDI.create on
// the local file SR and hot-plugged with VBD.plug is seen, written and unplugged by
// the guest, its data ending up in the VDI's image. Skips when QEMU is not installed.
import { test } from 'node:test';
import { failure } from './support/failure.js';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addNatVif,
  eventually,
  GuestConsole,
  guestNetworks,
  skipWithoutGuest,
  startQemuToolstack,
} from './support/qemu-xapi.js';
import { skipWithout } from './support/qemu.js';

const MiB = 1024 * 1024;

/** The block devices of the guest by serial number (the VBD's device name). */
async function guestDisks(con: GuestConsole): Promise<Map<string, string>> {
  const out = await con.sh('for d in /sys/block/vd*; do echo "disk ${d##*/} $(cat $d/serial)"; done');
  const disks = new Map<string, string>();
  for (const m of out.matchAll(/^disk (vd[a-z]+) (\S+)$/gm)) disks.set(m[2] as string, m[1] as string);
  return disks;
}

/** Files under `dir` (recursively) named after `uuid`. */
function filesNamed(dir: string, uuid: string): string[] {
  const found: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.startsWith(uuid)) found.push(join(e.parentPath, e.name));
  }
  return found;
}

test(
  'a running VM reports its address in VM_guest_metrics and sees a disk hot-plugged with VBD.plug',
  { skip: skipWithoutGuest || skipWithout('qemu-img') },
  async () => {
    await using ts = await startQemuToolstack();
    const c = await ts.client();
    const template = (await c.VM.get_by_name_label('xapi-ts Tiny Linux'))[0] as string;
    const vm = await c.VM.clone(template, 'devices');
    await c.VM.provision(vm);
    await addNatVif(c, vm);
    await c.VM.start(vm, false, false);
    const con = await GuestConsole.open(ts, c, vm);
    try {
      await con.prompt();

      // 1. QEMU's user network gives the guest 10.0.2.15 by DHCP; the guest says so on
      // its console, and the address reaches the guest metrics as a guest agent's would.
      const networks = await guestNetworks(c, vm).catch(async (e: Error) => {
        const uuid = await c.VM.get_uuid(vm);
        const state = (await ts.xenopsd.vm.stat(uuid).catch(() => undefined))?.[1];
        const logs = readdirSync(join(ts.stateDir, 'qemu'), { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('serial.log'))
          .map((f) => readFileSync(join(ts.stateDir, 'qemu', f), 'latin1'));
        const reports = logs
          .join('\n')
          .split('\n')
          .filter((l) => l.includes('GUEST-IP'));
        throw new Error(
          `${e.message}; xenopsd guest_agent ${JSON.stringify(state?.guest_agent)}, console: ${JSON.stringify(reports)}`,
        );
      });
      assert.equal(networks['0/ip'], '10.0.2.15');
      assert.equal(networks['0/ipv4/0'], '10.0.2.15');
      assert.match(await con.sh('ip -4 addr show eth0'), /inet 10\.0\.2\.15\/24/);

      // 2. A new disk, hot-plugged while the guest runs.
      const pool = (await c.pool.get_all())[0] as string;
      const sr = await c.pool.get_default_SR(pool);
      assert.equal(await c.SR.get_type(sr), 'file');
      const vdi = await c.VDI.create({
        SR: sr,
        virtual_size: 16 * MiB,
        type: 'user',
        sharable: false,
        read_only: false,
        other_config: {},
        name_label: 'hot disk',
      } as never);
      const vbd = await c.VBD.create({
        VM: vm,
        VDI: vdi,
        userdevice: '1',
        bootable: false,
        mode: 'RW',
        type: 'Disk',
        unpluggable: true,
        empty: false,
        other_config: {},
        qos_algorithm_type: '',
        qos_algorithm_params: {},
      } as never);
      const before = await guestDisks(con);
      assert.ok(before.has('xvda'), `the template's disk is there: ${[...before.keys()].join(' ')}`);
      assert.ok(!before.has('xvdb'));
      await c.VBD.plug(vbd);
      assert.equal(await c.VBD.get_currently_attached(vbd), true);
      assert.equal(await c.VBD.get_device(vbd), 'xvdb');
      const dev = await eventually('the hot-plugged disk in the guest', async () =>
        (await guestDisks(con)).get('xvdb'),
      );
      // The kernel may print its own hot-plug lines on the same serial console.
      const size = await eventually('the hot-plugged disk size', async () => {
        const m = /^(\d+)\s*$/m.exec(await con.sh(`cat /sys/block/${dev}/size`));
        return m ? Number(m[1]) : undefined;
      });
      assert.equal(size * 512, 16 * MiB);

      // 3. The guest writes to it; after VBD.unplug the data is in the VDI's image.
      const marker = 'xapi-hotplug-data-42';
      await con.sh(`echo ${marker} > /tmp/m; dd if=/tmp/m of=/dev/${dev} bs=512 conv=sync; sync`);
      await c.VBD.unplug(vbd);
      assert.equal(await c.VBD.get_currently_attached(vbd), false);
      await eventually('the disk gone from the guest', async () =>
        (await guestDisks(con)).has('xvdb') ? undefined : true,
      );
      const uuid = await c.VDI.get_uuid(vdi);
      const images = filesNamed(join(ts.stateDir, 'sr'), uuid);
      assert.equal(images.length, 1, `one image for the VDI: ${images.join(' ')}`);
      const image = images[0] as string;
      const tmp = mkdtempSync(join(tmpdir(), 'xapi-ts-hotplug-'));
      try {
        const raw = join(tmp, 'head.raw');
        const format = image.endsWith('.qcow2') ? 'qcow2' : 'raw';
        execFileSync('qemu-img', [
          'dd',
          '-f',
          format,
          '-O',
          'raw',
          'bs=512',
          'count=1',
          `if=${image}`,
          `of=${raw}`,
        ]);
        assert.equal(
          readFileSync(raw)
            .subarray(0, marker.length + 1)
            .toString(),
          `${marker}\n`,
        );
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }

      // 4. Plugged again, the guest reads back what it wrote.
      await c.VBD.plug(vbd);
      const again = await eventually('the disk back in the guest', async () =>
        (await guestDisks(con)).get('xvdb'),
      );
      assert.match(
        await con.sh(`head -c ${marker.length} /dev/${again}; echo`),
        new RegExp(`^${marker}$`, 'm'),
      );

      // 5. Disk QoS on the plugged disk: QEMU throttles (changed live), and refuses ionice.
      const [field, value] = await failure(
        c.VBD.set_qos_algorithm_type(vbd, 'ionice'),
        'VALUE_NOT_SUPPORTED',
      );
      assert.deepEqual([field, value], ['VBD.qos_algorithm_type', 'ionice']);
      assert.equal(await c.VBD.get_qos_algorithm_type(vbd), '', 'the refused algorithm is not recorded');
      await c.VBD.set_qos_algorithm_params(vbd, { iops: '200' });
      await c.VBD.set_qos_algorithm_type(vbd, 'throttle');
      await c.VBD.add_to_qos_algorithm_params(vbd, 'bps_wr', '1048576');
      assert.deepEqual(await c.VBD.get_qos_algorithm_params(vbd), { iops: '200', bps_wr: '1048576' });
      // Still the guest's disk: it reads what it wrote through the throttle.
      assert.match(
        await con.sh(`head -c ${marker.length} /dev/${again}; echo`),
        new RegExp(`^${marker}$`, 'm'),
      );
    } finally {
      con.close();
    }
    await c.VM.clean_shutdown(vm);
    assert.equal(await c.VM.get_power_state(vm), 'Halted');
  },
);
