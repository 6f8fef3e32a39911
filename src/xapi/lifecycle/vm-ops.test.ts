import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedVmOperations, checkVmOperation, type VmOpState } from './vm-ops.js';

const vm = (o: Partial<VmOpState> = {}): VmOpState => ({
  ref: 'OpaqueRef:vm',
  power_state: 'Halted',
  is_a_template: false,
  is_default_template: false,
  is_control_domain: false,
  is_a_snapshot: false,
  current_operations: {},
  blocked_operations: {},
  ...o,
});

const wire = (e: ReturnType<typeof checkVmOperation>) => e?.toWire();

test('a halted VM can be started, copied, snapshotted and destroyed', () => {
  assert.deepEqual(allowedVmOperations(vm()).sort(), [
    'changing_dynamic_range',
    'changing_static_range',
    'clone',
    'copy',
    'destroy',
    'snapshot',
    'start',
    'start_on',
  ]);
});

test('running VMs can be paused, suspended, shut down and rebooted but not started', () => {
  const ops = allowedVmOperations(vm({ power_state: 'Running' }));
  for (const op of [
    'pause',
    'suspend',
    'clean_shutdown',
    'hard_shutdown',
    'clean_reboot',
    'hard_reboot',
    'checkpoint',
    'snapshot',
    'pool_migrate',
    'changing_VCPUs_live',
  ]) {
    assert.ok(ops.includes(op as never), op);
  }
  assert.ok(!ops.includes('start'));
  assert.deepEqual(wire(checkVmOperation(vm({ power_state: 'Running' }), 'start')), [
    'VM_BAD_POWER_STATE',
    'OpaqueRef:vm',
    'halted',
    'running',
  ]);
  assert.deepEqual(wire(checkVmOperation(vm(), 'hard_shutdown')), [
    'VM_BAD_POWER_STATE',
    'OpaqueRef:vm',
    'paused, suspended, running',
    'halted',
  ]);
});

test('blocked operations come first', () => {
  assert.deepEqual(wire(checkVmOperation(vm({ blocked_operations: { start: 'maintenance' } }), 'start')), [
    'OPERATION_BLOCKED',
    'OpaqueRef:vm',
    'maintenance',
  ]);
});

test('concurrent operations conflict except the allowed overlaps', () => {
  const busy = vm({ power_state: 'Running', current_operations: { 'OpaqueRef:t1': 'clean_shutdown' } });
  assert.deepEqual(wire(checkVmOperation(busy, 'pause')), [
    'OTHER_OPERATION_IN_PROGRESS',
    'VM',
    'OpaqueRef:vm',
    'clean_shutdown',
    'OpaqueRef:t1',
  ]);
  assert.equal(checkVmOperation(busy, 'hard_shutdown'), undefined, 'hard_shutdown overrides a clean one');
  const hs = vm({ power_state: 'Running', current_operations: { 'OpaqueRef:t1': 'hard_shutdown' } });
  assert.equal(checkVmOperation(hs, 'hard_shutdown')?.code, 'OTHER_OPERATION_IN_PROGRESS');
  const cloning = vm({ current_operations: { 'OpaqueRef:t1': 'clone' } });
  assert.equal(checkVmOperation(cloning, 'copy'), undefined);
  assert.equal(checkVmOperation(cloning, 'start')?.code, 'OTHER_OPERATION_IN_PROGRESS');
});

test('templates and snapshots allow only their operations', () => {
  const tpl = vm({ is_a_template: true, is_default_template: true });
  assert.deepEqual(wire(checkVmOperation(tpl, 'start')), ['VM_IS_TEMPLATE', 'OpaqueRef:vm', 'start']);
  assert.equal(checkVmOperation(tpl, 'clone'), undefined);
  assert.equal(checkVmOperation(tpl, 'destroy')?.code, 'VM_IS_TEMPLATE', 'default templates stay');
  assert.equal(checkVmOperation(vm({ is_a_template: true }), 'destroy'), undefined);
  const snap = vm({ is_a_template: true, is_a_snapshot: true });
  assert.equal(checkVmOperation(snap, 'revert'), undefined);
  assert.deepEqual(wire(checkVmOperation(snap, 'start')), ['VM_IS_SNAPSHOT', 'OpaqueRef:vm', 'start']);
  assert.equal(checkVmOperation(vm({ is_a_snapshot: true, power_state: 'Suspended' }), 'clone'), undefined);
  assert.equal(checkVmOperation(vm(), 'provision')?.code, 'PROVISION_ONLY_ALLOWED_ON_TEMPLATE');
  assert.equal(checkVmOperation(vm(), 'revert')?.code, 'REVERT_ONLY_ALLOWED_ON_SNAPSHOT');
});

test('unsupported operations are refused and never advertised', () => {
  assert.equal(checkVmOperation(vm(), 'export')?.code, 'OPERATION_NOT_ALLOWED');
  assert.ok(!allowedVmOperations(vm()).includes('export'));
});

test('only running VMs migrate, and a migration excludes other operations', () => {
  const running = vm({ power_state: 'Running' });
  assert.equal(checkVmOperation(running, 'migrate_send'), undefined);
  assert.deepEqual(wire(checkVmOperation(vm(), 'migrate_send')), [
    'VM_BAD_POWER_STATE',
    'OpaqueRef:vm',
    'running',
    'halted',
  ]);
  const migrating = vm({ power_state: 'Running', current_operations: { 'OpaqueRef:t': 'pool_migrate' } });
  assert.equal(checkVmOperation(migrating, 'migrate_send')?.code, 'OTHER_OPERATION_IN_PROGRESS');
  assert.ok(!allowedVmOperations(migrating).includes('pool_migrate'));
  const sending = vm({ power_state: 'Running', current_operations: { 'OpaqueRef:t': 'migrate_send' } });
  assert.equal(checkVmOperation(sending, 'pause')?.code, 'OTHER_OPERATION_IN_PROGRESS');
});

test("a control domain allows xapi's short list only, after the power state", () => {
  const dom0 = vm({ is_control_domain: true, power_state: 'Running' });
  // metadata_export is on xapi's list but not supported here.
  assert.deepEqual(allowedVmOperations(dom0).sort(), ['changing_dynamic_range', 'changing_static_range']);
  const notAllowed = ['OPERATION_NOT_ALLOWED', 'This operation is not allowed on a control domain'];
  for (const op of [
    'clean_shutdown',
    'hard_shutdown',
    'hard_reboot',
    'suspend',
    'pause',
    'snapshot',
    'pool_migrate',
  ] as const) {
    assert.deepEqual(wire(checkVmOperation(dom0, op)), notAllowed, op);
  }
  assert.deepEqual(wire(checkVmOperation(dom0, 'start')), [
    'VM_BAD_POWER_STATE',
    'OpaqueRef:vm',
    'halted',
    'running',
  ]);
  assert.deepEqual(wire(checkVmOperation(dom0, 'destroy')), [
    'VM_BAD_POWER_STATE',
    'OpaqueRef:vm',
    'halted, suspended',
    'running',
  ]);
  // Its memory limits change while it runs; domain 0 cannot be destroyed even when not running.
  assert.equal(checkVmOperation(dom0, 'changing_memory_limits'), undefined);
  assert.deepEqual(wire(checkVmOperation({ ...dom0, power_state: 'Halted' }, 'destroy')), [
    'OPERATION_NOT_ALLOWED',
    'This operation is not allowed on dom0',
  ]);
});
