// xapi in pool mode: the database is the pool's, in etcd (PoolNode), and the
// XenAPI server runs on the master's store while this host is master. When
// the host steps down (deposed, lease lost) the server stops: clients see
// what they see when a master crashes, and reconnect to the new master.
//
// While slave, this host holds the read-only replica and its lease, and
// serves no XenAPI yet: answering HOST_IS_SLAVE and forwarding the Unix
// socket's calls to the master (the pool XenAPI) build on `node.leader` and
// `node.role` (docs/design/pool-database.md, "Runtime").
import { mkdirSync } from 'node:fs';
import { EtcdClient } from '../db/etcd/client.js';
import { relations } from '../datamodel/index.js';
import { Xapi, type XapiOptions } from '../xapi/server.js';
import { storeClasses, xapiDb } from '../xapi/store.js';
import { loadHostUuid, type PoolDbConfig } from './config.js';
import { PoolNode, type PoolDbRole } from './node.js';

export interface PoolXapi {
  readonly node: PoolNode;
  readonly hostUuid: string;
  /** The XenAPI server, while this host is master. */
  readonly xapi: Xapi | undefined;
  stop(): Promise<void>;
}

export interface PoolXapiOptions {
  readonly xapi: Omit<XapiOptions, 'database' | 'inMemory'>;
  readonly pool: PoolDbConfig;
  /** The cluster's txn limits (embedded members run with 4,096 ops / 8 MiB). */
  readonly maxTxnOps?: number;
  readonly maxRequestBytes?: number;
  readonly log: (line: string) => void;
  /** Called once a master's server is listening. */
  readonly onServing?: (xapi: Xapi) => void;
}

export async function startPoolXapi(opts: PoolXapiOptions): Promise<PoolXapi> {
  mkdirSync(opts.xapi.stateDir, { recursive: true, mode: 0o700 });
  const hostUuid = loadHostUuid(opts.xapi.stateDir);
  const client = new EtcdClient({ endpoints: opts.pool.endpoints });
  let xapi: Xapi | undefined;
  const handler = {
    async enter(role: PoolDbRole): Promise<void> {
      if (role.kind !== 'master') return;
      xapi = await Xapi.start({ ...opts.xapi, database: { store: xapiDb(role.store.store), hostUuid } });
      opts.onServing?.(xapi);
    },
    async leave(role: PoolDbRole): Promise<void> {
      if (role.kind !== 'master' || !xapi) return;
      const x = xapi;
      xapi = undefined;
      // A deposed store rejects the final flush: nothing more is acknowledged.
      await x.stop().catch((e: unknown) => opts.log(`pool: stopping the master's server: ${String(e)}`));
    },
  };
  const node = new PoolNode({
    client,
    poolUuid: opts.pool.poolUuid,
    hostUuid,
    address: opts.xapi.host ?? '127.0.0.1',
    ttlSeconds: opts.pool.leaseTtlSeconds,
    classes: storeClasses(),
    relations,
    handler,
    log: opts.log,
    ...(opts.maxTxnOps === undefined ? {} : { maxTxnOps: opts.maxTxnOps }),
    ...(opts.maxRequestBytes === undefined ? {} : { maxRequestBytes: opts.maxRequestBytes }),
  });
  try {
    await node.start();
  } catch (e) {
    client.close();
    throw e;
  }
  return {
    node,
    hostUuid,
    get xapi() {
      return xapi;
    },
    async stop() {
      await node.close();
      client.close();
    },
  };
}
