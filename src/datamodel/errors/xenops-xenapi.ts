// The XenAPI codes xapi answers for failures of the VM manager (xenopsd) and
// its storage, with xapi's parameter names: src/xapi/xenapi-errors.ts
// translates the internal XENOPS_* codes into these.
import type { ErrorTable } from './table.js';

export const xenopsXenapiErrors = {
  VM_FAILED_SHUTDOWN_ACKNOWLEDGMENT: {
    params: ['vm'],
    doc: "VM didn't acknowledge the need to shutdown.",
  },
  VM_FAILED_SUSPEND_ACKNOWLEDGMENT: {
    params: ['vm'],
    doc: "VM didn't acknowledge the need to suspend.",
  },
  VM_SHUTDOWN_TIMEOUT: {
    params: ['vm', 'timeout'],
    doc: 'VM failed to shutdown before the timeout expired',
  },
  VDI_IO_ERROR: { params: ['reason'], doc: 'A disk or a suspend image could not be read or written.' },
  XAPI_HOOK_FAILED: {
    params: ['hook_name', 'reason', 'stdout', 'exit_code'],
    doc: '3rd party xapi hook failed',
  },
} as const satisfies ErrorTable;
