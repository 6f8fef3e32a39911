// task.*: client-made tasks, cancellation and destruction.
import type { TaskStatusType } from '../../generated/api-types.js';
import type { CallContext } from '../context.js';

export const taskActions = {
  async create(ctx: CallContext, label: string, description: string) {
    return ctx.services.tasks.create(label, description);
  },
  async destroy(ctx: CallContext, self: string) {
    ctx.services.tasks.destroy(self);
  },
  async cancel(ctx: CallContext, task: string) {
    ctx.services.tasks.cancel(task);
  },
  async set_status(ctx: CallContext, self: string, value: TaskStatusType) {
    ctx.services.tasks.setClientField(self, { status: value });
  },
  async set_progress(ctx: CallContext, self: string, value: number) {
    ctx.services.tasks.setClientField(self, { progress: value });
  },
  async set_result(ctx: CallContext, self: string, value: string) {
    ctx.services.tasks.setClientField(self, { result: value });
  },
  async set_error_info(ctx: CallContext, self: string, value: readonly string[]) {
    ctx.services.tasks.setClientField(self, { error_info: value });
  },
};
