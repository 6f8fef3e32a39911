// VM.set_memory*, compute_memory_overhead, maximise_memory: a VM's memory
// limits as xapi checks them. Static limits change only while the VM is
// halted; the dynamic range also while it runs (the balloon follows at once).
import type { VMRecord } from '../../generated/api-types.js';
import type { CallContext } from '../context.js';
import { withOperation } from '../lifecycle/operations.js';
import { setMemoryDynamicRange } from '../lifecycle/vm-live-resources.js';
import {
  assertValidLimits,
  limitsOf,
  memoryShape,
  overheadOf,
  type MemoryLimits,
} from '../vm-config/memory-limits.js';
import { maximiseMemory, memoryOverhead } from '../vm-config/memory-model.js';

const vmRecord = (ctx: CallContext, vm: string): VMRecord => ctx.services.db.get('VM', vm);

/** Check and store new limits of a halted VM (the operation table has checked the power state). */
function storeLimits(ctx: CallContext, vm: string, limits: MemoryLimits): void {
  const { db } = ctx.services;
  const row = vmRecord(ctx, vm);
  assertValidLimits(limits, row.is_control_domain);
  db.transaction(() => {
    db.update('VM', vm, {
      memory_static_min: limits.static_min,
      memory_dynamic_min: limits.dynamic_min,
      // memory_target is unused; xapi keeps it at dynamic_min.
      memory_target: limits.dynamic_min,
      memory_dynamic_max: limits.dynamic_max,
      memory_static_max: limits.static_max,
    });
    db.update('VM', vm, { memory_overhead: overheadOf(vmRecord(ctx, vm)) });
  });
}

async function setLimits(ctx: CallContext, vm: string, limits: MemoryLimits): Promise<void> {
  await withOperation(ctx, 'VM', vm, 'changing_memory_limits', async () => storeLimits(ctx, vm, limits));
}

async function setStaticRange(ctx: CallContext, vm: string, min: number, max: number): Promise<void> {
  await withOperation(ctx, 'VM', vm, 'changing_static_range', async () =>
    storeLimits(ctx, vm, { ...limitsOf(vmRecord(ctx, vm)), static_min: min, static_max: max }),
  );
}

export const vmMemoryActions = {
  async set_memory_limits(
    ctx: CallContext,
    self: string,
    static_min: number,
    static_max: number,
    dynamic_min: number,
    dynamic_max: number,
  ) {
    await setLimits(ctx, self, { static_min, static_max, dynamic_min, dynamic_max });
  },
  async set_memory(ctx: CallContext, self: string, value: number) {
    const { static_min } = limitsOf(vmRecord(ctx, self));
    await setLimits(ctx, self, { static_min, static_max: value, dynamic_min: value, dynamic_max: value });
  },
  async set_memory_static_range(ctx: CallContext, self: string, min: number, max: number) {
    await setStaticRange(ctx, self, min, max);
  },
  async set_memory_static_min(ctx: CallContext, self: string, value: number) {
    await setStaticRange(ctx, self, value, vmRecord(ctx, self).memory_static_max);
  },
  async set_memory_static_max(ctx: CallContext, self: string, value: number) {
    await setStaticRange(ctx, self, vmRecord(ctx, self).memory_static_min, value);
  },
  async set_memory_dynamic_min(ctx: CallContext, self: string, value: number) {
    await setMemoryDynamicRange(ctx, self, value, vmRecord(ctx, self).memory_dynamic_max);
  },
  async set_memory_dynamic_max(ctx: CallContext, self: string, value: number) {
    await setMemoryDynamicRange(ctx, self, vmRecord(ctx, self).memory_dynamic_min, value);
  },
  async compute_memory_overhead(ctx: CallContext, vm: string) {
    return memoryOverhead(memoryShape(vmRecord(ctx, vm)));
  },
  async maximise_memory(ctx: CallContext, self: string, total: number, approximate: boolean) {
    const row = vmRecord(ctx, self);
    return maximiseMemory(memoryShape(row, approximate ? { VCPUs_max: 64 } : {}), total);
  },
};
