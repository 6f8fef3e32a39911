// xapi in pool mode: the database is the pool's, in etcd (PoolNode), and the
// XenAPI server runs in both roles:
//
// - master: on the EtcdStore, every commit fenced by its election key;
// - slave: on the replica, its own writes forwarded to the master
//   (ForwardingStore), its xenopsd managed here, HOST_IS_SLAVE [master
//   address] to TCP logins, its Unix socket's calls handed to the master, and
//   the master's intra-pool calls (pool secret sessions) served here.
//
// A role change restarts the server on the new role's store, on the same port,
// so that the address the host publishes stays right. While slave, the host
// follows the election: HOST_IS_SLAVE and forwarding name the master the
// election key names.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { EtcdClient } from '../db/etcd/client.js';
import { EtcdVdiLocks } from '../db/etcd/vdi-locks.js';
import { relations } from '../datamodel/index.js';
import type { PoolMembership } from '../xapi/pool/membership.js';
import { plugOwnSharedPbds } from '../xapi/pool/shared-pbds.js';
import { Xapi, type XapiOptions } from '../xapi/server.js';
import { storeClasses, xapiDb } from '../xapi/store.js';
import { loadHostUuid, type PoolDbConfig } from './config.js';
import { ForwardingStore } from './forwarding-store.js';
import { PoolNode, type MasterInfo, type PoolDbRole } from './node.js';

export interface PoolXapi {
  readonly node: PoolNode;
  readonly hostUuid: string;
  /** The XenAPI server in this host's current role (none between roles). */
  readonly xapi: Xapi | undefined;
  /** The address this host publishes (`ip` or `ip:port`). */
  readonly address: string;
  /** The TCP port every role's server listens on. */
  readonly port: number | undefined;
  stop(): Promise<void>;
}

export interface PoolXapiOptions {
  readonly xapi: Omit<XapiOptions, 'database' | 'inMemory'>;
  readonly pool: PoolDbConfig;
  /** The cluster's txn limits (embedded members run with 4,096 ops / 8 MiB). */
  readonly maxTxnOps?: number;
  readonly maxRequestBytes?: number;
  readonly log: (line: string) => void;
  /** Called once a server is listening, in either role. */
  readonly onServing?: (xapi: Xapi, role: PoolDbRole['kind']) => void;
  /** The pool messages' side on the pool database (pool.eject, designate_new_master, …). */
  readonly membership?: (node: PoolNode) => PoolMembership;
  /** More HTTP endpoints of the server, in both roles. */
  readonly handlers?: XapiOptions['handlers'];
  /** Publish `ip:port` rather than the IP alone (hosts of one machine, each on its own port). */
  readonly publishPort?: boolean;
}

