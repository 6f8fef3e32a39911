// VM.migrate_send / assert_can_migrate: a running VM to the host of another
// pool, as xapi's cross-pool migration does. The destination's XenAPI (reached
// with the session of its host.migrate_receive answer) gets the VM's record,
// new VDIs on the SRs of vdi_map and VIFs on the networks of vif_map; this
// host's xenopsd then live-migrates the domain to the destination's xenopsd
// through the destination's /services/xenops. There, xapi points the arriving
// VBDs at the new VDIs (migrate-incoming.ts), so xenopsd copies every disk's
// contents while the guest runs (QEMU: NBD mirrors; the simulator streams the
// images). The destination's xapi then picks the VM up from its xenopsd, and
// this host forgets the VM and destroys its VDIs. A failure or cancellation
// before xenopsd's point of no return leaves the VM running here and removes
// everything made at the destination; one after it (the VM runs there) is the
// success it is.
import { ApiError, apiError } from '../../datamodel/api-error.js';
import { emptyValue, NULL_REF } from '../../datamodel/build.js';
import { isErrorCode } from '../../datamodel/errors/index.js';
import { classByName, type Ty } from '../../datamodel/index.js';
import type { Value } from '../../datamodel/types.js';
import { XapiClient } from '../../client/generated.js';
import { jsonRpcTransport, XenApiFailure } from '../../client/transport.js';
import type { CallContext } from '../context.js';
import { assertOperation, withOperation } from '../lifecycle/operations.js';
import { detachAll } from '../lifecycle/vm-disks.js';
import { linkOf } from '../xenops/run-task.js';
import { hasField } from '../records.js';
import type { StoredClass } from '../store.js';
import { removeVm } from '../vm-copy/devices.js';
import { vdiActions } from './vdi.js';
import { parseDest, planDisks, planVifs, xenopsUrlFor, type Dest } from './migrate-plan.js';
import { xenopsMigrate } from './migrate-xenops.js';

type Smap = Readonly<Record<string, string>>;

export interface MigrateArgs {
  readonly dest: Smap;
  readonly live: boolean;
  readonly vdiMap: Smap;
  readonly vifMap: Smap;
  readonly options: Smap;
  readonly vgpuMap: Smap;
}

interface Remote {
  readonly api: XapiClient;
  readonly dest: Dest;
  /** The destination's hidden VM.pool_migrate_complete (not in the generated client). */
  complete(vm: string): Promise<void>;
  close(): void;
}

/** A failure of the destination as an error of ours. */
function fromRemote(e: unknown, vm: string, dest: Dest): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof XenApiFailure) {
    if (isErrorCode(e.code)) return new ApiError(e.code, e.params);
    return apiError('VM_MIGRATE_FAILED', {
      vm,
      source: '',
      destination: dest.host,
      msg: [e.code, ...e.params].join(' '),
    });
  }
  return apiError('VM_MIGRATE_CONTACT_REMOTE_SERVICE_FAILED', {});
}

function connect(dest: Dest): Remote {
  const transport = jsonRpcTransport({ url: dest.master, timeoutMs: 120_000 });
  const api = new XapiClient(transport);
  api.sessionRef = dest.session_id;
  return {
    api,
    dest,
    complete: async (vm) => {
      await transport('VM.pool_migrate_complete', [dest.session_id, vm, dest.host]);
    },
    close: () => transport.close(),
  };
}

const refTyped = (ty: Ty): boolean =>
  ty.kind === 'ref' ||
  ((ty.kind === 'set' || ty.kind === 'option') && refTyped(ty.of)) ||
  (ty.kind === 'map' && (refTyped(ty.key) || refTyped(ty.value)));

/** The fields of a record a constructor takes, without references to this pool's objects. */
function constructorFields<T extends object>(
  cls: StoredClass,
  row: T,
  skip: readonly string[] = [],
): Partial<T> {
  const decl = classByName.get(cls);
  if (!decl) return {};
  // This pool's objects mean nothing there: empty (each of its field's type), unless the caller sets them.
  const emptied: Record<string, Value | undefined> = {};
  const kept: Partial<T> = {};
  for (const { name, qualifier, ty, default: dflt } of decl.fields) {
    if (qualifier === 'DynamicRO' || skip.includes(name)) continue;
    if (refTyped(ty)) {
      if (dflt === undefined) emptied[name] = emptyValue(ty);
    } else if (hasField(row, name) && row[name] !== undefined) {
      kept[name] = row[name];
    }
  }
  return Object.assign(emptied, kept);
}

