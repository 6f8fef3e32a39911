// Host liveness on the master (pools.md §7.6): every host keeps
// `hosts/<uuid>/alive` on its host lease; the master watches `hosts/` and
// keeps `host_metrics.live` equal to "that host's alive key exists". A key
// disappears when its host's lease expires (TTL after its last keepalive), so
// a dead host is seen dead within the TTL, instead of xapi's 10 minutes.
import type { EtcdClient, WatchHandle } from '../db/etcd/client.js';
import type { PoolKeys } from '../db/etcd/keys.js';
import type { ObjectStore, Ref } from '../db/store.js';
import { xapiDb } from '../xapi/store.js';
import { raiseHostLiveness } from '../xapi/alerts/host-alerts.js';

export interface HostLiveRow {
  readonly uuid: string;
  readonly metrics: Ref;
  readonly live: boolean;
}

/** The host_metrics whose `live` is wrong, with the value it must take (pure). */
export function livenessUpdates(hosts: readonly HostLiveRow[], alive: ReadonlySet<string>): [Ref, boolean][] {
  const out: [Ref, boolean][] = [];
  for (const h of hosts) {
    const live = alive.has(h.uuid);
    if (live !== h.live) out.push([h.metrics, live]);
  }
  return out;
}

function hostRows(db: ObjectStore): HostLiveRow[] {
  const rows: HostLiveRow[] = [];
  for (const [, host] of db.all('host')) {
    const metrics = host['metrics'];
    if (typeof metrics !== 'string' || !db.has('host_metrics', metrics)) continue;
    rows.push({
      uuid: String(host['uuid']),
      metrics,
      live: db.get('host_metrics', metrics)['live'] === true,
    });
  }
  return rows;
}

export class LivenessWatcher {
  private readonly alive = new Set<string>();
  private watch: WatchHandle | undefined;
  private readonly stopping = new AbortController();

  private constructor(private readonly db: ObjectStore) {}

  /** Start on a master's store; `onError` reports a watch that cannot go on. */
  static async start(
    client: EtcdClient,
    keys: PoolKeys,
    db: ObjectStore,
    onError: (e: Error) => void,
  ): Promise<LivenessWatcher> {
    const w = new LivenessWatcher(db);
    const r = await client.range(keys.hosts, true);
    for (const kv of r.kvs) {
      const uuid = keys.aliveHost(kv.key);
      if (uuid !== undefined) w.alive.add(uuid);
    }
    w.reconcile();
    w.watch = await client.watch(
      keys.hosts,
      r.revision + 1,
      (events) => {
        for (const e of events) {
          const uuid = keys.aliveHost(e.kv.key);
          if (uuid === undefined) continue;
          if (e.type === 'put') w.alive.add(uuid);
          else w.alive.delete(uuid);
        }
        w.reconcile();
      },
      onError,
    );
    // Hosts added to the database later (a join) get their liveness too.
    void w.followStore();
    return w;
  }

  private async followStore(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      const changed = await this.db.waitForChange(this.db.current(), signal);
      if (!changed) return;
      this.reconcile();
    }
  }

  private reconcile(): void {
    if (this.stopping.signal.aborted) return;
    const updates = livenessUpdates(hostRows(this.db), this.alive);
    if (updates.length === 0) return;
    const db = xapiDb(this.db);
    this.db.transaction(() => {
      for (const [metrics, live] of updates) {
        this.db.update('host_metrics', metrics, { live });
        raiseHostLiveness(db, metrics, live);
      }
    });
  }

  /** Uuids of the hosts whose alive key exists. */
  get aliveHosts(): ReadonlySet<string> {
    return this.alive;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.watch?.cancel();
  }
}
