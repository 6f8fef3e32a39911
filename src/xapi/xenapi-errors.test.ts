// The translation table from internal codes to what a XenAPI client sees:
// every code an internal service or interface declares has its XenAPI code
// and parameters here, and no internal code survives translation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../datamodel/api-error.js';
import { errors as registry, isErrorCode } from '../datamodel/errors/index.js';
import { rrddErrors } from '../datamodel/errors/rrdd.js';
import { storageErrors } from '../datamodel/errors/storage.js';
import { switchErrors } from '../datamodel/errors/switch.js';
import { xenopsErrors } from '../datamodel/errors/xenops.js';
import { IdlError, builtinErrors } from '../idl/interface.js';
import { Rrd } from '../idl/rrd.js';
import { Xenops } from '../idl/xenops.js';
import { toXenApiError, type XenApiErrorContext } from './xenapi-errors.js';

const CTX: XenApiErrorContext = {
  vm: 'OpaqueRef:call-vm',
  task: 'OpaqueRef:task',
  vmByUuid: (uuid) => (uuid === '<vm>' ? 'OpaqueRef:vm' : undefined),
};

/** Each internal code, raised with every parameter set to `<name>`, and what the client gets. */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  XENOPS_ALREADY_EXISTS: ['INTERNAL_ERROR', 'Object with type <kind> and id <id> already exists in xenopsd'],
  XENOPS_DOES_NOT_EXIST: ['INTERNAL_ERROR', 'Object with type <kind> and id <id> does not exist in xenopsd'],
  XENOPS_NOT_SUPPORTED: ['NOT_IMPLEMENTED', '<operation>'],
  XENOPS_BAD_POWER_STATE: ['VM_BAD_POWER_STATE', 'OpaqueRef:call-vm', '<expected>', '<actual>'],
  XENOPS_DOMAIN_NOT_BUILT: ['INTERNAL_ERROR', 'domain has not been built'],
  XENOPS_INVALID_VCPUS: ['INVALID_VALUE', 'VCPU values must satisfy: 0 < VCPUs ≤ VCPUs_max', '<vcpu_max>'],
  XENOPS_INVALID_MEMORY: [
    'INTERNAL_ERROR',
    'memory range <min>..<max> violates 0 ≤ dynamic_min ≤ dynamic_max ≤ static_max',
  ],
  XENOPS_FAILED_TO_ACKNOWLEDGE_SHUTDOWN_REQUEST: ['VM_FAILED_SHUTDOWN_ACKNOWLEDGMENT', 'OpaqueRef:vm'],
  XENOPS_FAILED_TO_ACKNOWLEDGE_SUSPEND_REQUEST: ['VM_FAILED_SUSPEND_ACKNOWLEDGMENT', 'OpaqueRef:vm'],
  XENOPS_FAILED_TO_SHUTDOWN: ['VM_SHUTDOWN_TIMEOUT', 'OpaqueRef:vm', '<timeout>'],
  XENOPS_DEVICE_IS_CONNECTED: ['INTERNAL_ERROR', 'Cannot remove device because it is connected to a VM'],
  XENOPS_DEVICE_NOT_CONNECTED: ['INTERNAL_ERROR', 'Device is not connected'],
  XENOPS_MEDIA_NOT_EJECTABLE: ['INTERNAL_ERROR', 'the media in this drive cannot be ejected'],
  XENOPS_MEDIA_PRESENT: ['INTERNAL_ERROR', 'there is already media in this drive'],
  XENOPS_MEDIA_NOT_PRESENT: ['INTERNAL_ERROR', 'there is no media in this drive'],
  XENOPS_CANCELLED: ['TASK_CANCELLED', 'OpaqueRef:task'],
  XENOPS_STORAGE_ERROR: ['VDI_IO_ERROR', '<reason>'],
  XENOPS_FAILED_TO_CONTACT_REMOTE_SERVICE: ['VM_MIGRATE_CONTACT_REMOTE_SERVICE_FAILED'],
  XENOPS_HOOK_FAILED: ['XAPI_HOOK_FAILED', '<script>', '<reason>', '<stdout>', '<exit_code>'],
  XENOPS_TIMEOUT: ['INTERNAL_ERROR', 'xenopsd: <operation> timed out after <seconds> s'],
  XENOPS_UNKNOWN_DEBUG_COMMAND: ['INTERNAL_ERROR', 'xenopsd: unknown debug command <command>'],
  XENOPS_MIGRATION_FAILED: ['INTERNAL_ERROR', 'VM migration failed: <reason>'],
  MESSAGE_SWITCH_BAD_REQUEST: ['INTERNAL_ERROR', 'message switch: bad request: <reason>'],
  MESSAGE_SWITCH_UNKNOWN_REQUEST: ['INTERNAL_ERROR', 'message switch: no operation at <method> <path>'],
  MESSAGE_SWITCH_SESSION_REQUIRED: ['INTERNAL_ERROR', 'message switch: the request had no session'],
  MESSAGE_SWITCH_QUEUE_NOT_FOUND: ['INTERNAL_ERROR', 'message switch: no queue <queue>'],
  MESSAGE_SWITCH_QUEUE_NAME_INVALID: ['INTERNAL_ERROR', 'message switch: invalid queue name <queue>'],
  MESSAGE_SWITCH_QUEUE_EXISTS: [
    'INTERNAL_ERROR',
    'message switch: queue <queue> exists with the other persistence',
  ],
  MESSAGE_SWITCH_MESSAGE_TOO_LARGE: [
    'INTERNAL_ERROR',
    'message switch: message of <size> bytes exceeds <limit>',
  ],
  MESSAGE_SWITCH_SHUTTING_DOWN: ['INTERNAL_ERROR', 'message switch: shutting down'],
  MESSAGE_SWITCH_UNREACHABLE: ['INTERNAL_ERROR', 'message switch unreachable at <path>: <reason>'],
  RPC_NO_CONSUMER: ['INTERNAL_ERROR', 'service <queue> is not running (no answer within <timeout> s)'],
  RPC_TIMEOUT: ['INTERNAL_ERROR', '<service> <method>: no answer within <timeout> s'],
  RPC_CANCELLED: ['TASK_CANCELLED', 'OpaqueRef:task'],
  RPC_SERVICE_UNREACHABLE: ['INTERNAL_ERROR', 'service unreachable at <address>: <reason>'],
  RPC_BAD_RESPONSE: ['INTERNAL_ERROR', '<service> answered badly: <reason>'],
  RRDD_UNAVAILABLE: ['INTERNAL_ERROR', 'the metrics daemon is unavailable: <reason>'],
  // Storage's codes and the interfaces' declared XenAPI codes are XenAPI codes: unchanged.
  VBD_NOT_UNPLUGGABLE: ['VBD_NOT_UNPLUGGABLE', '<vbd>'],
  VBD_NOT_REMOVABLE_MEDIA: ['VBD_NOT_REMOVABLE_MEDIA', '<vbd>'],
  VBD_IS_EMPTY: ['VBD_IS_EMPTY', '<vbd>'],
  VBD_NOT_EMPTY: ['VBD_NOT_EMPTY', '<vbd>'],
  VDI_IN_USE: ['VDI_IN_USE', '<vdi>', '<operation>'],
  SR_FULL: ['SR_FULL', '<requested>', '<maximum>'],
  SR_HAS_PBD: ['SR_HAS_PBD', '<sr>'],
  SR_HAS_NO_PBDS: ['SR_HAS_NO_PBDS', '<sr>'],
  SR_NOT_ATTACHED: ['SR_NOT_ATTACHED', '<sr>'],
  SR_NOT_EMPTY: ['SR_NOT_EMPTY'],
  SR_UNKNOWN_DRIVER: ['SR_UNKNOWN_DRIVER', '<driver>'],
  SR_OPERATION_NOT_SUPPORTED: ['SR_OPERATION_NOT_SUPPORTED', '<sr>'],
  SR_UUID_EXISTS: ['SR_UUID_EXISTS', '<uuid>'],
  SR_BACKEND_FAILURE: ['SR_BACKEND_FAILURE', '<status>', '<stdout>', '<stderr>'],
  PBD_EXISTS: ['PBD_EXISTS', '<sr>', '<host>', '<pbd>'],
  VDI_MISSING: ['VDI_MISSING', '<sr>', '<vdi>'],
  VDI_READONLY: ['VDI_READONLY', '<vdi>'],
  VDI_TOO_SMALL: ['VDI_TOO_SMALL', '<vdi>', '<minimum_size>'],
  VDI_NOT_MANAGED: ['VDI_NOT_MANAGED', '<vdi>'],
  INVALID_VALUE: ['INVALID_VALUE', '<field>', '<value>'],
  FIELD_TYPE_ERROR: ['FIELD_TYPE_ERROR', '<field>'],
  UUID_INVALID: ['UUID_INVALID', '<type>', '<uuid>'],
  // The IDL's builtin errors, as a client call receives them.
  Internal_error: ['INTERNAL_ERROR', '<message>'],
  Unimplemented: ['NOT_IMPLEMENTED', '<name>'],
  Invalid_params: ['INTERNAL_ERROR', '<method>: invalid parameters: <message>'],
};

