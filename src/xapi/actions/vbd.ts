// VBD.* hotplug and media messages.
import type { CallContext } from '../context.js';
import { changeMedia, plugVbd } from '../lifecycle/device-hotplug.js';

export const vbdActions = {
  async plug(ctx: CallContext, self: string) {
    await plugVbd(ctx, self, true);
  },
  async unplug(ctx: CallContext, self: string) {
    await plugVbd(ctx, self, false);
  },
  async unplug_force(ctx: CallContext, self: string) {
    await plugVbd(ctx, self, false, true);
  },
  async insert(ctx: CallContext, vbd: string, vdi: string) {
    await changeMedia(ctx, vbd, vdi);
  },
  async eject(ctx: CallContext, vbd: string) {
    await changeMedia(ctx, vbd, undefined);
  },
};
