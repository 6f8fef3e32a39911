// Running xenopsd's live migration (VM.migrate) for VM.pool_migrate and
// VM.migrate_send: the xenops task is cancellable until xenopsd's point of no
// return (it refuses cancellation from there), its progress shows on the
// XenAPI task, and its figures (total time, downtime, bytes, disks copied) are
// kept in the XenAPI task's other_config as `migration_<figure>`.
import type { CallContext } from '../context.js';
import { runXenopsTask } from '../xenops/run-task.js';
import {
  figuresOtherConfig,
  migrateFailed,
  migrationFigures,
  type MigrationFigures,
} from './migrate-plan.js';

export interface XenopsMove {
  /** The VM's uuid (its xenops id). */
  readonly uuid: string;
  /** Where the destination xenopsd is reached. */
  readonly url: string;
  /** Disk locators to the destination's; xenopsd applies them to VBDs backed by VDIs. */
  readonly vdiMap: Readonly<Record<string, string>>;
  /** VIF device → the destination's bridge. */
  readonly vifMap: Readonly<Record<string, string>>;
  /** The host it goes to (for VM_MIGRATE_FAILED). */
  readonly destination: string;
}

/** Move `vm`'s domain with xenopsd; a failure is VM_MIGRATE_FAILED (a cancellation TASK_CANCELLED). */
export async function xenopsMigrate(
  ctx: CallContext,
  vm: string,
  move: XenopsMove,
): Promise<MigrationFigures | undefined> {
  let result: unknown;
  try {
    const params = {
      id: move.uuid,
      xenops_url: move.url,
      vdi_map: move.vdiMap,
      vif_map: move.vifMap,
      pci_map: {},
    };
    // Afterwards the VM shows what xenopsd has (its new domain, or the old one running on);
    // a VM held for a migration away is read when the hold is released.
    result = await runXenopsTask(ctx, (x, dbg) => x.call('VM.migrate', { dbg, ...params }), {
      touches: [{ vm: move.uuid }],
    });
  } catch (e) {
    throw migrateFailed(e, vm, ctx.services.host, move.destination);
  }
  const figures = migrationFigures(result);
  const { db } = ctx.services;
  const task = ctx.task?.ref;
  if (figures && task !== undefined && db.has('task', task)) {
    const oc = db.get('task', task).other_config;
    db.update('task', task, { other_config: { ...oc, ...figuresOtherConfig(figures) } });
  }
  return figures;
}