/** Every code an internal service declares, in the registry or in its interface. */
const internalCodes = [
  ...new Set([
    ...Object.keys(xenopsErrors),
    ...Object.keys(switchErrors),
    ...Object.keys(rrddErrors),
    ...Object.keys(storageErrors),
    ...Object.keys(Xenops.errors),
    ...Object.keys(Rrd.errors),
  ]),
];

const INTERNAL_FAMILIES = [xenopsErrors, switchErrors, rrddErrors];
const isInternalOnly = (code: string): boolean => INTERNAL_FAMILIES.some((t) => Object.hasOwn(t, code));

/** The code raised as its service raises it: a registry ApiError, or an interface's builtin IdlError. */
function raised(code: string): unknown {
  if (isErrorCode(code))
    return new ApiError(
      code,
      registry[code].params.map((n) => `<${n}>`),
    );
  const decl = (builtinErrors as Readonly<Record<string, { params: Readonly<Record<string, unknown>> }>>)[
    code
  ];
  assert.ok(decl, `${code} is neither a registry code nor a builtin IDL error`);
  return new IdlError(code, Object.fromEntries(Object.keys(decl.params).map((n) => [n, `<${n}>`])));
}

test('every internal code has its XenAPI code and parameters, and the table lists no other', () => {
  assert.deepEqual([...internalCodes].sort(), Object.keys(EXPECTED).sort());
  for (const code of internalCodes) {
    const out = toXenApiError(raised(code), CTX);
    assert.deepEqual(out.toWire(), EXPECTED[code], code);
    assert.ok(!isInternalOnly(out.code), `${code} reaches the client as the internal ${out.code}`);
    assert.equal(out.params.length, registry[out.code].params.length, `${code}: ${out.code}'s parameters`);
  }
});

