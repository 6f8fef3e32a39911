// What a source QEMU needs to run its guest again after a migration was abandoned
// or interrupted (also when xenopsd restarts after being killed mid-migration: the
// QEMU kept going and may have finished sending). Pure: decided from
// `query-migrate` / `query-status` answers and the domain's migrating-out flag.

/** `query-migrate` statuses of a stream still in progress: `migrate_cancel` it first. */
const inProgress = new Set(['setup', 'active', 'device', 'pre-switchover', 'wait-unplug']);

export function mustCancel(migrateStatus: string | undefined): boolean {
  return migrateStatus !== undefined && inProgress.has(migrateStatus);
}

/** Whether a cancel is still being carried out (poll again). */
export function stillCancelling(migrateStatus: string | undefined): boolean {
  return migrateStatus === 'cancelling' || mustCancel(migrateStatus);
}

/**
 * Whether to `cont` the guest: it stopped because it was sent (`postmigrate`), or it
 * is paused while flagged as migrating out (the stop-and-copy paused it). A guest
 * paused by an operator before the migration is not flagged and stays paused.
 */
export function mustContinue(runStatus: string | undefined, migratingOut: boolean): boolean {
  return runStatus === 'postmigrate' || (runStatus === 'paused' && migratingOut);
}
