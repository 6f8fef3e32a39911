// A real guest under QEMU, started from the argv builder's command line: it boots to
// the serial shell, reports its address, answers on the control channel, reboots
// cleanly (reported as SHUTDOWN{guest-reset}, then restarted in place by QMP), and
// powers off cleanly on the ACPI power button. On the way it is suspended to a file and
// resumed in a new QEMU, and disks, NICs and vCPUs are hot-plugged and the balloon is
// moved, each change seen by the guest.
import { test, type TestContext } from 'node:test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import {
  defaultCacheDir,
  ensureGuestImage,
  type GuestImage,
} from '../src/xenopsd/backends/qemu/guest-image/build.js';
import { IP_MARKER, READY_MARKER, SERIAL_PROMPT } from '../src/xenopsd/backends/qemu/guest-image/rootfs.js';
import { probeAccel } from '../src/xenopsd/backends/qemu/kvm-probe.js';
import { ControlChannel } from '../src/xenopsd/backends/qemu/control.js';
import { SerialConsole } from '../src/xenopsd/backends/qemu/serial.js';
import { waitForStatus } from '../src/xenopsd/backends/qemu/qmp.js';
import { qemuBinary, startTestVm, type TestVm } from '../src/xenopsd/backends/qemu/testing.js';
import type { DiskConfig, NicConfig, VmConfig } from '../src/xenopsd/backends/qemu/config.js';
import {
  balloonTarget,
  diskPlug,
  diskSetQos,
  diskUnplug,
  nicPlug,
  nicUnplug,
  vcpuChange,
  type QmpCall,
  type Unplug,
} from '../src/xenopsd/backends/qemu/hotplug.js';
import { portLayout } from '../src/xenopsd/backends/qemu/names.js';
import { migrationOutcome, resumeFromFile, suspendToFile } from '../src/xenopsd/backends/qemu/migration.js';
import { GUEST_CMDLINE } from '../src/xenopsd/backends/qemu/guest-image/rootfs.js';
import { skipWithout } from './support/qemu.js';

const MiB = 1 << 20;

function guestConfig(runDir: string, image: GuestImage): VmConfig {
  return {
    uuid: '6e0b9a43-4d9e-4a7e-9a3c-2b6a2f7c1d11',
    name: 'boot-test',
    memory: { staticMax: 128 * MiB, dynamicMax: 128 * MiB, dynamicMin: 96 * MiB },
    vcpus: { max: 2, atStartup: 1 },
    boot: { kind: 'direct', kernel: image.vmlinux, initrd: image.initrd, cmdline: GUEST_CMDLINE },
    disks: [],
    nics: [{ devid: 0, mac: '52:54:00:12:34:56', backend: { kind: 'user', restrict: true } }],
    consoles: { serial: true },
    biosStrings: { 'system-serial-number': 'BOOT-TEST-0042' },
    // the recommended actions: every guest power transition stops the VM for the daemon to decide
    actions: { onShutdown: 'pause', onReboot: 'shutdown', onPanic: 'pause' },
    runDir,
  };
}

/** Sends QMP calls in order. */
async function send(vm: TestVm, calls: readonly QmpCall[]): Promise<void> {
  for (const c of calls) await vm.qmp.execute(c.execute, c.arguments);
}

async function unplug(vm: TestVm, u: Unplug): Promise<void> {
  const deleted = vm.qmp.waitForEvent((e) => e.event === 'DEVICE_DELETED' && e.data.device === u.device, {
    timeoutMs: 30_000,
  });
  await send(vm, [u.request]);
  await deleted;
  await send(vm, u.cleanup);
}

