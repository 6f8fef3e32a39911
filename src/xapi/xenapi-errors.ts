// What a XenAPI client sees of a failure inside the toolstack: the one
// translation table from every internal code (xenopsd's, the message
// switch's, rrdd's, the storage layer's, and the IDL's own) to the XenAPI
// code xapi answers, with xapi's parameters. Internal code keeps its codes
// (actions branch on XENOPS_DOES_NOT_EXIST, …); the dispatcher translates
// once, where a call's failure leaves for its client (src/xapi/dispatch.ts).
// xapi's choices (xapi_xenops.ml transform_xenops_exn): the failures a client
// can act on get their own code, the others are INTERNAL_ERROR with a text.
import { ApiError, apiError, toApiError } from '../datamodel/api-error.js';
import { errors as registry, type ErrorCode } from '../datamodel/errors/index.js';
import type { rrddErrors } from '../datamodel/errors/rrdd.js';
import type { storageErrors } from '../datamodel/errors/storage.js';
import type { switchErrors } from '../datamodel/errors/switch.js';
import type { xenopsErrors } from '../datamodel/errors/xenops.js';
import { IdlError, type BuiltinErrors } from '../idl/interface.js';
import { fromIdlError } from '../idl/registry-errors.js';
import type { Rrd } from '../idl/rrd.js';
import type { Xenops } from '../idl/xenops.js';

/** What a translation may use of the failed call. */
export interface XenApiErrorContext {
  /** The VM the call is about (its ref), if it is about one. */
  readonly vm?: string;
  /** The XenAPI task the call runs under, if any. */
  readonly task?: string;
  /** The ref of the VM with this uuid (xenopsd names VMs by uuid), if there is one. */
  readonly vmByUuid?: (uuid: string) => string | undefined;
}

/** A registry code an internal service, or an interface to one, may raise. */
export type InternalCode =
  | keyof typeof xenopsErrors
  | keyof typeof switchErrors
  | keyof typeof rrddErrors
  | keyof typeof storageErrors
  | Exclude<keyof (typeof Xenops)['errors'], keyof BuiltinErrors>
  | Exclude<keyof (typeof Rrd)['errors'], keyof BuiltinErrors>;

type Params = Readonly<Record<string, string>>;
type Rule = (p: Params, ctx: XenApiErrorContext) => ApiError;

const NULL_REF = 'OpaqueRef:NULL';

/** The VM a xenopsd error names (by uuid) as a ref: its own, else the call's, else the uuid itself. */
const vmRef = (uuid: string | undefined, ctx: XenApiErrorContext): string =>
  (uuid === undefined ? undefined : ctx.vmByUuid?.(uuid)) ?? ctx.vm ?? uuid ?? NULL_REF;

const internal =
  (text: (p: Params) => string): Rule =>
  (p) =>
    apiError('INTERNAL_ERROR', { message: text(p) });

/** A code that is also a XenAPI code: it reaches the client as it is. */
const same =
  (code: ErrorCode): Rule =>
  (p) =>
    new ApiError(
      code,
      (registry[code].params as readonly string[]).map((n) => p[n] ?? ''),
    );

/** xenopsd power states as the XenAPI spells them. */
const powerStates = (s: string): string => s.toLowerCase();

