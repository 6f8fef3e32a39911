// Validation of a VM config against what the argv builder and this QEMU support.
// Field names in errors follow xapi's (memory_static_max, VCPUs_at_startup, ...) or
// name the config path (boot.kernel, VBD.mode) where xapi has no direct equivalent.
import { apiError } from '../../../datamodel/api-error.js';
import type { BootDevice, DiskConfig, HostCaps, NicConfig, VmConfig } from './config.js';

const MiB = 1024 * 1024;
/** sun_path is 108 bytes including the terminating NUL. */
const MAX_SOCKET_PATH = 107;
/** q35 without an IOMMU/x2APIC interrupt remapping. */
const MAX_VCPUS = 255;
/** Root ports on pcie.0, leaving room for the built-in and platform devices. */
const MAX_ROOT_PORTS = 24;
/** Ports of q35's built-in AHCI controller. */
const MAX_CDROMS = 6;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
const IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;
const DEVICE_ID = /^[a-z][a-z0-9_-]{0,31}$/;
const TAG = /^[A-Za-z0-9_.-]{1,64}$/;

const invalid = (field: string, value: string | number | boolean) =>
  apiError('INVALID_VALUE', { field, value });
const unsupported = (field: string, value: string | number | boolean, reason: string) =>
  apiError('VALUE_NOT_SUPPORTED', { field, value, reason });

function checkPath(field: string, path: string | undefined): void {
  if (path === undefined || !path.startsWith('/') || /[\0\n]/.test(path)) throw invalid(field, path ?? '');
}

function checkMemory(c: VmConfig): void {
  const { staticMax, dynamicMax, dynamicMin } = c.memory;
  if (!Number.isSafeInteger(staticMax) || staticMax < 16 * MiB || staticMax % MiB !== 0) {
    throw invalid('memory_static_max', staticMax);
  }
  if (!Number.isSafeInteger(dynamicMax) || dynamicMax > staticMax)
    throw invalid('memory_dynamic_max', dynamicMax);
  if (!Number.isSafeInteger(dynamicMin) || dynamicMin <= 0 || dynamicMin > dynamicMax) {
    throw invalid('memory_dynamic_min', dynamicMin);
  }
}

function checkVcpus(c: VmConfig): void {
  const { max, atStartup } = c.vcpus;
  if (!Number.isInteger(max) || max < 1) throw invalid('VCPUs_max', max);
  if (max > MAX_VCPUS) throw unsupported('VCPUs_max', max, `at most ${MAX_VCPUS} vCPUs`);
  if (!Number.isInteger(atStartup) || atStartup < 1 || atStartup > max)
    throw invalid('VCPUs_at_startup', atStartup);
}

function checkBoot(c: VmConfig, caps: HostCaps): void {
  const b = c.boot;
  if (b.kind === 'direct') {
    checkPath('boot.kernel', b.kernel);
    if (b.initrd !== undefined) checkPath('boot.initrd', b.initrd);
    if (b.cmdline !== undefined && /[\0\n]/.test(b.cmdline)) throw invalid('boot.cmdline', b.cmdline);
    return;
  }
  if (b.kind === 'uefi') {
    if (b.secureBoot) throw unsupported('boot.secureBoot', true, 'Secure Boot is not supported');
    if (caps.ovmfCode === undefined) throw unsupported('boot', 'uefi', 'OVMF is not installed on this host');
    checkPath('boot.varsPath', b.varsPath);
    if (b.kernel !== undefined) checkPath('boot.kernel', b.kernel);
    if (b.initrd !== undefined) checkPath('boot.initrd', b.initrd);
    if (b.cmdline !== undefined && /[\0\n]/.test(b.cmdline)) throw invalid('boot.cmdline', b.cmdline);
  }
  const seen = new Set<BootDevice>();
  for (const d of b.order ?? []) {
    if (!['disk', 'cdrom', 'network'].includes(d) || seen.has(d)) throw invalid('boot.order', d);
    seen.add(d);
  }
}

function checkDisk(d: DiskConfig, ids: Set<string>): void {
  if (!DEVICE_ID.test(d.id) || ids.has(d.id)) throw invalid('VBD.device', d.id);
  ids.add(d.id);
  if (d.mode !== 'RO' && d.mode !== 'RW') throw invalid('VBD.mode', String(d.mode));
  if (d.kind === 'cdrom' && d.mode === 'RW') throw invalid('VBD.mode', d.mode);
  if (d.kind !== 'cdrom' && d.kind !== 'disk') throw invalid('VBD.type', String(d.kind));
  if (d.kind === 'disk' || d.path !== undefined) checkPath('VBD.path', d.path);
  if (d.format !== undefined && d.format !== 'raw' && d.format !== 'qcow2')
    throw invalid('VBD.format', d.format);
  if (d.serial !== undefined && !/^[\x20-\x7e]{1,20}$/.test(d.serial)) throw invalid('VBD.serial', d.serial);
  const q = d.qos ?? {};
  for (const [k, v] of Object.entries(q)) {
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) throw invalid(`VBD.qos.${k}`, String(v));
  }
  // QEMU refuses a total limit together with a read or write one of the same kind.
  if (q.bpsTotal && (q.bpsRead || q.bpsWrite)) throw invalid('VBD.qos.bpsTotal', q.bpsTotal);
  if (q.iopsTotal && (q.iopsRead || q.iopsWrite)) throw invalid('VBD.qos.iopsTotal', q.iopsTotal);
}

