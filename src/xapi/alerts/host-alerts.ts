// HOST_OFFLINE and HOST_ONLINE, raised where a pool master learns that a
// host's liveness changed (src/pool/liveness.ts sets host_metrics.live from
// the hosts' leases), in the same transaction as the change.
import type { XapiDb } from '../store.js';
import { raiseAlert } from './raise.js';

/** `metrics` is the host_metrics whose `live` becomes `live`. */
export function raiseHostLiveness(db: XapiDb, metrics: string, live: boolean): void {
  for (const [, host] of db.all('host')) {
    if (host.metrics !== metrics) continue;
    const who = `Host '${host.name_label}' (uuid: ${host.uuid})`;
    raiseAlert(db, {
      name: live ? 'HOST_ONLINE' : 'HOST_OFFLINE',
      cls: 'Host',
      objUuid: host.uuid,
      body: live ? `${who} is live again` : `${who} is offline: its liveness lease expired`,
    });
    return;
  }
}
