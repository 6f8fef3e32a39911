// The memory constraints xapi enforces on a VM's four limits (pure), and the
// shape the overhead model reads from a VM record.
import { apiError } from '../../datamodel/api-error.js';
import type { VMRecord } from '../../generated/api-types.js';
import { memoryOverhead, type MemoryShape } from './memory-model.js';

export interface MemoryLimits {
  readonly static_min: number;
  readonly dynamic_min: number;
  readonly dynamic_max: number;
  readonly static_max: number;
}

export function limitsOf(vm: VMRecord): MemoryLimits {
  return {
    static_min: vm.memory_static_min,
    dynamic_min: vm.memory_dynamic_min,
    dynamic_max: vm.memory_dynamic_max,
    static_max: vm.memory_static_max,
  };
}

/**
 * static_min ≤ dynamic_min ≤ dynamic_max ≤ static_max; a control domain's
 * memory does not balloon, so its limits must also be pinned at static_max.
 */
export function assertValidLimits(c: MemoryLimits, controlDomain: boolean): void {
  const ordered =
    c.static_min <= c.dynamic_min && c.dynamic_min <= c.dynamic_max && c.dynamic_max <= c.static_max;
  if (controlDomain) {
    if (!(ordered && c.dynamic_min === c.static_max))
      throw apiError('MEMORY_CONSTRAINT_VIOLATION_MAXPIN', { reason: 'control domain' });
    return;
  }
  if (!ordered) throw apiError('MEMORY_CONSTRAINT_VIOLATION_ORDER', {});
}

/** The memory model of a VM's domain type (unspecified: from HVM_boot_policy, as xapi derives it). */
function modelOf(vm: VMRecord): MemoryShape['mode'] {
  switch (vm.domain_type) {
    case 'hvm':
    case 'pvh':
      return 'hvm';
    case 'pv_in_pvh':
      return 'pv_in_pvh';
    case 'pv':
      return 'pv';
    case 'unspecified':
      return vm.HVM_boot_policy === '' ? 'pv' : 'hvm';
  }
}

/** The figures the overhead model needs, for a VM record with some fields replaced. */
export function memoryShape(
  vm: VMRecord,
  over: Partial<Pick<VMRecord, 'memory_static_max' | 'VCPUs_max'>> = {},
): MemoryShape {
  return {
    static_max: over.memory_static_max ?? vm.memory_static_max,
    VCPUs_max: over.VCPUs_max ?? vm.VCPUs_max,
    shadow_multiplier: vm.HVM_shadow_multiplier,
    mode: modelOf(vm),
  };
}

/** The memory_overhead a VM record should carry. */
export function overheadOf(vm: VMRecord): number {
  return memoryOverhead(memoryShape(vm));
}
