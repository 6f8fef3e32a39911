// Ids of the QEMU objects made for a VM's devices, the PCIe root port layout and the
// throttle limits: shared by the command line and the hotplug commands, so both name
// and configure the same things.
import type { IoLimits, VmConfig } from './config.js';

export function diskNames(id: string) {
  return {
    device: `vbd-${id}`,
    node: `drive-${id}`,
    file: `drive-${id}-file`,
    format: `drive-${id}-format`,
    throttle: `throttle-${id}`,
  };
}

export function nicNames(devid: number) {
  return { device: `vif${devid}`, netdev: `net${devid}` };
}

/** A hot-added vCPU is the core with that index (the boot vCPUs have no device id). */
export function vcpuName(core: number): string {
  return `cpu${core}`;
}

export interface PortLayout {
  /** Root port of each cold-plugged virtio disk (by VBD id) and NIC (by `vif<devid>`). */
  readonly used: ReadonlyMap<string, string>;
  /** Free root ports for hot-adding, in order. */
  readonly spare: readonly string[];
}

/**
 * Every virtio disk and NIC sits on its own PCIe root port (q35's root bus has no
 * hotplug), disks first, then NICs, then the spare ports; numbered from rp1.
 */
export function portLayout(config: VmConfig): PortLayout {
  const used = new Map<string, string>();
  let n = 0;
  for (const d of config.disks) if (d.kind === 'disk') used.set(d.id, `rp${++n}`);
  for (const nic of config.nics) used.set(nicNames(nic.devid).device, `rp${++n}`);
  const spare = Array.from({ length: config.platform?.hotplugSlots ?? 4 }, () => `rp${++n}`);
  return { used, spare };
}

/** QEMU's throttle limits (the `limits` property of a throttle-group) from IoLimits. */
export function throttleLimits(q: IoLimits = {}): Record<string, number> {
  const out: Record<string, number> = {};
  const set = (k: string, v: number | undefined) => {
    if (v !== undefined && v > 0) out[k] = v;
  };
  set('bps-total', q.bpsTotal);
  set('bps-read', q.bpsRead);
  set('bps-write', q.bpsWrite);
  set('iops-total', q.iopsTotal);
  set('iops-read', q.iopsRead);
  set('iops-write', q.iopsWrite);
  return out;
}
