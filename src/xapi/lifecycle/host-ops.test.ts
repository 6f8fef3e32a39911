import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedHostOperations, checkHostOperation, type HostOpState } from './host-ops.js';

const host = (o: Partial<HostOpState> = {}): HostOpState => ({
  ref: 'OpaqueRef:h',
  enabled: true,
  live: true,
  current_operations: {},
  ...o,
});
const wire = (e: ReturnType<typeof checkHostOperation>) => e?.toWire();

test('an enabled live host: everything but power-off, updates and power-on', () => {
  assert.deepEqual(allowedHostOperations(host()), [
    'provision',
    'evacuate',
    'vm_start',
    'vm_resume',
    'vm_migrate',
    'enable',
  ]);
  assert.deepEqual(wire(checkHostOperation(host(), 'reboot')), ['HOST_NOT_DISABLED']);
  assert.deepEqual(wire(checkHostOperation(host(), 'shutdown')), ['HOST_NOT_DISABLED']);
  assert.deepEqual(wire(checkHostOperation(host(), 'power_on')), ['HOST_IS_LIVE', 'OpaqueRef:h']);
});

test('a disabled host may be shut down, rebooted and updated', () => {
  assert.deepEqual(allowedHostOperations(host({ enabled: false })), [
    'provision',
    'evacuate',
    'shutdown',
    'reboot',
    'vm_start',
    'vm_resume',
    'vm_migrate',
    'apply_updates',
    'enable',
  ]);
  assert.ok(allowedHostOperations(host({ enabled: false, live: false })).includes('power_on'));
});

test('power-on: a live host first, then a host without a power-on mode', () => {
  assert.deepEqual(wire(checkHostOperation(host({ power_on_mode: '' }), 'power_on')), [
    'HOST_IS_LIVE',
    'OpaqueRef:h',
  ]);
  assert.deepEqual(wire(checkHostOperation(host({ live: false, power_on_mode: '' }), 'power_on')), [
    'HOST_POWER_ON_MODE_DISABLED',
  ]);
  assert.equal(
    checkHostOperation(host({ live: false, power_on_mode: 'wake-on-lan' }), 'power_on'),
    undefined,
  );
});

test('operations that remove VMs exclude those that bring VMs in, both ways', () => {
  const evacuating = host({ current_operations: { 'OpaqueRef:t1': 'evacuate' } });
  assert.deepEqual(wire(checkHostOperation(evacuating, 'vm_resume')), [
    'OTHER_OPERATION_IN_PROGRESS',
    'host',
    'OpaqueRef:h',
    'evacuate',
    'OpaqueRef:t1',
  ]);
  assert.equal(checkHostOperation(evacuating, 'provision')?.code, 'OTHER_OPERATION_IN_PROGRESS');
  // vm_start is in neither group: it only needs the host enabled (checked at placement).
  assert.equal(checkHostOperation(evacuating, 'vm_start'), undefined);
  const resuming = host({ enabled: false, current_operations: { 'OpaqueRef:t2': 'vm_resume' } });
  assert.deepEqual(wire(checkHostOperation(resuming, 'shutdown')), [
    'OTHER_OPERATION_IN_PROGRESS',
    'host',
    'OpaqueRef:h',
    'vm_resume',
    'OpaqueRef:t2',
  ]);
  assert.equal(checkHostOperation(resuming, 'evacuate')?.code, 'OTHER_OPERATION_IN_PROGRESS');
});

test('reboot and shutdown exclude each other; one provision at a time; updates block enable', () => {
  const rebooting = host({ enabled: false, current_operations: { 'OpaqueRef:r': 'reboot' } });
  assert.deepEqual(wire(checkHostOperation(rebooting, 'shutdown')), [
    'OTHER_OPERATION_IN_PROGRESS',
    'host',
    'OpaqueRef:h',
    'reboot',
    'OpaqueRef:r',
  ]);
  assert.equal(checkHostOperation(rebooting, 'vm_resume')?.code, 'OTHER_OPERATION_IN_PROGRESS');
  // Enabling is not excluded by the table (xapi refuses it through host_disabled_until_reboot).
  assert.equal(checkHostOperation(rebooting, 'enable'), undefined);
  const provisioning = host({ current_operations: { 'OpaqueRef:p': 'provision' } });
  assert.equal(checkHostOperation(provisioning, 'provision')?.code, 'OTHER_OPERATION_IN_PROGRESS');
  const updating = host({ enabled: false, current_operations: { 'OpaqueRef:u': 'apply_updates' } });
  assert.deepEqual(wire(checkHostOperation(updating, 'enable')), [
    'OTHER_OPERATION_IN_PROGRESS',
    'host',
    'OpaqueRef:h',
    'apply_updates',
    'OpaqueRef:u',
  ]);
});
