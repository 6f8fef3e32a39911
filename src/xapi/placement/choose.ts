// Which hosts a VM may start on and which one VM.start / VM.resume take
// (xapi's get_possible_hosts and choose_host_for_vm without WLB), pure over
// a pool snapshot.
import type { ApiError } from '../../datamodel/api-error.js';
import { apiError } from '../../datamodel/api-error.js';
import { checkBootHere, hostFreeMemory } from './boot-check.js';
import type { PoolSnapshot } from './snapshot.js';

const NULL_REF = 'OpaqueRef:NULL';

/** VM.get_possible_hosts: the live hosts the VM can boot on now (its scheduled host while it has one). */
export function possibleHosts(snap: PoolSnapshot, vm: string): string[] {
  const scheduled = snap.vms[vm]?.scheduledOn ?? NULL_REF;
  if (scheduled !== NULL_REF) return [scheduled];
  return snap.hosts.filter((h) => h.live && checkBootHere(snap, vm, h.ref) === undefined).map((h) => h.ref);
}

/** xapi's vm_can_run_on_host: enabled (control domains aside), live, not being evacuated, and the boot checks. */
function canRun(snap: PoolSnapshot, vm: string, host: string, memory: boolean): boolean {
  const h = snap.hosts.find((x) => x.ref === host);
  const v = snap.vms[vm];
  if (!h || !v) return false;
  if (!(v.isControlDomain || h.enabled) || !h.live || h.evacuating) return false;
  return checkBootHere(snap, vm, host, { memory }) === undefined;
}

function pick(snap: PoolSnapshot, vm: string, memory: boolean): string | undefined {
  const affinity = snap.vms[vm]?.affinity ?? NULL_REF;
  if (snap.hosts.some((h) => h.ref === affinity) && canRun(snap, vm, affinity, memory)) return affinity;
  // xapi picks at random, biased towards the hosts with the most memory to
  // spare; here the choice is the host with the most free memory, the first
  // in the snapshot's order among equals, so that placements can be
  // predicted and tested.
  let best: string | undefined;
  let bestFree = -1;
  for (const h of snap.hosts) {
    if (!canRun(snap, vm, h.ref, memory)) continue;
    const free = hostFreeMemory(snap, h.ref, vm);
    if (free > bestFree) [best, bestFree] = [h.ref, free];
  }
  return best;
}

/**
 * The host VM.start / VM.resume (no host given) use, or why none: the VM's
 * affinity host when it can run there, else the host with the most free
 * memory; NO_HOSTS_AVAILABLE when no host passes the checks. As xapi does,
 * a second round ignores memory: a VM that fits nowhere only for memory goes
 * to the best such host and fails there with HOST_NOT_ENOUGH_FREE_MEMORY
 * [needed, available] (in xapi the memory daemon's answer; here it is given
 * before xenopsd is asked).
 */
export function chooseHost(snap: PoolSnapshot, vm: string): string | ApiError {
  const scheduled = snap.vms[vm]?.scheduledOn ?? NULL_REF;
  if (scheduled !== NULL_REF) return scheduled;
  const host = pick(snap, vm, true);
  if (host !== undefined) return host;
  const loose = pick(snap, vm, false);
  if (loose === undefined) return apiError('NO_HOSTS_AVAILABLE', {});
  return checkBootHere(snap, vm, loose) ?? loose;
}
