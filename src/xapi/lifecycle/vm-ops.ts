// Which VM operations are valid when: one exhaustive table from operation to
// the power states that allow it, then the concurrency, template and
// snapshot rules, checked in xapi's order (first failure wins).
import type { ApiError } from '../../datamodel/api-error.js';
import { apiError } from '../../datamodel/api-error.js';
import type { VmOperations, VmPowerState } from '../../generated/api-types.js';

const H: VmPowerState = 'Halted';
const P: VmPowerState = 'Paused';
const R: VmPowerState = 'Running';
const S: VmPowerState = 'Suspended';
const ANY: readonly VmPowerState[] = [H, P, R, S];

/** Power states in which each operation is allowed. Total over vm_operations. */
export const ALLOWED_POWER_STATES = {
  start: [H],
  start_on: [H],
  provision: [H],
  make_into_template: [H],
  changing_shadow_memory: [H],
  changing_NVRAM: [H],
  create_vtpm: [H],
  changing_VCPUs: [H],
  changing_static_range: [H],
  changing_memory_limits: [H],
  unpause: [P],
  resume: [S],
  resume_on: [S],
  csvm: [S],
  pause: [R],
  suspend: [R],
  clean_shutdown: [R],
  clean_reboot: [R],
  pool_migrate: [R],
  // xapi also moves halted and suspended VMs' disks alone; here only running VMs move.
  migrate_send: [R],
  send_sysrq: [R],
  send_trigger: [R],
  call_plugin: [R],
  changing_memory_live: [R],
  changing_VCPUs_live: [R],
  changing_shadow_memory_live: [R],
  awaiting_memory_live: [R],
  data_source_op: [R],
  snapshot_with_quiesce: [R],
  changing_dynamic_range: [H, R],
  hard_reboot: [P, R],
  shutdown: [P, S, R],
  hard_shutdown: [P, S, R],
  checkpoint: [P, S, R],
  get_boot_record: [P, S, R],
  destroy: [H, S],
  export: [H, S],
  create_template: [H, S],
  clone: [H],
  copy: [H],
  snapshot: ANY,
  revert: ANY,
  reverting: ANY,
  power_state_reset: ANY,
  metadata_export: ANY,
  query_services: ANY,
  assert_operation_valid: ANY,
  update_allowed_operations: ANY,
  import: ANY,
} as const satisfies Record<VmOperations, readonly VmPowerState[]>;

/** Operations never listed in allowed_operations (xapi's ignore list). */
const NOT_ADVERTISED: ReadonlySet<VmOperations> = new Set<VmOperations>([
  'create_template',
  'power_state_reset',
  'csvm',
  'get_boot_record',
  'send_sysrq',
  'send_trigger',
  'query_services',
  'shutdown',
  'call_plugin',
  'changing_memory_live',
  'awaiting_memory_live',
  'changing_memory_limits',
  'changing_shadow_memory_live',
  'changing_VCPUs',
  'assert_operation_valid',
  'data_source_op',
  'update_allowed_operations',
  'import',
  'reverting',
]);

/** Operations this toolstack does not offer: never advertised, always refused. */
export const UNSUPPORTED: ReadonlySet<VmOperations> = new Set<VmOperations>([
  'create_vtpm',
  'csvm',
  'snapshot_with_quiesce',
  'get_boot_record',
  'query_services',
  'call_plugin',
  'export',
  'import',
  'metadata_export',
  'send_sysrq',
  'send_trigger',
  'changing_shadow_memory',
  'changing_shadow_memory_live',
  'changing_NVRAM',
  'make_into_template',
  'create_template',
]);

/** Pairs of operations that may run at the same time on one VM. */
function compatible(running: VmOperations, wanted: VmOperations): boolean {
  const copyish = new Set<VmOperations>(['clone', 'copy', 'export']);
  const snapshotish = new Set<VmOperations>(['snapshot', 'checkpoint']);
  if (copyish.has(running) && copyish.has(wanted)) return true;
  if (snapshotish.has(running) && snapshotish.has(wanted)) return true;
  if (running === 'get_boot_record' && wanted === 'get_boot_record') return true;
  if (wanted === 'hard_shutdown') return running !== 'hard_shutdown';
  if (wanted === 'hard_reboot') return running !== 'hard_shutdown' && running !== 'hard_reboot';
  if (running === 'migrate_send')
    return ['clean_shutdown', 'clean_reboot', 'metadata_export'].includes(wanted);
  return false;
}

const TEMPLATE_OPS: ReadonlySet<VmOperations> = new Set<VmOperations>([
  'clone',
  'copy',
  'export',
  'metadata_export',
  'provision',
  'changing_dynamic_range',
  'changing_static_range',
  'changing_memory_limits',
  'changing_VCPUs',
  'changing_NVRAM',
  'changing_shadow_memory',
  'snapshot',
  'power_state_reset',
  'assert_operation_valid',
  'update_allowed_operations',
]);

