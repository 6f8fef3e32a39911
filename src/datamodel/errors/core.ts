// Errors of the API machinery itself: dispatch, sessions, RBAC, tasks, events,
// the database. Parameter names and orders follow the XenAPI.
import type { ErrorTable } from './table.js';

export const coreErrors = {
  INTERNAL_ERROR: { params: ['message'], doc: 'The server failed to handle the request (a bug).' },
  NOT_IMPLEMENTED: { params: ['function'], doc: 'The function is not implemented.' },
  MESSAGE_METHOD_UNKNOWN: { params: ['method'], doc: 'No message of that name exists.' },
  MESSAGE_PARAMETER_COUNT_MISMATCH: {
    params: ['method', 'expected', 'received'],
    doc: 'The message was called with the wrong number of parameters (the session is not counted).',
  },
  MESSAGE_REMOVED: { params: [], doc: 'The message has been removed from the API.' },
  MESSAGE_DEPRECATED: { params: [], doc: 'The message is deprecated.' },
  FIELD_TYPE_ERROR: { params: ['field'], doc: 'A parameter or field has a value of the wrong type.' },
  INVALID_VALUE: { params: ['field', 'value'], doc: 'A value is not valid for this field or parameter.' },
  VALUE_NOT_SUPPORTED: {
    params: ['field', 'value', 'reason'],
    doc: 'The value is valid but not supported by this implementation.',
  },
  HANDLE_INVALID: {
    params: ['class', 'handle'],
    doc: 'A reference does not name a live object of the expected class.',
  },
  UUID_INVALID: { params: ['type', 'uuid'], doc: 'No object of that class has this UUID.' },
  MAP_DUPLICATE_KEY: {
    params: ['type', 'param_name', 'uuid', 'key'],
    doc: 'add_to_<map> was called with a key that is already in the map.',
  },
  SESSION_AUTHENTICATION_FAILED: {
    params: ['username', 'message'],
    doc: 'The credentials given were not accepted.',
  },
  SESSION_AUTHORIZATION_FAILED: {
    params: ['username', 'message'],
    doc: 'The user was authenticated but holds no role allowing a login.',
  },
  SESSION_INVALID: { params: ['handle'], doc: 'The session reference is unknown, expired or logged out.' },
  SESSION_NOT_REGISTERED: {
    params: ['handle'],
    doc: 'event.next was called on a session that has not called event.register.',
  },
  HOST_IS_SLAVE: { params: ['master'], doc: 'This host is not the pool master; connect to the master.' },
  PERMISSION_DENIED: { params: ['message'], doc: 'The caller may not do this.' },
  RBAC_PERMISSION_DENIED: {
    params: ['permission', 'message'],
    doc: "The session's roles do not include the permission this message needs.",
  },
  USER_IS_NOT_LOCAL_SUPERUSER: {
    params: ['msg'],
    doc: 'Only the local superuser may perform this operation.',
  },
  CHANGE_PASSWORD_REJECTED: { params: ['msg'], doc: 'The password could not be changed.' },
  TASK_CANCELLED: { params: ['task'], doc: 'The task was cancelled.' },
  TOO_MANY_PENDING_TASKS: { params: [], doc: 'The server has too many pending tasks; retry later.' },
  EVENTS_LOST: { params: [], doc: 'Some events were dropped; re-read the objects and start again.' },
  EVENT_FROM_TOKEN_PARSE_FAILURE: { params: ['token'], doc: 'The event.from token could not be parsed.' },
  EVENT_SUBSCRIPTION_PARSE_FAILURE: {
    params: ['subscription'],
    doc: 'An event subscription could not be parsed.',
  },
  OPERATION_NOT_ALLOWED: { params: ['reason'], doc: 'The operation is not allowed.' },
  OPERATION_BLOCKED: {
    params: ['ref', 'code'],
    doc: "The operation is listed in the object's blocked_operations.",
  },
  OTHER_OPERATION_IN_PROGRESS: {
    params: ['class', 'object', 'operation_type', 'operation_ref'],
    doc: 'Another operation on the object is in progress and conflicts with this one.',
  },
  ROLE_NOT_FOUND: { params: [], doc: 'The role does not exist.' },
  ROLE_ALREADY_EXISTS: { params: [], doc: 'The subject already has this role.' },
  SUBJECT_ALREADY_EXISTS: { params: [], doc: 'The subject is already known.' },
  SUBJECT_CANNOT_BE_RESOLVED: { params: [], doc: 'The subject could not be resolved.' },
} as const satisfies ErrorTable;
