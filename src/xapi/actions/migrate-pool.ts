// VM.pool_migrate to another host of this pool: a live migration from this
// host's xenopsd to the destination's, through the destination's
// /services/xenops reached with an intra-pool session (the pool secret). The
// VM keeps its one record (one pool database): the destination attaches its
// disks with the holds handed over from here and takes the VM up when this
// host says the migration is over (migrate-pool-incoming.ts); resident_on
// then names it. As xapi's pool_migrate, every disk must be reachable from the
// destination (its SR plugged there; VM_REQUIRES_SR otherwise): the disks are
// not copied, so migration_disks_copied is 0 when the SR's images are the
// same files there. A failure before xenopsd's point of no return leaves the
// VM running here.
import { apiError } from '../../datamodel/api-error.js';
import { NULL_REF } from '../../datamodel/build.js';
import type { CallContext } from '../context.js';
import { detachVbd } from '../lifecycle/vm-disks.js';
import { poolLogin } from '../pool/remote.js';
import type { XapiDb } from '../store.js';
import { fromXenopsError } from '../xenops/errors.js';
import type { XenopsLink } from '../xenops/link.js';
import { linkOf } from '../xenops/run-task.js';
import { destMap } from './migrate-plan.js';
import { xenopsMigrate } from './migrate-xenops.js';

/** xapi's assert_can_see_SRs: every disk's SR has a plugged PBD on the destination. */
export function assertDisksReachable(db: XapiDb, vm: string, host: string): void {
  for (const vbd of db.get('VM', vm).VBDs) {
    const v = db.get('VBD', vbd);
    if (v.empty || v.VDI === NULL_REF || !db.has('VDI', v.VDI)) continue;
    const sr = db.get('VDI', v.VDI).SR;
    const plugged = db
      .get('SR', sr)
      .PBDs.some((p) => db.find('PBD', p)?.host === host && db.find('PBD', p)?.currently_attached === true);
    if (!plugged) throw apiError('VM_REQUIRES_SR', { vm, sr });
  }
}

/** How long this host's view of the pool database may lag behind the destination's write. */
const VIEW_LAG_LIMIT_MS = 30_000;

/**
 * Wait until this host's view of the pool database shows the VM on `host`
 * (the destination wrote it): only then may this host's xenopsd, which no
 * longer has the VM, be read again without the VM seeming halted.
 */
async function untilResident(db: XapiDb, vm: string, host: string): Promise<void> {
  const until = Date.now() + VIEW_LAG_LIMIT_MS;
  while (db.find('VM', vm)?.resident_on !== host && db.has('VM', vm) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Whether this host's xenopsd still has the VM (unreachable: assume it does). */
async function runsHere(link: XenopsLink, uuid: string): Promise<boolean> {
  try {
    await link.client.call('VM.stat', { dbg: 'pool_migrate', id: uuid });
    return true;
  } catch (e) {
    return fromXenopsError(e).code !== 'XENOPS_DOES_NOT_EXIST';
  }
}

/** Live-migrate `vm` (running here, its operation held by the caller) to `host`, another member. */
export async function migrateToMember(ctx: CallContext, vm: string, host: string): Promise<void> {
  const { db, hostPool } = ctx.services;
  const row = db.get('VM', vm);
  if (row.power_state !== 'Running') {
    throw apiError('VM_BAD_POWER_STATE', { vm, expected: 'running', actual: row.power_state.toLowerCase() });
  }
  const dest = db.get('host', host);
  const metrics = db.find('host_metrics', dest.metrics);
  if (metrics && !metrics.live) throw apiError('HOST_OFFLINE', { host });
  assertDisksReachable(db, vm, host);
  const link = linkOf(ctx);
  let remote;
  try {
    remote = await poolLogin(dest.address, hostPool.defaultPort, host, hostPool.secret.get());
  } catch {
    throw apiError('CANNOT_CONTACT_HOST', { host });
  }
  const uuid = row.uuid;
  // Until the destination has the VM, this host's xenopsd reports of it are not applied.
  const release = link.hold(uuid);
  const complete = (): Promise<unknown> => remote.call('VM.pool_migrate_complete', [vm, host]);
  try {
    const u = new URL(destMap(remote.url, host, remote.client.sessionRef ?? '').xenops);
    u.searchParams.set('pool_vm', vm);
    try {
      await xenopsMigrate(ctx, vm, { uuid, url: u.toString(), vdiMap: {}, vifMap: {}, destination: host });
    } catch (e) {
      await complete().catch(() => undefined);
      // A failure after xenopsd's point of no return: the VM runs there, the success it is.
      if (await runsHere(link, uuid)) throw e;
      await untilResident(db, vm, host);
      for (const vbd of row.VBDs) await detachVbd(ctx, uuid, vbd);
      return;
    }
    // The VM runs there: the destination takes the disks' holds and the record.
    await complete();
    await untilResident(db, vm, host);
    for (const vbd of row.VBDs) await detachVbd(ctx, uuid, vbd);
  } finally {
    await release();
    // The intra-pool session was opened for this migration only.
    await remote.call('session.logout', []).catch(() => undefined);
    remote.close();
  }
}
