// Running an operation on an object the way xapi does: check it against the
// operation table, register `{task: op}` in current_operations, recompute
// allowed_operations, and undo both when the operation ends, however it ends.
// Each step is a DB write, so clients watching events see the operation.
import { randomUUID } from 'node:crypto';
import type { ApiError } from '../../datamodel/api-error.js';
import type { Fields, ObjectStore, Row } from '../../db/store.js';
import type { VbdOperations, VifOperations, VmOperations, VmPowerState } from '../../generated/api-types.js';
import { allowedDeviceOperations, checkDeviceOperation, type DeviceOpState } from './device-ops.js';
import { allowedVmOperations, checkVmOperation, type VmOpState } from './vm-ops.js';

type Ops = { readonly VM: VmOperations; readonly VBD: VbdOperations; readonly VIF: VifOperations };
export type OpClass = keyof Ops;

const smap = (v: unknown): Readonly<Record<string, string>> => (v ?? {}) as Readonly<Record<string, string>>;

export function vmOpState(db: ObjectStore, ref: string, row: Row = db.get('VM', ref)): VmOpState {
  return {
    ref,
    power_state: row['power_state'] as VmPowerState,
    is_a_template: row['is_a_template'] === true,
    is_default_template: row['is_default_template'] === true,
    is_a_snapshot: row['is_a_snapshot'] === true,
    current_operations: smap(row['current_operations']),
    blocked_operations: smap(row['blocked_operations']),
  };
}

export function deviceOpState(db: ObjectStore, cls: 'VBD' | 'VIF', ref: string): DeviceOpState {
  const row = db.get(cls, ref);
  const vm = String(row['VM']);
  const vmRow = db.find('VM', vm);
  return {
    ref,
    cls,
    vm,
    vmPowerState: (vmRow?.['power_state'] as VmPowerState | undefined) ?? 'Halted',
    currently_attached: row['currently_attached'] === true,
    current_operations: smap(row['current_operations']),
    ...(cls === 'VBD'
      ? {
          unpluggable: row['unpluggable'] !== false,
          type: row['type'] as 'CD' | 'Disk' | 'Floppy',
          empty: row['empty'] === true,
        }
      : {}),
  };
}

function check<C extends OpClass>(db: ObjectStore, cls: C, ref: string, op: Ops[C]): ApiError | undefined {
  return cls === 'VM'
    ? checkVmOperation(vmOpState(db, ref), op as VmOperations)
    : checkDeviceOperation(deviceOpState(db, cls as 'VBD' | 'VIF', ref), op as VbdOperations);
}

/** Recompute allowed_operations of an object (a VM's devices follow its power state). */
export function refreshAllowed(db: ObjectStore, cls: OpClass, ref: string): void {
  if (!db.has(cls, ref)) return;
  db.transaction(() => {
    if (cls === 'VM') {
      db.update('VM', ref, { allowed_operations: allowedVmOperations(vmOpState(db, ref)) });
      const row = db.get('VM', ref);
      for (const d of (row['VBDs'] as readonly string[]) ?? []) refreshAllowed(db, 'VBD', d);
      for (const d of (row['VIFs'] as readonly string[]) ?? []) refreshAllowed(db, 'VIF', d);
    } else {
      db.update(cls, ref, { allowed_operations: allowedDeviceOperations(deviceOpState(db, cls, ref)) });
    }
  });
}

/** Throw the reason `op` is not valid on the object now, if any. */
export function assertOperation<C extends OpClass>(db: ObjectStore, cls: C, ref: string, op: Ops[C]): void {
  const err = check(db, cls, ref, op);
  if (err) throw err;
}

/**
 * What `withOperation` needs of a call (a CallContext is one): the store, and
 * the call's task. Declared here so that this table does not depend on the
 * call context, which depends on the services that use this table.
 */
export interface OperationCall {
  readonly services: { readonly db: ObjectStore };
  readonly task: { readonly ref: string } | undefined;
}

/**
 * Run `fn` as operation `op` on the object: checked and registered atomically,
 * unregistered when it ends. The key is the call's task (or a fresh ref for
 * sync calls, which xapi also runs under an internal task).
 */
export async function withOperation<C extends OpClass, T>(
  ctx: OperationCall,
  cls: C,
  ref: string,
  op: Ops[C],
  fn: () => Promise<T>,
): Promise<T> {
  const db = ctx.services.db;
  const key = ctx.task?.ref ?? `OpaqueRef:${randomUUID()}`;
  db.transaction(() => {
    assertOperation(db, cls, ref, op);
    const current = { ...smap(db.get(cls, ref)['current_operations']), [key]: op } as Fields[string];
    db.update(cls, ref, { current_operations: current });
    refreshAllowed(db, cls, ref);
  });
  try {
    return await fn();
  } finally {
    if (db.has(cls, ref)) {
      db.transaction(() => {
        const current: Record<string, string> = { ...smap(db.get(cls, ref)['current_operations']) };
        delete current[key];
        db.update(cls, ref, { current_operations: current });
        refreshAllowed(db, cls, ref);
      });
    }
  }
}
