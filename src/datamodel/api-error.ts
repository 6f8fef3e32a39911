// The one exception type that crosses the API boundary: a registered XenAPI
// error code and its parameters, in the registry's order.
import { errors, type ErrorCode, type ErrorParams } from './errors/index.js';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: readonly string[],
  ) {
    super(params.length ? `${code}: ${params.join(', ')}` : code);
    this.name = 'ApiError';
  }

  /** The XenAPI wire form `[code, ...params]`. */
  toWire(): string[] {
    return [this.code, ...this.params];
  }
}

/** Build an error from named parameters, checked against the registry at compile time. */
export function apiError<C extends ErrorCode>(
  code: C,
  params: { readonly [K in ErrorParams<C>]: string | number | boolean },
): ApiError {
  const names = errors[code].params as readonly string[];
  const byName = params as Readonly<Record<string, string | number | boolean>>;
  return new ApiError(
    code,
    names.map((n) => String(byName[n])),
  );
}

/** Anything thrown that is not an ApiError becomes INTERNAL_ERROR at the boundary. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new ApiError('INTERNAL_ERROR', [msg]);
}
