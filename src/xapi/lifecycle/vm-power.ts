// The VM power lifecycle through xenopsd: attach the disks through the
// storage manager, give xenopsd the configuration, run its task (progress
// and cancellation passed through), and read the resulting state back.
import { ApiError, apiError } from '../../datamodel/api-error.js';
import { NULL_REF } from '../../datamodel/build.js';
import type { VBDRecord } from '../../generated/api-types.js';
import type { CallContext } from '../context.js';
import { vdiActions } from '../actions/vdi.js';
import { vbdConfig, vbdName, vifConfig, vmConfig, type AttachedDisk } from '../xenops/config.js';
import type { XenopsLink } from '../xenops/link.js';
import { refreshAllowed, withOperation } from './operations.js';

export function linkOf(ctx: CallContext): XenopsLink {
  const link = ctx.services.xenops;
  if (!link)
    throw apiError('OPERATION_NOT_ALLOWED', { reason: 'this host has no VM manager (xenopsd) configured' });
  return link;
}

export const dbg = (ctx: CallContext): string => ctx.task?.ref ?? ctx.method;
const uuidOf = (ctx: CallContext, vm: string): string => String(ctx.services.db.get('VM', vm)['uuid']);
const devicesOf = (ctx: CallContext, vm: string, cls: 'VBDs' | 'VIFs'): readonly string[] =>
  (ctx.services.db.get('VM', vm)[cls] as readonly string[]) ?? [];

/** The datapath a VBD uses for its disk, as xapi names them. */
export function datapathOf(vmUuid: string, vbd: Pick<VBDRecord, 'userdevice'>): string {
  return `vbd/${vmUuid}/${vbdName(vbd)}`;
}

/** Attach and activate one VBD's disk; undefined for an empty drive. */
export async function attachVbd(
  ctx: Pick<CallContext, 'services'>,
  vmUuid: string,
  vbd: string,
): Promise<AttachedDisk | undefined> {
  const { db, storage } = ctx.services;
  const row = db.get('VBD', vbd);
  const vdi = row['VDI'];
  if (row['empty'] === true || typeof vdi !== 'string' || vdi === NULL_REF) return undefined;
  const dp = datapathOf(vmUuid, row);
  const info = await storage.attach(vdi, dp, row['mode'] !== 'RO');
  await storage.activate(vdi, dp);
  return { path: info.path, format: info.format };
}

/** Deactivate and detach one VBD's disk, best effort (the VM is gone either way). */
async function detachVbd(ctx: Pick<CallContext, 'services'>, vmUuid: string, vbd: string): Promise<void> {
  const { db, storage } = ctx.services;
  const row = db.find('VBD', vbd);
  const vdi = row?.['VDI'];
  if (!row || typeof vdi !== 'string' || vdi === NULL_REF || !db.has('VDI', vdi)) return;
  const dp = datapathOf(vmUuid, row);
  await storage.deactivate(vdi, dp).catch(() => undefined);
  await storage.detach(vdi, dp).catch(() => undefined);
}

/** Release every disk of a VM that is not running (also after a crash, when xapi learns of it late). */
export async function detachAll(ctx: Pick<CallContext, 'services'>, vm: string): Promise<void> {
  const row = ctx.services.db.find('VM', vm);
  if (!row) return;
  const uuid = String(row['uuid']);
  for (const vbd of (row['VBDs'] as readonly string[]) ?? []) await detachVbd(ctx, uuid, vbd);
}

export function bridgeOf(ctx: Pick<CallContext, 'services'>, network: unknown): string {
  const row = typeof network === 'string' ? ctx.services.db.find('network', network) : undefined;
  return String(row?.['bridge'] ?? '');
}

/** Tell xenopsd the VM's configuration and devices, attaching every disk. */
async function pushConfig(ctx: CallContext, vm: string): Promise<void> {
  const link = linkOf(ctx);
  const { db } = ctx.services;
  const row = db.get('VM', vm);
  const uuid = String(row['uuid']);
  await link.client.call('VM.add', { dbg: dbg(ctx), vm: vmConfig(row) });
  for (const vbd of devicesOf(ctx, vm, 'VBDs')) {
    const disk = await attachVbd(ctx, uuid, vbd);
    await link.client.call('VBD.add', { dbg: dbg(ctx), vbd: vbdConfig(uuid, db.get('VBD', vbd), disk) });
  }
  for (const vif of devicesOf(ctx, vm, 'VIFs')) {
    const v = db.get('VIF', vif);
    await link.client.call('VIF.add', {
      dbg: dbg(ctx),
      vif: vifConfig(uuid, v, bridgeOf(ctx, v['network'])),
    });
  }
}

