// The destination's side of a cross-pool migration. The source created the
// VM's record here through the XenAPI (with a uuid of our choosing); when its
// xenopsd hands the VM's metadata to ours (through /services/xenops), the
// record takes the VM's own uuid, as xapi keeps uuids across migrations, and
// is held by a migrate_send operation until the source says the migration is
// over (VM.pool_migrate_complete), so nothing starts it or releases its disks
// meanwhile.
import { randomUUID } from 'node:crypto';
import { apiError } from '../../datamodel/api-error.js';
import { NULL_REF } from '../../datamodel/build.js';
import type { CallContext, Services } from '../context.js';
import { vbdConfig, vifConfig } from '../xenops/config.js';
import { refreshAllowed } from '../lifecycle/operations.js';
import { attachVbd, detachAll } from '../lifecycle/vm-disks.js';
import { vifNetworkOf } from '../lifecycle/vm-push.js';

interface Incoming {
  readonly key: string;
  readonly release: () => Promise<void>;
  readonly timer: NodeJS.Timeout;
}

/** A source that never says the migration is over (it died) does not hold the record forever. */
const INCOMING_LIMIT_MS = 60 * 60_000;

const incoming = new WeakMap<Services, Map<string, Incoming>>();

function table(services: Services): Map<string, Incoming> {
  let t = incoming.get(services);
  if (!t) incoming.set(services, (t = new Map()));
  return t;
}

/** The VM id in metadata exported by a xenopsd (VM.export_metadata). */
export function metadataVmId(text: string): string {
  try {
    const md = JSON.parse(text) as { vm?: { id?: unknown } };
    if (typeof md.vm?.id === 'string' && md.vm.id !== '') return md.vm.id;
  } catch {
    // reported below
  }
  throw apiError('INVALID_VALUE', { field: 'metadata', value: text.slice(0, 80) });
}

/** Before the metadata reaches xenopsd: give the record the VM's uuid and hold it. */
export function bindIncoming(services: Services, vm: string, uuid: string): void {
  const { db } = services;
  const row = db.find('VM', vm);
  if (!row) throw apiError('HANDLE_INVALID', { class: 'VM', handle: vm });
  if (table(services).has(vm)) return; // the same migration, asking again
  if (row.power_state !== 'Halted' || row.is_a_template) {
    throw apiError('VM_BAD_POWER_STATE', {
      vm,
      expected: 'halted',
      actual: row.power_state.toLowerCase(),
    });
  }
  const other = db.refByUuid('VM', uuid);
  if (other !== undefined && other !== vm) {
    throw apiError('OPERATION_NOT_ALLOWED', { reason: `a VM with uuid ${uuid} already exists on this host` });
  }
  const key = `OpaqueRef:${randomUUID()}`;
  const release = services.xenops?.hold(uuid) ?? (async () => undefined);
  db.transaction(() => {
    db.update('VM', vm, { uuid, current_operations: { ...row.current_operations, [key]: 'migrate_send' } });
    refreshAllowed(db, 'VM', vm);
  });
  const timer = setTimeout(() => {
    completeIncoming({ services }, vm).catch(() => undefined);
  }, INCOMING_LIMIT_MS).unref();
  table(services).set(vm, { key, release, timer });
}

/** After the metadata is in xenopsd: its devices use this host's disks and bridges. */
export async function attachIncoming(services: Services, vm: string): Promise<void> {
  const link = services.xenops;
  if (!link) return;
  const { db } = services;
  const row = db.get('VM', vm);
  const uuid = row.uuid;
  const ctx = { services };
  for (const vbd of row.VBDs) {
    const disk = await attachVbd(ctx, uuid, vbd);
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

/**
 * The incoming migration of `vm` is over, whichever way it went: apply what
 * xenopsd says of it now, and release its disks if it is not running here.
 */
export async function completeIncoming(ctx: Pick<CallContext, 'services'>, vm: string): Promise<void> {
  const { db } = ctx.services;
  const entry = table(ctx.services).get(vm);
  if (!entry) {
    db.get('VM', vm);
    throw apiError('OPERATION_NOT_ALLOWED', { reason: 'no migration of this VM is arriving' });
  }
  table(ctx.services).delete(vm);
  clearTimeout(entry.timer);
  if (db.has('VM', vm)) {
    db.transaction(() => {
      const ops = { ...db.get('VM', vm).current_operations };
      delete ops[entry.key];
      db.update('VM', vm, { current_operations: ops, scheduled_to_be_resident_on: NULL_REF });
      refreshAllowed(db, 'VM', vm);
    });
  }
  await entry.release();
  const row = db.find('VM', vm);
  if (row && row.power_state === 'Halted') await detachAll(ctx, vm);
}
