import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedDeviceOperations, checkDeviceOperation, type DeviceOpState } from './device-ops.js';

const vbd = (o: Partial<DeviceOpState> = {}): DeviceOpState => ({
  ref: 'OpaqueRef:vbd',
  cls: 'VBD',
  vm: 'OpaqueRef:vm',
  vmPowerState: 'Running',
  currently_attached: false,
  current_operations: {},
  unpluggable: true,
  type: 'Disk',
  empty: false,
  ...o,
});

test('hotplug needs a running VM and the opposite attach state', () => {
  assert.deepEqual(allowedDeviceOperations(vbd()), ['plug']);
  assert.deepEqual(allowedDeviceOperations(vbd({ currently_attached: true })), ['unplug', 'unplug_force']);
  assert.deepEqual(checkDeviceOperation(vbd({ vmPowerState: 'Halted' }), 'plug')?.toWire(), [
    'VM_BAD_POWER_STATE',
    'OpaqueRef:vm',
    'running',
    'halted',
  ]);
  assert.equal(
    checkDeviceOperation(vbd({ currently_attached: true }), 'plug')?.code,
    'DEVICE_ALREADY_ATTACHED',
  );
  assert.equal(checkDeviceOperation(vbd(), 'unplug')?.code, 'DEVICE_ALREADY_DETACHED');
  assert.equal(
    checkDeviceOperation(vbd({ currently_attached: true, unpluggable: false }), 'unplug')?.code,
    'VBD_NOT_UNPLUGGABLE',
  );
});

test('only CD drives take media, and one operation runs at a time', () => {
  assert.equal(checkDeviceOperation(vbd(), 'eject')?.code, 'VBD_NOT_REMOVABLE_MEDIA');
  assert.equal(checkDeviceOperation(vbd({ type: 'CD', empty: true }), 'eject')?.code, 'VBD_IS_EMPTY');
  assert.equal(checkDeviceOperation(vbd({ type: 'CD', empty: false }), 'insert')?.code, 'VBD_NOT_EMPTY');
  assert.equal(checkDeviceOperation(vbd({ type: 'CD', empty: true }), 'insert'), undefined);
  assert.deepEqual(
    checkDeviceOperation(vbd({ current_operations: { 'OpaqueRef:t': 'plug' } }), 'plug')?.toWire(),
    ['OTHER_OPERATION_IN_PROGRESS', 'VBD', 'OpaqueRef:vbd', 'plug', 'OpaqueRef:t'],
  );
});
