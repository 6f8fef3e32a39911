// Running an operation on an object the way xapi does: check it against the
// operation table, register `{task: op}` in current_operations, recompute
// allowed_operations, and undo both when the operation ends, however it ends.
// Each step is a DB write, so clients watching events see the operation.
import { randomUUID } from 'node:crypto';
import type { ApiError } from '../../datamodel/api-error.js';
import { untypedView } from '../../db/typed.js';
import type { XapiDb } from '../store.js';
import type { VbdOperations, VifOperations, VMRecord, VmOperations } from '../../generated/api-types.js';
import { allowedDeviceOperations, checkDeviceOperation, type DeviceOpState } from './device-ops.js';
import { allowedVmOperations, checkVmOperation, type VmOpState } from './vm-ops.js';

type Ops = { readonly VM: VmOperations; readonly VBD: VbdOperations; readonly VIF: VifOperations };
export type OpClass = keyof Ops;

export function vmOpState(db: XapiDb, ref: string, row: VMRecord = db.get('VM', ref)): VmOpState {
  return {
    ref,
    power_state: row.power_state,
    is_a_template: row.is_a_template,
    is_default_template: row.is_default_template,
    is_a_snapshot: row.is_a_snapshot,
    is_control_domain: row.is_control_domain,
    current_operations: row.current_operations,
    blocked_operations: row.blocked_operations,
  };
}

export function deviceOpState(db: XapiDb, cls: 'VBD' | 'VIF', ref: string): DeviceOpState {
  const row = db.get(cls, ref);
  const vbd = cls === 'VBD' ? db.get('VBD', ref) : undefined;
  return {
    ref,
    cls,
    vm: row.VM,
    vmPowerState: db.find('VM', row.VM)?.power_state ?? 'Halted',
    currently_attached: row.currently_attached,
    current_operations: row.current_operations,
    ...(vbd ? { unpluggable: vbd.unpluggable, type: vbd.type, empty: vbd.empty } : {}),
  };
}

function check<C extends OpClass>(db: XapiDb, cls: C, ref: string, op: Ops[C]): ApiError | undefined {
  return cls === 'VM'
    ? checkVmOperation(vmOpState(db, ref), op as VmOperations)
    : checkDeviceOperation(deviceOpState(db, cls as 'VBD' | 'VIF', ref), op as VbdOperations);
}

/** Recompute allowed_operations of an object (a VM's devices follow its power state). */
export function refreshAllowed(db: XapiDb, cls: OpClass, ref: string): void {
  if (!db.has(cls, ref)) return;
  db.transaction(() => {
    if (cls === 'VM') {
      db.update('VM', ref, { allowed_operations: allowedVmOperations(vmOpState(db, ref)) });
      const row = db.get('VM', ref);
      for (const d of row.VBDs) refreshAllowed(db, 'VBD', d);
      for (const d of row.VIFs) refreshAllowed(db, 'VIF', d);
    } else {
      db.update(cls, ref, { allowed_operations: allowedDeviceOperations(deviceOpState(db, cls, ref)) });
    }
  });
}

/** Throw the reason `op` is not valid on the object now, if any. */
export function assertOperation<C extends OpClass>(db: XapiDb, cls: C, ref: string, op: Ops[C]): void {
  const err = check(db, cls, ref, op);
  if (err) throw err;
}

/**
 * What `withOperation` needs of a call (a CallContext is one): the store, and
 * the call's task. Declared here so that this table does not depend on the
 * call context, which depends on the services that use this table.
 */
export interface OperationCall {
  readonly services: { readonly db: XapiDb };
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
  // Written through the untyped view: the class is a type parameter here, and
  // each class's current_operations holds operations of that class (`op: Ops[C]`).
  const anyClass = untypedView(db);
  const key = ctx.task?.ref ?? `OpaqueRef:${randomUUID()}`;
  db.transaction(() => {
    assertOperation(db, cls, ref, op);
    const current: Record<string, string> = { ...db.get(cls, ref).current_operations, [key]: op };
    anyClass.update(cls, ref, { current_operations: current });
    refreshAllowed(db, cls, ref);
  });
  try {
    return await fn();
  } finally {
    if (db.has(cls, ref)) {
      db.transaction(() => {
        const current: Record<string, string> = { ...db.get(cls, ref).current_operations };
        delete current[key];
        anyClass.update(cls, ref, { current_operations: current });
        refreshAllowed(db, cls, ref);
      });
    }
  }
}
