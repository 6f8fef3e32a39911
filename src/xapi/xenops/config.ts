// From XenAPI records to xenops configurations (pure): what xenopsd is told
// about a VM and its devices when it starts. The xenops VM id is the VM's
// UUID and a device is named by its userdevice/device number, as in xapi.
import { EFI_VARIABLES } from '../vm-config/nvram.js';
import { apiError } from '../../datamodel/api-error.js';
import type {
  NetworkDefaultLockingMode,
  VBDRecord,
  VIFRecord,
  VifLockingMode,
  VMRecord,
} from '../../generated/api-types.js';
import {
  Ipv4C,
  Ipv6C,
  VbdC,
  VifC,
  VmC,
  type Ipv4Configuration,
  type Ipv6Configuration,
  type LockingMode,
  type Vbd,
  type Vif,
  type Vm,
  type VmAction,
} from '../../idl/xenops-types.js';
import { diskQosOf } from './disk-qos.js';

/** actions_after_crash and friends, as xenops action lists. */
export function crashActions(v: string): VmAction[] {
  switch (v) {
    case 'restart':
    case 'rename_restart':
      return ['Start'];
    case 'preserve':
      return ['Pause'];
    case 'coredump_and_destroy':
      return ['Coredump', 'Shutdown'];
    case 'coredump_and_restart':
      return ['Coredump', 'Start'];
    default:
      return ['Shutdown'];
  }
}

export function shutdownActions(v: string): VmAction[] {
  return v === 'restart' ? ['Start'] : ['Shutdown'];
}

/** The credit scheduler's defaults, as xapi: weight 256, no cap. */
export const DEFAULT_WEIGHT = 256;

/**
 * xenops' scheduler priority [weight, cap] from VM.VCPUs_params (undefined when it
 * sets neither). weight is relative (1..65535), cap a percentage of one CPU (0: none).
 */
export function schedulerPriority(params: Readonly<Record<string, string>>): [number, number] | undefined {
  const { weight, cap } = params;
  if (weight === undefined && cap === undefined) return undefined;
  const int = (key: string, v: string | undefined, dflt: number, max: number): number => {
    if (v === undefined) return dflt;
    const n = /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n > max || (key === 'weight' && n < 1))
      throw apiError('INVALID_VALUE', { field: `VCPUs_params:${key}`, value: v });
    return n;
  };
  return [int('weight', weight, DEFAULT_WEIGHT, 65535), int('cap', cap, 0, 102400)];
}

/**
 * The xenops VM configuration of a XenAPI VM record. Boot file paths pass
 * through as they are: `builtin:<name>` ones are the backend's to find.
 */
export function vmConfig(vm: VMRecord): Vm {
  const platform = vm.platform;
  const hvmParams = vm.HVM_boot_params;
  const kernel = vm.PV_kernel;
  const direct = kernel !== '' && vm.HVM_boot_policy === '';
  const boot = {
    boot: [
      'Direct',
      {
        kernel,
        cmdline: vm.PV_args,
        ...(vm.PV_ramdisk ? { ramdisk: vm.PV_ramdisk } : {}),
      },
    ],
  };
  const ty = direct
    ? [vm.domain_type === 'pv' ? 'PV' : 'PVH', boot]
    : [
        'HVM',
        {
          boot_order: hvmParams['order'] ?? 'cd',
          firmware: hvmParams['firmware'] === 'uefi' ? ['Uefi', { on_boot: 'Persist' }] : 'Bios',
          acpi: platform['acpi'] !== '0',
          video_mib: Number(platform['videoram'] ?? 4),
          shadow_multiplier: vm.HVM_shadow_multiplier,
          video: platform['vga'] === 'std' ? 'Standard_VGA' : 'Cirrus',
          serial: 'pty',
        },
      ];
  const priority = schedulerPriority(vm.VCPUs_params);
  return VmC.decode(
    {
      id: vm.uuid,
      name: vm.name_label,
      xsdata: { ...vm.xenstore_data },
      // A kernel-booted VM has no HVM firmware record: its firmware choice travels in platform.
      platformdata:
        direct && hvmParams['firmware'] ? { ...platform, firmware: hvmParams['firmware'] } : { ...platform },
      bios_strings: { ...vm.bios_strings },
      ty,
      memory_static_max: vm.memory_static_max,
      memory_dynamic_max: vm.memory_dynamic_max,
      memory_dynamic_min: vm.memory_dynamic_min,
      vcpu_max: vm.VCPUs_max,
      vcpus: vm.VCPUs_at_startup,
      scheduler_params: { ...(priority ? { priority } : {}), affinity: [] },
      on_crash: crashActions(vm.actions_after_crash),
      on_shutdown: shutdownActions(vm.actions_after_shutdown),
      on_reboot: shutdownActions(vm.actions_after_reboot),
      has_vendor_device: vm.has_vendor_device,
      // the UEFI variables xapi keeps; the backend's store follows them (see xenops/nvram.ts)
      ...(vm.NVRAM[EFI_VARIABLES] !== undefined ? { nvram: vm.NVRAM[EFI_VARIABLES] } : {}),
    },
    'vm',
  );
}

