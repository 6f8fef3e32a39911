import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeVm } from '../../decode.js';
import { qemuUuidOf, type DomainRecord } from './domains.js';
import { diskFile, macFor, vmConfigOf } from './vm-config.js';

const record = (extra: Partial<DomainRecord> = {}): DomainRecord => ({
  vm: 'v',
  qemuUuid: qemuUuidOf('v'),
  domid: 3,
  createTime: 0,
  built: true,
  vcpus: 2,
  vcpuMax: 4,
  memoryStaticMax: 256 * 2 ** 20,
  memoryDynamicMin: 128 * 2 ** 20,
  memoryDynamicMax: 256 * 2 ** 20,
  vbds: {},
  vifs: {},
  ...extra,
});

test('qemuUuidOf keeps a UUID and derives a stable one from any other id', () => {
  const u = '6c0c1b0a-3f9e-4b8e-9a51-0c4c2e4f7d10';
  assert.equal(qemuUuidOf(u.toUpperCase()), u);
  assert.equal(qemuUuidOf('v1'), qemuUuidOf('v1'));
  assert.notEqual(qemuUuidOf('v1'), qemuUuidOf('v2'));
  assert.match(qemuUuidOf('v1'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('macFor: given MACs are kept, empty ones are stable and locally administered', () => {
  assert.equal(macFor('v', 0, 'AA:BB:CC:DD:EE:FF'), 'aa:bb:cc:dd:ee:ff');
  assert.equal(macFor('v', 0, ''), macFor('v', 0, ''));
  assert.notEqual(macFor('v', 0, ''), macFor('v', 1, ''));
  assert.match(macFor('v', 0, ''), /^52:54:00(:[0-9a-f]{2}){3}$/);
});

test('diskFile: a Local disk is its path, a VDI lives under the VDI directory', () => {
  assert.equal(diskFile('/h/vdi', ['Local', '/dev/sda']), '/dev/sda');
  assert.equal(diskFile('/h/vdi', ['VDI', 'sr/a b']), '/h/vdi/sr/a%20b');
});

test('vmConfigOf: devices with images, CD drives and NICs go on the command line', () => {
  const vm = decodeVm({ id: 'v', name: 'web', memory_static_max: 256 * 2 ** 20, vcpu_max: 4, vcpus: 2 });
  const d = record({
    vbds: {
      xvda: {
        device_number: ['Xen', 0, 0],
        cdrom: false,
        readOnly: false,
        attached: '/img/a',
        inQemu: false,
      },
      xvdb: { device_number: ['Xen', 1, 0], cdrom: false, readOnly: false, inQemu: false },
      xvdd: { device_number: ['Xen', 3, 0], cdrom: true, readOnly: true, inQemu: false },
    },
    vifs: {
      '1': { position: 1, mac: '52:54:00:00:00:01', carrier: true, locking_mode: 'Unlocked', inQemu: false },
      '0': { position: 0, mac: '52:54:00:00:00:00', carrier: true, locking_mode: 'Unlocked', inQemu: false },
    },
  });
  const c = vmConfigOf(vm, d, '/run/d3', { kernel: '/k', initrd: '/i' });
  assert.equal(c.name, 'web');
  assert.deepEqual(c.vcpus, { max: 4, atStartup: 2 });
  assert.deepEqual(c.memory, { staticMax: 2 ** 28, dynamicMax: 2 ** 28, dynamicMin: 2 ** 27 });
  assert.deepEqual(
    c.disks.map((x) => [x.id, x.kind, x.path]),
    [
      ['xvda', 'disk', '/img/a'],
      ['xvdd', 'cdrom', undefined],
    ],
  );
  assert.deepEqual(
    c.nics.map((n) => n.devid),
    [0, 1],
  );
  assert.deepEqual(c.boot, { kind: 'direct', kernel: '/k', initrd: '/i' });
  assert.equal(c.startPaused, true);
});

test('vmConfigOf: HVM boots SeaBIOS in boot_order; a PV guest with a bootloader is refused', () => {
  const hvm = decodeVm({ id: 'v', ty: ['HVM', { boot_order: 'dc' }] });
  assert.deepEqual(vmConfigOf(hvm, record(), '/r', undefined).boot, {
    kind: 'bios',
    order: ['cdrom', 'disk'],
  });
  const pv = decodeVm({ id: 'v', ty: ['PV', { boot: ['Indirect', { bootloader: 'pygrub' }] }] });
  assert.throws(() => vmConfigOf(pv, record(), '/r', undefined), { code: 'VALUE_NOT_SUPPORTED' });
});

test('vmConfigOf: with an NVRAM file, HVM boots OVMF and a kernel-booted VM its kernel under OVMF', () => {
  const hvm = decodeVm({
    id: 'v',
    ty: ['HVM', { boot_order: 'c', firmware: ['Uefi', { on_boot: 'Persist' }] }],
  });
  assert.deepEqual(vmConfigOf(hvm, record(), '/r', undefined, '/s/v.fd').boot, {
    kind: 'uefi',
    varsPath: '/s/v.fd',
    order: ['disk'],
  });
  const pvh = decodeVm({
    id: 'v',
    ty: ['PVH', { boot: ['Direct', { kernel: '/k', cmdline: 'quiet', ramdisk: '/i' }] }],
  });
  assert.deepEqual(vmConfigOf(pvh, record(), '/r', undefined, '/s/v.fd').boot, {
    kind: 'uefi',
    varsPath: '/s/v.fd',
    kernel: '/k',
    cmdline: 'quiet',
    initrd: '/i',
  });
  assert.deepEqual(vmConfigOf(pvh, record(), '/r', { kernel: '/bz' }, '/s/v.fd').boot, {
    kind: 'uefi',
    varsPath: '/s/v.fd',
    kernel: '/bz',
  });
});

test('vmConfigOf: a disk shows its VBD name to the guest as its serial number', () => {
  const vm = decodeVm({ id: 'v' });
  const d = record({
    vbds: {
      xvdb: {
        device_number: ['Xen', 1, 0],
        cdrom: false,
        readOnly: false,
        attached: '/img/b',
        inQemu: false,
      },
    },
  });
  assert.equal(vmConfigOf(vm, d, '/r', { kernel: '/k' }).disks[0]?.serial, 'xvdb');
});