function checkNic(n: NicConfig, devids: Set<number>): void {
  if (!Number.isInteger(n.devid) || n.devid < 0 || n.devid > 1023 || devids.has(n.devid)) {
    throw invalid('VIF.device', n.devid);
  }
  devids.add(n.devid);
  // A unicast address: the low bit of the first octet is the multicast bit.
  if (!MAC.test(n.mac) || (parseInt(n.mac.slice(0, 2), 16) & 1) === 1) throw invalid('VIF.MAC', n.mac);
  if (n.mtu !== undefined && (!Number.isInteger(n.mtu) || n.mtu < 68 || n.mtu > 65535))
    throw invalid('VIF.MTU', n.mtu);
  const b = n.backend;
  if (b.kind === 'bridge') {
    if (!IFNAME.test(b.bridge)) throw invalid('network.bridge', b.bridge);
    if (!IFNAME.test(b.tap)) throw invalid('VIF.tap', b.tap);
  } else if (b.kind !== 'user') {
    throw invalid('VIF.backend', String((b as { kind: unknown }).kind));
  }
}

export function checkConfig(c: VmConfig, caps: HostCaps): void {
  if (!UUID.test(c.uuid)) throw invalid('uuid', c.uuid);
  if (c.name === '' || /\p{Cc}/u.test(c.name)) throw invalid('name_label', c.name);
  if (!TAG.test(caps.instanceTag)) throw invalid('instance_tag', caps.instanceTag);
  if (caps.tcgTbSizeMiB !== undefined && (!Number.isInteger(caps.tcgTbSizeMiB) || caps.tcgTbSizeMiB < 1)) {
    throw invalid('tcg_tb_size', caps.tcgTbSizeMiB);
  }
  checkPath('runDir', c.runDir);
  if (c.runDir.replace(/\/+$/, '').length + '/control.sock'.length > MAX_SOCKET_PATH) {
    throw unsupported('runDir', c.runDir, `Unix socket paths must be at most ${MAX_SOCKET_PATH} bytes`);
  }
  checkMemory(c);
  checkVcpus(c);
  checkBoot(c, caps);
  const ids = new Set<string>();
  for (const d of c.disks) checkDisk(d, ids);
  const cdroms = c.disks.filter((d) => d.kind === 'cdrom').length;
  if (cdroms > MAX_CDROMS) throw unsupported('VBD.type', 'CD', `at most ${MAX_CDROMS} CD-ROM drives`);
  const devids = new Set<number>();
  for (const n of c.nics) checkNic(n, devids);
  const slots = c.platform?.hotplugSlots ?? 4;
  if (!Number.isInteger(slots) || slots < 0) throw invalid('platform.hotplugSlots', slots);
  const ports = c.disks.length - cdroms + c.nics.length + slots;
  if (ports > MAX_ROOT_PORTS) {
    throw unsupported(
      'platform.hotplugSlots',
      slots,
      `at most ${MAX_ROOT_PORTS} disks, NICs and hotplug slots in all`,
    );
  }
  const actions: [string, string | undefined, readonly string[]][] = [
    ['actions.onShutdown', c.actions?.onShutdown, ['pause', 'poweroff']],
    ['actions.onReboot', c.actions?.onReboot, ['shutdown', 'reset']],
    ['actions.onPanic', c.actions?.onPanic, ['pause', 'shutdown', 'none']],
  ];
  for (const [field, value, allowed] of actions) {
    if (value !== undefined && !allowed.includes(value)) throw invalid(field, value);
  }
  const vnc = c.consoles.vnc;
  if (vnc?.listen === 'tcp' && (!Number.isInteger(vnc.display) || vnc.display < 0 || vnc.display > 99)) {
    throw invalid('console.vnc.display', vnc.display);
  }
}

/** bootindex per device: the first device of each class, in the configured order. */
export function bootIndexes(c: VmConfig): Map<DiskConfig | NicConfig, number> {
  const out = new Map<DiskConfig | NicConfig, number>();
  if (c.boot.kind === 'direct') return out;
  let i = 1;
  for (const cls of c.boot.order ?? ['disk', 'cdrom']) {
    const dev =
      cls === 'network'
        ? c.nics[0]
        : c.disks.find((d) => d.kind === cls && (cls === 'disk' || d.path !== undefined));
    if (dev !== undefined) out.set(dev, i++);
  }
  return out;
}
