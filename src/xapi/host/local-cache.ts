// Local storage caching on a host (host.local_cache_sr): what xapi checks before
// changing it, and turning it off. No SR driver here can cache, so it is only
// ever turned off.
import { apiError } from '../../datamodel/api-error.js';
import type { XapiDb } from '../store.js';

/** xapi's "bacon mode": local caching changes need the host disabled and no guest running on it. */
export function assertHostQuiet(db: XapiDb, host: string): void {
  if (db.get('host', host).enabled) throw apiError('HOST_NOT_DISABLED', {});
  for (const [ref, vm] of db.all('VM')) {
    if (vm.resident_on === host && vm.power_state === 'Running' && !vm.is_control_domain) {
      throw apiError('HOST_IN_USE', { host, type: 'vm', ref });
    }
  }
}

export function disableLocalCache(db: XapiDb, host: string): void {
  assertHostQuiet(db, host);
  const sr = db.get('host', host).local_cache_sr;
  db.update('host', host, { local_cache_sr: 'OpaqueRef:NULL' });
  if (db.has('SR', sr)) db.update('SR', sr, { local_cache_enabled: false });
}
