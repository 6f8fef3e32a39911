// What VM placement knows about a pool: a plain snapshot of the hosts, VMs
// and networks, read from the database in one function (readPoolSnapshot).
// Everything that decides where a VM may run (boot-check.ts, choose.ts,
// evacuation.ts) is pure over this snapshot, so that plans can be tested on
// pools this process does not have.
import type { DomainType, VmPowerState } from '../../generated/api-types.js';
import type { MemoryShape } from '../vm-config/memory-model.js';
import { memoryShape } from '../vm-config/memory-limits.js';
import { checkVmOperation } from '../lifecycle/vm-ops.js';
import { vmOpState } from '../lifecycle/operations.js';
import type { XapiDb } from '../store.js';

const NULL_REF = 'OpaqueRef:NULL';

export interface HostFacts {
  readonly ref: string;
  readonly enabled: boolean;
  /** host_metrics.live (false without metrics, as xapi reads it). */
  readonly live: boolean;
  /** An evacuate in the host's current_operations. */
  readonly evacuating: boolean;
  /** host_metrics.memory_total, bytes. */
  readonly memoryTotal: number;
  /** host.memory_overhead, bytes. */
  readonly memoryOverhead: number;
  /** SRs with a currently attached PBD of this host. */
  readonly srs: readonly string[];
}

export interface VmFacts {
  readonly ref: string;
  readonly powerState: VmPowerState;
  readonly residentOn: string;
  readonly scheduledOn: string;
  readonly isControlDomain: boolean;
  readonly affinity: string;
  readonly domainType: DomainType;
  readonly shape: MemoryShape;
  readonly staticMax: number;
  readonly dynamicMin: number;
  /** VM.memory_overhead as stored (what a VM with a domain is charged). */
  readonly memoryOverhead: number;
  /** SRs of the VDIs of its non-empty VBDs, then of its suspend image when Suspended, in that order. */
  readonly srs: readonly string[];
  /** Networks of its VIFs, in order. */
  readonly networks: readonly string[];
  /** Why VM.pool_migrate is refused now, as [code, ...params], if it is (VMs resident on a host only). */
  readonly migrateError?: readonly string[];
}

export interface NetworkFacts {
  readonly ref: string;
  /** Hosts with a PIF on the network. */
  readonly pifHosts: readonly string[];
  readonly managed: boolean;
  /** other_config:assume_network_is_shared = "true". */
  readonly assumeShared: boolean;
}

export interface PoolSnapshot {
  /** Every host, in a stable order (the order choices break ties in). */
  readonly hosts: readonly HostFacts[];
  readonly vms: Readonly<Record<string, VmFacts>>;
  readonly networks: Readonly<Record<string, NetworkFacts>>;
}

/** The placement snapshot of the whole pool, from the database. */
export function readPoolSnapshot(db: XapiDb): PoolSnapshot {
  const hosts: HostFacts[] = [];
  for (const [ref, h] of db.all('host')) {
    const metrics = db.find('host_metrics', h.metrics);
    const srs: string[] = [];
    for (const pbd of h.PBDs) {
      const row = db.find('PBD', pbd);
      if (row?.currently_attached) srs.push(row.SR);
    }
    hosts.push({
      ref,
      enabled: h.enabled,
      live: metrics?.live ?? false,
      evacuating: Object.values(h.current_operations).includes('evacuate'),
      memoryTotal: metrics?.memory_total ?? 0,
      memoryOverhead: h.memory_overhead,
      srs,
    });
  }
  hosts.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  const vms: Record<string, VmFacts> = {};
  for (const [ref, vm] of db.all('VM')) {
    const srs: string[] = [];
    for (const vbd of vm.VBDs) {
      const row = db.find('VBD', vbd);
      if (!row || row.empty) continue;
      const vdi = db.find('VDI', row.VDI);
      if (vdi) srs.push(vdi.SR);
    }
    if (vm.power_state === 'Suspended' && vm.suspend_VDI !== NULL_REF) {
      const vdi = db.find('VDI', vm.suspend_VDI);
      if (vdi) srs.push(vdi.SR);
    }
    const networks: string[] = [];
    for (const vif of vm.VIFs) {
      const row = db.find('VIF', vif);
      if (row) networks.push(row.network);
    }
    // Only a VM resident somewhere is ever evacuated: the others are spared the operation check.
    const resident = vm.resident_on !== NULL_REF && !vm.is_control_domain;
    const migrate = resident ? checkVmOperation(vmOpState(db, ref, vm), 'pool_migrate') : undefined;
    vms[ref] = {
      ref,
      powerState: vm.power_state,
      residentOn: vm.resident_on,
      scheduledOn: vm.scheduled_to_be_resident_on,
      isControlDomain: vm.is_control_domain,
      affinity: vm.affinity,
      domainType: vm.domain_type,
      shape: memoryShape(vm),
      staticMax: vm.memory_static_max,
      dynamicMin: vm.memory_dynamic_min,
      memoryOverhead: vm.memory_overhead,
      srs,
      networks,
      ...(migrate ? { migrateError: migrate.toWire() } : {}),
    };
  }
  const networks: Record<string, NetworkFacts> = {};
  for (const [ref, n] of db.all('network')) {
    const pifHosts: string[] = [];
    for (const pif of n.PIFs) {
      const row = db.find('PIF', pif);
      if (row) pifHosts.push(row.host);
    }
    networks[ref] = {
      ref,
      pifHosts,
      managed: n.managed,
      assumeShared: n.other_config['assume_network_is_shared'] === 'true',
    };
  }
  return { hosts, vms, networks };
}
