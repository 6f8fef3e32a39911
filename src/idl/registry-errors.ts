// The registry's errors (ApiError, src/datamodel/errors) across an interface,
// both ways, written once for every service and caller: a service answers a
// registry code its interface declares as the IdlError of that code, with the
// registry's parameter names; anything else becomes Internal_error. A caller
// turns such an IdlError, or a failed task's error in its wire form, back into
// the ApiError its own callers assert on.
import { ApiError } from '../datamodel/api-error.js';
import { errors as registry, isErrorCode, type ErrorCode } from '../datamodel/errors/index.js';
import { IdlError, internalError, type AnyInterface, type ErrorTable } from './interface.js';
import type { Implementation } from './server.js';

const paramNames = (code: ErrorCode): readonly string[] => registry[code].params as readonly string[];

/** What a service throws, as the interface's declared error (undeclared ones become Internal_error). */
export function toIdlError(iface: AnyInterface, e: unknown): IdlError {
  if (e instanceof IdlError) return e;
  if (e instanceof ApiError && Object.hasOwn(iface.errors as ErrorTable, e.code)) {
    const names = paramNames(e.code);
    return new IdlError(e.code, Object.fromEntries(names.map((n, i) => [n, e.params[i] ?? ''])));
  }
  if (e instanceof ApiError) return internalError(e.toWire().join(' '));
  return internalError(e instanceof Error ? e.message : String(e));
}

/** An implementation whose every handler answers registry errors as the interface's declared errors. */
export function answeringRegistryErrors<I extends AnyInterface>(
  iface: I,
  impl: Implementation<I>,
): Implementation<I> {
  const wrapped: Record<string, (p: never, c: never) => unknown> = {};
  for (const [name, h] of Object.entries(impl) as [string, (p: never, c: never) => unknown][]) {
    wrapped[name] = async (p, c) => {
      try {
        return await h(p, c);
      } catch (e) {
        throw toIdlError(iface, e);
      }
    };
  }
  return wrapped as unknown as Implementation<I>;
}

/** An interface error of a registry code back into the registry form; anything else is returned as it is. */
export function fromIdlError(e: unknown): unknown {
  if (!(e instanceof IdlError) || !isErrorCode(e.code)) return e;
  const p = (e.params ?? {}) as Readonly<Record<string, unknown>>;
  return new ApiError(
    e.code,
    paramNames(e.code).map((n) => String(p[n] ?? '')),
  );
}

/** An error in its wire form `[code, ...params]` (a failed task's); an unknown code is INTERNAL_ERROR. */
export function fromErrorWire(wire: readonly string[]): ApiError {
  const [code = 'INTERNAL_ERROR', ...params] = wire;
  return isErrorCode(code) ? new ApiError(code, params) : new ApiError('INTERNAL_ERROR', [wire.join(' ')]);
}
