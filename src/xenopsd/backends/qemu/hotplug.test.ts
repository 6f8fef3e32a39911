import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../datamodel/api-error.js';
import type { HostCaps, VmConfig } from './config.js';
import {
  balloonTarget,
  cdromEject,
  cdromInsert,
  diskPlug,
  diskSetQos,
  diskUnplug,
  nicPlug,
  nicUnplug,
  vcpuChange,
} from './hotplug.js';
import { portLayout, throttleLimits } from './names.js';

const MiB = 1 << 20;
const config: VmConfig = {
  uuid: '3f6c2a9e-8d1b-4c5e-9f7a-0b1c2d3e4f50',
  name: 'vm',
  memory: { staticMax: 512 * MiB, dynamicMax: 512 * MiB, dynamicMin: 256 * MiB },
  vcpus: { max: 4, atStartup: 2 },
  boot: { kind: 'bios' },
  disks: [
    { id: 'xvda', kind: 'disk', path: '/srv/a.qcow2', format: 'qcow2', mode: 'RW' },
    { id: 'xvdd', kind: 'cdrom', mode: 'RO' },
  ],
  nics: [{ devid: 0, mac: '52:54:00:00:00:01', backend: { kind: 'user' } }],
  consoles: { serial: true },
  platform: { hotplugSlots: 2 },
  runDir: '/run/x',
};
const tcg: HostCaps = { accel: 'tcg', qemuBinary: '/usr/bin/qemu-system-x86_64', instanceTag: 't' };
const kvm: HostCaps = { ...tcg, accel: 'kvm' };

test('root ports: cold devices first, then the spare ones', () => {
  const l = portLayout(config);
  assert.deepEqual(
    [...l.used],
    [
      ['xvda', 'rp1'],
      ['vif0', 'rp2'],
    ],
  );
  assert.deepEqual(l.spare, ['rp3', 'rp4']);
});

test('disk hotplug builds the node chain and unplugs in reverse', () => {
  const d = { id: 'xvdb', kind: 'disk', path: '/srv/b.raw', mode: 'RO', qos: { iopsTotal: 50 } } as const;
  assert.deepEqual(diskPlug(d, 'rp3'), [
    {
      execute: 'object-add',
      arguments: { 'qom-type': 'throttle-group', id: 'throttle-xvdb', limits: { 'iops-total': 50 } },
    },
    {
      execute: 'blockdev-add',
      arguments: {
        driver: 'file',
        'node-name': 'drive-xvdb-file',
        filename: '/srv/b.raw',
        'read-only': true,
      },
    },
    {
      execute: 'blockdev-add',
      arguments: {
        driver: 'raw',
        'node-name': 'drive-xvdb-format',
        file: 'drive-xvdb-file',
        'read-only': true,
      },
    },
    {
      execute: 'blockdev-add',
      arguments: {
        driver: 'throttle',
        'node-name': 'drive-xvdb',
        'throttle-group': 'throttle-xvdb',
        file: 'drive-xvdb-format',
      },
    },
    {
      execute: 'device_add',
      arguments: { driver: 'virtio-blk-pci', id: 'vbd-xvdb', drive: 'drive-xvdb', bus: 'rp3' },
    },
  ]);
  const u = diskUnplug(d);
  assert.equal(u.device, 'vbd-xvdb');
  assert.deepEqual(u.request, { execute: 'device_del', arguments: { id: 'vbd-xvdb' } });
  assert.deepEqual(
    u.cleanup.map((c) => [c.execute, Object.values(c.arguments)[0]]),
    [
      ['blockdev-del', 'drive-xvdb'],
      ['blockdev-del', 'drive-xvdb-format'],
      ['blockdev-del', 'drive-xvdb-file'],
      ['object-del', 'throttle-xvdb'],
    ],
  );
  assert.throws(
    () => diskPlug(config.disks[1]!, 'rp3'),
    (e) => e instanceof ApiError && e.code === 'VALUE_NOT_SUPPORTED',
  );
});

