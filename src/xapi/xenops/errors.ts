// xenopsd's failures as XenAPI errors: a cancelled xenops task is the XenAPI
// task's TASK_CANCELLED; codes in the registry pass through with their
// parameters; anything else is INTERNAL_ERROR.
import { ApiError } from '../../datamodel/api-error.js';
import { errors, isErrorCode } from '../../datamodel/errors/index.js';
import { IdlError } from '../../idl/index.js';

export function fromXenopsFailure(wire: readonly string[], xapiTask: string | undefined): ApiError {
  const [code = 'INTERNAL_ERROR', ...params] = wire;
  if (code === 'XENOPS_CANCELLED') return new ApiError('TASK_CANCELLED', [xapiTask ?? '']);
  if (isErrorCode(code)) return new ApiError(code, params);
  return new ApiError('INTERNAL_ERROR', [wire.join(' ')]);
}

/** An error thrown by a xenops client call, as a XenAPI error. */
export function fromXenopsError(e: unknown, xapiTask?: string): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof IdlError && isErrorCode(e.code)) {
    const names = errors[e.code].params as readonly string[];
    const p = (e.params ?? {}) as Readonly<Record<string, unknown>>;
    if (e.code === 'XENOPS_CANCELLED') return new ApiError('TASK_CANCELLED', [xapiTask ?? '']);
    return new ApiError(
      e.code,
      names.map((n) => String(p[n] ?? '')),
    );
  }
  return new ApiError('INTERNAL_ERROR', [e instanceof Error ? e.message : String(e)]);
}
