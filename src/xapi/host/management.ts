// The management interface (xapi's Xapi_mgmt_iface): the PIF whose address
// the host serves the network on. Changing it moves the HTTPS listener (and
// the plain HTTP one, unless that serves local tools on a loopback address or
// every address) to the PIF's address; disabling it moves them to loopback.
// The Unix socket never moves.
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import type { XapiDb } from '../store.js';

/** The address a PIF can be served on, or the error xapi gives for a PIF without one (pure). */
export function managementAddress(pif: {
  readonly ref: string;
  readonly primary_address_type: string;
  readonly ip_configuration_mode: string;
  readonly ipv6_configuration_mode: string;
  readonly IP: string;
  readonly IPv6: readonly string[];
  readonly bond_slave_of: string;
}): string {
  if (pif.bond_slave_of !== 'OpaqueRef:NULL' && pif.bond_slave_of !== '')
    throw apiError('CANNOT_PLUG_BOND_SLAVE', { PIF: pif.ref });
  if (pif.primary_address_type === 'IPv6') {
    // An IPv6 entry is `address/prefix`.
    const v6 = pif.IPv6.map((a) => a.split('/')[0] ?? '').find((a) => a !== '' && !a.startsWith('fe80:'));
    // xapi checks the mode only; an address is needed too, to listen on.
    if (pif.ipv6_configuration_mode === 'None' || v6 === undefined)
      throw apiError('PIF_HAS_NO_V6_NETWORK_CONFIGURATION', { PIF: pif.ref });
    return v6;
  }
  if (pif.ip_configuration_mode === 'None' || pif.IP === '')
    throw apiError('PIF_HAS_NO_NETWORK_CONFIGURATION', { PIF: pif.ref });
  return pif.IP;
}

/** Mark `pif` (or none) as the host's management interface. */
function setManagementFlags(db: XapiDb, host: string, pif: string | undefined): void {
  for (const [ref, row] of db.all('PIF')) {
    if (row.host !== host) continue;
    const want = ref === pif;
    if (row.management !== want) db.update('PIF', ref, { management: want });
  }
}

/** host.get_management_interface. */
export function managementInterface(db: XapiDb, host: string): string {
  db.get('host', host);
  const pif = [...db.all('PIF')].find(([, r]) => r.host === host && r.management)?.[0];
  if (pif === undefined)
    throw apiError('INTERNAL_ERROR', { message: 'the host has no management interface' });
  return pif;
}

/** Serve the management interface on `pif`: listeners first (a failure changes nothing), then the records. */
export async function reconfigureManagement(ctx: Pick<CallContext, 'services'>, pif: string): Promise<void> {
  const { db, toolstack } = ctx.services;
  const pool = db.get('pool', ctx.services.pool);
  if (pool.ha_enabled) throw apiError('HA_IS_ENABLED', {});
  const row = db.get('PIF', pif);
  const address = managementAddress({ ref: pif, ...row });
  if (row.management) return; // already the management PIF: nothing to do, as xapi
  // Another host's listeners are its own xapi's (xapi forwards the call there; calls are not forwarded here).
  if (row.host !== ctx.services.host) throw apiError('HOST_OFFLINE', { host: row.host });
  const listeners = toolstack.listeners;
  if (listeners) await listeners.rebind(address, toolstack.follow);
  db.transaction(() => {
    setManagementFlags(db, row.host, pif);
    db.update('host', row.host, { address });
  });
}

/** host.management_disable: serve on loopback only. */
export async function disableManagement(ctx: Pick<CallContext, 'services'>): Promise<void> {
  const { db, toolstack, hostPool } = ctx.services;
  if (db.get('pool', ctx.services.pool).ha_enabled) throw apiError('HA_IS_ENABLED', {});
  if (hostPool.role.kind !== 'master') throw apiError('SLAVE_REQUIRES_MANAGEMENT_INTERFACE', {});
  const listeners = toolstack.listeners;
  if (listeners) await listeners.rebind('127.0.0.1', toolstack.follow);
  setManagementFlags(db, ctx.services.host, undefined);
}

/** host.local_management_reconfigure: by device name, in emergency mode only. */
export async function localReconfigureManagement(
  ctx: Pick<CallContext, 'services'>,
  device: string,
): Promise<void> {
  const { db, hostPool, host } = ctx.services;
  if (hostPool.role.kind !== 'emergency') throw apiError('POOL_NOT_IN_EMERGENCY_MODE', {});
  const pif = [...db.all('PIF')].find(([, r]) => r.host === host && r.device === device)?.[0];
  if (pif === undefined) throw apiError('INVALID_VALUE', { field: 'interface', value: device });
  await reconfigureManagement(ctx, pif);
}