/** Run a xenops lifecycle call and wait for its task, under the XenAPI call's task. */
export async function run(ctx: CallContext, start: () => Promise<string>): Promise<void> {
  const id = await start();
  await linkOf(ctx).waitTask(id, { task: ctx.task, signal: ctx.signal });
}

async function refresh(ctx: CallContext, vm: string): Promise<void> {
  await linkOf(ctx).refreshVm(uuidOf(ctx, vm));
}

export async function startVm(
  ctx: CallContext,
  vm: string,
  startPaused: boolean,
  force: boolean,
): Promise<void> {
  const link = linkOf(ctx);
  await withOperation(ctx, 'VM', vm, 'start', async () => {
    const uuid = uuidOf(ctx, vm);
    try {
      await pushConfig(ctx, vm);
      await run(ctx, () =>
        link.client.call('VM.start', { dbg: dbg(ctx), id: uuid, paused: true }).then(String),
      );
      if (!startPaused)
        await run(ctx, () => link.client.call('VM.unpause', { dbg: dbg(ctx), id: uuid }).then(String));
      void force;
      await refresh(ctx, vm);
    } catch (e) {
      // A start that failed or was cancelled leaves the VM halted with its disks detached.
      await refresh(ctx, vm).catch(() => undefined);
      if (ctx.services.db.get('VM', vm)['power_state'] === 'Halted') await detachAll(ctx, vm);
      throw e;
    }
  });
}

async function haltedAfter(ctx: CallContext, vm: string): Promise<void> {
  await refresh(ctx, vm);
  if (ctx.services.db.get('VM', vm)['power_state'] === 'Halted') await detachAll(ctx, vm);
}

export async function shutdownVm(
  ctx: CallContext,
  vm: string,
  mode: 'clean' | 'hard' | 'any',
): Promise<void> {
  const link = linkOf(ctx);
  const { db } = ctx.services;
  const op = mode === 'clean' ? 'clean_shutdown' : mode === 'hard' ? 'hard_shutdown' : 'shutdown';
  await withOperation(ctx, 'VM', vm, op, async () => {
    const uuid = uuidOf(ctx, vm);
    if (db.get('VM', vm)['power_state'] === 'Suspended') {
      // Nothing runs: dropping the saved state is all there is to do.
      await dropSuspendImage(ctx, vm);
      db.update('VM', vm, { power_state: 'Halted' });
      refreshAllowed(db, 'VM', vm);
      return;
    }
    const delay = ctx.services.cleanShutdownTimeoutS;
    try {
      if (mode === 'hard') {
        await run(ctx, () => link.client.call('VM.shutdown', { dbg: dbg(ctx), id: uuid }).then(String));
      } else {
        try {
          await run(ctx, () =>
            link.client.call('VM.shutdown', { dbg: dbg(ctx), id: uuid, delay }).then(String),
          );
        } catch (e) {
          if (mode === 'clean' || (e instanceof ApiError && e.code === 'TASK_CANCELLED')) throw e;
          await run(ctx, () => link.client.call('VM.shutdown', { dbg: dbg(ctx), id: uuid }).then(String));
        }
      }
    } finally {
      await haltedAfter(ctx, vm);
    }
  });
}

export async function rebootVm(ctx: CallContext, vm: string, clean: boolean): Promise<void> {
  const link = linkOf(ctx);
  await withOperation(ctx, 'VM', vm, clean ? 'clean_reboot' : 'hard_reboot', async () => {
    const uuid = uuidOf(ctx, vm);
    const delay = ctx.services.cleanShutdownTimeoutS;
    try {
      await run(ctx, () =>
        link.client.call('VM.reboot', { dbg: dbg(ctx), id: uuid, ...(clean ? { delay } : {}) }).then(String),
      );
    } finally {
      await refresh(ctx, vm);
    }
  });
}

export async function pauseVm(ctx: CallContext, vm: string, pause: boolean): Promise<void> {
  const link = linkOf(ctx);
  await withOperation(ctx, 'VM', vm, pause ? 'pause' : 'unpause', async () => {
    const id = uuidOf(ctx, vm);
    try {
      await run(ctx, () =>
        link.client.call(pause ? 'VM.pause' : 'VM.unpause', { dbg: dbg(ctx), id }).then(String),
      );
    } finally {
      await refresh(ctx, vm);
    }
  });
}

/** The SR for suspend images: the pool's suspend_image_SR, else its default SR. */
export function suspendSr(ctx: CallContext): string {
  const pool = ctx.services.db.get('pool', ctx.services.pool);
  const sr = [pool['suspend_image_SR'], pool['default_SR']].find(
    (x) => typeof x === 'string' && x !== NULL_REF,
  );
  if (typeof sr !== 'string' || !ctx.services.db.has('SR', sr)) {
    throw apiError('OPERATION_NOT_ALLOWED', { reason: 'the pool has no SR for suspend images' });
  }
  return sr;
}

