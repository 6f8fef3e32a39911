// Devices of a running VM changed through xenopsd: VBD.plug / unplug /
// unplug_force, VIF.plug / unplug, and VBD.insert / eject on a CD drive (a
// halted VM only changes its record).
import { apiError } from '../../datamodel/api-error.js';
import { NULL_REF } from '../../datamodel/build.js';
import type { CallContext } from '../context.js';
import { vbdConfig, vbdName, vifConfig } from '../xenops/config.js';
import { dbg, linkOf, runXenopsTask } from '../xenops/run-task.js';
import { withOperation } from './operations.js';
import { attachVbd, detachVbd } from './vm-disks.js';
import { uuidOf, vifNetworkOf } from './vm-push.js';

export async function plugVbd(ctx: CallContext, vbd: string, plug: boolean, force = false): Promise<void> {
  const { db } = ctx.services;
  await withOperation(ctx, 'VBD', vbd, plug ? 'plug' : force ? 'unplug_force' : 'unplug', async () => {
    const row = db.get('VBD', vbd);
    const vm = uuidOf(ctx, row.VM);
    const id: [string, string] = [vm, vbdName(row)];
    const touches = [{ device: 'VBD', vm, name: id[1] }] as const;
    if (plug) {
      const disk = await attachVbd(ctx, vm, vbd);
      await linkOf(ctx).client.call('VBD.add', { dbg: dbg(ctx), vbd: vbdConfig(vm, row, disk) });
      await runXenopsTask(ctx, (x, dbg) => x.call('VBD.plug', { dbg, id }), { touches });
    } else {
      await runXenopsTask(ctx, (x, dbg) => x.call('VBD.unplug', { dbg, id, force }), { touches });
      await detachVbd(ctx, vm, vbd);
    }
  });
}

export async function plugVif(ctx: CallContext, vif: string, plug: boolean, force = false): Promise<void> {
  const { db } = ctx.services;
  await withOperation(ctx, 'VIF', vif, plug ? 'plug' : 'unplug', async () => {
    const row = db.get('VIF', vif);
    const vm = uuidOf(ctx, row.VM);
    const id: [string, string] = [vm, row.device];
    const touches = [{ device: 'VIF', vm, name: id[1] }] as const;
    if (plug) {
      await linkOf(ctx).client.call('VIF.add', {
        dbg: dbg(ctx),
        vif: vifConfig(vm, row, vifNetworkOf(ctx, row.network)),
      });
      await runXenopsTask(ctx, (x, dbg) => x.call('VIF.plug', { dbg, id }), { touches });
    } else {
      await runXenopsTask(ctx, (x, dbg) => x.call('VIF.unplug', { dbg, id, force }), { touches });
    }
  });
}

export async function changeMedia(ctx: CallContext, vbd: string, vdi: string | undefined): Promise<void> {
  const { db } = ctx.services;
  await withOperation(ctx, 'VBD', vbd, vdi ? 'insert' : 'eject', async () => {
    const row = db.get('VBD', vbd);
    const vm = row.VM;
    const running = db.get('VM', vm).power_state === 'Running';
    const uuid = uuidOf(ctx, vm);
    const id: [string, string] = [uuid, vbdName(row)];
    if (running) {
      if (vdi) {
        db.update('VBD', vbd, { VDI: vdi, empty: false });
        const disk = await attachVbd(ctx, uuid, vbd);
        if (!disk) throw apiError('VBD_IS_EMPTY', { vbd });
        await runXenopsTask(ctx, (x, dbg) => x.call('VBD.insert', { dbg, id, disk: ['Local', disk.path] }));
      } else {
        await runXenopsTask(ctx, (x, dbg) => x.call('VBD.eject', { dbg, id }));
        await detachVbd(ctx, uuid, vbd);
      }
    }
    db.update('VBD', vbd, vdi ? { VDI: vdi, empty: false } : { VDI: NULL_REF, empty: true });
  });
}
