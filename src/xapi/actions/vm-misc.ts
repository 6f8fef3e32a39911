// VM.send_sysrq, send_trigger, the NVRAM setters, shadow memory, the memory
// target, guest plugins and services, agility, quiesced snapshots, device
// model restarts, the vendor device, blobs and the deprecated boot record and
// cooperativeness: xapi's checks, and xenopsd where the running guest is
// concerned.
import { apiError } from '../../datamodel/api-error.js';
import type { VMRecord } from '../../generated/api-types.js';
import { parseSysrqKey, parseTrigger } from '../../idl/vm-signals.js';
import type { CallContext } from '../context.js';
import { withOperation } from '../lifecycle/operations.js';
import { uuidOf } from '../lifecycle/vm-push.js';
import { overheadOf } from '../vm-config/memory-limits.js';
import { linkOf, runXenopsTask } from '../xenops/run-task.js';
import { fromXenopsError } from '../xenops/errors.js';
import { poolMigrate } from './migrate-local.js';
import { assertAgile } from '../vm-config/agility.js';
import { checkNvram } from '../vm-config/nvram.js';
import { createNewBlob } from './blob.js';

type Smap = Readonly<Record<string, string>>;

const vmRecord = (ctx: CallContext, vm: string): VMRecord => ctx.services.db.get('VM', vm);

/** xenops' rule (see xenops/config.ts): a VM is HVM unless its kernel is booted directly. */
const isHvm = (vm: VMRecord): boolean => !(vm.PV_kernel !== '' && vm.HVM_boot_policy === '');

/** xapi's check of a shadow multiplier: at least 1. */
function checkShadowMultiplier(field: string, value: number): void {
  if (!(value >= 1)) throw apiError('INVALID_VALUE', { field, value: String(value) });
}

/** How close memory_actual must come to the target (the balloon works in whole MiB). */
const TARGET_TOLERANCE_BYTES = 1 << 20;
/** How long wait_memory_target_live waits (xapi's wait_memory_target_timeout). */
export const WAIT_MEMORY_TARGET_TIMEOUT_S = 256;
const WAIT_POLL_MS = 200;