async function dropSuspendImage(ctx: CallContext, vm: string): Promise<void> {
  const { db } = ctx.services;
  const vdi = db.get('VM', vm)['suspend_VDI'];
  db.update('VM', vm, { suspend_VDI: NULL_REF });
  if (typeof vdi === 'string' && vdi !== NULL_REF && db.has('VDI', vdi)) await vdiActions.destroy(ctx, vdi);
}

const suspendDp = (uuid: string): string => `suspend/${uuid}`;

export async function suspendVm(ctx: CallContext, vm: string): Promise<void> {
  await withOperation(ctx, 'VM', vm, 'suspend', () => suspendNow(ctx, vm));
}

/** The suspend itself, inside an operation already registered (suspend, checkpoint). */
export async function suspendNow(ctx: CallContext, vm: string): Promise<void> {
  const link = linkOf(ctx);
  const { db, storage } = ctx.services;
  {
    const row = db.get('VM', vm);
    const uuid = String(row['uuid']);
    // Memory plus room for the device state.
    const size = Number(row['memory_static_max']) + 64 * 1024 * 1024;
    const vdi = await vdiActions.create(ctx, {
      SR: suspendSr(ctx),
      virtual_size: size,
      type: 'suspend',
      sharable: false,
      read_only: false,
      other_config: {},
      // The hypervisor writes the image as a plain byte stream.
      sm_config: { 'image-format': 'raw' },
      name_label: `Suspend image of ${String(row['name_label'])}`,
    });
    const dp = suspendDp(uuid);
    try {
      const info = await storage.attach(vdi, dp, true);
      await storage.activate(vdi, dp);
      await run(ctx, () =>
        link.client.call('VM.suspend', { dbg: dbg(ctx), id: uuid, disk: ['Local', info.path] }).then(String),
      );
      db.update('VM', vm, { suspend_VDI: vdi, power_state: 'Suspended' });
    } catch (e) {
      await refresh(ctx, vm).catch(() => undefined);
      await storage.deactivate(vdi, dp).catch(() => undefined);
      await storage.detach(vdi, dp).catch(() => undefined);
      if (db.get('VM', vm)['power_state'] !== 'Suspended')
        await vdiActions.destroy(ctx, vdi).catch(() => undefined);
      throw e;
    }
    await storage.deactivate(vdi, dp).catch(() => undefined);
    await storage.detach(vdi, dp).catch(() => undefined);
    await detachAll(ctx, vm);
    await refresh(ctx, vm);
  }
}

export async function resumeVm(ctx: CallContext, vm: string, startPaused: boolean): Promise<void> {
  await withOperation(ctx, 'VM', vm, 'resume', () => resumeNow(ctx, vm, startPaused));
}

/** The resume itself, inside an operation already registered (resume, checkpoint). */
export async function resumeNow(ctx: CallContext, vm: string, startPaused: boolean): Promise<void> {
  const link = linkOf(ctx);
  const { db, storage } = ctx.services;
  {
    const uuid = uuidOf(ctx, vm);
    const vdi = db.get('VM', vm)['suspend_VDI'];
    if (typeof vdi !== 'string' || vdi === NULL_REF || !db.has('VDI', vdi)) {
      throw apiError('OPERATION_NOT_ALLOWED', { reason: 'the VM has no suspend image' });
    }
    const dp = suspendDp(uuid);
    try {
      await pushConfig(ctx, vm);
      const info = await storage.attach(vdi, dp, false);
      await storage.activate(vdi, dp);
      await run(ctx, () =>
        link.client.call('VM.resume', { dbg: dbg(ctx), id: uuid, disk: ['Local', info.path] }).then(String),
      );
      db.update('VM', vm, { power_state: 'Paused' });
      if (!startPaused)
        await run(ctx, () => link.client.call('VM.unpause', { dbg: dbg(ctx), id: uuid }).then(String));
    } catch (e) {
      await storage.deactivate(vdi, dp).catch(() => undefined);
      await storage.detach(vdi, dp).catch(() => undefined);
      await refresh(ctx, vm).catch(() => undefined);
      if (db.get('VM', vm)['power_state'] === 'Suspended') await detachAll(ctx, vm);
      throw e;
    }
    await storage.deactivate(vdi, dp).catch(() => undefined);
    await storage.detach(vdi, dp).catch(() => undefined);
    await refresh(ctx, vm);
    await dropSuspendImage(ctx, vm);
  }
}