export const xenApiRules: { readonly [C in InternalCode]: Rule } = {
  // xenopsd
  XENOPS_ALREADY_EXISTS: internal(
    (p) => `Object with type ${p['kind']} and id ${p['id']} already exists in xenopsd`,
  ),
  XENOPS_DOES_NOT_EXIST: internal(
    (p) => `Object with type ${p['kind']} and id ${p['id']} does not exist in xenopsd`,
  ),
  XENOPS_NOT_SUPPORTED: (p) => apiError('NOT_IMPLEMENTED', { function: p['operation'] ?? '' }),
  XENOPS_BAD_POWER_STATE: (p, ctx) =>
    apiError('VM_BAD_POWER_STATE', {
      vm: vmRef(undefined, ctx),
      expected: powerStates(p['expected'] ?? ''),
      actual: powerStates(p['actual'] ?? ''),
    }),
  XENOPS_DOMAIN_NOT_BUILT: internal(() => 'domain has not been built'),
  XENOPS_INVALID_VCPUS: (p) =>
    apiError('INVALID_VALUE', {
      field: 'VCPU values must satisfy: 0 < VCPUs ≤ VCPUs_max',
      value: p['vcpu_max'] ?? '',
    }),
  XENOPS_INVALID_MEMORY: internal(
    (p) => `memory range ${p['min']}..${p['max']} violates 0 ≤ dynamic_min ≤ dynamic_max ≤ static_max`,
  ),
  XENOPS_FAILED_TO_ACKNOWLEDGE_SHUTDOWN_REQUEST: (p, ctx) =>
    apiError('VM_FAILED_SHUTDOWN_ACKNOWLEDGMENT', { vm: vmRef(p['vm'], ctx) }),
  XENOPS_FAILED_TO_ACKNOWLEDGE_SUSPEND_REQUEST: (p, ctx) =>
    apiError('VM_FAILED_SUSPEND_ACKNOWLEDGMENT', { vm: vmRef(p['vm'], ctx) }),
  XENOPS_FAILED_TO_SHUTDOWN: (p, ctx) =>
    apiError('VM_SHUTDOWN_TIMEOUT', { vm: vmRef(p['vm'], ctx), timeout: p['timeout'] ?? '' }),
  XENOPS_DEVICE_IS_CONNECTED: internal(() => 'Cannot remove device because it is connected to a VM'),
  XENOPS_DEVICE_NOT_CONNECTED: internal(() => 'Device is not connected'),
  XENOPS_MEDIA_NOT_EJECTABLE: internal(() => 'the media in this drive cannot be ejected'),
  XENOPS_MEDIA_PRESENT: internal(() => 'there is already media in this drive'),
  XENOPS_MEDIA_NOT_PRESENT: internal(() => 'there is no media in this drive'),
  XENOPS_CANCELLED: (_p, ctx) => apiError('TASK_CANCELLED', { task: ctx.task ?? NULL_REF }),
  XENOPS_STORAGE_ERROR: (p) => apiError('VDI_IO_ERROR', { reason: p['reason'] ?? '' }),
  XENOPS_FAILED_TO_CONTACT_REMOTE_SERVICE: () => apiError('VM_MIGRATE_CONTACT_REMOTE_SERVICE_FAILED', {}),
  XENOPS_HOOK_FAILED: (p) =>
    apiError('XAPI_HOOK_FAILED', {
      hook_name: p['script'] ?? '',
      reason: p['reason'] ?? '',
      stdout: p['stdout'] ?? '',
      exit_code: p['exit_code'] ?? '',
    }),
  XENOPS_TIMEOUT: internal((p) => `xenopsd: ${p['operation']} timed out after ${p['seconds']} s`),
  XENOPS_UNKNOWN_DEBUG_COMMAND: internal((p) => `xenopsd: unknown debug command ${p['command']}`),
  XENOPS_MIGRATION_FAILED: internal((p) => `VM migration failed: ${p['reason']}`),
  // the message switch and calls between daemons: the service is down or broken
  MESSAGE_SWITCH_BAD_REQUEST: internal((p) => `message switch: bad request: ${p['reason']}`),
  MESSAGE_SWITCH_UNKNOWN_REQUEST: internal(
    (p) => `message switch: no operation at ${p['method']} ${p['path']}`,
  ),
  MESSAGE_SWITCH_SESSION_REQUIRED: internal(() => 'message switch: the request had no session'),
  MESSAGE_SWITCH_QUEUE_NOT_FOUND: internal((p) => `message switch: no queue ${p['queue']}`),
  MESSAGE_SWITCH_QUEUE_NAME_INVALID: internal((p) => `message switch: invalid queue name ${p['queue']}`),
  MESSAGE_SWITCH_QUEUE_EXISTS: internal(
    (p) => `message switch: queue ${p['queue']} exists with the other persistence`,
  ),
  MESSAGE_SWITCH_MESSAGE_TOO_LARGE: internal(
    (p) => `message switch: message of ${p['size']} bytes exceeds ${p['limit']}`,
  ),
  MESSAGE_SWITCH_SHUTTING_DOWN: internal(() => 'message switch: shutting down'),
  MESSAGE_SWITCH_UNREACHABLE: internal((p) => `message switch unreachable at ${p['path']}: ${p['reason']}`),
  RPC_NO_CONSUMER: internal(
    (p) => `service ${p['queue']} is not running (no answer within ${p['timeout']} s)`,
  ),
  RPC_TIMEOUT: internal((p) => `${p['service']} ${p['method']}: no answer within ${p['timeout']} s`),
  RPC_CANCELLED: (_p, ctx) => apiError('TASK_CANCELLED', { task: ctx.task ?? NULL_REF }),
  RPC_SERVICE_UNREACHABLE: internal((p) => `service unreachable at ${p['address']}: ${p['reason']}`),
  RPC_BAD_RESPONSE: internal((p) => `${p['service']} answered badly: ${p['reason']}`),
  // rrdd
  RRDD_UNAVAILABLE: internal((p) => `the metrics daemon is unavailable: ${p['reason']}`),
  // storage and the interfaces' declared codes: already XenAPI codes
  VBD_NOT_UNPLUGGABLE: same('VBD_NOT_UNPLUGGABLE'),
  VBD_NOT_REMOVABLE_MEDIA: same('VBD_NOT_REMOVABLE_MEDIA'),
  VBD_IS_EMPTY: same('VBD_IS_EMPTY'),
  VBD_NOT_EMPTY: same('VBD_NOT_EMPTY'),
  VDI_IN_USE: same('VDI_IN_USE'),
  SR_FULL: same('SR_FULL'),
  SR_HAS_PBD: same('SR_HAS_PBD'),
  SR_HAS_NO_PBDS: same('SR_HAS_NO_PBDS'),
  SR_NOT_ATTACHED: same('SR_NOT_ATTACHED'),
  SR_NOT_EMPTY: same('SR_NOT_EMPTY'),
  SR_UNKNOWN_DRIVER: same('SR_UNKNOWN_DRIVER'),
  SR_OPERATION_NOT_SUPPORTED: same('SR_OPERATION_NOT_SUPPORTED'),
  SR_UUID_EXISTS: same('SR_UUID_EXISTS'),
  SR_BACKEND_FAILURE: same('SR_BACKEND_FAILURE'),
  PBD_EXISTS: same('PBD_EXISTS'),
  VDI_MISSING: same('VDI_MISSING'),
  VDI_READONLY: same('VDI_READONLY'),
  VDI_TOO_SMALL: same('VDI_TOO_SMALL'),
  VDI_NOT_MANAGED: same('VDI_NOT_MANAGED'),
  INVALID_VALUE: same('INVALID_VALUE'),
  FIELD_TYPE_ERROR: same('FIELD_TYPE_ERROR'),
  UUID_INVALID: same('UUID_INVALID'),
};

