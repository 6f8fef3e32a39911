// What xe prints for a XenAPI error: a sentence for the code (xapi's wording
// where xe users know it), then each parameter as `name: value` under the
// registry's parameter names. Codes without a sentence here use the
// registry's own description, so every registered code has words.
import { errors, isErrorCode } from '../datamodel/errors/index.js';

const WORDS: Readonly<Record<string, string>> = {
  INTERNAL_ERROR:
    'The server failed to handle your request, due to an internal error. The given message may give details useful for debugging the problem.',
  NOT_IMPLEMENTED: 'The function is not implemented',
  MESSAGE_METHOD_UNKNOWN:
    'You tried to call a method that does not exist. The method name that you used is echoed.',
  MESSAGE_PARAMETER_COUNT_MISMATCH:
    'You tried to call a method with the incorrect number of parameters. The fully-qualified method name that you used, and the number of received and expected parameters are returned.',
  MESSAGE_REMOVED: 'This function is no longer available.',
  MESSAGE_DEPRECATED: 'This message has been deprecated.',
  FIELD_TYPE_ERROR: 'The value specified is of the wrong type',
  INVALID_VALUE: 'The value given is invalid',
  VALUE_NOT_SUPPORTED:
    'You attempted to set a value that is not supported by this implementation. The fully-qualified field name and the value that you tried to set are returned. Also returned is a developer-only diagnostic reason.',
  HANDLE_INVALID:
    'You gave an invalid object reference. The object may have recently been deleted. The class parameter gives the type of reference given, and the handle parameter echoes the bad value given.',
  UUID_INVALID: 'The uuid you supplied was invalid.',
  MAP_DUPLICATE_KEY: 'You tried to add a key-value pair to a map, but that key is already there.',
  SESSION_AUTHENTICATION_FAILED:
    'The credentials given by the user are incorrect, so access has been denied, and you have not been issued a session handle.',
  SESSION_AUTHORIZATION_FAILED:
    'The credentials given by the user are correct, but the user could not be authorized, so access has been denied, and you have not been issued a session handle.',
  SESSION_INVALID:
    'You gave an invalid session reference. It may have been invalidated by a server restart, or timed out. You should get a new session handle, using one of the session.login_ calls. This error does not invalidate the current connection. The handle parameter echoes the bad value given.',
  SESSION_NOT_REGISTERED:
    'This session is not registered to receive events. You must call event.register before event.next. The session handle you are using is echoed.',
  HOST_IS_SLAVE:
    'You cannot make regular API calls directly on a supporter. Please pass API calls via the coordinator host.',
  PERMISSION_DENIED: 'Caller not allowed to perform this operation.',
  RBAC_PERMISSION_DENIED: 'RBAC permission denied.',
  USER_IS_NOT_LOCAL_SUPERUSER: 'Only the local superuser can perform this operation.',
  CHANGE_PASSWORD_REJECTED:
    'The system rejected the password change request; perhaps the new password was too short?',
  TASK_CANCELLED: 'The request was asynchronously canceled.',
  TOO_MANY_PENDING_TASKS: 'The request was rejected because there are too many pending tasks on the server.',
  EVENTS_LOST: 'Some events have been lost from the queue and cannot be retrieved.',
  EVENT_FROM_TOKEN_PARSE_FAILURE:
    "The event.from token could not be parsed. Valid values include: '', and a value returned from a previous event.from call.",
  EVENT_SUBSCRIPTION_PARSE_FAILURE:
    'The server failed to parse your event subscription. Valid values include: *, class-name, class-name/object-reference.',
  OPERATION_NOT_ALLOWED: 'You attempted an operation that was not allowed.',
  OPERATION_BLOCKED:
    'You attempted an operation that was explicitly blocked (see the blocked_operations field of the given object).',
  OTHER_OPERATION_IN_PROGRESS: 'Another operation involving the object is currently in progress',
  ROLE_NOT_FOUND: 'Role cannot be found.',
  ROLE_ALREADY_EXISTS: 'Role already exists.',
  SUBJECT_ALREADY_EXISTS: 'Subject already exists.',
  SUBJECT_CANNOT_BE_RESOLVED: 'Subject cannot be resolved by the external directory service.',
  VM_BAD_POWER_STATE:
    "You attempted an operation on a VM that was not in an appropriate power state at the time; for example, you attempted to start a VM that was already running. The parameters returned are the VM's handle, and the expected and actual VM state at the time of the call.",
  VM_IS_TEMPLATE: 'The operation attempted is not valid for a template VM',
  MEMORY_CONSTRAINT_VIOLATION_ORDER:
    'The dynamic memory range violates constraint static_min <= dynamic_min <= dynamic_max <= static_max.',
  MEMORY_CONSTRAINT_VIOLATION_MAXPIN:
    'The dynamic memory range violates constraint static_min = dynamic_min = dynamic_max = static_max.',
  VM_BIOS_STRINGS_ALREADY_SET: 'The BIOS strings for this VM have already been set and cannot be changed.',
  MAC_INVALID: 'The MAC address specified is not valid.',
  VM_LACKS_FEATURE: 'You attempted an operation on a VM which lacks the feature.',
  VM_MISSING_PV_DRIVERS:
    'You attempted an operation on a VM which requires PV drivers to be installed but the drivers were not detected.',
  VM_NOT_RESIDENT_HERE: 'The specified VM is not currently resident on the specified server.',
  DEVICE_ALREADY_ATTACHED: 'The device is already attached to a VM',
  DEVICE_ALREADY_DETACHED: 'The device is not currently attached',
  NO_HOSTS_AVAILABLE: 'There were no servers available to complete the specified operation.',
  HOST_NOT_ENOUGH_FREE_MEMORY: 'Not enough server memory is available to perform this operation.',
  HOST_OFFLINE: 'You attempted an operation which involves a host which could not be contacted.',
  HOST_DISABLED: 'The specified server is disabled.',
  HOST_NOT_DISABLED:
    'This operation cannot be performed because the host is not disabled. Please disable the host and then try again.',
  HOST_DISABLED_UNTIL_REBOOT:
    'The specified server is disabled and cannot be re-enabled until after it has rebooted.',
  HOST_EVACUATE_IN_PROGRESS: 'This host is being evacuated.',
  HOST_IS_LIVE: 'This operation cannot be completed because the server is still live.',
  CANNOT_EVACUATE_HOST: 'This server cannot be evacuated.',
  LICENCE_RESTRICTION:
    'This operation is not allowed because your license lacks a needed feature. Please contact your support representative.',
  VBD_NOT_UNPLUGGABLE: 'Drive could not be hot-unplugged because it is not marked as unpluggable',
  VBD_NOT_REMOVABLE_MEDIA: 'Media could not be ejected because it is not removable',
  VBD_IS_EMPTY: 'Operation could not be performed because the drive is empty',
  VBD_NOT_EMPTY: 'Operation could not be performed because the drive is not empty',
  VDI_IN_USE: 'This operation cannot be performed because this VDI is in use by some other operation',
  SR_FULL: 'The SR is full. Requested new size exceeds the maximum size',
};

export interface ErrorWords {
  readonly sentence: string;
  readonly params: readonly string[];
}

/** The sentence and parameter names for a code, or undefined for a code outside the registry. */
export function errorWords(code: string): ErrorWords | undefined {
  if (!isErrorCode(code)) return undefined;
  const decl = errors[code];
  return { sentence: WORDS[code] ?? decl.doc, params: decl.params };
}

/** xe's `name: value` lines, marking missing and extra parameters as it does. */
export function paramLines(names: readonly string[], values: readonly string[]): string[] {
  const out: string[] = [];
  const n = Math.max(names.length, values.length);
  for (let i = 0; i < n; i++) {
    const name = names[i] ?? '<extra>';
    out.push(`${name}: ${values[i] ?? '<unknown>'}`);
  }
  return out;
}