interface Plan {
  readonly disks: { vbd: string; vdi: string; sr: string }[];
  readonly emptyCds: string[];
  readonly vifs: { vif: string; network: string }[];
}

/** Everything migrate_send checks here, before contacting the destination. */
function planHere(ctx: CallContext, vm: string, a: MigrateArgs): Plan {
  const { db } = ctx.services;
  const row = db.get('VM', vm);
  if (row.power_state !== 'Running') {
    throw apiError('VM_BAD_POWER_STATE', {
      vm,
      expected: 'running',
      actual: row.power_state.toLowerCase(),
    });
  }
  if (Object.keys(a.vgpuMap).length > 0) {
    throw apiError('OPERATION_NOT_ALLOWED', { reason: 'the VM has no vGPUs to map' });
  }
  const disks: { vbd: string; vdi: string; cd: boolean }[] = [];
  const emptyCds: string[] = [];
  for (const vbd of row.VBDs) {
    const v = db.get('VBD', vbd);
    const vdi = v.VDI;
    if (v.empty || vdi === NULL_REF) {
      emptyCds.push(vbd);
      continue;
    }
    disks.push({ vbd, vdi, cd: v.type === 'CD' });
  }
  const planned = planDisks(disks, a.vdiMap);
  return {
    disks: planned.map((p, i) => ({ ...p, vbd: (disks[i] as { vbd: string }).vbd })),
    emptyCds,
    vifs: planVifs(row.VIFs, a.vifMap),
  };
}

/** The destination answers, and has the host, SRs and networks named. */
async function checkThere(remote: Remote, vm: string, plan: Plan): Promise<Map<string, string>> {
  const bridges = new Map<string, string>();
  try {
    await remote.api.host.get_uuid(remote.dest.host);
    for (const sr of new Set(plan.disks.map((d) => d.sr))) await remote.api.SR.get_uuid(sr);
    for (const n of new Set(plan.vifs.map((v) => v.network)))
      bridges.set(n, await remote.api.network.get_bridge(n));
  } catch (e) {
    throw fromRemote(e, vm, remote.dest);
  }
  return bridges;
}

export async function assertCanMigrate(ctx: CallContext, vm: string, a: MigrateArgs): Promise<void> {
  assertOperation(ctx.services.db, 'VM', vm, 'migrate_send');
  const plan = planHere(ctx, vm, a);
  const remote = connect(parseDest(a.dest));
  try {
    await checkThere(remote, vm, plan);
  } finally {
    remote.close();
  }
}

/** What was made at the destination, and the xenops VDI map from source to destination disks. */
interface Made {
  vm?: string;
  readonly vdis: string[];
  readonly locators: Record<string, string>;
}

/** A disk as xenops VDI maps name it, as xapi does: `<SR uuid>/<VDI location>`. */
function locator(ctx: CallContext, vdi: string): string {
  const { db } = ctx.services;
  const row = db.get('VDI', vdi);
  return `${db.get('SR', row.SR).uuid}/${row.location}`;
}

function cancelled(ctx: CallContext): void {
  if (ctx.signal.aborted) throw apiError('TASK_CANCELLED', { task: ctx.task?.ref ?? '' });
}

