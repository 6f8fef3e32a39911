// The declaration mechanism for internal daemon interfaces. Typical use:
//
//   import { t, declare, defineInterface, createDispatcher, Client } from '../idl/index.js';
//   export const Demo = defineInterface({
//     name: 'demo', doc: '...', errors: { Does_not_exist: { params: { kind: t.string, id: t.string }, doc: '...' } },
//     methods: { 'VM.stat': declare({ params: { dbg: t.string, id: t.string }, result: Vm, errors: ['Does_not_exist'], doc: '...' }) },
//   });
//   const server = createDispatcher(Demo, impl);            // impl: Implementation<typeof Demo>
//   const client = new Client(Demo, transport);              // switch or direct HTTP transport
//   await client.call('VM.stat', { dbg: 'x', id: 'uuid' });
export * as t from './types.js';
export type { Json, Codec, TypeOf, RecordOf, Fields } from './types.js';
export { DecodeError } from './types.js';
export {
  declare,
  defineInterface,
  builtinErrors,
  IdlError,
  idlError,
  isIdlError,
  internalError,
  queueName,
  QUEUE_PREFIX,
  type Interface,
  type AnyInterface,
  type MethodDecl,
  type ErrorDecl,
  type MethodName,
  type ParamsOf,
  type ResultOf,
  type ErrorCodeOf,
  type ErrorParamsOf,
} from './interface.js';
export {
  createDispatcher,
  type Dispatcher,
  type Implementation,
  type Handler,
  type CallContext,
} from './server.js';
export {
  Client,
  makeClient,
  DEFAULT_CALL_TIMEOUT_MS,
  type Transport,
  type TransportCall,
  type CallOptions,
  type ClientOptions,
} from './client.js';
export { HttpUnixTransport, serveHttpUnix, closeServer } from './http.js';
export { renderMarkdown } from './docs.js';
