// VDI.resize_online, set_on_boot and set_allow_caching.
import { apiError } from '../../datamodel/api-error.js';
import type { OnBoot } from '../../generated/api-types.js';
import type { CallContext } from '../context.js';
import { setOnBoot } from '../storage/on-boot.js';
import { resizeVdi } from '../storage/vdi-ops.js';

/** The running (or paused) VMs that have the disk plugged. */
function runningUsers(ctx: CallContext, vdi: string): string[] {
  const { db } = ctx.services;
  return db.get('VDI', vdi).VBDs.flatMap((v) => {
    const vbd = db.find('VBD', v);
    if (!vbd?.currently_attached) return [];
    const state = db.find('VM', vbd.VM)?.power_state;
    return state === 'Running' || state === 'Paused' ? [vbd.VM] : [];
  });
}

export const vdiMiscActions = {
  async resize_online(ctx: CallContext, vdi: string, size: number) {
    const { db, storage } = ctx.services;
    const row = db.get('VDI', vdi);
    if (!Number.isSafeInteger(size) || size < 0)
      throw apiError('INVALID_VALUE', { field: 'size', value: size });
    if (runningUsers(ctx, vdi).length === 0) {
      // Nothing runs on it: the offline resize, as xapi's resize_online is.
      await resizeVdi(storage, vdi, size);
      return;
    }
    // Growing an image a hypervisor has open needs the hypervisor to do it.
    throw apiError('SR_OPERATION_NOT_SUPPORTED', { sr: row.SR });
  },

  async set_on_boot(ctx: CallContext, self: string, value: OnBoot) {
    await setOnBoot(ctx.services.storage, self, value);
  },

  // Recorded for clients; caching happens only with a local cache SR, which these hosts do not have (as in xapi without one).
  async set_allow_caching(ctx: CallContext, self: string, value: boolean) {
    ctx.services.storage.assertNotInUse(self, 'set_allow_caching');
    ctx.services.db.update('VDI', self, { allow_caching: value });
  },
};
