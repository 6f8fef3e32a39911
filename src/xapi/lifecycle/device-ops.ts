// VBD and VIF operations: valid only on a running VM, in the right attach
// state, one at a time; CD drives alone take insert and eject.
import type { ApiError } from '../../datamodel/api-error.js';
import { apiError } from '../../datamodel/api-error.js';
import type { VbdOperations, VifOperations, VmPowerState } from '../../generated/api-types.js';

export interface DeviceOpState {
  readonly ref: string;
  readonly cls: 'VBD' | 'VIF';
  readonly vm: string;
  readonly vmPowerState: VmPowerState;
  readonly currently_attached: boolean;
  readonly current_operations: Readonly<Record<string, DeviceOp>>;
  /** VBD only. */
  readonly unpluggable?: boolean;
  readonly type?: 'CD' | 'Disk' | 'Floppy';
  readonly empty?: boolean;
}

type DeviceOp = VbdOperations | VifOperations;

const NEEDS_RUNNING: ReadonlySet<DeviceOp> = new Set<DeviceOp>(['plug', 'unplug', 'unplug_force']);

export function checkDeviceOperation(d: DeviceOpState, op: DeviceOp): ApiError | undefined {
  const running = Object.entries(d.current_operations);
  if (running.length > 0) {
    const [task, other] = running[0] as [string, string];
    return apiError('OTHER_OPERATION_IN_PROGRESS', {
      class: d.cls,
      object: d.ref,
      operation_type: other,
      operation_ref: task,
    });
  }
  if (NEEDS_RUNNING.has(op) && d.vmPowerState !== 'Running') {
    return apiError('VM_BAD_POWER_STATE', {
      vm: d.vm,
      expected: 'running',
      actual: d.vmPowerState.toLowerCase(),
    });
  }
  switch (op) {
    case 'plug':
      return d.currently_attached ? apiError('DEVICE_ALREADY_ATTACHED', { device: d.ref }) : undefined;
    case 'unplug':
    case 'unplug_force':
      if (!d.currently_attached) return apiError('DEVICE_ALREADY_DETACHED', { device: d.ref });
      if (op === 'unplug' && d.cls === 'VBD' && d.unpluggable === false) {
        return apiError('VBD_NOT_UNPLUGGABLE', { vbd: d.ref });
      }
      return undefined;
    case 'insert':
    case 'eject':
      if (d.cls !== 'VBD' || d.type !== 'CD') return apiError('VBD_NOT_REMOVABLE_MEDIA', { vbd: d.ref });
      if (op === 'insert' && !d.empty) return apiError('VBD_NOT_EMPTY', { vbd: d.ref });
      if (op === 'eject' && d.empty) return apiError('VBD_IS_EMPTY', { vbd: d.ref });
      return undefined;
    case 'attach':
    case 'pause':
    case 'unpause':
      return apiError('OPERATION_NOT_ALLOWED', { reason: `${op} is not supported by this toolstack` });
  }
}

const VBD_ADVERTISED: readonly VbdOperations[] = ['plug', 'unplug', 'unplug_force', 'insert', 'eject'];
const VIF_ADVERTISED: readonly VifOperations[] = ['plug', 'unplug'];

export function allowedDeviceOperations(d: DeviceOpState): DeviceOp[] {
  const ops: readonly DeviceOp[] = d.cls === 'VBD' ? VBD_ADVERTISED : VIF_ADVERTISED;
  return ops.filter((op) => checkDeviceOperation(d, op) === undefined);
}
