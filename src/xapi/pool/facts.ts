// The facts pool.join's pre-checks are decided on: this host's from its own
// database, the remote pool's through its XenAPI.
import type { XapiDb } from '../store.js';
import type { JoinerFacts, RemoteFacts } from './join-checks.js';
import { joinFailure, type RemoteHost } from './remote.js';

export function joinerFacts(db: XapiDb, host: string, pool: string): JoinerFacts {
  const me = db.get('host', host);
  let runningVms = 0;
  let vmsWithCurrentOperations = 0;
  for (const [, vm] of db.all('VM')) {
    if (vm.is_control_domain) continue;
    if (vm.power_state === 'Running') runningVms++;
    if (Object.keys(vm.current_operations).length > 0) vmsWithCurrentOperations++;
  }
  let sharedSrs = 0;
  for (const [, sr] of db.all('SR')) if (sr.shared && !sr.is_tools_sr) sharedSrs++;
  return {
    hostUuid: me.uuid,
    hostCount: db.count('host'),
    haEnabled: db.get('pool', pool).ha_enabled,
    runningVms,
    vmsWithCurrentOperations,
    sharedSrs,
    apiVersion: { major: me.API_version_major, minor: me.API_version_minor },
    softwareVersion: me.software_version,
    cpuVendor: me.cpu_info['vendor'] ?? '',
  };
}

/** Ask the remote pool for what the checks compare; a failure is reported as pool.join reports it. */
export async function remoteFacts(remote: RemoteHost): Promise<RemoteFacts> {
  try {
    const c = remote.client;
    const [pool] = await c.pool.get_all();
    if (pool === undefined) throw new Error('the remote host has no pool object');
    const haEnabled = await c.pool.get_ha_enabled(pool);
    const master = await c.host.get_record(await c.pool.get_master(pool));
    return {
      masterUuid: master.uuid,
      haEnabled,
      apiVersion: { major: master.API_version_major, minor: master.API_version_minor },
      softwareVersion: master.software_version,
      cpuVendor: master.cpu_info['vendor'] ?? '',
    };
  } catch (e) {
    throw joinFailure(e);
  }
}
