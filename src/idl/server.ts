// The server skeleton: an implementation object must provide every declared
// method with the declared parameter and result types (checked at compile
// time); the dispatcher validates what arrives before calling it and turns
// every outcome into a JSON-RPC reply.
import {
  IdlError,
  encodeError,
  internalError,
  type AnyInterface,
  type MethodDecl,
  type MethodName,
  type ParamsOf,
  type ResultOf,
} from './interface.js';
import { encodeFailure, encodeResult, parseCall } from './jsonrpc.js';
import { DecodeError, decodeFields, type Json } from './types.js';

export interface CallContext {
  readonly method: string;
  /** How the call arrived, for logs: "switch:<queue>" or "http:<socket>". */
  readonly via: string;
}

type Returned<T> = T extends null ? T | void : T;
export type Handler<I extends AnyInterface, K extends MethodName<I>> = (
  params: ParamsOf<I, K>,
  ctx: CallContext,
) => Promise<Returned<ResultOf<I, K>>> | Returned<ResultOf<I, K>>;

/** What a service must implement: one handler per declared method. */
export type Implementation<I extends AnyInterface> = { readonly [K in MethodName<I>]: Handler<I, K> };

export interface Dispatcher {
  readonly iface: AnyInterface;
  /** Handle one JSON-RPC request body; never throws, always returns a reply body. */
  handle(body: string, via: string): Promise<string>;
}

export function createDispatcher<I extends AnyInterface>(iface: I, impl: Implementation<I>): Dispatcher {
  const methods = iface.methods as Readonly<Record<string, MethodDecl>>;
  const handlers = impl as unknown as Readonly<Record<string, (p: unknown, c: CallContext) => unknown>>;
  return {
    iface,
    async handle(body, via) {
      const call = parseCall(body);
      if ('bad' in call) {
        return encodeFailure(
          encodeError(iface, new IdlError('Invalid_params', { method: '', message: call.bad })),
          call.id,
        );
      }
      const decl = Object.hasOwn(methods, call.method) ? methods[call.method] : undefined;
      const handler = decl && Object.hasOwn(handlers, call.method) ? handlers[call.method] : undefined;
      if (!decl || typeof handler !== 'function') {
        return encodeFailure(
          encodeError(iface, new IdlError('Unimplemented', { name: call.method })),
          call.id,
        );
      }
      let params: unknown;
      try {
        params = decodeFields(decl.params, call.params, '');
      } catch (e) {
        const message = e instanceof DecodeError ? e.message : String(e);
        return encodeFailure(
          encodeError(iface, new IdlError('Invalid_params', { method: call.method, message })),
          call.id,
        );
      }
      try {
        const result = await handler.call(impl, params, { method: call.method, via });
        let wire: Json;
        try {
          wire = decl.result.encode(result === undefined ? null : result);
          // Validate our own output too: a handler returning the wrong shape is a bug to surface.
          decl.result.decode(wire, 'result');
        } catch (e) {
          throw internalError(`${call.method} returned an invalid result: ${(e as Error).message}`);
        }
        return encodeResult(wire, call.id);
      } catch (e) {
        const err =
          e instanceof IdlError
            ? e
            : internalError(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
        return encodeFailure(encodeError(iface, err), call.id);
      }
    },
  };
}