/** The destination's copies of the VM's records; returns the new VM's ref. */
async function createThere(
  ctx: CallContext,
  vm: string,
  plan: Plan,
  remote: Remote,
  made: Made,
): Promise<string> {
  const { db } = ctx.services;
  const api = remote.api;
  const row = db.get('VM', vm);
  const vmFields = constructorFields('VM', row);
  const there = await api.VM.create({ ...vmFields, is_a_template: false, power_state: 'Halted' });
  made.vm = there;
  for (const d of plan.disks) {
    cancelled(ctx);
    const vdi = db.get('VDI', d.vdi);
    const format = vdi.sm_config?.['image-format'];
    const made2 = await api.VDI.create({
      ...constructorFields('VDI', vdi, ['sm_config', 'managed', 'missing', 'is_a_snapshot']),
      SR: d.sr,
      sm_config: format ? { 'image-format': format } : {},
    });
    made.vdis.push(made2);
    const srThere = await api.SR.get_uuid(d.sr);
    made.locators[locator(ctx, d.vdi)] = `${srThere}/${await api.VDI.get_location(made2)}`;
    const vbd = db.get('VBD', d.vbd);
    await api.VBD.create({ ...constructorFields('VBD', vbd), VM: there, VDI: made2 });
  }
  for (const cd of plan.emptyCds) {
    await api.VBD.create({
      ...constructorFields('VBD', db.get('VBD', cd)),
      VM: there,
      VDI: NULL_REF,
    });
  }
  for (const v of plan.vifs) {
    await api.VIF.create({
      ...constructorFields('VIF', db.get('VIF', v.vif)),
      VM: there,
      network: v.network,
    });
  }
  return there;
}

/** Undo what was made at the destination, best effort (it may be unreachable). */
async function undoThere(remote: Remote, made: Made): Promise<void> {
  const api = remote.api;
  if (made.vm) {
    await remote.complete(made.vm).catch(() => undefined);
    await api.VM.destroy(made.vm).catch(() => undefined);
  }
  for (const vdi of made.vdis) await api.VDI.destroy(vdi).catch(() => undefined);
}

/** Whether the VM now runs at the destination (a migration that failed after its point of no return). */
async function runsThere(remote: Remote, made: Made): Promise<boolean> {
  if (!made.vm) return false;
  try {
    await remote.complete(made.vm);
    const ps = await remote.api.VM.get_power_state(made.vm);
    return ps === 'Running' || ps === 'Paused';
  } catch {
    return false;
  }
}

/** The VM runs at the destination: forget it here, with its disks. */
async function forgetHere(ctx: CallContext, vm: string, plan: Plan): Promise<void> {
  await detachAll(ctx, vm);
  removeVm(ctx.services.db, vm);
  for (const d of plan.disks) await vdiActions.destroy(ctx, d.vdi).catch(() => undefined);
}

export async function migrateSend(ctx: CallContext, vm: string, a: MigrateArgs): Promise<string> {
  const dest = parseDest(a.dest);
  return withOperation(ctx, 'VM', vm, 'migrate_send', async () => {
    const { db } = ctx.services;
    const link = linkOf(ctx);
    const plan = planHere(ctx, vm, a);
    const remote = connect(dest);
    const made: Made = { vdis: [], locators: {} };
    const uuid = db.get('VM', vm).uuid;
    // Once the domain has gone, xenopsd reports the VM gone; the record is removed first.
    let release: (() => Promise<void>) | undefined;
    try {
      const bridges = await checkThere(remote, vm, plan);
      cancelled(ctx);
      const there = await createThere(ctx, vm, plan, remote, made).catch((e: unknown) => {
        throw fromRemote(e, vm, dest);
      });
      cancelled(ctx);
      const vifMap: Record<string, string> = {};
      for (const v of plan.vifs) {
        vifMap[db.get('VIF', v.vif).device] = bridges.get(v.network) ?? '';
      }
      release = link.hold(uuid);
      // xenopsd streams the guest and mirrors each disk whose image differs at the
      // destination (there, xapi points the arriving VBDs at the new VDIs).
      await xenopsMigrate(ctx, vm, {
        uuid,
        url: xenopsUrlFor(dest, there),
        vdiMap: made.locators,
        vifMap,
        destination: dest.host,
      });
      await remote.complete(there).catch(() => undefined);
      await forgetHere(ctx, vm, plan);
      return there;
    } catch (e) {
      if (made.vm !== undefined && (await runsThere(remote, made))) {
        await forgetHere(ctx, vm, plan);
        return made.vm;
      }
      await undoThere(remote, made);
      throw e;
    } finally {
      await release?.();
      remote.close();
    }
  });
}
