// Bridged VIFs under the QEMU backend: two guests whose VIFs are on the same
// toolstack network get taps on one Linux bridge made for it, ping each other
// with static addresses typed on their serial consoles, and lose carrier when
// told to; their taps and the bridge go when the domains do, and the host's own
// interfaces are left exactly as they were. Skips where taps cannot be made.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createQemuBackend } from '../src/xenopsd/backends/qemu/backend.js';
import { SERIAL_PROMPT } from '../src/xenopsd/backends/qemu/guest-image/rootfs.js';
import { probeBridging } from '../src/xenopsd/backends/qemu/host-net.js';
import { probeFilter, VifFilter } from '../src/xenopsd/backends/qemu/vif-filter.js';
import { bridgeName, hostTagOf, ownsName } from '../src/xenopsd/backends/qemu/net-plan.js';
import { SerialConsole } from '../src/xenopsd/backends/qemu/serial.js';
import { decodeVif, decodeVm } from '../src/xenopsd/decode.js';
import type { Vm } from '../src/xenopsd/types.js';
import { handle } from './conformance/backend.suite.js';
import { GUEST_CMDLINE } from '../src/xenopsd/backends/qemu/guest-image/rootfs.js';
import { needGuestImage, skipWithout } from './support/qemu.js';

const { image, skip: noGuest } = await needGuestImage();
const noBridging = (await probeBridging('ffff')) ?? (await probeFilter());
const skip =
  noGuest || (noBridging !== undefined ? `taps cannot be made or filtered here: ${noBridging}` : false);

/** The host's interfaces other than xenopsd's, with what matters of each (`ip -d -j link`). */
function hostInterfaces(): string {
  const links = JSON.parse(execFileSync('ip', ['-d', '-j', 'link', 'show'], { encoding: 'utf8' })) as {
    ifname: string;
    flags: string[];
    mtu: number;
    master?: string;
    address?: string;
  }[];
  return JSON.stringify(
    links
      .filter((l) => !/^xt[0-9a-f]{4}/.test(l.ifname))
      .map((l) => [l.ifname, [...l.flags].sort(), l.mtu, l.master ?? '', l.address ?? ''])
      .sort(),
  );
}

const link = (name: string) =>
  (
    JSON.parse(execFileSync('ip', ['-d', '-j', 'link', 'show', 'dev', name], { encoding: 'utf8' })) as {
      flags: string[];
      mtu: number;
      master?: string;
      address: string;
    }[]
  )[0];

async function shell(con: SerialConsole, line: string, expect: RegExp, timeoutMs = 60_000): Promise<string> {
  const from = con.output.length;
  con.write(`${line}\n`);
  const out = await con.waitFor(expect, { from, timeoutMs });
  return out.slice(from);
}

async function prompt(con: SerialConsole): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const from = con.output.length;
    con.write('\n');
    if (
      await con.waitFor(SERIAL_PROMPT, { from, timeoutMs: 2000 }).then(
        () => true,
        () => false,
      )
    )
      return;
    if (Date.now() > deadline) throw new Error(`no guest prompt: ${con.output.slice(-300)}`);
  }
}

