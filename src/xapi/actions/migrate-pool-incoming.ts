// The destination's side of VM.pool_migrate between two hosts of one pool.
// The VM keeps its one record (one pool database): when the source's xenopsd
// hands the VM's metadata to ours (/services/xenops?pool_vm=<VM ref>), this
// host stops applying its xenopsd's reports of the VM (the record still shows
// it running on the source) and attaches its disks here with the source's
// hold handed over (storage.attach's handoverFrom: the source keeps writing
// until the switchover). At the switchover (the source's xenopsd calls
// VM.migrate_receive_complete) the disks' holds move here from the source
// (storage.handover) before the VM runs. When the source says the migration
// is over (VM.pool_migrate_complete), a VM that runs here has its record read
// from our xenopsd (resident_on becomes this host); one that does not run
// here releases what was attached for it, leaving the record to the source.
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext, Services } from '../context.js';
import { vbdConfig, vifConfig } from '../xenops/config.js';
import { attachVbd, detachVbd } from '../lifecycle/vm-disks.js';
import { vifNetworkOf } from '../lifecycle/vm-push.js';
import { NULL_REF } from '../../datamodel/build.js';
import { LocalVdiLocks } from '../../storage/vdi-locks.js';

interface PoolIncoming {
  /**
   * The uuid of the host the VM comes from, when the disk holds are the
   * pool's (etcd): holds kept in this host's memory only (LocalVdiLocks)
   * know nothing of the source's, so the disks are attached and held here as
   * for any VM, with nothing to hand over.
   */
  readonly fromHost: string | undefined;
  readonly release: () => Promise<void>;
  readonly timer: NodeJS.Timeout;
  /** The disks' holds have moved here (at the switchover). */
  handedOver: boolean;
}

/** A source that never says the migration is over (it died) does not hold the VM forever. */
const INCOMING_LIMIT_MS = 60 * 60_000;

const incoming = new WeakMap<Services, Map<string, PoolIncoming>>();

function table(services: Services): Map<string, PoolIncoming> {
  let t = incoming.get(services);
  if (!t) incoming.set(services, (t = new Map()));
  return t;
}

/** Whether a migration of `vm` from another host of the pool is arriving here. */
export function poolIncoming(services: Services, vm: string): boolean {
  return table(services).has(vm);
}

/** Before the metadata reaches xenopsd: the VM is running on another host of the pool, and is held. */
export function bindPoolIncoming(services: Services, vm: string, uuid: string): void {
  const { db } = services;
  const row = db.find('VM', vm);
  if (!row) throw apiError('HANDLE_INVALID', { class: 'VM', handle: vm });
  if (table(services).has(vm)) return; // the same migration, asking again
  if (row.uuid !== uuid) {
    throw apiError('OPERATION_NOT_ALLOWED', { reason: `the metadata is of VM ${uuid}, not of ${row.uuid}` });
  }
  const from = db.find('host', row.resident_on);
  if (row.power_state !== 'Running' || !from || row.resident_on === services.host) {
    throw apiError('OPERATION_NOT_ALLOWED', { reason: 'the VM is not running on another host of the pool' });
  }
  const release = services.xenops?.hold(uuid) ?? (async () => undefined);
  const timer = setTimeout(() => {
    completePoolIncoming({ services }, vm).catch(() => undefined);
  }, INCOMING_LIMIT_MS).unref();
  const pooled = !(services.storage.locks instanceof LocalVdiLocks);
  table(services).set(vm, { fromHost: pooled ? from.uuid : undefined, release, timer, handedOver: false });
}

/** After the metadata is in xenopsd: its devices use this host's datapaths and bridges. */
export async function attachPoolIncoming(services: Services, vm: string): Promise<void> {
  const link = services.xenops;
  const entry = table(services).get(vm);
  if (!link || !entry) return;
  const { db } = services;
  const row = db.get('VM', vm);
  const uuid = row.uuid;
  const ctx = { services };
  for (const vbd of row.VBDs) {
    const from = entry.fromHost;
    const disk = await attachVbd(ctx, uuid, vbd, from === undefined ? {} : { handoverFrom: from });
    await link.client.call('VBD.add', { dbg: 'migrate', vbd: vbdConfig(uuid, db.get('VBD', vbd), disk) });
  }
  for (const vif of row.VIFs) {
    const v = db.get('VIF', vif);
    await link.client.call('VIF.add', {
      dbg: 'migrate',
      vif: vifConfig(uuid, v, vifNetworkOf(ctx, v.network)),
    });
  }
}

/** The VM's disks, held by the source until the switchover. */
function disksOf(services: Services, vm: string): string[] {
  const { db } = services;
  return db
    .get('VM', vm)
    .VBDs.map((v) => db.get('VBD', v).VDI)
    .filter((v) => v !== NULL_REF && db.has('VDI', v));
}

/** Move the disks' holds from the source here (VdiLocks.transfer), once. */
async function takeHolds(services: Services, vm: string, entry: PoolIncoming): Promise<void> {
  const from = entry.fromHost;
  if (entry.handedOver || from === undefined) return;
  for (const vdi of disksOf(services, vm)) await services.storage.handover(vdi, from);
  entry.handedOver = true;
}

/**
 * The switchover: the source's xenopsd has sent the last of the guest (its
 * domain is stopped) and asks ours to run it (VM.migrate_receive_complete).
 * The storage's point of no return comes first: a refused handover (the
 * source's lease expired, another host won) fails the call, so the VM does
 * not run here.
 */
export async function switchoverPoolIncoming(services: Services, vm: string): Promise<void> {
  const entry = table(services).get(vm);
  if (!entry) throw apiError('OPERATION_NOT_ALLOWED', { reason: 'no migration of this VM is arriving' });
  await takeHolds(services, vm, entry);
}

/** Whether this host's xenopsd runs the VM now. */
async function runsHere(services: Services, uuid: string): Promise<boolean> {
  const link = services.xenops;
  if (!link) return false;
  try {
    const [, state] = await link.client.call('VM.stat', { dbg: 'migrate', id: uuid });
    return state.power_state === 'Running' || state.power_state === 'Paused';
  } catch {
    return false;
  }
}

/** The migration of `vm` from another host of the pool is over, whichever way it went. */
export async function completePoolIncoming(ctx: Pick<CallContext, 'services'>, vm: string): Promise<void> {
  const { services } = ctx;
  const { db } = services;
  const entry = table(services).get(vm);
  if (!entry) throw apiError('OPERATION_NOT_ALLOWED', { reason: 'no migration of this VM is arriving' });
  table(services).delete(vm);
  clearTimeout(entry.timer);
  const row = db.find('VM', vm);
  if (!row) {
    await entry.release();
    return;
  }
  if (await runsHere(services, row.uuid)) {
    // Taken at the switchover already; a refused handover leaves the holds
    // with the source, and the error goes to it.
    try {
      await takeHolds(services, vm, entry);
    } finally {
      await entry.release();
    }
    return;
  }
  await entry.release();
  for (const vbd of row.VBDs) await detachVbd(ctx, row.uuid, vbd);
}
