// xapi's memory accounting of a guest (pure): the virtualisation overhead of
// a VM and the largest static_max that fits in a given amount of host memory.
// The model is xenopsd's (per-vCPU pages, p2m map and shadow pages, 1 MiB
// extras), so that clients sizing VMs from these figures get xapi's answers.

const MIB = 1024 * 1024;
const PAGES_PER_MIB = 256;

/** What the model needs to know about a VM. */
export interface MemoryShape {
  readonly static_max: number;
  readonly VCPUs_max: number;
  readonly shadow_multiplier: number;
  /** hvm and pvh guests share one model; pv_in_pvh adds the PVH shim. */
  readonly mode: 'hvm' | 'pv' | 'pv_in_pvh';
}

const mibUsed = (bytes: number): number => Math.ceil(bytes / MIB);
const mibOfPages = (pages: number): number => Math.ceil(pages / PAGES_PER_MIB);

/** Shadow memory (MiB): vCPU pages, p2m map and resident shadow, times the multiplier, at least 1. */
export function shadowMib(staticMaxMib: number, vcpus: number, multiplier: number): number {
  const total = mibOfPages(256 * vcpus + staticMaxMib + staticMaxMib);
  return Math.max(1, Math.trunc(total * multiplier));
}

/** The PVH shim's memory (MiB) of a PV guest in a PVH container. */
function shimMib(mode: MemoryShape['mode'], mib: number): number {
  return mode === 'pv_in_pvh' ? 23 + Math.trunc(mib / 90) : 0;
}

/** Overhead (MiB): the model's extras, shadow memory and Xen's own pages per vCPU. */
export function overheadMib(shape: MemoryShape): number {
  const staticMaxMib = mibUsed(shape.static_max);
  const extraInternal = shape.mode === 'pv' ? 0 : 1;
  const extraExternal = 1;
  return (
    extraInternal +
    extraExternal +
    shadowMib(staticMaxMib, shape.VCPUs_max, shape.shadow_multiplier) +
    mibOfPages(38 * shape.VCPUs_max) +
    shimMib(shape.mode, staticMaxMib)
  );
}

/** VM.compute_memory_overhead, in bytes. */
export function memoryOverhead(shape: MemoryShape): number {
  return overheadMib(shape) * MIB;
}

/** Host memory (bytes) a VM needs to start with all of static_max. */
export function footprint(shape: MemoryShape): number {
  return footprintAt(shape, shape.static_max);
}

/**
 * Host memory (bytes) a VM needs to start with `target` bytes of guest
 * memory (xapi's vm_compute_start_memory): the target plus the overhead
 * of the whole static_max.
 */
export function footprintAt(shape: MemoryShape, target: number): number {
  // PV guests are accounted with the default shadow multiplier.
  const multiplier = shape.mode === 'pv' ? 1 : shape.shadow_multiplier;
  return (mibUsed(target) + overheadMib({ ...shape, shadow_multiplier: multiplier })) * MIB;
}

/** VM.maximise_memory: the largest static_max whose footprint fits in `total`, rounded down to a MiB. */
export function maximiseMemory(shape: MemoryShape, total: number): number {
  const fits = (staticMax: number): boolean => footprint({ ...shape, static_max: staticMax }) <= total;
  let lo = 0;
  let hi = Math.max(0, total);
  if (!fits(lo)) return 0;
  // Largest value in [lo, hi] that fits: the footprint grows with static_max.
  while (lo < hi) {
    const mid = lo + Math.ceil((hi - lo) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return Math.floor(lo / MIB) * MIB;
}
