// VM.snapshot_disks: the hypervisor's half of a live (crash-consistent)
// snapshot. The storage has frozen each disk's open image as a base and put
// a new overlay at the disk's place; this switches the running devices onto
// those overlays, one VBD_snapshot atom per disk, in a serial plan on the VM's
// queue (planned by planner.ts; here are the queue-time checks and the atom). The task can be cancelled until the first device switches: from
// then on the guest may write to the new images, so the rest must follow.
import { apiError } from '../datamodel/api-error.js';
import { requireCapability, type TaskHandle } from './backends/api.js';
import { signalDevice, type ExecContext } from './exec-context.js';
import type { VbdSnapshotAtom } from './plan.js';
import type { DiskSnapshot } from './types.js';

/** Queue-time checks: the VBDs are known, each named once, and formats are ones images have. */
export function checkSnapshotDisks(db: ExecContext['db'], vm: string, disks: readonly DiskSnapshot[]): void {
  db.vm(vm);
  const seen = new Set<string>();
  for (const d of disks) {
    db.device('VBD', [vm, d.vbd]);
    if (seen.has(d.vbd)) throw apiError('INVALID_VALUE', { field: 'disks.vbd', value: d.vbd });
    seen.add(d.vbd);
    if (d.format !== 'qcow2' && d.format !== 'raw' && d.format !== 'sim')
      throw apiError('INVALID_VALUE', { field: 'disks.format', value: d.format });
  }
}

/** One VBD_snapshot atom: switch a plugged device of a live domain onto its new image. */
export async function switchDisk(ctx: ExecContext, atom: VbdSnapshotAtom, task: TaskHandle): Promise<void> {
  const { backend: b, db, updates } = ctx;
  requireCapability(b, 'liveDiskSnapshot', 'VM.snapshot_disks');
  const vm = db.vm(atom.id[0]);
  const power = (await b.vm.getState(vm)).power_state;
  if (power !== 'Running' && power !== 'Paused')
    throw apiError('XENOPS_BAD_POWER_STATE', { actual: power, expected: 'Running, Paused' });
  const rec = db.device('VBD', atom.id);
  if (!(await b.vbd.getState(vm, rec.config)).plugged)
    throw apiError('XENOPS_DEVICE_NOT_CONNECTED', { kind: 'VBD', id: atom.id[1] });
  task.cancelPoint();
  task.prohibitCancellation();
  await b.vbd.snapshot(task, vm, rec.config, atom.disk, atom.format);
  db.putDevice('VBD', {
    ...rec,
    config: {
      ...rec.config,
      backend: atom.disk,
      extra_backend_keys: { ...rec.config.extra_backend_keys, format: atom.format },
    },
  });
  signalDevice(updates, 'VBD', atom.id);
}