/** The IDL's builtin errors (an interface error that is no registry code). */
export const idlBuiltinRules: { readonly [K in keyof BuiltinErrors]: Rule } = {
  Internal_error: (p) => apiError('INTERNAL_ERROR', { message: p['message'] ?? '' }),
  Unimplemented: (p) => apiError('NOT_IMPLEMENTED', { function: p['name'] ?? '' }),
  Invalid_params: internal((p) => `${p['method']}: invalid parameters: ${p['message']}`),
};

const isInternal = (code: string): code is InternalCode => Object.hasOwn(xenApiRules, code);

const named = (e: ApiError): Params =>
  Object.fromEntries((registry[e.code].params as readonly string[]).map((n, i) => [n, e.params[i] ?? '']));

const stringParams = (p: unknown): Params =>
  Object.fromEntries(
    Object.entries((p ?? {}) as Readonly<Record<string, unknown>>).map(([k, v]) => [k, String(v)]),
  );

/** Anything a call threw, as the XenAPI error its client gets. */
export function toXenApiError(e: unknown, ctx: XenApiErrorContext = {}): ApiError {
  const r = fromIdlError(e);
  if (r instanceof ApiError) return isInternal(r.code) ? xenApiRules[r.code](named(r), ctx) : r;
  if (r instanceof IdlError && Object.hasOwn(idlBuiltinRules, r.code))
    return idlBuiltinRules[r.code as keyof BuiltinErrors](stringParams(r.params), ctx);
  return toApiError(r);
}