/** Suspends the VM to a file, quits it, and resumes the guest in a new QEMU. */
async function suspendAndResume(
  t: TestContext,
  vm: TestVm,
  ctl: ControlChannel,
  image: GuestImage,
  accel: 'kvm' | 'tcg',
): Promise<{ vm: TestVm; serial: SerialConsole; ctl: ControlChannel }> {
  const uptime = async (c: ControlChannel) => Number((await c.request('uptime')).split(' ')[1]);
  const migrated = (v: TestVm) =>
    v.qmp.waitForEvent((e) => e.event === 'MIGRATION' && migrationOutcome(e.data.status) !== undefined, {
      timeoutMs: 60_000,
    });
  const before = await uptime(ctl);
  ctl.close();
  const file = join(vm.runDir, 'suspend.img');
  const t0 = Date.now();
  const saved = migrated(vm);
  await send(vm, suspendToFile(file));
  assert.equal((await saved).data.status, 'completed');
  await waitForStatus(vm.qmp, ['postmigrate']);
  await vm.qmp.execute('quit');
  assert.deepEqual(await vm.proc.exited, { code: 0, signal: null });
  const saveMs = Date.now() - t0;

  const t1 = Date.now();
  const restored = await startTestVm((dir) => ({ ...guestConfig(dir, image), incoming: true }), { accel });
  t.after(() => restored.cleanup());
  assert.equal((await restored.qmp.execute<{ status: string }>('query-status')).status, 'inmigrate');
  const loaded = migrated(restored);
  await send(restored, resumeFromFile(file));
  assert.equal((await loaded).data.status, 'completed');
  // The source was stopped before the save; whether the destination starts by itself varies.
  const after = await waitForStatus(restored.qmp, ['paused', 'running']);
  t.diagnostic(`status after loading the state: ${after}`);
  if (after === 'paused') await restored.qmp.execute('cont');
  await waitForStatus(restored.qmp, ['running']);
  const serial = await SerialConsole.connect(restored.cmd.paths.serial as string);
  serial.write('echo resumed-$((1+1))\n');
  await serial.waitFor('resumed-2', { timeoutMs: 20_000 });
  const ctl2 = await ControlChannel.connect(restored.cmd.paths.control as string);
  assert.ok((await uptime(ctl2)) >= before, 'the guest carries on from where it was saved');
  t.diagnostic(`suspend to a file ${saveMs} ms, resume until the shell answers ${Date.now() - t1} ms`);
  return { vm: restored, serial, ctl: ctl2 };
}

