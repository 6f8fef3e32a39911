// Whether a VM can boot on a host (xapi's assert_can_boot_here), pure over a
// pool snapshot. The checks run in xapi's order and fail with its codes and
// parameters: HOST_NOT_LIVE [], a control domain away from its affinity
// (OPERATION_NOT_ALLOWED), HOST_DISABLED [host], VM_REQUIRES_SR [vm, sr],
// VM_REQUIRES_NETWORK [vm, network], HOST_NOT_ENOUGH_FREE_MEMORY [needed,
// available]. xapi's checks of hardware this toolstack does not model
// (vGPUs, USB, SR-IOV, IOMMU, CPUID, virtual hardware platform versions,
// pCPU counts) and of rolling upgrades (VM_HOST_INCOMPATIBLE_VERSION) are
// not made: every host of these pools runs the same software on the host's
// own Linux.
import type { ApiError } from '../../datamodel/api-error.js';
import { apiError } from '../../datamodel/api-error.js';
import { footprintAt } from '../vm-config/memory-model.js';
import type { HostFacts, PoolSnapshot, VmFacts } from './snapshot.js';

const NULL_REF = 'OpaqueRef:NULL';

export interface BootCheckOptions {
  /** false: skip the memory check (evacuation planning packs memory itself). */
  readonly memory?: boolean;
}

/**
 * Free memory of a host for guests (xapi's
 * host_compute_free_memory_with_maximum_compression): memory_total less the
 * host's overhead and, for every VM resident or scheduled there, its
 * dynamic_min and memory_overhead; `ignore` is not charged for being
 * scheduled there (the VM being placed). Control domains are not charged:
 * here the control domain is the host's own Linux, in which the guests run,
 * and its record shows all of the host's memory.
 */
export function hostFreeMemory(snap: PoolSnapshot, host: string, ignore?: string): number {
  const h = hostFacts(snap, host);
  if (!h) return 0;
  let used = 0;
  for (const vm of Object.values(snap.vms)) {
    if (vm.isControlDomain) continue;
    const charge = vm.dynamicMin + vm.memoryOverhead;
    if (vm.residentOn === host) used += charge;
    if (vm.scheduledOn === host && vm.ref !== ignore) used += charge;
  }
  return Math.max(0, h.memoryTotal - h.memoryOverhead - used);
}

/**
 * Host memory a VM needs to start (xapi's vm_compute_start_memory): its
 * dynamic_min (static_max for PV-in-PVH guests, which cannot start
 * ballooned) plus the overhead of its static_max.
 */
export function startMemory(vm: VmFacts): number {
  const target = vm.domainType === 'pv_in_pvh' ? vm.staticMax : vm.dynamicMin;
  return footprintAt(vm.shape, target);
}

export function hostFacts(snap: PoolSnapshot, host: string): HostFacts | undefined {
  return snap.hosts.find((h) => h.ref === host);
}

/** Can the host reach the network (xapi's is_network_available_on)? */
function networkAvailable(snap: PoolSnapshot, network: string, host: string): boolean {
  const n = snap.networks[network];
  if (!n) return false;
  if (n.pifHosts.length > 0) return n.pifHosts.includes(host);
  if (n.assumeShared || !n.managed) return true;
  // An internal network is pinned to the host its running VMs run on.
  const hosts = Object.values(snap.vms)
    .filter((vm) => vm.powerState === 'Running' && vm.networks.includes(network))
    .map((vm) => vm.residentOn);
  return hosts.length === 0 || hosts.includes(host);
}

/** Why the VM cannot boot on the host, or undefined when it can. */
export function checkBootHere(
  snap: PoolSnapshot,
  vmRef: string,
  host: string,
  opts: BootCheckOptions = {},
): ApiError | undefined {
  const vm = snap.vms[vmRef];
  const h = hostFacts(snap, host);
  if (!vm || !h) return apiError('HANDLE_INVALID', { class: vm ? 'host' : 'VM', handle: vm ? host : vmRef });
  if (!h.live) return apiError('HOST_NOT_LIVE', {});
  if (vm.isControlDomain && vm.affinity !== NULL_REF && vm.affinity !== host)
    return apiError('OPERATION_NOT_ALLOWED', {
      reason: 'Cannot boot a control domain on a host different from its affinity',
    });
  const localLiveMigration = vm.powerState === 'Running' && vm.residentOn === host;
  if (!vm.isControlDomain && !localLiveMigration && !h.enabled) return apiError('HOST_DISABLED', { host });
  const sr = vm.srs.find((s) => !h.srs.includes(s));
  if (sr !== undefined) return apiError('VM_REQUIRES_SR', { vm: vmRef, sr });
  const network = vm.networks.find((n) => !networkAvailable(snap, n, host));
  if (network !== undefined) return apiError('VM_REQUIRES_NETWORK', { vm: vmRef, network });
  if (opts.memory !== false) {
    const needed = startMemory(vm);
    const available = hostFreeMemory(snap, host, vmRef);
    if (available < needed) return apiError('HOST_NOT_ENOUGH_FREE_MEMORY', { needed, available });
  }
  return undefined;
}
