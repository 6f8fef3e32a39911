// Errors of the VM manager (xenopsd). Each mirrors a case of the original
// xenops `Errors.error` variant; xapi maps them onto user-facing XenAPI codes.
import type { ErrorTable } from './table.js';

export const xenopsErrors = {
  XENOPS_ALREADY_EXISTS: { params: ['kind', 'id'], doc: 'An object with this id is already registered.' },
  XENOPS_DOES_NOT_EXIST: {
    params: ['kind', 'id'],
    doc: 'No object of this kind with this id is managed by this xenopsd.',
  },
  XENOPS_NOT_SUPPORTED: {
    params: ['backend', 'operation'],
    doc: 'The backend does not declare the capability this operation needs.',
  },
  XENOPS_BAD_POWER_STATE: {
    params: ['actual', 'expected'],
    doc: 'The VM is not in a power state that allows the operation (`expected` lists the allowed ones).',
  },
  XENOPS_DOMAIN_NOT_BUILT: { params: ['vm'], doc: 'The VM has no built domain.' },
  XENOPS_INVALID_VCPUS: { params: ['vcpu_max'], doc: 'The vCPU count must lie between 1 and vcpu_max.' },
  XENOPS_INVALID_MEMORY: {
    params: ['min', 'max'],
    doc: 'The memory range is not within 0 <= dynamic_min <= dynamic_max <= static_max.',
  },
  XENOPS_FAILED_TO_ACKNOWLEDGE_SHUTDOWN_REQUEST: {
    params: ['vm'],
    doc: 'The guest did not acknowledge a clean shutdown or reboot request in time.',
  },
  XENOPS_FAILED_TO_ACKNOWLEDGE_SUSPEND_REQUEST: {
    params: ['vm'],
    doc: 'The guest did not acknowledge a suspend request in time.',
  },
  XENOPS_FAILED_TO_SHUTDOWN: {
    params: ['vm', 'timeout'],
    doc: 'The guest acknowledged a shutdown request but did not shut down within the timeout (seconds).',
  },
  XENOPS_DEVICE_IS_CONNECTED: { params: ['kind', 'id'], doc: 'The device is plugged; unplug it first.' },
  XENOPS_DEVICE_NOT_CONNECTED: { params: ['kind', 'id'], doc: 'The device is not plugged.' },
  XENOPS_MEDIA_NOT_EJECTABLE: { params: ['vbd'], doc: 'Only CD-ROM and floppy drives take media.' },
  XENOPS_MEDIA_PRESENT: { params: ['vbd'], doc: 'The drive already holds media; eject it first.' },
  XENOPS_MEDIA_NOT_PRESENT: { params: ['vbd'], doc: 'The drive holds no media.' },
  XENOPS_CANCELLED: { params: ['task'], doc: 'The task was cancelled.' },
  XENOPS_STORAGE_ERROR: {
    params: ['disk', 'reason'],
    doc: 'A disk or suspend image could not be read or written.',
  },
  XENOPS_FAILED_TO_CONTACT_REMOTE_SERVICE: {
    params: ['url', 'reason'],
    doc: 'The remote xenopsd of a migration could not be reached.',
  },
  XENOPS_HOOK_FAILED: {
    params: ['script', 'reason', 'stdout', 'exit_code'],
    doc: 'A VM lifecycle hook script exited with a status other than 0 or 1.',
  },
  XENOPS_TIMEOUT: { params: ['operation', 'seconds'], doc: 'An internal wait timed out.' },
  XENOPS_UNKNOWN_DEBUG_COMMAND: { params: ['command'], doc: 'DEBUG.trigger does not know this command.' },
  XENOPS_MIGRATION_FAILED: {
    params: ['vm', 'reason'],
    doc: 'A live migration failed; the VM keeps running where it was.',
  },
} as const satisfies ErrorTable;
