// Errors of copying VMs: templates, provisioning, snapshots and reverts.
// Parameter names and orders follow the XenAPI.
import type { ErrorTable } from './table.js';

export const vmCopyErrors = {
  VM_REVERT_FAILED: {
    params: ['vm', 'snapshot'],
    doc: 'The VM could not be reverted to the snapshot.',
  },
  VM_CHECKPOINT_SUSPEND_FAILED: {
    params: ['vm'],
    doc: 'An error occured while saving the memory image of the specified virtual machine.',
  },
  VM_CHECKPOINT_RESUME_FAILED: {
    params: ['vm'],
    doc: 'An error occured while restoring the memory image of the specified virtual machine.',
  },
} as const satisfies ErrorTable;
