// VM.*: making VMs from VMs — clone, copy, snapshot, revert, provision — and
// removing them, with the bookkeeping messages around operations. Disk work
// goes through the VDI actions first; the records are written in one
// transaction after it, so a failure leaves no half-made VM.
import { randomUUID } from 'node:crypto';
import { apiError } from '../../datamodel/api-error.js';
import { NULL_REF } from '../../datamodel/build.js';
import type { Patch } from '../../db/typed.js';
import type { VBDRecord, VMRecord, VmOperations } from '../../generated/api-types.js';
import type { CallContext } from '../context.js';
import { assertOperation, refreshAllowed, withOperation } from '../lifecycle/operations.js';
import { serverFields } from '../records.js';
import { datapathOf } from '../lifecycle/vm-disks.js';
import { fromXenopsError } from '../xenops/errors.js';
import { vdiActions } from './vdi.js';
import { copyDevices, createVm, removeDevices, removeVm } from '../vm-copy/devices.js';
import { deriveDisks, destroyDisks, diskSources, type DiskOp } from '../vm-copy/disks.js';
import { parseDisks } from '../vm-copy/provision-xml.js';
import { takeCheckpoint, takeSnapshot } from '../vm-copy/snapshot.js';
import {
  freeDevices,
  freshGenerationId,
  isHvm,
  revertedConfiguration,
  VIF_DEVICES,
  vbdDeviceRange,
  vmConfiguration,
} from '../vm-copy/records.js';

/** Clone or copy: a new VM like `vm`, with derived disks and new MACs. */
async function duplicate(ctx: CallContext, vm: string, newName: string, op: DiskOp): Promise<string> {
  const { db } = ctx.services;
  const opName: VmOperations = op.kind === 'copy' ? 'copy' : 'clone';
  return withOperation(ctx, 'VM', vm, opName, async () => {
    const src = db.get('VM', vm);
    const disks = await deriveDisks(ctx, diskSources(ctx, src), op);
    try {
      const made = db.transaction(() => {
        const suspendVdi = disks.get(src.suspend_VDI);
        const config = vmConfiguration(src);
        const ref = createVm(db, {
          ...config,
          // Each clone derives its own MACs (VIF.create) from a fresh seed.
          other_config: { ...config.other_config, mac_seed: randomUUID() },
          name_label: newName,
          // A clone of a suspended snapshot resumes from its own copy of the image.
          power_state: suspendVdi !== undefined ? 'Suspended' : 'Halted',
          suspend_VDI: suspendVdi ?? NULL_REF,
          is_default_template: false,
          is_a_snapshot: false,
          snapshot_of: NULL_REF,
          parent: vm,
          generation_id: freshGenerationId(src.generation_id),
        });
        copyDevices(db, src, ref, disks, false);
        refreshAllowed(db, 'VM', ref);
        return ref;
      });
      ctx.task?.setProgress(1);
      return made;
    } catch (e) {
      await destroyDisks(ctx, disks.values());
      throw e;
    }
  });
}

/** A VDI no VBD uses any more, not part of the VM's suspend image. */
function unused(ctx: CallContext, vdi: string): boolean {
  const row = ctx.services.db.find('VDI', vdi);
  return row !== undefined && row.VBDs.length === 0;
}

/** Take the VM's disks for provision: each disk's SR (by uuid, "" for the pool's default). */
function provisionSr(ctx: CallContext, uuid: string): string {
  const { db, pool } = ctx.services;
  if (uuid === '') {
    const sr = db.get('pool', pool).default_SR;
    if (sr === NULL_REF || !db.has('SR', sr)) {
      throw apiError('INVALID_VALUE', {
        field: 'other_config:disks',
        value: 'sr="" but the pool has no default SR',
      });
    }
    return sr;
  }
  const sr = db.refByUuid('SR', uuid);
  if (sr === undefined) throw apiError('UUID_INVALID', { type: 'SR', uuid });
  return sr;
}

/**
 * power_state_reset is for VMs whose domain is gone (a lost host): a domain
 * that xenopsd still runs here is not forgotten behind its back.
 */
async function assertNoDomain(ctx: CallContext, vm: string): Promise<void> {
  const link = ctx.services.xenops;
  const row = ctx.services.db.get('VM', vm);
  const live = row.power_state === 'Running' || row.power_state === 'Paused';
  if (!link || !live || row.resident_on !== ctx.services.host) return;
  let state: string;
  try {
    const [, stat] = await link.client.call('VM.stat', {
      dbg: ctx.task?.ref ?? ctx.method,
      id: row.uuid,
    });
    state = String(stat.power_state);
  } catch (e) {
    if (fromXenopsError(e).code === 'XENOPS_DOES_NOT_EXIST') return;
    throw fromXenopsError(e);
  }
  if (state === 'Running' || state === 'Paused') {
    throw apiError('VM_BAD_POWER_STATE', { vm, expected: 'halted', actual: state.toLowerCase() });
  }
}