/** Disk, NIC and vCPU hotplug and the balloon, with the guest seeing each change. */
async function hotplug(
  t: TestContext,
  vm: TestVm,
  serial: SerialConsole,
  ctl: ControlChannel,
  image: GuestImage,
  accel: 'kvm' | 'tcg',
): Promise<void> {
  const config = guestConfig(vm.runDir, image);
  const ports = portLayout(config).spare;
  const t0 = Date.now();

  const disk: DiskConfig = {
    id: 'xvdb',
    kind: 'disk',
    path: join(vm.runDir, 'hot.qcow2'),
    format: 'qcow2',
    mode: 'RW',
    serial: 'HOTDISK1',
  };
  execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', disk.path as string, '64M']);
  let mark = serial.output.length;
  await send(vm, diskPlug(disk, ports[0] as string));
  await serial.waitFor(/UEVENT add block \S*vda/, { from: mark, timeoutMs: 20_000 });
  mark = serial.output.length;
  serial.write('cat /sys/block/vda/serial\n');
  await serial.waitFor('HOTDISK1', { from: mark, timeoutMs: 10_000 });
  const limits = () =>
    vm.qmp.execute<Record<string, number>>('qom-get', { path: 'throttle-xvdb', property: 'limits' });
  await send(vm, [diskSetQos(disk, { iopsTotal: 100, bpsWrite: 1048576 })]);
  assert.equal((await limits())['iops-total'], 100);
  assert.equal((await limits())['bps-write'], 1048576);
  // Lowering a limit to none clears it (qom-set keeps the fields it is not given).
  await send(vm, [diskSetQos(disk, { bpsRead: 4096 })]);
  const now = await limits();
  assert.deepEqual([now['iops-total'], now['bps-write'], now['bps-read']], [0, 0, 4096]);
  await unplug(vm, diskUnplug(disk));

  const nic: NicConfig = { devid: 1, mac: '52:54:00:12:34:57', backend: { kind: 'user', restrict: true } };
  mark = serial.output.length;
  await send(vm, nicPlug(nic, ports[1] as string));
  await serial.waitFor(`${IP_MARKER} eth1 10.0.2.15/24`, { from: mark, timeoutMs: 30_000 });
  assert.deepEqual(await ctl.addresses(), { eth0: '10.0.2.15/24', eth1: '10.0.2.15/24' });
  await unplug(vm, nicUnplug(nic));

  mark = serial.output.length;
  const caps = { accel, qemuBinary: qemuBinary as string, instanceTag: 'test' };
  await send(vm, vcpuChange(config, caps, 1, 2));
  await serial.waitFor(/UEVENT add cpu/, { from: mark, timeoutMs: 20_000 });
  assert.equal((await vm.qmp.execute<unknown[]>('query-cpus-fast')).length, 2);

  const ballooned = vm.qmp.waitForEvent((e) => e.event === 'BALLOON_CHANGE' && e.data.actual === 100 * MiB, {
    timeoutMs: 30_000,
  });
  await send(vm, [balloonTarget(config, 100 * MiB)]);
  await ballooned;
  t.diagnostic(
    `hotplug of a disk, a NIC and a vCPU, and the balloon, took ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
}

test(
  'a guest boots to its shell, reboots and powers off cleanly',
  { skip: skipWithout('qemu-system-x86_64', 'qemu-img'), timeout: 180_000 },
  async (t) => {
    const image = await ensureGuestImage({ log: (l) => t.diagnostic(l) });
    const accel = await probeAccel({
      qemuBinary: qemuBinary as string,
      kernel: image.vmlinux,
      initrd: image.initrd,
      cacheDir: defaultCacheDir(),
    });
    t.diagnostic(`accelerator: ${accel.accel} (${accel.reason})`);

    const t0 = Date.now();
    let vm = await startTestVm((dir) => guestConfig(dir, image), { accel: accel.accel });
    const first = vm;
    t.after(() => first.cleanup());
    let serial = await SerialConsole.connect(vm.cmd.paths.serial as string);
    const firstSerial = serial;
    t.after(() => firstSerial.close());

    const booted = await serial.waitFor(SERIAL_PROMPT, { timeoutMs: 90_000 });
    t.diagnostic(`shell prompt ${((Date.now() - t0) / 1000).toFixed(1)} s after spawn`);
    assert.match(booted, new RegExp(READY_MARKER));

    let mark = serial.output.length;
    serial.write('echo "sum=$((6*7))"; cat /sys/class/dmi/id/product_serial\n');
    await serial.waitFor('BOOT-TEST-0042\r\n', { from: mark, timeoutMs: 10_000 });
    assert.match(serial.output.slice(mark), /sum=42/);

    await serial.waitFor(`${IP_MARKER} eth0 10.0.2.15/24`, { timeoutMs: 30_000 });
    const ctl = await ControlChannel.connect(vm.cmd.paths.control as string);
    assert.equal(await ctl.request('ping'), 'pong');
    assert.deepEqual(await ctl.addresses(), { eth0: '10.0.2.15/24' });
    assert.equal(await ctl.request('no-such-thing'), 'error unknown-command');
    ctl.close();
    // the guest keeps serving after the host side reconnects
    let ctl2 = await ControlChannel.connect(vm.cmd.paths.control as string);
    assert.equal(await ctl2.request('ping'), 'pong');

    ({ vm, serial, ctl: ctl2 } = await suspendAndResume(t, vm, ctl2, image, accel.accel));
    const [lastCtl, lastSerial] = [ctl2, serial];
    t.after(() => {
      lastCtl.close();
      lastSerial.close();
    });

    await hotplug(t, vm, serial, ctl2, image, accel.accel);

    // Clean reboot through the control channel: QEMU stops and reports it.
    const rebooted = vm.qmp.waitForEvent('SHUTDOWN', { timeoutMs: 30_000 });
    assert.equal(await ctl2.request('reboot'), 'ack-reboot');
    assert.deepEqual((await rebooted).data, { guest: true, reason: 'guest-reset' });
    await waitForStatus(vm.qmp, ['shutdown']);
    assert.match(serial.output, /rcK: clean shutdown/);

    // Restart in place, then restore the reboot action once the guest is up.
    mark = serial.output.length;
    const t1 = Date.now();
    await vm.qmp.execute('set-action', { reboot: 'reset' });
    await vm.qmp.execute('system_reset');
    await vm.qmp.execute('cont');
    await serial.waitFor(READY_MARKER, { from: mark, timeoutMs: 90_000 });
    await serial.waitFor(SERIAL_PROMPT, { from: mark, timeoutMs: 30_000 });
    t.diagnostic(`shell prompt ${((Date.now() - t1) / 1000).toFixed(1)} s after the in-place restart`);
    await vm.qmp.execute('set-action', { reboot: 'shutdown' });

    // Clean shutdown: ACPI power button -> acpid -> poweroff; QEMU stops, the daemon quits it.
    const shutdown = vm.qmp.waitForEvent('SHUTDOWN', { timeoutMs: 30_000 });
    const t2 = Date.now();
    await vm.qmp.execute('system_powerdown');
    assert.deepEqual((await shutdown).data, { guest: true, reason: 'guest-shutdown' });
    t.diagnostic(`powered off ${((Date.now() - t2) / 1000).toFixed(1)} s after system_powerdown`);
    assert.match(serial.output.slice(mark), /ACPI power button -> poweroff/);
    assert.match(serial.output.slice(mark), /reboot: Power down/);
    await waitForStatus(vm.qmp, ['shutdown']);
    await vm.qmp.execute('quit');
    assert.deepEqual(await vm.proc.exited, { code: 0, signal: null });
  },
);