async function setNvram(ctx: CallContext, vm: string, nvram: (old: Smap) => Smap): Promise<void> {
  await withOperation(ctx, 'VM', vm, 'changing_NVRAM', async () => {
    const value = nvram(vmRecord(ctx, vm).NVRAM);
    checkNvram(value);
    ctx.services.db.update('VM', vm, { NVRAM: value });
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export const vmMiscActions = {
  async send_sysrq(ctx: CallContext, vm: string, key: string) {
    await withOperation(ctx, 'VM', vm, 'send_sysrq', async () => {
      parseSysrqKey(key);
      const id = uuidOf(ctx, vm);
      await runXenopsTask(ctx, (x, dbg) => x.call('VM.send_sysrq', { dbg, id, key }), {
        touches: [{ vm: id }],
      });
    });
  },

  async send_trigger(ctx: CallContext, vm: string, trigger: string) {
    await withOperation(ctx, 'VM', vm, 'send_trigger', async () => {
      const t = parseTrigger(trigger);
      const id = uuidOf(ctx, vm);
      await runXenopsTask(ctx, (x, dbg) => x.call('VM.send_trigger', { dbg, id, trigger: t }), {
        touches: [{ vm: id }],
      });
    });
  },

  async set_NVRAM(ctx: CallContext, self: string, value: Smap) {
    await setNvram(ctx, self, () => value);
  },
  async add_to_NVRAM(ctx: CallContext, self: string, key: string, value: string) {
    await setNvram(ctx, self, (old) => ({ ...old, [key]: value }));
  },
  async remove_from_NVRAM(ctx: CallContext, self: string, key: string) {
    await setNvram(ctx, self, (old) => Object.fromEntries(Object.entries(old).filter(([k]) => k !== key)));
  },

  async query_services(ctx: CallContext, self: string) {
    const row = vmRecord(ctx, self);
    if (!row.is_control_domain && row.other_config['is_system_domain'] !== 'true')
      throw apiError('OPERATION_NOT_ALLOWED', { reason: 'Query_services only valid for system domains' });
    // A system domain advertises its services in its xenstore `service` tree;
    // this host's only system domain, the control domain, advertises none.
    return {};
  },

  async call_plugin(ctx: CallContext, vm: string, plugin: string, fn: string, _args: Smap) {
    // xapi knows one plugin, the guest agent's; its functions ask a Windows
    // guest to switch Remote Desktop on or off.
    if (plugin !== 'guest-agent-operation') throw apiError('XENAPI_MISSING_PLUGIN', { name: plugin });
    if (fn !== 'request-rdp-on' && fn !== 'request-rdp-off') {
      const msg = `The requested fn "${fn}" could not be found in plugin "${plugin}".`;
      throw apiError('XENAPI_PLUGIN_FAILURE', { status: 'failed to find fn', stdout: msg, stderr: msg });
    }
    return withOperation(ctx, 'VM', vm, 'call_plugin', async () => {
      // The request goes through the guest agent's `control/ts` key, which only
      // a guest that advertises feature-ts2 reads; no guest of this toolstack's
      // backends has that channel.
      throw apiError('VM_LACKS_FEATURE', { vm });
    });
  },

  async get_boot_record(ctx: CallContext, self: string) {
    // Deprecated: xapi no longer keeps the boot-time record and answers the current one.
    return vmRecord(ctx, self);
  },

  async get_cooperative(ctx: CallContext, self: string) {
    vmRecord(ctx, self);
    // Deprecated: without a memory-squeezing daemon every VM counts as cooperative, as in xapi.
    return true;
  },

  async set_shadow_multiplier_live(ctx: CallContext, self: string, multiplier: number) {
    await withOperation(ctx, 'VM', self, 'changing_shadow_memory_live', async () => {
      checkShadowMultiplier('multiplier', multiplier);
      const row = vmRecord(ctx, self);
      if (!isHvm(row)) throw apiError('VM_HVM_REQUIRED', { vm: self });
      const id = row.uuid;
      await runXenopsTask(ctx, (x, dbg) => x.call('VM.set_shadow_multiplier', { dbg, id, multiplier }), {
        touches: [{ vm: id }],
      });
      const { db } = ctx.services;
      db.update('VM', self, { HVM_shadow_multiplier: multiplier });
      db.update('VM', self, { memory_overhead: overheadOf(vmRecord(ctx, self)) });
    });
  },

  async set_HVM_shadow_multiplier(ctx: CallContext, self: string, value: number) {
    await withOperation(ctx, 'VM', self, 'changing_shadow_memory', async () => {
      checkShadowMultiplier('value', value);
      const { db } = ctx.services;
      db.update('VM', self, { HVM_shadow_multiplier: value });
      db.update('VM', self, { memory_overhead: overheadOf(vmRecord(ctx, self)) });
    });
  },

  async set_memory_target_live(ctx: CallContext, self: string, target: number) {
    await withOperation(ctx, 'VM', self, 'changing_memory_live', async () => {
      const row = vmRecord(ctx, self);
      if (!(row.memory_dynamic_min <= target && target <= row.memory_dynamic_max))
        throw apiError('MEMORY_CONSTRAINT_VIOLATION_ORDER', {});
      // The balloon is pinned at the target: xenopsd's range collapsed onto it.
      const id = row.uuid;
      await runXenopsTask(
        ctx,
        (x, dbg) => x.call('VM.set_memory_dynamic_range', { dbg, id, min: target, max: target }),
        { touches: [{ vm: id }] },
      );
      ctx.services.db.update('VM', self, { memory_target: target });
    });
  },

  async wait_memory_target_live(ctx: CallContext, self: string) {
    await withOperation(ctx, 'VM', self, 'awaiting_memory_live', async () => {
      const link = linkOf(ctx);
      const id = uuidOf(ctx, self);
      const deadline = Date.now() + WAIT_MEMORY_TARGET_TIMEOUT_S * 1000;
      const task = ctx.task?.ref ?? '';
      for (;;) {
        if (ctx.signal.aborted) throw apiError('TASK_CANCELLED', { task });
        let state;
        try {
          [, state] = await link.client.call('VM.stat', { dbg: ctx.method, id });
        } catch (e) {
          throw fromXenopsError(e, ctx.task?.ref);
        }
        if (Math.abs(state.memory_actual - state.memory_target) <= TARGET_TOLERANCE_BYTES) return;
        if (Date.now() >= deadline) throw apiError('VM_MEMORY_TARGET_WAIT_TIMEOUT', { task });
        await sleep(WAIT_POLL_MS, ctx.signal);
      }
    });
  },

  async snapshot_with_quiesce(ctx: CallContext, vm: string, _newName: string): Promise<string> {
    // The operation check answers VM_SNAPSHOT_WITH_QUIESCE_NOT_SUPPORTED: no guest has a VSS agent here.
    return withOperation(ctx, 'VM', vm, 'snapshot_with_quiesce', async () => {
      throw apiError('VM_SNAPSHOT_WITH_QUIESCE_NOT_SUPPORTED', { vm });
    });
  },

  async restart_device_models(ctx: CallContext, self: string) {
    // As xapi: a migration of the VM to its own host, which gives it new device models.
    const row = vmRecord(ctx, self);
    if (row.is_a_template) throw apiError('VM_IS_TEMPLATE', { vm: self, operation: 'pool_migrate' });
    if (row.power_state !== 'Running')
      throw apiError('VM_BAD_POWER_STATE', {
        vm: self,
        expected: 'running',
        actual: row.power_state.toLowerCase(),
      });
    await poolMigrate(ctx, self, row.resident_on, {});
  },

  async set_has_vendor_device(ctx: CallContext, self: string, value: boolean) {
    const { db } = ctx.services;
    const row = vmRecord(ctx, self);
    if (row.power_state !== 'Halted')
      throw apiError('VM_BAD_POWER_STATE', {
        vm: self,
        expected: 'halted',
        actual: row.power_state.toLowerCase(),
      });
    // the vendor device needs version 2 of the virtual hardware platform
    const version = value ? Math.max(row.hardware_platform_version, 2) : row.hardware_platform_version;
    db.update('VM', self, { has_vendor_device: value, hardware_platform_version: version });
  },

  async assert_agile(ctx: CallContext, self: string) {
    assertAgile(ctx.services.db, self);
  },

  async create_new_blob(ctx: CallContext, vm: string, name: string, mimeType: string, isPublic: boolean) {
    return createNewBlob(ctx, 'VM', vm, name, mimeType, isPublic);
  },
};
