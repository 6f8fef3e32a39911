// vCPUs and the memory balloon range of a VM changed while it runs.
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import { assertValidLimits, limitsOf } from '../vm-config/memory-limits.js';
import { runXenopsTask } from '../xenops/run-task.js';
import { withOperation } from './operations.js';
import { uuidOf } from './vm-push.js';

export async function setVcpusLive(ctx: CallContext, vm: string, n: number): Promise<void> {
  const { db } = ctx.services;
  await withOperation(ctx, 'VM', vm, 'changing_VCPUs_live', async () => {
    const max = db.get('VM', vm).VCPUs_max;
    if (!Number.isInteger(n) || n < 1 || n > max) {
      throw apiError('INVALID_VALUE', { field: 'nvcpu', value: String(n) });
    }
    const id = uuidOf(ctx, vm);
    await runXenopsTask(ctx, (x, dbg) => x.call('VM.set_vcpus', { dbg, id, n }), { touches: [{ vm: id }] });
    db.update('VM', vm, { VCPUs_at_startup: n });
  });
}

export async function setMemoryDynamicRange(
  ctx: CallContext,
  vm: string,
  min: number,
  max: number,
): Promise<void> {
  const { db } = ctx.services;
  await withOperation(ctx, 'VM', vm, 'changing_dynamic_range', async () => {
    const row = db.get('VM', vm);
    assertValidLimits({ ...limitsOf(row), dynamic_min: min, dynamic_max: max }, row.is_control_domain);
    if (row.power_state === 'Running') {
      const id = row.uuid;
      await runXenopsTask(ctx, (x, dbg) => x.call('VM.set_memory_dynamic_range', { dbg, id, min, max }));
    }
    // memory_target is unused; xapi keeps it at dynamic_min.
    db.update('VM', vm, { memory_dynamic_min: min, memory_dynamic_max: max, memory_target: min });
  });
}
