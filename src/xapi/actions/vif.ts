// VIF.* hotplug messages.
import type { CallContext } from '../context.js';
import { plugVif } from '../lifecycle/device-hotplug.js';

export const vifActions = {
  async plug(ctx: CallContext, self: string) {
    await plugVif(ctx, self, true);
  },
  async unplug(ctx: CallContext, self: string) {
    await plugVif(ctx, self, false);
  },
  async unplug_force(ctx: CallContext, self: string) {
    await plugVif(ctx, self, false, true);
  },
};
