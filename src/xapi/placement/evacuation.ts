// The evacuation plan of a host (xapi's compute_evacuation_plan without WLB
// or HA), pure over a pool snapshot: for each VM resident there (control
// domains aside), the host it moves to, or why it cannot move, as
// [code, ...params] the way host.get_vms_which_prevent_evacuation returns it.
//
// As in xapi:
// - the targets are the other enabled hosts; with none, every VM is
//   NO_HOSTS_AVAILABLE [vm];
// - a VM must be able to boot (memory aside) on every target, else the
//   first check that fails is its reason (xapi's strict agility rule);
// - a VM whose pool_migrate is refused now has that error;
// - memory is packed biggest first onto the target with the most free
//   memory left (xapi's biggest-fit-decreasing), each move claiming its
//   memory on its target; a VM that fits nowhere is
//   HOST_NOT_ENOUGH_FREE_MEMORY [vm] (xapi's parameter, not the usual two);
// - each placed VM is checked again against its own target.
// Ties keep the snapshot's order (VMs and hosts), so plans are deterministic.
import { checkBootHere, hostFreeMemory } from './boot-check.js';
import { footprintAt } from '../vm-config/memory-model.js';
import type { PoolSnapshot, VmFacts } from './snapshot.js';

export interface EvacuationPlan {
  /** VM → target host, in the order of the host's resident VMs. */
  readonly moves: ReadonlyArray<readonly [string, string]>;
  /** VM → [code, ...params], for the VMs that cannot move. */
  readonly blockers: ReadonlyArray<readonly [string, readonly string[]]>;
}

/** Memory a moving VM claims on its target (xapi's vm_memory in the HA planner). */
function movingMemory(vm: VmFacts): number {
  const staticMax = vm.domainType === 'pv_in_pvh' || vm.domainType === 'pvh';
  return footprintAt(vm.shape, staticMax ? vm.staticMax : vm.dynamicMin);
}

/** The VMs resident on the host that an evacuation moves, in the snapshot's order. */
export function residentVms(snap: PoolSnapshot, host: string): VmFacts[] {
  return Object.values(snap.vms).filter((vm) => vm.residentOn === host && !vm.isControlDomain);
}

/** Biggest-fit-decreasing: each VM, largest first, onto the bin with the most room, if it fits. */
function binpack(
  vms: ReadonlyArray<readonly [string, number]>,
  bins: ReadonlyArray<readonly [string, number]>,
): Map<string, string> {
  const out = new Map<string, string>();
  // Stable sorts: equal sizes keep their order.
  const things = [...vms].sort((a, b) => b[1] - a[1]);
  let room = [...bins].sort((a, b) => b[1] - a[1]);
  for (const [vm, size] of things) {
    const first = room[0];
    if (!first || first[1] - size < 0) continue;
    const left: readonly [string, number] = [first[0], first[1] - size];
    const rest = room.slice(1);
    // The shrunk bin goes before the bins of equal room, as xapi inserts it.
    const at = rest.findIndex((b) => left[1] >= b[1]);
    room = at < 0 ? [...rest, left] : [...rest.slice(0, at), left, ...rest.slice(at)];
    out.set(vm, first[0]);
  }
  return out;
}

export function planEvacuation(snap: PoolSnapshot, host: string): EvacuationPlan {
  const vms = residentVms(snap, host);
  const targets = snap.hosts.filter((h) => h.ref !== host && h.enabled).map((h) => h.ref);
  const errors = new Map<string, readonly string[]>();
  if (targets.length === 0) {
    return { moves: [], blockers: vms.map((vm) => [vm.ref, ['NO_HOSTS_AVAILABLE', vm.ref]] as const) };
  }
  const migratable: VmFacts[] = [];
  for (const vm of vms) {
    const err = targets.map((t) => checkBootHere(snap, vm.ref, t, { memory: false })).find((e) => e);
    if (err) errors.set(vm.ref, err.toWire());
    else migratable.push(vm);
  }
  for (const vm of vms) if (vm.migrateError) errors.set(vm.ref, vm.migrateError);
  const placed = binpack(
    migratable.map((vm) => [vm.ref, movingMemory(vm)] as const),
    targets.map((t) => [t, hostFreeMemory(snap, t)] as const),
  );
  const moves: [string, string][] = [];
  for (const vm of migratable) {
    const target = placed.get(vm.ref);
    if (target === undefined) {
      errors.set(vm.ref, ['HOST_NOT_ENOUGH_FREE_MEMORY', vm.ref]);
      continue;
    }
    const err = checkBootHere(snap, vm.ref, target, { memory: false });
    if (err) errors.set(vm.ref, err.toWire());
    if (!errors.has(vm.ref)) moves.push([vm.ref, target]);
  }
  const blockers = vms.flatMap((vm) => {
    const e = errors.get(vm.ref);
    return e ? [[vm.ref, e] as const] : [];
  });
  return { moves, blockers };
}
