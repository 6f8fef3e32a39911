// Errors of VM lifecycle operations and of the devices (VBDs, VIFs) plugged
// into VMs. Parameter names and orders follow the XenAPI.
import type { ErrorTable } from './table.js';

export const vmErrors = {
  VM_BAD_POWER_STATE: {
    params: ['vm', 'expected', 'actual'],
    doc: 'The VM is not in a power state the operation accepts; states are lower-case, expected ones joined by ", ".',
  },
  VM_HVM_REQUIRED: { params: ['vm'], doc: 'The operation needs an HVM guest.' },
  BOOTLOADER_FAILED: { params: ['vm', 'msg'], doc: 'The bootloader of the VM failed.' },
  UNKNOWN_BOOTLOADER: {
    params: ['vm', 'bootloader'],
    doc: 'The VM names a bootloader this host does not have.',
  },
  VM_IS_TEMPLATE: { params: ['vm', 'operation'], doc: 'The operation cannot be performed on a template.' },
  VM_IS_SNAPSHOT: { params: ['vm', 'operation'], doc: 'The operation cannot be performed on a snapshot.' },
  PROVISION_ONLY_ALLOWED_ON_TEMPLATE: { params: [], doc: 'Only templates can be provisioned.' },
  REVERT_ONLY_ALLOWED_ON_SNAPSHOT: { params: [], doc: 'Only snapshots can be reverted to.' },
  VM_LACKS_FEATURE: {
    params: ['vm'],
    doc: 'The guest does not support the operation (e.g. no clean shutdown without an agent).',
  },
  VM_MISSING_PV_DRIVERS: { params: ['vm'], doc: 'The operation needs guest drivers that were not detected.' },
  VM_NOT_RESIDENT_HERE: { params: ['vm', 'host'], doc: 'The VM is not running on that host.' },
  DEVICE_DETACH_REJECTED: {
    params: ['type', 'ref', 'msg'],
    doc: 'The guest refused to release the device.',
  },
  DEVICE_ALREADY_ATTACHED: { params: ['device'], doc: 'The device is already plugged.' },
  DEVICE_ALREADY_DETACHED: { params: ['device'], doc: 'The device is not plugged.' },
} as const satisfies ErrorTable;