test('the registry holds the XenAPI codes with xapi parameter names', () => {
  assert.deepEqual(registry.VM_FAILED_SHUTDOWN_ACKNOWLEDGMENT.params, ['vm']);
  assert.deepEqual(registry.VM_FAILED_SUSPEND_ACKNOWLEDGMENT.params, ['vm']);
  assert.deepEqual(registry.VM_SHUTDOWN_TIMEOUT.params, ['vm', 'timeout']);
  assert.deepEqual(registry.XAPI_HOOK_FAILED.params, ['hook_name', 'reason', 'stdout', 'exit_code']);
  assert.deepEqual(registry.VDI_IO_ERROR.params, ['reason']);
});

test("xenopsd's power states are the XenAPI's lower-case ones; the VM is the call's", () => {
  const e = new ApiError('XENOPS_BAD_POWER_STATE', ['Halted', 'Running, Paused']);
  assert.deepEqual(toXenApiError(e, { vm: 'OpaqueRef:v' }).toWire(), [
    'VM_BAD_POWER_STATE',
    'OpaqueRef:v',
    'running, paused',
    'halted',
  ]);
});

test("a VM named by a uuid the database does not know is the call's VM, else the uuid itself", () => {
  const e = new ApiError('XENOPS_FAILED_TO_ACKNOWLEDGE_SHUTDOWN_REQUEST', ['u-1']);
  const unknown = { vmByUuid: () => undefined };
  assert.deepEqual(toXenApiError(e, { ...unknown, vm: 'OpaqueRef:v' }).params, ['OpaqueRef:v']);
  assert.deepEqual(toXenApiError(e, unknown).params, ['u-1']);
  assert.deepEqual(toXenApiError(new ApiError('XENOPS_CANCELLED', ['7'])).params, ['OpaqueRef:NULL']);
});

test('an IdlError straight from a client call, XenAPI codes and other throws', () => {
  const idl = new IdlError('XENOPS_FAILED_TO_ACKNOWLEDGE_SUSPEND_REQUEST', { vm: '<vm>' });
  assert.deepEqual(toXenApiError(idl, CTX).toWire(), ['VM_FAILED_SUSPEND_ACKNOWLEDGMENT', 'OpaqueRef:vm']);
  const xenapi = new ApiError('VM_IS_TEMPLATE', ['OpaqueRef:v']);
  assert.equal(toXenApiError(xenapi, CTX), xenapi);
  assert.deepEqual(toXenApiError(new Error('boom')).toWire(), ['INTERNAL_ERROR', 'boom']);
  assert.deepEqual(toXenApiError(new IdlError('Not_declared', {})).code, 'INTERNAL_ERROR');
});
