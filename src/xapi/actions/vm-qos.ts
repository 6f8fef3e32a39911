// VM.add_to_VCPUs_params_live: vCPU weight and cap changed on a running VM.
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import { withOperation } from '../lifecycle/operations.js';
import { runXenopsTask } from '../xenops/run-task.js';
import { DEFAULT_WEIGHT, schedulerPriority } from '../xenops/config.js';

export const vmQosActions = {
  async add_to_VCPUs_params_live(ctx: CallContext, self: string, key: string, value: string) {
    const { db } = ctx.services;
    await withOperation(ctx, 'VM', self, 'changing_VCPUs_live', async () => {
      const row = db.get('VM', self);
      const state = row.power_state.toLowerCase();
      if (state !== 'running' && state !== 'paused')
        throw apiError('VM_BAD_POWER_STATE', { vm: self, expected: 'running, paused', actual: state });
      const params = { ...row.VCPUs_params, [key]: value };
      const priority = schedulerPriority(params);
      if (priority && (key === 'weight' || key === 'cap')) {
        const [weight = DEFAULT_WEIGHT, cap = 0] = priority;
        const id = row.uuid;
        await runXenopsTask(ctx, (x, dbg) => x.call('VM.set_scheduler_params', { dbg, id, weight, cap }));
      }
      db.update('VM', self, { VCPUs_params: params });
    });
  },
};