const SNAPSHOT_OPS: ReadonlySet<VmOperations> = new Set<VmOperations>([
  'revert',
  'clone',
  'copy',
  'export',
  'destroy',
  'hard_shutdown',
  'metadata_export',
  'power_state_reset',
  'assert_operation_valid',
  'update_allowed_operations',
]);

/**
 * What a control domain allows (xapi's list); anything else is
 * OPERATION_NOT_ALLOWED once the power state allows it. The domain 0 of a
 * host (every control domain here) may be neither destroyed nor given other
 * VCPUs; start never passes the power-state check of a Running domain.
 */
const CONTROL_DOMAIN_OPS: ReadonlySet<VmOperations> = new Set<VmOperations>([
  'data_source_op',
  'changing_memory_live',
  'awaiting_memory_live',
  'metadata_export',
  'changing_dynamic_range',
  'changing_memory_limits',
  'changing_static_range',
  'start',
  'start_on',
  'assert_operation_valid',
  'update_allowed_operations',
]);

/** What the check needs to know about a VM. */
export interface VmOpState {
  readonly ref: string;
  readonly power_state: VmPowerState;
  readonly is_a_template: boolean;
  readonly is_default_template: boolean;
  readonly is_a_snapshot: boolean;
  readonly is_control_domain: boolean;
  readonly current_operations: Readonly<Record<string, VmOperations>>;
  readonly blocked_operations: Readonly<Record<string, string>>;
}

/** The reason `op` is not valid now, or undefined if it is. */
export function checkVmOperation(vm: VmOpState, op: VmOperations): ApiError | undefined {
  const blocked = vm.blocked_operations[op];
  if (blocked !== undefined) return apiError('OPERATION_BLOCKED', { ref: vm.ref, code: blocked });
  if (UNSUPPORTED.has(op)) {
    return apiError('OPERATION_NOT_ALLOWED', { reason: `${op} is not supported by this toolstack` });
  }
  // Snapshots of suspended VMs may be cloned or copied; a control domain changes its limits running.
  const limits = op === 'changing_static_range' || op === 'changing_memory_limits';
  const allowed: readonly VmPowerState[] =
    vm.is_a_snapshot && (op === 'clone' || op === 'copy')
      ? [H, S]
      : vm.is_control_domain && limits
        ? [H, R]
        : ALLOWED_POWER_STATES[op];
  if (!allowed.includes(vm.power_state)) {
    return apiError('VM_BAD_POWER_STATE', {
      vm: vm.ref,
      expected: allowed.map((s) => s.toLowerCase()).join(', '),
      actual: vm.power_state.toLowerCase(),
    });
  }
  const running = Object.entries(vm.current_operations);
  const clash = running.filter(([, r]) => !compatible(r, op));
  if (clash.length > 0) {
    const ops = clash.map(([, o]) => o);
    const tasks = clash.map(([t]) => t);
    return apiError('OTHER_OPERATION_IN_PROGRESS', {
      class: 'VM',
      object: vm.ref,
      operation_type: ops.length === 1 ? (ops[0] as string) : `{${ops.join(',')}}`,
      operation_ref: tasks.length === 1 ? (tasks[0] as string) : `{${tasks.join(',')}}`,
    });
  }
  if (vm.is_a_template && !vm.is_a_snapshot) {
    const ok = TEMPLATE_OPS.has(op) || (!vm.is_default_template && op === 'destroy');
    if (!ok) return apiError('VM_IS_TEMPLATE', { vm: vm.ref, operation: op });
  }
  if (vm.is_a_snapshot && !SNAPSHOT_OPS.has(op))
    return apiError('VM_IS_SNAPSHOT', { vm: vm.ref, operation: op });
  if (vm.is_control_domain) {
    if (op === 'destroy' || op === 'changing_VCPUs')
      return apiError('OPERATION_NOT_ALLOWED', { reason: 'This operation is not allowed on dom0' });
    if (!CONTROL_DOMAIN_OPS.has(op))
      return apiError('OPERATION_NOT_ALLOWED', {
        reason: 'This operation is not allowed on a control domain',
      });
  }
  if (op === 'provision' && !vm.is_a_template) return apiError('PROVISION_ONLY_ALLOWED_ON_TEMPLATE', {});
  if (op === 'revert' && !vm.is_a_snapshot) return apiError('REVERT_ONLY_ALLOWED_ON_SNAPSHOT', {});
  return undefined;
}

/** allowed_operations: every advertised operation that is valid now. */
export function allowedVmOperations(vm: VmOpState): VmOperations[] {
  return (Object.keys(ALLOWED_POWER_STATES) as VmOperations[]).filter(
    (op) => !NOT_ADVERTISED.has(op) && !UNSUPPORTED.has(op) && checkVmOperation(vm, op) === undefined,
  );
}