test(
  'two guests on one bridged network ping each other; taps and bridge go with them',
  { skip },
  async () => {
    if (!image) return;
    const before = hostInterfaces();
    const dir = mkdtempSync(join(tmpdir(), 'qemu-net-'));
    const make = () =>
      createQemuBackend({
        directBoot: { kernel: image.vmlinux, initrd: image.initrd, cmdline: GUEST_CMDLINE },
        priority: 15,
      });
    const ctx = { stateDir: join(dir, 's'), hostDir: dir, instance: 'net', isManaged: () => true };
    let b = make();
    await b.init(ctx);
    const vms: Vm[] = ['a', 'b'].map((n) =>
      decodeVm({ id: `net-${n}`, memory_static_max: 2 ** 28, vcpu_max: 1, vcpus: 1 }),
    );
    const consoles: SerialConsole[] = [];
    const bridge = bridgeName(hostTagOf(dir), 'lab');
    try {
      const stat = await b.host.stat();
      assert.match(stat.hypervisor.capabilities, /\bvif-bridge\b/);
      const taps: string[] = [];
      for (const [i, vm] of vms.entries()) {
        await b.vm.create(handle(), vm, undefined);
        await b.vm.build(handle(), vm, false);
        // one VIF on the bridged network, one on the default (user-mode NAT) network
        const vif = decodeVif({ id: [vm.id, '0'], position: 0, mtu: 1400, backend: ['Local', 'lab'] });
        const nat = decodeVif({ id: [vm.id, '1'], position: 1, backend: ['Local', 'xapi-ts0'] });
        await b.vif.plug(handle(), vm, vif);
        await b.vif.plug(handle(), vm, nat);
        const tap = (await b.vif.getState(vm, vif)).device ?? '';
        assert.ok(ownsName(hostTagOf(dir), tap), tap);
        assert.ok(!(await b.vif.getState(vm, nat)).device?.startsWith('xt'), 'the NAT VIF has no tap');
        assert.equal(link(tap)?.master, bridge);
        assert.equal(link(tap)?.mtu, 1400);
        assert.equal(link(tap)?.address, 'fe:ff:ff:ff:ff:ff');
        taps.push(tap);
        await b.vm.createDeviceModel(handle(), vm, false);
        await b.vm.unpause(handle(), vm);
        const serial = join(dir, 'qemu', `d${i + 1}`, 'serial.sock');
        consoles.push(await SerialConsole.connect(serial, { timeoutMs: 10_000 }));
      }
      assert.deepEqual(readdirSync(join('/sys/class/net', bridge, 'brif')).sort(), [...taps].sort());
      for (const [i, con] of consoles.entries()) {
        await prompt(con);
        // static addresses on eth0 (the bridged NIC), with the guest's DHCP client stopped
        await shell(
          con,
          `killall udhcpc; ip addr add 192.168.77.${i + 1}/24 dev eth0; ip link set eth0 up; echo done-${i}`,
          new RegExp(`\ndone-${i}`),
        );
      }
      const out = await shell(
        consoles[0] as SerialConsole,
        'ping -c 3 -W 5 192.168.77.2; echo ping-rc=$?',
        /ping-rc=\d/,
        90_000,
      );
      assert.match(out, /[1-3] packets received/);
      assert.match(out, /ping-rc=0/);

      // carrier off: the tap goes down on the host
      const [vmA] = vms as [Vm];
      const vifA = decodeVif({ id: [vmA.id, '0'], position: 0, backend: ['Local', 'lab'] });
      await b.vif.setCarrier(handle(), vmA, vifA, false);
      assert.ok(!link(taps[0] as string)?.flags.includes('UP'));
      assert.equal((await b.vif.getState(vmA, vifA)).media_present, false);
      await b.vif.setCarrier(handle(), vmA, vifA, true);
      assert.ok(link(taps[0] as string)?.flags.includes('UP'));
      // locking mode Disabled holds the link down (and filters the tap)
      await b.vif.setLockingMode(handle(), vmA, vifA, 'Disabled');
      assert.ok(!link(taps[0] as string)?.flags.includes('UP'));
      await b.vif.setLockingMode(handle(), vmA, vifA, 'Unlocked');
      assert.ok(link(taps[0] as string)?.flags.includes('UP'));
      const ping = async (expectOk: boolean) => {
        const res = await shell(
          consoles[0] as SerialConsole,
          `ping -c 2 -W 3 192.168.77.2 >/dev/null; echo ping-rc=$?`,
          /ping-rc=\d/,
          90_000,
        );
        assert.match(res, expectOk ? /ping-rc=0/ : /ping-rc=[1-9]/);
      };
      // Locked (ebtables on the tap): the guest's own address may send, any other may not
      await b.vif.setLockingMode(handle(), vmA, vifA, ['Locked', { ipv4: ['192.168.77.1'], ipv6: [] }]);
      await ping(true);
      await b.vif.setLockingMode(handle(), vmA, vifA, ['Locked', { ipv4: ['192.168.77.9'], ipv6: [] }]);
      await ping(false);
      await b.vif.setLockingMode(handle(), vmA, vifA, 'Unlocked');
      await ping(true);
      assert.doesNotMatch(execFileSync('ebtables', ['-L']).toString(), new RegExp(`xapi-ts-${taps[0]}`));
      // Locked cannot be enforced on the user-mode NIC: refused
      const natA = decodeVif({ id: [vmA.id, '1'], position: 1, backend: ['Local', 'xapi-ts0'] });
      await assert.rejects(
        b.vif.setLockingMode(handle(), vmA, natA, ['Locked', { ipv4: ['10.0.2.15'], ipv6: [] }]),
        { code: 'VALUE_NOT_SUPPORTED' },
      );
      // VIF.move: the tap changes bridge under the running guest, and back
      const other = bridgeName(hostTagOf(dir), 'lab2');
      await b.vif.move(handle(), vmA, vifA, ['Local', 'lab2']);
      assert.equal(link(taps[0] as string)?.master, other);
      await ping(false);
      await b.vif.move(handle(), vmA, vifA, ['Local', 'lab']);
      assert.equal(link(taps[0] as string)?.master, bridge);
      assert.ok(!existsSync(join('/sys/class/net', other)), 'the emptied bridge went');
      await ping(true);

      for (const con of consoles) con.close();
      consoles.length = 0;
      // a restarted xenopsd keeps the taps of its running domains, and their filters;
      // a chain of ours whose tap is gone (a crash between steps) is removed
      await b.vif.setLockingMode(handle(), vmA, vifA, ['Locked', { ipv4: ['192.168.77.1'], ipv6: [] }]);
      const stale = `xapi-ts-xt${hostTagOf(dir)}v999.0`;
      execFileSync('ebtables', ['-N', stale]);
      await b.close();
      b = make();
      await b.init(ctx);
      for (const tap of taps) assert.equal(link(tap)?.master, bridge);
      assert.equal((await b.vif.getState(vmA, vifA)).device, taps[0]);
      const chains = execFileSync('ebtables', ['-L']).toString();
      assert.match(chains, new RegExp(`Bridge chain: xapi-ts-${taps[0]}, entries: \\d+`));
      assert.doesNotMatch(chains, new RegExp(stale));

      await b.vm.destroy(handle(), vms[0] as Vm);
      assert.ok(!existsSync(join('/sys/class/net', taps[0] as string)), 'the first tap is gone');
      assert.ok(existsSync(join('/sys/class/net', bridge)), 'the bridge stays while a tap is on it');
      await b.vm.destroy(handle(), vms[1] as Vm);
      assert.ok(!existsSync(join('/sys/class/net', taps[1] as string)));
      assert.ok(!existsSync(join('/sys/class/net', bridge)), 'the bridge goes with its last tap');
      assert.deepEqual(readdirSync(join(dir, 'qemu-net', 'taps')), []);
      assert.deepEqual(readdirSync(join(dir, 'qemu-net', 'bridges')), []);
      assert.doesNotMatch(
        execFileSync('ebtables', ['-L']).toString(),
        new RegExp(`xapi-ts-(xt)?${hostTagOf(dir)}`),
      );
      assert.equal(hostInterfaces(), before, "the host's own interfaces are untouched");
    } finally {
      for (const con of consoles) con.close();
      for (const vm of vms) await b.vm.destroy(handle(), vm).catch(() => {});
      await b.close();
      // never leave an interface of this test behind, whatever happened
      const tag = hostTagOf(dir);
      for (const n of readdirSync('/sys/class/net').filter((x) => ownsName(tag, x)))
        execFileSync('ip', ['link', 'del', 'dev', n], { stdio: 'ignore' });
      await new VifFilter(tag).sweep([], () => false);
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(
  'without bridging, a VIF on any network uses user-mode networking and HOST.stat says why',
  { skip: skipWithout('qemu-system-x86_64') },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qemu-net-off-'));
    const b = createQemuBackend({ accel: 'tcg', network: { bridging: false } });
    await b.init({ stateDir: join(dir, 's'), hostDir: dir, instance: 'off', isManaged: () => true });
    const vm = decodeVm({ id: 'net-off', memory_static_max: 2 ** 26 });
    try {
      const stat = await b.host.stat();
      assert.match(stat.hypervisor.capabilities, /\bvif-user\b/);
      assert.match(stat.hypervisor.version, /network: user-mode only \(bridging is turned off\)/);
      await b.vm.create(handle(), vm, undefined);
      await b.vm.build(handle(), vm, false);
      const vif = decodeVif({ id: [vm.id, '0'], position: 0, backend: ['Local', 'lab'] });
      await b.vif.plug(handle(), vm, vif);
      await b.vm.createDeviceModel(handle(), vm, false);
      assert.equal((await b.vif.getState(vm, vif)).device, 'vif1.0');
      assert.ok(!readdirSync('/sys/class/net').some((n) => ownsName(hostTagOf(dir), n)));
      // hot-plugged too
      const hot = decodeVif({ id: [vm.id, '1'], position: 1, backend: ['Local', 'lab'] });
      await b.vif.plug(handle(), vm, hot);
      assert.equal((await b.vif.getState(vm, hot)).device, 'vif1.1');
      await assert.rejects(
        b.vif.plug(
          handle(),
          vm,
          decodeVif({ id: [vm.id, '2'], position: 2, locking_mode: ['Locked', { ipv4: [], ipv6: [] }] }),
        ),
        { code: 'VALUE_NOT_SUPPORTED' },
      );
    } finally {
      await b.vm.destroy(handle(), vm).catch(() => {});
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
