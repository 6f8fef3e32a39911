// VM.assert_agile: can the VM run on any host of the pool? Every disk must be
// on a properly shared SR (shared, and plugged on every enabled host) and every
// NIC on a properly shared network (a PIF of it on every host), in xapi's order:
// disks first, then NICs, the first failure wins.
import { apiError } from '../../datamodel/api-error.js';
import { NULL_REF } from '../../datamodel/build.js';
import type { XapiDb } from '../store.js';

export function srProperlyShared(db: XapiDb, sr: string): boolean {
  const row = db.get('SR', sr);
  if (!row.shared) return false;
  const plugged = new Set(
    row.PBDs.filter((p) => db.has('PBD', p) && db.get('PBD', p).currently_attached).map(
      (p) => db.get('PBD', p).host,
    ),
  );
  return [...db.all('host')].every(([h, host]) => !host.enabled || plugged.has(h));
}

export function networkProperlyShared(db: XapiDb, network: string): boolean {
  const withPif = new Set(
    db
      .get('network', network)
      .PIFs.filter((p) => db.has('PIF', p))
      .map((p) => db.get('PIF', p).host),
  );
  return [...db.all('host')].every(([h]) => withPif.has(h));
}

export function assertAgile(db: XapiDb, vm: string): void {
  const row = db.get('VM', vm);
  for (const vbd of row.VBDs) {
    const b = db.find('VBD', vbd);
    if (!b || b.empty || b.VDI === NULL_REF || !db.has('VDI', b.VDI)) continue;
    const sr = db.get('VDI', b.VDI).SR;
    if (!srProperlyShared(db, sr)) throw apiError('HA_CONSTRAINT_VIOLATION_SR_NOT_SHARED', { SR: sr });
  }
  for (const vif of row.VIFs) {
    const network = db.find('VIF', vif)?.network;
    if (network === undefined || !db.has('network', network)) continue;
    if (!networkProperlyShared(db, network))
      throw apiError('HA_CONSTRAINT_VIOLATION_NETWORK_NOT_SHARED', { network });
  }
}