/** xenopsd forgets a destroyed VM, and with it what it kept for it (a UEFI VM's NVRAM). */
async function forgetInXenopsd(ctx: CallContext, vm: string): Promise<void> {
  const link = ctx.services.xenops;
  if (!link) return;
  try {
    await link.client.call('VM.remove', {
      dbg: ctx.task?.ref ?? ctx.method,
      id: ctx.services.db.get('VM', vm).uuid,
    });
  } catch (e) {
    if (fromXenopsError(e).code !== 'XENOPS_DOES_NOT_EXIST') throw fromXenopsError(e);
  }
}

export const vmCopyActions = {
  async clone(ctx: CallContext, vm: string, newName: string): Promise<string> {
    return duplicate(ctx, vm, newName, { kind: 'clone' });
  },

  async copy(ctx: CallContext, vm: string, newName: string, sr: string): Promise<string> {
    if (sr !== NULL_REF) ctx.services.storage.attachedUuid(sr);
    return duplicate(ctx, vm, newName, { kind: 'copy', sr });
  },

  /**
   * A snapshot in any power state. A running VM's disks are snapshotted live,
   * without quiescing the guest: crash-consistent, like pulling the plug. A
   * suspended VM's snapshot keeps a copy of its memory image.
   */
  async snapshot(
    ctx: CallContext,
    vm: string,
    newName: string,
    ignoreVdis: readonly string[],
  ): Promise<string> {
    return withOperation(ctx, 'VM', vm, 'snapshot', () => takeSnapshot(ctx, vm, newName, ignoreVdis));
  },

  /** A snapshot with the memory: suspend, snapshot with a copy of the image, resume. */
  async checkpoint(ctx: CallContext, vm: string, newName: string): Promise<string> {
    return withOperation(ctx, 'VM', vm, 'checkpoint', () => takeCheckpoint(ctx, vm, newName));
  },

  async revert(ctx: CallContext, snapshot: string): Promise<void> {
    const { db } = ctx.services;
    return withOperation(ctx, 'VM', snapshot, 'revert', async () => {
      const snap = db.get('VM', snapshot);
      const vm = snap.snapshot_of;
      if (vm === NULL_REF || !db.has('VM', vm)) throw apiError('VM_REVERT_FAILED', { vm, snapshot });
      // Starting and stopping belong to the power lifecycle: the VM must be down already.
      const state = db.get('VM', vm).power_state;
      if (state !== 'Halted' && state !== 'Suspended') {
        throw apiError('VM_BAD_POWER_STATE', {
          vm,
          expected: 'halted, suspended',
          actual: state.toLowerCase(),
        });
      }
      await withOperation(ctx, 'VM', vm, 'reverting', async () => {
        const disks = await deriveDisks(ctx, diskSources(ctx, snap), { kind: 'clone' });
        let old: string[] = [];
        try {
          old = db.transaction(() => {
            const row = db.get('VM', vm);
            const before = row.VBDs.map((v) => db.find('VBD', v))
              .filter((v): v is VBDRecord => v !== undefined && v.type !== 'CD')
              .map((v) => v.VDI)
              .filter((v) => v !== NULL_REF);
            const suspend = row.suspend_VDI;
            if (suspend !== NULL_REF) before.push(suspend);
            removeDevices(db, vm);
            const suspendVdi = disks.get(snap.suspend_VDI);
            const fields: Patch<VMRecord> = {
              ...revertedConfiguration(snap),
              power_state: suspendVdi !== undefined ? 'Suspended' : 'Halted',
              suspend_VDI: suspendVdi ?? NULL_REF,
              parent: snapshot,
              version: row.version + 1,
              generation_id: freshGenerationId(snap.generation_id),
            };
            db.update('VM', vm, fields);
            copyDevices(db, snap, vm, disks, true);
            return before;
          });
        } catch (e) {
          await destroyDisks(ctx, disks.values());
          throw e;
        }
        // The VM's former disks go, unless something else still uses them.
        await destroyDisks(
          ctx,
          old.filter((v) => unused(ctx, v)),
        );
        ctx.task?.setProgress(1);
      });
    });
  },

  async provision(ctx: CallContext, vm: string): Promise<void> {
    const { db } = ctx.services;
    return withOperation(ctx, 'VM', vm, 'provision', async () => {
      const row = db.get('VM', vm);
      const other = row.other_config;
      const specs = other.disks === undefined ? [] : parseDisks(other.disks);
      const used = new Set(row.VBDs.map((v) => db.find('VBD', v)?.userdevice ?? ''));
      const clash = specs.find((d) => used.has(d.device));
      if (clash) {
        throw apiError('INVALID_VALUE', {
          field: 'other_config:disks',
          value: `device ${clash.device} is in use`,
        });
      }
      const disks = specs.map((spec) => ({ spec, sr: provisionSr(ctx, spec.sr), vdi: NULL_REF }));
      const made: string[] = [];
      try {
        for (const [i, d] of disks.entries()) {
          ctx.task?.checkCancelled();
          d.vdi = await vdiActions.create(ctx, {
            SR: d.sr,
            virtual_size: d.spec.size,
            type: d.spec.type,
            name_label: row.name_label,
            name_description: 'Created by template provisioner',
            sharable: false,
            read_only: false,
            other_config: {},
            xenstore_data: {},
            sm_config: {},
            tags: [],
          });
          made.push(d.vdi);
          ctx.task?.setProgress((0.9 * (i + 1)) / specs.length);
        }
        db.transaction(() => {
          for (const { spec, vdi } of disks) {
            db.create(
              'VBD',
              serverFields('VBD', {
                VM: vm,
                VDI: vdi,
                userdevice: spec.device,
                device: '',
                bootable: spec.bootable,
                mode: 'RW',
                type: 'Disk',
                unpluggable: true,
                empty: false,
                // xapi marks disks the VM owns: uninstalling the VM removes them.
                other_config: { owner: '' },
                currently_attached: false,
                qos_algorithm_type: '',
                qos_algorithm_params: {},
              }),
            );
          }
          const rest: Record<string, string> = { ...other };
          delete rest.disks;
          db.update('VM', vm, { other_config: rest, is_a_template: false });
        });
      } catch (e) {
        await destroyDisks(ctx, made);
        throw e;
      }
    });
  },

  async destroy(ctx: CallContext, self: string): Promise<void> {
    return withOperation(ctx, 'VM', self, 'destroy', async () => {
      await forgetInXenopsd(ctx, self);
      removeVm(ctx.services.db, self);
    });
  },

  async power_state_reset(ctx: CallContext, vm: string): Promise<void> {
    const { db } = ctx.services;
    return withOperation(ctx, 'VM', vm, 'power_state_reset', async () => {
      await assertNoDomain(ctx, vm);
      const row = db.get('VM', vm);
      const suspend = row.suspend_VDI;
      db.transaction(() => {
        for (const d of row.VBDs) if (db.has('VBD', d)) db.update('VBD', d, { currently_attached: false });
        for (const d of row.VIFs) if (db.has('VIF', d)) db.update('VIF', d, { currently_attached: false });
        for (const c of row.consoles) if (db.has('console', c)) db.destroy('console', c);
        db.update('VM', vm, {
          power_state: 'Halted',
          resident_on: NULL_REF,
          scheduled_to_be_resident_on: NULL_REF,
          domid: -1,
          suspend_VDI: NULL_REF,
          requires_reboot: false,
        });
        const m = row.metrics;
        if (m !== NULL_REF && db.has('VM_metrics', m)) {
          db.update('VM_metrics', m, { memory_actual: 0, VCPUs_number: 0, state: [] });
        }
      });
      // The disks the VM's datapaths held are released, so that they can be used again.
      const uuid = row.uuid;
      for (const vbd of row.VBDs) {
        const r = db.find('VBD', vbd);
        if (!r || r.VDI === NULL_REF || !db.has('VDI', r.VDI)) continue;
        const vdi = r.VDI;
        const dp = datapathOf(uuid, r);
        await ctx.services.storage.deactivate(vdi, dp).catch(() => undefined);
        await ctx.services.storage.detach(vdi, dp).catch(() => undefined);
      }
      // A Halted VM has no memory image: a suspend image nothing else uses is removed.
      if (suspend !== NULL_REF && unused(ctx, suspend)) await destroyDisks(ctx, [suspend]);
    });
  },

  async get_allowed_VBD_devices(ctx: CallContext, vm: string): Promise<readonly string[]> {
    const { db } = ctx.services;
    const row = db.get('VM', vm);
    const gm = db.find('VM_guest_metrics', row.guest_metrics);
    const count = vbdDeviceRange(isHvm(row), gm?.PV_drivers_detected === true);
    return freeDevices(
      count,
      row.VBDs.map((v) => db.find('VBD', v)?.userdevice ?? ''),
    );
  },

  async get_allowed_VIF_devices(ctx: CallContext, vm: string): Promise<readonly string[]> {
    const { db } = ctx.services;
    const row = db.get('VM', vm);
    return freeDevices(
      VIF_DEVICES,
      row.VIFs.map((v) => db.find('VIF', v)?.device ?? ''),
    );
  },

  async assert_operation_valid(ctx: CallContext, self: string, op: VmOperations): Promise<void> {
    assertOperation(ctx.services.db, 'VM', self, op);
  },

  async update_allowed_operations(ctx: CallContext, self: string): Promise<void> {
    refreshAllowed(ctx.services.db, 'VM', self);
  },
};
