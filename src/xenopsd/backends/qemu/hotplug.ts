// The QMP commands that change a running VM's devices, built purely from the same
// config types and object names as the command line (names.ts), so the backend only
// has to send them in order. Unplugging is two-phase: send `request`, wait for
// DEVICE_DELETED with data.device equal to `device`, then send `cleanup`.
import { apiError } from '../../../datamodel/api-error.js';
import type { DiskConfig, HostCaps, IoLimits, NicConfig, VmConfig } from './config.js';
import { diskNames, nicNames, throttleLimits, vcpuName } from './names.js';

export interface QmpCall {
  readonly execute: string;
  readonly arguments: Readonly<Record<string, unknown>>;
}

export interface Unplug {
  readonly request: QmpCall;
  /** The `device` field of the DEVICE_DELETED event that completes the unplug. */
  readonly device: string;
  readonly cleanup: readonly QmpCall[];
}

const call = (execute: string, args: Record<string, unknown> = {}): QmpCall => ({ execute, arguments: args });

/** Hot-adds a virtio disk on a free root port. */
export function diskPlug(d: DiskConfig, port: string): QmpCall[] {
  if (d.kind !== 'disk' || d.path === undefined) {
    throw apiError('VALUE_NOT_SUPPORTED', {
      field: 'VBD.type',
      value: d.kind,
      reason: 'only disks with an image can be hot-plugged',
    });
  }
  const n = diskNames(d.id);
  const ro = d.mode === 'RO';
  return [
    call('object-add', { 'qom-type': 'throttle-group', id: n.throttle, limits: throttleLimits(d.qos) }),
    call('blockdev-add', { driver: 'file', 'node-name': n.file, filename: d.path, 'read-only': ro }),
    call('blockdev-add', { driver: d.format ?? 'raw', 'node-name': n.format, file: n.file, 'read-only': ro }),
    call('blockdev-add', {
      driver: 'throttle',
      'node-name': n.node,
      'throttle-group': n.throttle,
      file: n.format,
    }),
    call('device_add', {
      driver: 'virtio-blk-pci',
      id: n.device,
      drive: n.node,
      bus: port,
      ...(d.serial !== undefined ? { serial: d.serial } : {}),
    }),
  ];
}

export function diskUnplug(d: DiskConfig): Unplug {
  const n = diskNames(d.id);
  return {
    request: call('device_del', { id: n.device }),
    device: n.device,
    cleanup: [
      call('blockdev-del', { 'node-name': n.node }),
      call('blockdev-del', { 'node-name': n.format }),
      call('blockdev-del', { 'node-name': n.file }),
      call('object-del', { id: n.throttle }),
    ],
  };
}

/**
 * New I/O limits for a running disk (VBD.set_qos). Every limit is sent, 0 for
 * none: qom-set of a throttle group's `limits` keeps the fields it is not given.
 */
export function diskSetQos(d: Pick<DiskConfig, 'id'>, qos: IoLimits): QmpCall {
  return call('qom-set', {
    path: diskNames(d.id).throttle,
    property: 'limits',
    value: {
      'bps-total': qos.bpsTotal ?? 0,
      'bps-read': qos.bpsRead ?? 0,
      'bps-write': qos.bpsWrite ?? 0,
      'iops-total': qos.iopsTotal ?? 0,
      'iops-read': qos.iopsRead ?? 0,
      'iops-write': qos.iopsWrite ?? 0,
    },
  });
}

const notRemovable = (d: DiskConfig) =>
  apiError('VALUE_NOT_SUPPORTED', {
    field: 'VBD.type',
    value: d.kind,
    reason: 'only CD-ROM drives have removable media',
  });

/** Inserts media into a CD-ROM drive, replacing what is there. */
export function cdromInsert(d: DiskConfig, path: string): QmpCall {
  if (d.kind !== 'cdrom') throw notRemovable(d);
  return call('blockdev-change-medium', {
    id: diskNames(d.id).device,
    filename: path,
    format: d.format ?? 'raw',
    'read-only-mode': 'read-only',
  });
}

export function cdromEject(d: DiskConfig): QmpCall {
  if (d.kind !== 'cdrom') throw notRemovable(d);
  return call('eject', { id: diskNames(d.id).device, force: true });
}

/** Hot-adds a NIC on a free root port. */
export function nicPlug(nic: NicConfig, port: string): QmpCall[] {
  const n = nicNames(nic.devid);
  const b = nic.backend;
  const netdev =
    b.kind === 'bridge'
      ? { type: 'tap', id: n.netdev, ifname: b.tap, script: 'no', downscript: 'no' }
      : { type: 'user', id: n.netdev, restrict: b.restrict ?? true };
  return [
    call('netdev_add', netdev),
    call('device_add', {
      driver: 'virtio-net-pci',
      id: n.device,
      netdev: n.netdev,
      mac: nic.mac.toLowerCase(),
      bus: port,
      ...(nic.mtu !== undefined ? { host_mtu: nic.mtu } : {}),
    }),
  ];
}

export function nicUnplug(nic: NicConfig): Unplug {
  const n = nicNames(nic.devid);
  return {
    request: call('device_del', { id: n.device }),
    device: n.device,
    cleanup: [call('netdev_del', { id: n.netdev })],
  };
}

/**
 * Changing the number of vCPUs from `current` to `target`. Hot-added vCPUs are the
 * cores above the boot ones; the boot vCPUs cannot be removed, and under TCG none
 * can (QEMU 7.2 loses the DEVICE_DELETED and later corrupts its heap: qemu.md §7).
 */
export function vcpuChange(config: VmConfig, caps: HostCaps, current: number, target: number): QmpCall[] {
  const { max, atStartup } = config.vcpus;
  if (!Number.isInteger(target) || target < 1 || target > max)
    throw apiError('INVALID_VALUE', { field: 'VCPUs_number', value: target });
  if (target < current) {
    if (caps.accel === 'tcg') {
      throw apiError('VALUE_NOT_SUPPORTED', {
        field: 'VCPUs_number',
        value: target,
        reason: 'vCPU hot-unplug is not supported under TCG',
      });
    }
    if (target < atStartup) {
      throw apiError('VALUE_NOT_SUPPORTED', {
        field: 'VCPUs_number',
        value: target,
        reason: `the ${atStartup} boot vCPUs cannot be unplugged`,
      });
    }
  }
  const model = caps.cpuModel ?? (caps.accel === 'kvm' ? 'host' : 'qemu64');
  const calls: QmpCall[] = [];
  for (let core = current; core < target; core++) {
    calls.push(
      call('device_add', {
        driver: `${model}-x86_64-cpu`,
        id: vcpuName(core),
        'socket-id': 0,
        'core-id': core,
        'thread-id': 0,
      }),
    );
  }
  for (let core = current - 1; core >= target; core--) calls.push(call('device_del', { id: vcpuName(core) }));
  return calls;
}

/** The balloon target for a new memory target within the dynamic range (whole MiB). */
export function balloonTarget(config: VmConfig, target: number): QmpCall {
  const { dynamicMin, staticMax } = config.memory;
  if (!Number.isSafeInteger(target) || target < dynamicMin || target > staticMax) {
    throw apiError('INVALID_VALUE', { field: 'memory_target', value: target });
  }
  return call('balloon', { value: target - (target % (1 << 20)) });
}
