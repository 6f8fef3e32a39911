// VDI.resize_online, set_on_boot and set_allow_caching.
import { ApiError, apiError } from '../../datamodel/api-error.js';
import type { OnBoot } from '../../generated/api-types.js';
import type { CallContext } from '../context.js';
import { setOnBoot } from '../storage/on-boot.js';
import { resizeVdi } from '../storage/vdi-ops.js';
import { sectorAlign } from '../../storage/sizes.js';
import { vbdName } from '../xenops/config.js';
import { runXenopsTask } from '../xenops/run-task.js';

/** The VBDs by which running (or paused) VMs have the disk plugged. */
function runningUsers(ctx: CallContext, vdi: string): string[] {
  const { db } = ctx.services;
  return db.get('VDI', vdi).VBDs.filter((v) => {
    const vbd = db.find('VBD', v);
    if (!vbd?.currently_attached) return false;
    const state = db.find('VM', vbd.VM)?.power_state;
    return state === 'Running' || state === 'Paused';
  });
}

export const vdiMiscActions = {
  async resize_online(ctx: CallContext, vdi: string, size: number) {
    const { db, storage } = ctx.services;
    const row = db.get('VDI', vdi);
    if (!Number.isSafeInteger(size) || size < 0)
      throw apiError('INVALID_VALUE', { field: 'size', value: size });
    const users = runningUsers(ctx, vdi);
    if (users.length === 0) {
      // Nothing runs on it: the offline resize, as xapi's resize_online is.
      await resizeVdi(storage, vdi, size);
      return;
    }
    // The hypervisor has the image open (and locked): it grows it, and the guest sees the new size.
    if (row.read_only) throw apiError('VDI_READONLY', { vdi });
    if (users.length > 1) throw apiError('VDI_IN_USE', { vdi, operation: 'resize_online' });
    const bytes = sectorAlign(size);
    if (bytes < row.virtual_size) throw apiError('INVALID_VALUE', { field: 'size', value: size });
    const vbd = db.get('VBD', users[0] as string);
    const id: [string, string] = [db.get('VM', vbd.VM).uuid, vbdName(vbd)];
    try {
      await runXenopsTask(ctx, (x, dbg) => x.call('VBD.resize', { dbg, id, size: bytes }), {
        touches: [{ device: 'VBD', vm: id[0], name: id[1] }],
      });
    } catch (e) {
      // xapi's answer when the SR's plugin lacks VDI_RESIZE_ONLINE
      if (e instanceof ApiError && e.code === 'XENOPS_NOT_SUPPORTED')
        throw apiError('SR_OPERATION_NOT_SUPPORTED', { sr: row.SR });
      throw e;
    }
    await storage.sync(row.SR);
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