test('QoS, CD media and NICs', () => {
  assert.deepEqual(throttleLimits({ bpsRead: 4194304, bpsWrite: 0 }), { 'bps-read': 4194304 });
  assert.deepEqual(diskSetQos(config.disks[0]!, {}), {
    execute: 'qom-set',
    arguments: {
      path: 'throttle-xvda',
      property: 'limits',
      value: {
        'bps-total': 0,
        'bps-read': 0,
        'bps-write': 0,
        'iops-total': 0,
        'iops-read': 0,
        'iops-write': 0,
      },
    },
  });
  assert.deepEqual(cdromInsert(config.disks[1]!, '/srv/x.iso').arguments, {
    id: 'vbd-xvdd',
    filename: '/srv/x.iso',
    format: 'raw',
    'read-only-mode': 'read-only',
  });
  assert.deepEqual(cdromEject(config.disks[1]!), {
    execute: 'eject',
    arguments: { id: 'vbd-xvdd', force: true },
  });
  assert.throws(
    () => cdromEject(config.disks[0]!),
    (e) => e instanceof ApiError && e.params[0] === 'VBD.type',
  );
  const nic = {
    devid: 3,
    mac: '52:54:00:AB:CD:EF',
    backend: { kind: 'bridge', bridge: 'xenbr0', tap: 'vif5.3' },
  } as const;
  assert.deepEqual(nicPlug(nic, 'rp4'), [
    {
      execute: 'netdev_add',
      arguments: { type: 'tap', id: 'net3', ifname: 'vif5.3', script: 'no', downscript: 'no' },
    },
    {
      execute: 'device_add',
      arguments: {
        driver: 'virtio-net-pci',
        id: 'vif3',
        netdev: 'net3',
        mac: '52:54:00:ab:cd:ef',
        bus: 'rp4',
      },
    },
  ]);
  assert.deepEqual(nicUnplug(nic).cleanup, [{ execute: 'netdev_del', arguments: { id: 'net3' } }]);
});

test('vCPUs: hot-add cores; no unplug under TCG or below the boot vCPUs', () => {
  assert.deepEqual(vcpuChange(config, tcg, 2, 4), [
    {
      execute: 'device_add',
      arguments: { driver: 'qemu64-x86_64-cpu', id: 'cpu2', 'socket-id': 0, 'core-id': 2, 'thread-id': 0 },
    },
    {
      execute: 'device_add',
      arguments: { driver: 'qemu64-x86_64-cpu', id: 'cpu3', 'socket-id': 0, 'core-id': 3, 'thread-id': 0 },
    },
  ]);
  assert.deepEqual(vcpuChange(config, tcg, 3, 3), []);
  assert.throws(
    () => vcpuChange(config, tcg, 4, 3),
    (e) =>
      e instanceof ApiError &&
      e.code === 'VALUE_NOT_SUPPORTED' &&
      e.params[2] === 'vCPU hot-unplug is not supported under TCG',
  );
  assert.deepEqual(vcpuChange(config, kvm, 4, 2), [
    { execute: 'device_del', arguments: { id: 'cpu3' } },
    { execute: 'device_del', arguments: { id: 'cpu2' } },
  ]);
  assert.throws(
    () => vcpuChange(config, kvm, 2, 1),
    (e) => e instanceof ApiError && e.code === 'VALUE_NOT_SUPPORTED',
  );
  assert.throws(
    () => vcpuChange(config, kvm, 2, 5),
    (e) => e instanceof ApiError && e.toWire().join() === 'INVALID_VALUE,VCPUs_number,5',
  );
});

test('balloon targets stay within the dynamic range', () => {
  assert.deepEqual(balloonTarget(config, 300 * MiB + 5), {
    execute: 'balloon',
    arguments: { value: 300 * MiB },
  });
  assert.throws(
    () => balloonTarget(config, 100 * MiB),
    (e) => e instanceof ApiError && e.params[0] === 'memory_target',
  );
});
