// Errors of copying VMs: templates, provisioning, snapshots and reverts.
// Parameter names and orders follow the XenAPI.
import type { ErrorTable } from './table.js';

export const vmCopyErrors = {
  VM_REVERT_FAILED: {
    params: ['vm', 'snapshot'],
    doc: 'The VM could not be reverted to the snapshot.',
  },
} as const satisfies ErrorTable;