/** Where a VBD's disk is, as the storage manager attached it. */
export interface AttachedDisk {
  readonly path: string;
  readonly format: string;
}

/** xvda, xvdb, … from a disk number. */
export function diskDevice(n: number): string {
  let s = '';
  let i = n;
  do {
    s = String.fromCharCode(97 + (i % 26)) + s;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return `xvd${s}`;
}

/** The xenops device name of a VBD: the disk name of its userdevice number (`0` → `xvda`), as xapi. */
export function vbdName(vbd: Pick<VBDRecord, 'userdevice'>): string {
  const u = vbd.userdevice;
  return /^\d+$/.test(u) ? diskDevice(Number(u)) : u;
}

export function vbdConfig(vmUuid: string, vbd: VBDRecord, disk: AttachedDisk | undefined): Vbd {
  const userdevice = Number(vbd.userdevice);
  const qos = diskQosOf(vbd.qos_algorithm_type, vbd.qos_algorithm_params);
  return VbdC.decode(
    {
      id: [vmUuid, vbdName(vbd)],
      ...(Number.isInteger(userdevice) ? { position: ['Xen', userdevice, 0] } : {}),
      mode: vbd.mode === 'RO' ? 'ReadOnly' : 'ReadWrite',
      ...(disk ? { backend: ['Local', disk.path] } : {}),
      ty: vbd.type === 'CD' ? 'CDROM' : vbd.type === 'Floppy' ? 'Floppy' : 'Disk',
      unpluggable: vbd.unpluggable,
      // What the hypervisor backend needs beyond the path: the image format.
      extra_backend_keys: disk ? { format: disk.format } : {},
      ...(qos ? { qos } : {}),
    },
    'vbd',
  );
}

/** What a VIF's xenops configuration needs of its network. */
export interface VifNetwork {
  readonly bridge: string;
  readonly default_locking_mode: NetworkDefaultLockingMode;
}

/** A VIF's locking mode with network_default resolved, as xapi's get_effective_locking_mode. */
export function effectiveLockingMode(vif: Pick<VIFRecord, 'locking_mode'>, net: VifNetwork): VifLockingMode {
  return vif.locking_mode === 'network_default' ? net.default_locking_mode : vif.locking_mode;
}

/** The xenops locking mode of a VIF: its allowed addresses when locked. */
export function xenopsLockingMode(
  vif: Pick<VIFRecord, 'locking_mode' | 'ipv4_allowed' | 'ipv6_allowed'>,
  net: VifNetwork,
): LockingMode {
  const mode = effectiveLockingMode(vif, net);
  return mode === 'disabled'
    ? 'Disabled'
    : mode === 'locked'
      ? ['Locked', { ipv4: [...vif.ipv4_allowed], ipv6: [...vif.ipv6_allowed] }]
      : 'Unlocked';
}

/** The guest agent's static IPv4 settings of a VIF (VIF.configure_ipv4). */
export function ipv4ConfigurationOf(vif: VIFRecord): Ipv4Configuration {
  return vif.ipv4_configuration_mode === 'Static'
    ? ['Static4', [[...vif.ipv4_addresses], vif.ipv4_gateway || undefined]]
    : 'Unspecified4';
}

/** The guest agent's static IPv6 settings of a VIF (VIF.configure_ipv6). */
export function ipv6ConfigurationOf(vif: VIFRecord): Ipv6Configuration {
  return vif.ipv6_configuration_mode === 'Static'
    ? ['Static6', [[...vif.ipv6_addresses], vif.ipv6_gateway || undefined]]
    : 'Unspecified6';
}

export function vifConfig(vmUuid: string, vif: VIFRecord, net: VifNetwork): Vif {
  const bridge = net.bridge;
  return VifC.decode(
    {
      id: [vmUuid, vif.device],
      position: Number(vif.device),
      mac: vif.MAC,
      mtu: vif.MTU,
      backend: ['Local', bridge],
      other_config: { ...vif.other_config },
      locking_mode: xenopsLockingMode(vif, net),
      ipv4_configuration: Ipv4C.encode(ipv4ConfigurationOf(vif)),
      ipv6_configuration: Ipv6C.encode(ipv6ConfigurationOf(vif)),
    },
    'vif',
  );
}
