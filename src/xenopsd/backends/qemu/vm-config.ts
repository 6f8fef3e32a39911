// From xenopsd's VM (and the devices plugged so far) to the argv builder's VmConfig:
// the pure half of starting a domain's device model.
import { createHash } from 'node:crypto';
import { apiError } from '../../../datamodel/api-error.js';
import type { Disk, Vm } from '../../types.js';
import type { BootConfig, BootDevice, DiskConfig, NicConfig, VmConfig } from './config.js';
import type { DomainRecord } from './domains.js';
import { nicOf } from './net.js';
import { ioLimitsOf } from './disk-qos.js';

/** A kernel the VM boots directly, whatever its type (the test guest, or its resolved own). */
export interface DirectBoot {
  readonly kernel: string;
  readonly initrd?: string;
  readonly cmdline?: string;
}

/** A MAC address for a VIF whose mac is "": stable for the VM and position, locally administered. */
export function macFor(vmId: string, position: number, mac: string): string {
  if (mac !== '' && mac !== 'random') return mac.toLowerCase();
  const seed = mac === 'random' ? `${Math.random()}` : `${vmId}/${position}`;
  const h = createHash('sha1').update(seed).digest();
  return ['52', '54', '00', h[0], h[1], h[2]]
    .map((b) => (typeof b === 'string' ? b : (b as number).toString(16).padStart(2, '0')))
    .join(':');
}

/** A disk's serial number as the guest sees it: its VBD's device name (`xvdb`), when it fits. */
export function diskSerial(name: string): { serial?: string } {
  return /^[\x21-\x7e]{1,20}$/.test(name) ? { serial: name } : {};
}

/**
 * How the VM boots. `nvram` (the VM's OVMF variable store) is given when it wants UEFI:
 * an HVM VM then boots OVMF from its devices, a kernel-booted one its kernel under OVMF.
 */
function bootOf(vm: Vm, direct: DirectBoot | undefined, nvram: string | undefined): BootConfig {
  const [kind, info] = vm.ty;
  if (direct) return nvram ? { kind: 'uefi', varsPath: nvram, ...direct } : { kind: 'direct', ...direct };
  if (kind === 'HVM') {
    const order: BootDevice[] = [];
    for (const c of info.boot_order) {
      const dev: BootDevice | undefined =
        c === 'c' ? 'disk' : c === 'd' ? 'cdrom' : c === 'n' ? 'network' : undefined;
      if (dev && !order.includes(dev)) order.push(dev);
    }
    return nvram ? { kind: 'uefi', varsPath: nvram, order } : { kind: 'bios', order };
  }
  const boot = info.boot;
  if (boot[0] === 'Direct') {
    const b = boot[1];
    const kernel = {
      kernel: b.kernel,
      cmdline: b.cmdline,
      ...(b.ramdisk !== undefined && b.ramdisk !== null ? { initrd: b.ramdisk } : {}),
    };
    return nvram ? { kind: 'uefi', varsPath: nvram, ...kernel } : { kind: 'direct', ...kernel };
  }
  throw apiError('VALUE_NOT_SUPPORTED', {
    field: 'VM.ty',
    value: kind,
    reason: 'the QEMU backend boots PV guests only from a kernel (no bootloader)',
  });
}

/** The config QEMU is started with: the devices attached so far go on the command line. */
export function vmConfigOf(
  vm: Vm,
  d: DomainRecord,
  runDir: string,
  direct: DirectBoot | undefined,
  nvram?: string,
): VmConfig {
  const disks: DiskConfig[] = [];
  for (const [name, v] of Object.entries(d.vbds)) {
    if (v.cdrom) {
      disks.push({ id: name, kind: 'cdrom', mode: 'RO', ...(v.attached ? { path: v.attached } : {}) });
    } else if (v.attached) {
      const format = v.format === 'qcow2' ? 'qcow2' : 'raw';
      const mode = v.readOnly ? 'RO' : 'RW';
      const qos = ioLimitsOf(v.qos);
      disks.push({
        id: name,
        kind: 'disk',
        path: v.attached,
        mode,
        format,
        ...diskSerial(name),
        ...(qos ? { qos } : {}),
      });
    }
  }
  const nics: NicConfig[] = Object.values(d.vifs)
    .sort((a, b) => a.position - b.position)
    .map(nicOf);
  const mib = 1 << 20;
  const staticMax = Math.ceil(d.memoryStaticMax / mib) * mib;
  const dynamicMax = Math.min(staticMax, Math.ceil(d.memoryDynamicMax / mib) * mib);
  return {
    uuid: d.qemuUuid,
    name: vm.name === '' ? vm.id : vm.name,
    memory: { staticMax, dynamicMax, dynamicMin: Math.min(dynamicMax, d.memoryDynamicMin) },
    vcpus: { max: d.vcpuMax, atStartup: d.vcpus },
    boot: bootOf(vm, direct, nvram),
    disks,
    nics,
    consoles: { serial: true, vnc: { listen: 'unix' } },
    ...(Object.keys(vm.bios_strings).length > 0 ? { biosStrings: vm.bios_strings } : {}),
    startPaused: true,
    runDir,
  };
}

/** The file behind a disk: a dom0 path, or a VDI's file in the host's VDI directory. */
export function diskFile(vdiDir: string, disk: Disk): string {
  if (disk[0] === 'Local') return disk[1];
  return `${vdiDir}/${disk[1]
    .split('/')
    .map((p) => encodeURIComponent(p))
    .join('/')}`;
}
