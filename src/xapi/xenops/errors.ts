// xenopsd's failures as XenAPI errors: a cancelled xenops task is the XenAPI
// task's TASK_CANCELLED; codes in the registry pass through with their
// parameters (src/idl/registry-errors.ts); anything else is INTERNAL_ERROR.
import { ApiError, toApiError } from '../../datamodel/api-error.js';
import { fromErrorWire, fromIdlError } from '../../idl/registry-errors.js';

const cancelled = (e: ApiError, xapiTask: string | undefined): ApiError =>
  e.code === 'XENOPS_CANCELLED' ? new ApiError('TASK_CANCELLED', [xapiTask ?? '']) : e;

export function fromXenopsFailure(wire: readonly string[], xapiTask: string | undefined): ApiError {
  return cancelled(fromErrorWire(wire), xapiTask);
}

/** An error thrown by a xenops client call, as a XenAPI error. */
export function fromXenopsError(e: unknown, xapiTask?: string): ApiError {
  if (e instanceof ApiError) return e;
  const r = fromIdlError(e);
  return r instanceof ApiError ? cancelled(r, xapiTask) : toApiError(e);
}
