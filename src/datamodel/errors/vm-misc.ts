// Errors of the VM messages for guest signals, firmware variables, memory
// targets, agility and quiesced snapshots, with xapi's parameters.
import type { ErrorTable } from './table.js';

export const vmMiscErrors = {
  VM_SNAPSHOT_WITH_QUIESCE_NOT_SUPPORTED: {
    params: ['vm'],
    doc: 'The VSS plug-in is not installed on this virtual machine.',
  },
  VM_MEMORY_TARGET_WAIT_TIMEOUT: {
    params: ['task'],
    doc: 'Timed out while waiting for the VM to reach its memory target.',
  },
  HA_CONSTRAINT_VIOLATION_SR_NOT_SHARED: {
    params: ['SR'],
    doc: 'The VM has a disk on an SR that is not shared, so it is tied to one host.',
  },
  HA_CONSTRAINT_VIOLATION_NETWORK_NOT_SHARED: {
    params: ['network'],
    doc: 'The VM has a NIC on a network that is local to one host.',
  },
  XENAPI_MISSING_PLUGIN: { params: ['name'], doc: 'The requested plugin could not be found.' },
  XENAPI_PLUGIN_FAILURE: {
    params: ['status', 'stdout', 'stderr'],
    doc: 'There was a failure communicating with the plugin.',
  },
} as const satisfies ErrorTable;
