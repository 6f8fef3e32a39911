// Errors of VM configuration: memory limits, BIOS strings, suspend images and
// the devices clients add to a halted VM. Parameter names follow the XenAPI.
import type { ErrorTable } from './table.js';

export const vmConfigErrors = {
  MEMORY_CONSTRAINT_VIOLATION: {
    params: ['constraint'],
    doc: 'The memory settings do not satisfy the given constraint.',
  },
  MEMORY_CONSTRAINT_VIOLATION_ORDER: {
    params: [],
    doc: 'The memory settings break static_min <= dynamic_min <= dynamic_max <= static_max.',
  },
  MEMORY_CONSTRAINT_VIOLATION_MAXPIN: {
    params: ['reason'],
    doc: 'The memory settings must satisfy static_min <= dynamic_min = dynamic_max = static_max.',
  },
  VM_BIOS_STRINGS_ALREADY_SET: { params: [], doc: 'The BIOS strings of the VM are set already.' },
  VDI_INCOMPATIBLE_TYPE: { params: ['vdi', 'type'], doc: 'The VDI is of a type the operation cannot use.' },
  SUSPEND_VDI_REPLACEMENT_IS_NOT_IDENTICAL: {
    params: ['source', 'destination'],
    doc: 'The new suspend VDI does not hold the same image as the current one ("uuid : checksum" each).',
  },
  MAC_INVALID: { params: ['MAC'], doc: 'The MAC address is not valid.' },
  INVALID_DEVICE: { params: ['device'], doc: 'The device name is not valid.' },
  DEVICE_ALREADY_EXISTS: { params: ['device'], doc: 'The VM has a device at that position already.' },
} as const satisfies ErrorTable;