/** A free TCP port on `host`, for a server asked to listen on any port (port 0). */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export async function startPoolXapi(opts: PoolXapiOptions): Promise<PoolXapi> {
  mkdirSync(opts.xapi.stateDir, { recursive: true, mode: 0o700 });
  const hostUuid = loadHostUuid(opts.xapi.stateDir);
  const ip = opts.xapi.host ?? '127.0.0.1';
  // Every role's server listens on one port. A fixed port is the pool's
  // (members serve on the same one, as xapi's on 443): the address is the IP
  // alone. A free port is this host's own: the address carries it.
  const anyPort = opts.xapi.port === 0;
  const port = anyPort ? await freePort(ip) : opts.xapi.port;
  const address = anyPort || opts.publishPort ? `${ip}:${port}` : ip;
  const client = new EtcdClient({ endpoints: opts.pool.endpoints });
  // The holds of shared SRs' disks, on this host's lease: PoolNode puts the
  // host's alive key on it before it enters a role, so before any attach.
  const vdiLocks = new EtcdVdiLocks(client, opts.pool.poolUuid);
  let xapi: Xapi | undefined;
  let forwarding: ForwardingStore | undefined;
  let starting: Promise<void> = Promise.resolve();
  // The handler's closures run only once the node below exists.
  const made: { node?: PoolNode } = {};
  const theNode = (): PoolNode => {
    if (!made.node) throw new Error('the pool node is not created yet');
    return made.node;
  };
  let cancelSlave: (() => void) | undefined;

  const serve = async (role: PoolDbRole, master: MasterInfo | undefined): Promise<void> => {
    forwarding =
      role.kind === 'master'
        ? undefined
        : new ForwardingStore({
            replica: role.replica.store,
            forwarder: role.forwarder,
            client,
            keys: theNode().keys,
            classes: storeClasses(),
            log: opts.log,
          });
    const store = forwarding ?? (role.kind === 'master' ? role.store.store : undefined);
    if (!store) throw new Error('no store for the role');
    const x = await Xapi.start({
      ...opts.xapi,
      ...(port === undefined ? {} : { port }),
      database: {
        store: xapiDb(store),
        hostUuid,
        address,
        vdiLocks,
        role: role.kind === 'master' ? { kind: 'master' } : { kind: 'slave', master: master?.address ?? '' },
      },
      ...(opts.membership ? { membership: opts.membership(theNode()) } : {}),
      ...(opts.handlers ? { handlers: opts.handlers } : {}),
    });
    xapi = x;
    // A host that joined has PBDs of the pool's shared SRs to plug.
    await plugOwnSharedPbds(x.services, opts.log);
    opts.onServing?.(x, role.kind);
  };

  const handler = {
    async enter(role: PoolDbRole): Promise<void> {
      if (role.kind === 'master') {
        await starting;
        await serve(role, undefined);
        return;
      }
      // A slave serves once it knows its master, in the background: the
      // campaign goes on meanwhile (this host may be the one elected, and its
      // server's first writes need a master to answer them).
      const state = { cancelled: false };
      cancelSlave = () => {
        state.cancelled = true;
        forwarding?.abandon();
      };
      starting = (async () => {
        while (!state.cancelled) {
          const leader = theNode().leader;
          if (leader && leader.hostUuid !== hostUuid) {
            try {
              await serve(role, leader);
              return;
            } catch (e) {
              opts.log(`pool: starting the slave's server: ${String(e)}`);
            }
          }
          await sleep(250);
        }
      })();
    },
    async leave(role: PoolDbRole): Promise<void> {
      cancelSlave?.();
      cancelSlave = undefined;
      await starting;
      if (!xapi) return;
      const x = xapi;
      xapi = undefined;
      forwarding?.abandon();
      forwarding = undefined;
      // A deposed store rejects the final flush: nothing more is acknowledged.
      await x
        .stop()
        .catch((e: unknown) => opts.log(`pool: stopping the ${role.kind}'s server: ${String(e)}`));
    },
  };
  const node = new PoolNode({
    client,
    poolUuid: opts.pool.poolUuid,
    hostUuid,
    address,
    ttlSeconds: opts.pool.leaseTtlSeconds,
    classes: storeClasses(),
    relations,
    handler,
    localWrites: true,
    log: opts.log,
    ...(opts.maxTxnOps === undefined ? {} : { maxTxnOps: opts.maxTxnOps }),
    ...(opts.maxRequestBytes === undefined ? {} : { maxRequestBytes: opts.maxRequestBytes }),
  });
  made.node = node;
  // A slave follows the election: HOST_IS_SLAVE and forwarding name the new master.
  // Checked at each leader event and every second, so that no event missed
  // while the server restarts leaves the slave naming an old master.
  const followLeader = (): void => {
    const l = node.leader;
    if (!l || l.hostUuid === hostUuid || node.role?.kind !== 'slave' || !xapi) return;
    const now = xapi.services.hostPool.role;
    if (now.kind === 'slave' && now.master === l.address) return;
    xapi.services.hostPool.follow({ kind: 'slave', master: l.address });
    opts.log(`pool: following the master at ${l.address}`);
  };
  node.on('leader', followLeader);
  const following = setInterval(followLeader, 1000);
  following.unref();
  try {
    await node.start();
  } catch (e) {
    clearInterval(following);
    client.close();
    throw e;
  }
  return {
    node,
    hostUuid,
    address,
    port,
    get xapi() {
      return xapi;
    },
    async stop() {
      clearInterval(following);
      await node.close();
      client.close();
    },
  };
}
