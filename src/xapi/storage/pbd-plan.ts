// Which PBDs an SR needs (pure): a local SR has one, on the host that made
// it; a shared SR has one on every host of the pool, all with the same
// device_config (the same directory, or the same NFS export), because every
// host reaches the same storage. Run at SR.create and, by the pool code,
// whenever a host joins (its PBDs of the pool's shared SRs).
import type { DeviceConfig } from '../../storage/types.js';

export interface PbdPlanSr {
  readonly shared: boolean;
  /** The device_config the SR's PBDs share. */
  readonly deviceConfig: DeviceConfig;
}

export interface PlannedPbd {
  readonly host: string;
  readonly device_config: DeviceConfig;
}

/**
 * The PBDs to create: for a shared SR, one for each host of `hosts` that
 * has none among `existing` (the hosts of the SR's PBDs), in `hosts` order;
 * for a local SR, one for `creator` when it has none, and never any for
 * another host.
 */
export function planPbds(
  sr: PbdPlanSr,
  o: { readonly hosts: readonly string[]; readonly existing: readonly string[]; readonly creator?: string },
): PlannedPbd[] {
  const have = new Set(o.existing);
  const wanted = sr.shared ? o.hosts : o.creator === undefined ? [] : [o.creator];
  const out: PlannedPbd[] = [];
  for (const host of wanted) {
    if (have.has(host)) continue;
    have.add(host);
    out.push({ host, device_config: { ...sr.deviceConfig } });
  }
  return out;
}
