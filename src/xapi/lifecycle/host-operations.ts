// Running an operation on a host the way xapi does (with_host_operation):
// checked against the host operation table and registered in
// current_operations under the call's task, allowed_operations recomputed,
// and both undone when it ends, however it ends.
import { randomUUID } from 'node:crypto';
import type { XapiDb } from '../store.js';
import type { HostAllowedOperations } from '../../generated/api-types.js';
import type { CallContext } from '../context.js';
import { allowedHostOperations, checkHostOperation, type HostOpState } from './host-ops.js';

export function hostOpState(db: XapiDb, ref: string): HostOpState {
  const row = db.get('host', ref);
  const live = db.find('host_metrics', row.metrics)?.live === true;
  return {
    ref,
    enabled: row.enabled,
    live,
    power_on_mode: row.power_on_mode,
    current_operations: row.current_operations,
  };
}

/** Recompute host.allowed_operations. */
export function refreshHostAllowed(db: XapiDb, host: string): void {
  if (!db.has('host', host)) return;
  db.update('host', host, { allowed_operations: allowedHostOperations(hostOpState(db, host)) });
}

/** Throw the reason `op` is not valid on the host now, if any. */
export function assertHostOperation(db: XapiDb, host: string, op: HostAllowedOperations): void {
  const err = checkHostOperation(hostOpState(db, host), op);
  if (err) throw err;
}

/** Register `op` under `key` (checked first); returns the function that unregisters it. */
export function beginHostOperation(
  db: XapiDb,
  host: string,
  op: HostAllowedOperations,
  key: string,
): () => void {
  db.transaction(() => {
    assertHostOperation(db, host, op);
    const current = { ...db.get('host', host).current_operations, [key]: op };
    db.update('host', host, { current_operations: current });
    refreshHostAllowed(db, host);
  });
  return () => {
    if (!db.has('host', host)) return;
    db.transaction(() => {
      const current: Record<string, HostAllowedOperations> = {
        ...db.get('host', host).current_operations,
      };
      delete current[key];
      db.update('host', host, { current_operations: current });
      refreshHostAllowed(db, host);
    });
  };
}

/**
 * Run `fn` as operation `op` on the host. The check and registration happen
 * before `fn` is called, in the same turn, so callers can check other objects
 * first without a window for a conflicting operation.
 */
export async function withHostOperation<T>(
  ctx: Pick<CallContext, 'services' | 'task'>,
  host: string,
  op: HostAllowedOperations,
  fn: () => Promise<T>,
): Promise<T> {
  const end = beginHostOperation(ctx.services.db, host, op, ctx.task?.ref ?? `OpaqueRef:${randomUUID()}`);
  try {
    return await fn();
  } finally {
    end();
  }
}
