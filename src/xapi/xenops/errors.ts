// xenopsd's failures as errors of xapi's own code: codes in the registry pass
// through with their parameters (src/idl/registry-errors.ts), anything else is
// INTERNAL_ERROR. A cancelled xenops task is translated at once, by the
// translation table's own rule, into the XenAPI task's TASK_CANCELLED: actions
// branch on it. Every other internal code is translated when the call's
// failure leaves for its client (src/xapi/xenapi-errors.ts).
import { ApiError, toApiError } from '../../datamodel/api-error.js';
import { fromErrorWire, fromIdlError } from '../../idl/registry-errors.js';
import { xenApiRules } from '../xenapi-errors.js';

const cancelled = (e: ApiError, xapiTask: string | undefined): ApiError =>
  e.code === 'XENOPS_CANCELLED'
    ? xenApiRules.XENOPS_CANCELLED(
        { task: e.params[0] ?? '' },
        xapiTask === undefined ? {} : { task: xapiTask },
      )
    : e;

export function fromXenopsFailure(wire: readonly string[], xapiTask: string | undefined): ApiError {
  return cancelled(fromErrorWire(wire), xapiTask);
}

/** An error thrown by a xenops client call, as an error of xapi's code. */
export function fromXenopsError(e: unknown, xapiTask?: string): ApiError {
  if (e instanceof ApiError) return e;
  const r = fromIdlError(e);
  return r instanceof ApiError ? cancelled(r, xapiTask) : toApiError(e);
}
