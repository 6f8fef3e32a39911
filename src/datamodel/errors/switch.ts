// Errors of the message switch and of calls between daemons (over the switch
// or directly over HTTP on a Unix socket). Service-declared errors travel as
// IDL errors instead; these are the failures of the plumbing itself.
import type { ErrorTable } from './table.js';

export const switchErrors = {
  MESSAGE_SWITCH_BAD_REQUEST: {
    params: ['reason'],
    doc: 'The message switch could not parse the request (bad HTTP, JSON or parameters).',
  },
  MESSAGE_SWITCH_UNKNOWN_REQUEST: {
    params: ['method', 'path'],
    doc: 'The message switch has no operation at this method and path.',
  },
  MESSAGE_SWITCH_SESSION_REQUIRED: {
    params: [],
    doc: 'The operation needs a session: log in on the connection or send a session header.',
  },
  MESSAGE_SWITCH_QUEUE_NOT_FOUND: { params: ['queue'], doc: 'No queue of that name exists on the switch.' },
  MESSAGE_SWITCH_QUEUE_NAME_INVALID: {
    params: ['queue'],
    doc: 'Queue names are 1 to 255 printable characters without "/" or whitespace.',
  },
  MESSAGE_SWITCH_QUEUE_EXISTS: {
    params: ['queue', 'persistent'],
    doc: 'A queue of that name exists with the other persistence.',
  },
  MESSAGE_SWITCH_MESSAGE_TOO_LARGE: {
    params: ['size', 'limit'],
    doc: 'The request body is larger than the switch accepts (bytes).',
  },
  MESSAGE_SWITCH_SHUTTING_DOWN: { params: [], doc: 'The message switch is shutting down.' },
  MESSAGE_SWITCH_UNREACHABLE: {
    params: ['path', 'reason'],
    doc: 'The message switch socket could not be reached.',
  },
  RPC_NO_CONSUMER: {
    params: ['queue', 'timeout'],
    doc: 'No live consumer served the queue before the call timed out (seconds); the service is down.',
  },
  RPC_TIMEOUT: {
    params: ['service', 'method', 'timeout'],
    doc: 'The call was not answered within its timeout (seconds).',
  },
  RPC_CANCELLED: { params: ['service', 'method'], doc: 'The caller cancelled the call.' },
  RPC_SERVICE_UNREACHABLE: {
    params: ['address', 'reason'],
    doc: 'The service socket could not be reached.',
  },
  RPC_BAD_RESPONSE: {
    params: ['service', 'reason'],
    doc: 'The service answered with something that is not a valid response.',
  },
} as const satisfies ErrorTable;
