// VM.set_VCPUs_*, crash action, boot mode, ordered start/stop fields, BIOS
// strings and the suspend image: the configuration a client sets on a VM it
// has just cloned, checked as xapi checks it.
import { apiError } from '../../datamodel/api-error.js';
import type { DomainType, OnCrashBehaviour, VMRecord } from '../../generated/api-types.js';
import type { CallContext } from '../context.js';
import { withOperation } from '../lifecycle/operations.js';
import { overheadOf } from '../vm-config/memory-limits.js';
import { biosStringsFor } from '../vm-config/bios-strings.js';

type Smap = Readonly<Record<string, string>>;

const vmRecord = (ctx: CallContext, vm: string): VMRecord => ctx.services.db.get('VM', vm);
const VCPU_RULE = 'VCPU values must satisfy: 0 < VCPUs_at_startup ≤ VCPUs_max';
/** xapi's boot policy of HVM guests. */
const HVM_BOOT_POLICY = 'BIOS order';

/** Write fields that the overhead depends on, and the overhead with them. */
function updateSizing(
  ctx: CallContext,
  vm: string,
  fields: Partial<Pick<VMRecord, 'VCPUs_max' | 'VCPUs_at_startup'>>,
): void {
  const { db } = ctx.services;
  db.transaction(() => {
    db.update('VM', vm, fields);
    db.update('VM', vm, { memory_overhead: overheadOf(vmRecord(ctx, vm)) });
  });
}

function nonNegative(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0)
    throw apiError('INVALID_VALUE', { field: `${field} must be non-negative`, value: String(value) });
}

export const vmConfigActions = {
  async set_VCPUs_max(ctx: CallContext, self: string, value: number) {
    await withOperation(ctx, 'VM', self, 'changing_VCPUs', async () => {
      if (value < 1 || value < vmRecord(ctx, self).VCPUs_at_startup)
        throw apiError('INVALID_VALUE', { field: VCPU_RULE, value: String(value) });
      updateSizing(ctx, self, { VCPUs_max: value });
    });
  },
  async set_VCPUs_at_startup(ctx: CallContext, self: string, value: number) {
    // As in xapi, no power-state check: a running VM boots with it next time.
    if (value < 1 || value > vmRecord(ctx, self).VCPUs_max)
      throw apiError('INVALID_VALUE', { field: VCPU_RULE, value: String(value) });
    updateSizing(ctx, self, { VCPUs_at_startup: value });
  },
  async set_actions_after_crash(ctx: CallContext, self: string, value: OnCrashBehaviour) {
    ctx.services.db.update('VM', self, { actions_after_crash: value });
  },
  async set_HVM_boot_policy(ctx: CallContext, self: string, value: string) {
    ctx.services.db.update('VM', self, { HVM_boot_policy: value, domain_type: value === '' ? 'pv' : 'hvm' });
  },
  async set_domain_type(ctx: CallContext, self: string, value: DomainType) {
    if (value === 'unspecified') throw apiError('INVALID_VALUE', { field: 'domain_type', value });
    ctx.services.db.update('VM', self, {
      domain_type: value,
      HVM_boot_policy: value === 'hvm' ? HVM_BOOT_POLICY : '',
    });
    ctx.services.db.update('VM', self, { memory_overhead: overheadOf(vmRecord(ctx, self)) });
  },
  async set_order(ctx: CallContext, self: string, value: number) {
    nonNegative('order', value);
    ctx.services.db.update('VM', self, { order: value });
  },
  async set_start_delay(ctx: CallContext, self: string, value: number) {
    nonNegative('start_delay', value);
    ctx.services.db.update('VM', self, { start_delay: value });
  },
  async set_shutdown_delay(ctx: CallContext, self: string, value: number) {
    nonNegative('shutdown_delay', value);
    ctx.services.db.update('VM', self, { shutdown_delay: value });
  },
  async set_bios_strings(ctx: CallContext, self: string, value: Smap) {
    if (Object.keys(vmRecord(ctx, self).bios_strings).length > 0)
      throw apiError('VM_BIOS_STRINGS_ALREADY_SET', {});
    ctx.services.db.update('VM', self, { bios_strings: biosStringsFor(value) });
  },
  async copy_bios_strings(ctx: CallContext, vm: string, host: string) {
    const { db } = ctx.services;
    if (Object.keys(vmRecord(ctx, vm).bios_strings).length > 0)
      throw apiError('VM_BIOS_STRINGS_ALREADY_SET', {});
    const strings = db.get('host', host).bios_strings;
    // The VM now looks like that host: it is pushed to start there.
    db.update('VM', vm, { bios_strings: { ...strings }, affinity: host });
  },
  async set_suspend_VDI(ctx: CallContext, self: string, value: string) {
    const { db } = ctx.services;
    const row = vmRecord(ctx, self);
    if (row.power_state !== 'Suspended')
      throw apiError('VM_BAD_POWER_STATE', {
        vm: self,
        expected: 'suspended',
        actual: row.power_state.toLowerCase(),
      });
    const vdi = db.get('VDI', value);
    if (vdi.type === 'cbt_metadata') throw apiError('VDI_INCOMPATIBLE_TYPE', { vdi: value, type: vdi.type });
    if (value === row.suspend_VDI) return;
    // xapi compares checksums of the two images; the storage layer here has no
    // checksum, so a different VDI cannot be shown identical and is refused.
    const current = db.find('VDI', row.suspend_VDI);
    throw apiError('SUSPEND_VDI_REPLACEMENT_IS_NOT_IDENTICAL', {
      source: `${String(current?.['uuid'] ?? row.suspend_VDI)} : unknown`,
      destination: `${vdi.uuid} : unknown`,
    });
  },
};
