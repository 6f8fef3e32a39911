// Telling xenopsd a VM's configuration and devices before it starts or
// resumes, every disk attached through the storage manager first.
import type { CallContext } from '../context.js';
import { vbdConfig, vifConfig, vmConfig, type VifNetwork } from '../xenops/config.js';
import { dbg, linkOf } from '../xenops/run-task.js';
import { attachVbd } from './vm-disks.js';

/** What a VIF's xenops configuration needs of its network (its bridge and default locking mode). */
export function vifNetworkOf(ctx: Pick<CallContext, 'services'>, network: string): VifNetwork {
  const row = ctx.services.db.find('network', network);
  return { bridge: row?.bridge ?? '', default_locking_mode: row?.default_locking_mode ?? 'unlocked' };
}

const devicesOf = (ctx: CallContext, vm: string, cls: 'VBDs' | 'VIFs'): readonly string[] =>
  ctx.services.db.get('VM', vm)[cls];

/** Tell xenopsd the VM's configuration and devices, attaching every disk. */
export async function pushConfig(ctx: CallContext, vm: string): Promise<void> {
  const link = linkOf(ctx);
  const { db } = ctx.services;
  const row = db.get('VM', vm);
  const uuid = row.uuid;
  await link.client.call('VM.add', { dbg: dbg(ctx), vm: vmConfig(row) });
  // Halted: this is a start (a resume pushes a Suspended VM).
  const boot = row.power_state === 'Halted';
  for (const vbd of devicesOf(ctx, vm, 'VBDs')) {
    const disk = await attachVbd(ctx, uuid, vbd, { boot });
    await link.client.call('VBD.add', { dbg: dbg(ctx), vbd: vbdConfig(uuid, db.get('VBD', vbd), disk) });
  }
  for (const vif of devicesOf(ctx, vm, 'VIFs')) {
    const v = db.get('VIF', vif);
    await link.client.call('VIF.add', {
      dbg: dbg(ctx),
      vif: vifConfig(uuid, v, vifNetworkOf(ctx, v.network)),
    });
  }
}

/** A VM's uuid: its id in xenopsd. */
export const uuidOf = (ctx: Pick<CallContext, 'services'>, vm: string): string =>
  ctx.services.db.get('VM', vm).uuid;
