// Errors of VM migration (within the pool and to another pool). Parameter
// names and orders follow the XenAPI.
import type { ErrorTable } from './table.js';

export const migrationErrors = {
  VM_MIGRATE_FAILED: {
    params: ['vm', 'source', 'destination', 'msg'],
    doc: 'The migration failed; the VM is left running where it was.',
  },
  VM_MIGRATE_CONTACT_REMOTE_SERVICE_FAILED: {
    params: [],
    doc: 'The destination of a migration could not be reached.',
  },
  VDI_NOT_IN_MAP: { params: ['vdi'], doc: 'A disk of the VM has no destination SR in the VDI map.' },
  VIF_NOT_IN_MAP: {
    params: ['vif'],
    doc: 'A network interface of the VM has no destination network in the VIF map.',
  },
  VM_HAS_PCI_ATTACHED: { params: ['vm'], doc: 'The VM has PCI devices passed through and cannot migrate.' },
} as const satisfies ErrorTable;
