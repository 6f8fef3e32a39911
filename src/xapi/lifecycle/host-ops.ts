// Which host operations are valid when, in xapi's order (first failure wins):
// operations that bring VMs onto the host (provision, vm_resume, vm_migrate)
// and those that take them off it (evacuate, reboot, shutdown) exclude each
// other; reboot, shutdown and apply_updates exclude each other; one provision
// at a time; reboot, shutdown and apply_updates need the host disabled; a
// host that is up, or has no power-on mode, cannot be powered on. vm_start and enable only conflict
// with apply_updates.
import { apiError, type ApiError } from '../../datamodel/api-error.js';
import type { HostAllowedOperations } from '../../generated/api-types.js';

export interface HostOpState {
  readonly ref: string;
  readonly enabled: boolean;
  /** host_metrics.live: the host is up. */
  readonly live: boolean;
  /** host.power_on_mode: empty when remote power-on is disabled. */
  readonly power_on_mode?: string;
  readonly current_operations: Readonly<Record<string, HostAllowedOperations>>;
}

/** Every value of host_allowed_operations. */
export const HOST_OPERATIONS: readonly HostAllowedOperations[] = [
  'provision',
  'evacuate',
  'shutdown',
  'reboot',
  'power_on',
  'vm_start',
  'vm_resume',
  'vm_migrate',
  'apply_updates',
  'enable',
];

const CREATING: readonly HostAllowedOperations[] = ['provision', 'vm_resume', 'vm_migrate'];
const REMOVING: readonly HostAllowedOperations[] = ['evacuate', 'reboot', 'shutdown'];

/** The error of every operation that is not valid now; valid ones are absent. */
export function hostOperationErrors(s: HostOpState): Map<HostAllowedOperations, ApiError> {
  const table = new Map<HostAllowedOperations, ApiError>();
  const set = (ops: readonly HostAllowedOperations[], err: () => ApiError): void => {
    for (const op of ops) if (!table.has(op)) table.set(op, err());
  };
  const current = Object.entries(s.current_operations);
  const find = (pred: (op: HostAllowedOperations) => boolean) => current.find(([, op]) => pred(op));
  const inProgress =
    ([task, op]: [string, HostAllowedOperations]) =>
    () =>
      apiError('OTHER_OPERATION_IN_PROGRESS', {
        class: 'host',
        object: s.ref,
        operation_type: op,
        operation_ref: task,
      });

  const creating = find((op) => CREATING.includes(op));
  const removing = find((op) => REMOVING.includes(op));
  for (const op of HOST_OPERATIONS) {
    if (op === 'power_on') continue;
    if (CREATING.includes(op) && removing) set([op], inProgress(removing));
    else if (REMOVING.includes(op) && creating) set([op], inProgress(creating));
  }
  const exclusive: readonly [HostAllowedOperations, readonly HostAllowedOperations[]][] = [
    ['reboot', ['shutdown', 'apply_updates']],
    ['shutdown', ['reboot', 'apply_updates']],
    ['apply_updates', ['reboot', 'shutdown', 'enable']],
    ['provision', ['provision']],
  ];
  for (const [running, blocked] of exclusive) {
    const hit = find((op) => op === running);
    // xapi names the running operation itself, whichever entry it found.
    if (hit) set(blocked, inProgress([hit[0], running]));
  }
  if (s.enabled) set(['reboot', 'shutdown', 'apply_updates'], () => apiError('HOST_NOT_DISABLED', {}));
  if (s.live) set(['power_on'], () => apiError('HOST_IS_LIVE', { host: s.ref }));
  if (s.power_on_mode === '') set(['power_on'], () => apiError('HOST_POWER_ON_MODE_DISABLED', {}));
  return table;
}

export function checkHostOperation(s: HostOpState, op: HostAllowedOperations): ApiError | undefined {
  return hostOperationErrors(s).get(op);
}

/** host.allowed_operations: the operations valid now, in the enum's order. */
export function allowedHostOperations(s: HostOpState): HostAllowedOperations[] {
  const errors = hostOperationErrors(s);
  return HOST_OPERATIONS.filter((op) => !errors.has(op));
}
