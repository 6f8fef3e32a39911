// The master's forwarding of VM operations to the host that runs the VM
// (xapi's message_forwarding.ml, forward_vm_op): a VM that is Running or
// Paused is operated on by its `resident_on` host, and VM.start_on /
// resume_on by the host they name. That host's xenopsd holds the domain.
// PBD.plug / unplug run on the PBD's host (xapi's forward_pbd_op): its
// storage manager attaches the SR.
// The call goes over the XenAPI with an intra-pool session from the pool
// secret; a host that is not live gives HOST_OFFLINE [host], one that cannot
// be reached CANNOT_CONTACT_HOST [host].
import { ApiError, apiError } from '../../datamodel/api-error.js';
import { isErrorCode } from '../../datamodel/errors/index.js';
import type { ClassDecl, MessageDecl, Value } from '../../datamodel/types.js';
import { XenApiFailure } from '../../client/transport.js';
import type { Services } from '../context.js';
import type { XapiDb } from '../store.js';

const NULL_REF = 'OpaqueRef:NULL';

/** Messages that name their host: they run there, whatever the VM's state. */
// VM.pool_migrate_complete names the host a migration arrived on, which runs it
// while the record still shows the VM on the source.
const ON_NAMED_HOST: ReadonlySet<string> = new Set([
  'VM.start_on',
  'VM.resume_on',
  'VM.pool_migrate_complete',
]);

/** PBD messages that act on the PBD's host's storage. */
const ON_PBD_HOST: ReadonlySet<string> = new Set(['PBD.plug', 'PBD.unplug']);

/** The VM a call is about: its first VM parameter, or the VM of its first VBD or VIF. */
function vmOf(db: XapiDb, msg: MessageDecl, args: readonly Value[]): string | undefined {
  for (let i = 0; i < msg.params.length; i++) {
    const p = msg.params[i];
    const ref = args[i];
    if (p?.ty.kind !== 'ref' || typeof ref !== 'string') continue;
    if (p.ty.cls === 'VM') return ref;
    if (p.ty.cls === 'VBD') return db.find('VBD', ref)?.VM;
    if (p.ty.cls === 'VIF') return db.find('VIF', ref)?.VM;
  }
  return undefined;
}

/**
 * The other host a custom VM, VBD, VIF or PBD message must run on, or undefined
 * to run it here. Pure apart from reading the database.
 */
export function forwardTarget(
  db: XapiDb,
  self: string,
  cls: ClassDecl,
  msg: MessageDecl,
  args: readonly Value[],
): string | undefined {
  if (cls.name === 'PBD') {
    if (!ON_PBD_HOST.has(`PBD.${msg.name}`)) return undefined;
    const pbd = args[0];
    const host = typeof pbd === 'string' ? db.find('PBD', pbd)?.host : undefined;
    return host !== undefined && host !== self && db.has('host', host) ? host : undefined;
  }
  if (cls.name !== 'VM' && cls.name !== 'VBD' && cls.name !== 'VIF') return undefined;
  const wire = `${cls.name}.${msg.name}`;
  if (ON_NAMED_HOST.has(wire)) {
    const i = msg.params.findIndex((p) => p.name === 'host');
    const host = args[i];
    return typeof host === 'string' && host !== self && host !== NULL_REF ? host : undefined;
  }
  const vm = vmOf(db, msg, args);
  const row = vm === undefined ? undefined : db.find('VM', vm);
  if (!row || row.is_control_domain) return undefined;
  if (row.power_state !== 'Running' && row.power_state !== 'Paused') return undefined;
  const host = row.resident_on;
  return host !== self && host !== NULL_REF && db.has('host', host) ? host : undefined;
}

/** Run the call on `host` with an intra-pool session and give back its answer or its XenAPI error. */
export async function forwardToHost(
  services: Services,
  host: string,
  wire: string,
  args: readonly Value[],
): Promise<Value | void> {
  const { db } = services;
  const row = db.get('host', host);
  const metrics = db.find('host_metrics', row.metrics);
  if (metrics && !metrics.live) throw apiError('HOST_OFFLINE', { host });
  try {
    return (await services.hostPool.callHost(host, row.address, wire, args)) as Value;
  } catch (e) {
    if (e instanceof XenApiFailure) {
      throw isErrorCode(e.code)
        ? new ApiError(e.code, e.params)
        : new ApiError('INTERNAL_ERROR', [e.message]);
    }
    if (e instanceof ApiError) throw e;
    throw apiError('CANNOT_CONTACT_HOST', { host });
  }
}
