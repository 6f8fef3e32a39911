// The typed client: encodes named parameters, hands the JSON-RPC body to a
// transport (the message switch or direct HTTP on a Unix socket), validates
// the reply and turns declared errors back into IdlError values.
import { apiError, type ApiError } from '../datamodel/api-error.js';
import {
  decodeError,
  type AnyInterface,
  type MethodDecl,
  type MethodName,
  type ParamsOf,
  type ResultOf,
} from './interface.js';
import { encodeCall, parseReply } from './jsonrpc.js';
import { encodeFields } from './types.js';

export interface CallOptions {
  /** Give up after this long (RPC_TIMEOUT, or RPC_NO_CONSUMER when nobody serves the queue). */
  readonly timeoutMs?: number;
  /** Abort the call (RPC_CANCELLED); a request still queued on the switch is withdrawn. */
  readonly signal?: AbortSignal;
}

export interface TransportCall {
  readonly service: string;
  readonly method: string;
  /** Milliseconds; undefined waits as long as it takes. */
  readonly timeoutMs: number | undefined;
  readonly signal: AbortSignal | undefined;
}

/**
 * Carries request bodies to a service and reply bodies back. Failures of the
 * plumbing are ApiErrors with RPC_* / MESSAGE_SWITCH_* codes.
 */
export interface Transport {
  /** Where calls go, for error messages: a queue name or a socket path. */
  readonly address: string;
  call(body: string, call: TransportCall): Promise<string>;
  close(): Promise<void>;
}

export interface ClientOptions {
  /** Default timeout of every call in milliseconds (default 60 s); undefined for none. */
  readonly timeoutMs?: number | undefined;
}

export const DEFAULT_CALL_TIMEOUT_MS = 60_000;

export class Client<I extends AnyInterface> {
  private nextId = 0;
  private readonly defaultTimeout: number | undefined;

  constructor(
    readonly iface: I,
    readonly transport: Transport,
    options: ClientOptions = {},
  ) {
    this.defaultTimeout = 'timeoutMs' in options ? options.timeoutMs : DEFAULT_CALL_TIMEOUT_MS;
  }

  /**
   * Call a declared method. Resolves with the validated result; rejects with
   * an IdlError for errors the service raised, or an ApiError for transport failures.
   */
  async call<K extends MethodName<I>>(
    method: K,
    params: ParamsOf<I, K>,
    options: CallOptions = {},
  ): Promise<ResultOf<I, K>> {
    const decl = (this.iface.methods as Readonly<Record<string, MethodDecl>>)[method];
    if (!decl) throw apiError('MESSAGE_METHOD_UNKNOWN', { method });
    const body = encodeCall(method, encodeFields(decl.params, params), this.nextId++);
    const replyBody = await this.transport.call(body, {
      service: this.iface.name,
      method,
      timeoutMs: 'timeoutMs' in options ? options.timeoutMs : this.defaultTimeout,
      signal: options.signal,
    });
    const reply = parseReply(replyBody);
    if (!reply) throw this.bad(`${method}: the reply is not a JSON-RPC response`);
    if (!reply.ok) throw decodeError(this.iface, reply.error);
    try {
      return decl.result.decode(reply.result, 'result') as ResultOf<I, K>;
    } catch (e) {
      throw this.bad(`${method}: ${(e as Error).message}`);
    }
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private bad(reason: string): ApiError {
    return apiError('RPC_BAD_RESPONSE', { service: this.iface.name, reason });
  }
}

export function makeClient<I extends AnyInterface>(
  iface: I,
  transport: Transport,
  options?: ClientOptions,
): Client<I> {
  return new Client(iface, transport, options);
}