export async function setVcpusLive(ctx: CallContext, vm: string, n: number): Promise<void> {
  const link = linkOf(ctx);
  const { db } = ctx.services;
  await withOperation(ctx, 'VM', vm, 'changing_VCPUs_live', async () => {
    const max = Number(db.get('VM', vm)['VCPUs_max']);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      throw apiError('INVALID_VALUE', { field: 'nvcpu', value: String(n) });
    }
    const id = uuidOf(ctx, vm);
    try {
      await run(ctx, () => link.client.call('VM.set_vcpus', { dbg: dbg(ctx), id, n }).then(String));
      db.update('VM', vm, { VCPUs_at_startup: n });
    } finally {
      await refresh(ctx, vm);
    }
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
    const smin = Number(row['memory_static_min']);
    const smax = Number(row['memory_static_max']);
    if (!(smin <= min && min <= max && max <= smax)) {
      throw apiError('INVALID_VALUE', { field: 'memory_dynamic_min/max', value: `${min}, ${max}` });
    }
    if (row['power_state'] === 'Running') {
      const link = linkOf(ctx);
      const id = String(row['uuid']);
      await run(ctx, () =>
        link.client.call('VM.set_memory_dynamic_range', { dbg: dbg(ctx), id, min, max }).then(String),
      );
    }
    db.update('VM', vm, { memory_dynamic_min: min, memory_dynamic_max: max });
  });
}

/** VBD.plug / unplug / unplug_force: hotplug on a running VM. */
export async function plugVbd(ctx: CallContext, vbd: string, plug: boolean, force = false): Promise<void> {
  const link = linkOf(ctx);
  const { db } = ctx.services;
  await withOperation(ctx, 'VBD', vbd, plug ? 'plug' : force ? 'unplug_force' : 'unplug', async () => {
    const row = db.get('VBD', vbd);
    const vm = String(row['VM']);
    const uuid = uuidOf(ctx, vm);
    const id: [string, string] = [uuid, vbdName(row)];
    try {
      if (plug) {
        const disk = await attachVbd(ctx, uuid, vbd);
        await link.client.call('VBD.add', { dbg: dbg(ctx), vbd: vbdConfig(uuid, row, disk) });
        await run(ctx, () => link.client.call('VBD.plug', { dbg: dbg(ctx), id }).then(String));
      } else {
        await run(ctx, () => link.client.call('VBD.unplug', { dbg: dbg(ctx), id, force }).then(String));
        await detachVbd(ctx, uuid, vbd);
      }
    } finally {
      await link.refreshDevice('VBD', uuid, id[1]);
    }
  });
}

export async function plugVif(ctx: CallContext, vif: string, plug: boolean, force = false): Promise<void> {
  const link = linkOf(ctx);
  const { db } = ctx.services;
  await withOperation(ctx, 'VIF', vif, plug ? 'plug' : 'unplug', async () => {
    const row = db.get('VIF', vif);
    const uuid = uuidOf(ctx, String(row['VM']));
    const id: [string, string] = [uuid, String(row['device'])];
    try {
      if (plug) {
        await link.client.call('VIF.add', {
          dbg: dbg(ctx),
          vif: vifConfig(uuid, row, bridgeOf(ctx, row['network'])),
        });
        await run(ctx, () => link.client.call('VIF.plug', { dbg: dbg(ctx), id }).then(String));
      } else {
        await run(ctx, () => link.client.call('VIF.unplug', { dbg: dbg(ctx), id, force }).then(String));
      }
    } finally {
      await link.refreshDevice('VIF', uuid, id[1]);
    }
  });
}

/** VBD.insert / eject on a CD drive of a running VM (a halted VM only changes its record). */
export async function changeMedia(ctx: CallContext, vbd: string, vdi: string | undefined): Promise<void> {
  const { db } = ctx.services;
  await withOperation(ctx, 'VBD', vbd, vdi ? 'insert' : 'eject', async () => {
    const row = db.get('VBD', vbd);
    const vm = String(row['VM']);
    const running = db.get('VM', vm)['power_state'] === 'Running';
    const uuid = uuidOf(ctx, vm);
    const id: [string, string] = [uuid, vbdName(row)];
    if (running) {
      const link = linkOf(ctx);
      if (vdi) {
        db.update('VBD', vbd, { VDI: vdi, empty: false });
        const disk = await attachVbd(ctx, uuid, vbd);
        if (!disk) throw apiError('VBD_IS_EMPTY', { vbd });
        await run(ctx, () =>
          link.client.call('VBD.insert', { dbg: dbg(ctx), id, disk: ['Local', disk.path] }).then(String),
        );
      } else {
        await run(ctx, () => link.client.call('VBD.eject', { dbg: dbg(ctx), id }).then(String));
        await detachVbd(ctx, uuid, vbd);
      }
    }
    db.update('VBD', vbd, vdi ? { VDI: vdi, empty: false } : { VDI: NULL_REF, empty: true });
  });
}
