// Finding QEMU and firmware on this host (Debian paths), for HostCaps.
import { accessSync, constants, existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { delimiter, join } from 'node:path';
import type { HostStat } from '../../types.js';

export const QEMU_BINARY_NAME = 'qemu-system-x86_64';

/** Debian's `ovmf` package: 4 MiB flash images. */
export const OVMF_CODE = '/usr/share/OVMF/OVMF_CODE_4M.fd';
export const OVMF_VARS_TEMPLATE = '/usr/share/OVMF/OVMF_VARS_4M.fd';

/** The QEMU binary on PATH, or undefined when it is not installed. */
export function findQemu(path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const p = join(dir, QEMU_BINARY_NAME);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function findOvmf(): { ovmfCode: string; ovmfVarsTemplate: string } | undefined {
  return existsSync(OVMF_CODE) && existsSync(OVMF_VARS_TEMPLATE)
    ? { ovmfCode: OVMF_CODE, ovmfVarsTemplate: OVMF_VARS_TEMPLATE }
    : undefined;
}

export interface HostModes {
  readonly version: string;
  readonly accel: 'kvm' | 'tcg';
  readonly accelReason: string;
  /** VIFs can be taps on Linux bridges here. */
  readonly bridging: boolean;
  readonly network: string;
  readonly cpuQos: 'v1' | 'v2' | 'none';
  readonly cpuQosDetail: string;
  /** OVMF is installed: UEFI guests can run (capability `uefi`). */
  readonly uefi?: boolean;
}

/**
 * HOST.stat: the CPUs, and in `hypervisor` what this host can do and why not:
 * capabilities carry `vif-bridge`|`vif-user` and `cpu-qos-cgroup-v1`|`-v2`|`-none`,
 * the version text the reasons.
 */
export function hostStat(m: HostModes): HostStat {
  const list = cpus();
  const first = list[0];
  return {
    cpu_info: {
      cpu_count: list.length || 1,
      socket_count: 1,
      threads_per_core: 1,
      nr_nodes: 1,
      vendor: first?.model.includes('AMD') ? 'AuthenticAMD' : 'GenuineIntel',
      speed: `${first?.speed ?? 0}.000`,
      modelname: first?.model ?? 'unknown',
      family: '',
      model: '',
      stepping: '',
      flags: '',
      features: '',
      features_pv: '',
      features_hvm: '',
      features_pv_host: '',
      features_hvm_host: '',
    },
    hypervisor: {
      version: `${m.version} (${m.accel}: ${m.accelReason}; network: ${m.network}; cpu qos: ${m.cpuQosDetail})`,
      capabilities: [
        `qemu-${m.accel}`,
        'hvm-3.0-x86_64',
        m.bridging ? 'vif-bridge' : 'vif-user',
        m.cpuQos === 'none' ? 'cpu-qos-none' : `cpu-qos-cgroup-${m.cpuQos}`,
        ...(m.uefi ? ['uefi'] : []),
      ].join(' '),
    },
    chipset_info: { iommu: false, hvm: true },
  };
}
