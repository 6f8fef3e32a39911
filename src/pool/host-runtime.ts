// The xapi daemon across pool membership changes: standalone (SQLite) or in
// pool mode (the pool database in etcd), and the switch from one to the
// other in the same process, as xapi restarts itself after pool.join:
//
// - a standalone master that a host joins converts its database into the
//   pool database (the operator's etcd cluster, `--pool-etcd`) and comes
//   back as the pool's master;
// - the joiner gives up its database (renamed `xapi.db.before-join`) and
//   comes back as a slave.
//
// The mode is read from the state directory at each start: `pool-db.json`
// (pool-db-file.ts) or `--etcd-endpoints` means pool mode. The TCP port stays
// the one first bound, so the address a host is known by does not change.
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../datamodel/api-error.js';
import { EtcdClient } from '../db/etcd/client.js';
import type { Services } from '../xapi/context.js';
import {
  noPoolDatabase,
  POOL_DB_UNAVAILABLE,
  type JoinRequest,
  type PoolMembership,
} from '../xapi/pool/membership.js';
import { POOL_CONVERTING } from '../xapi/pool/remote.js';
import { Xapi, type XapiOptions } from '../xapi/server.js';
import { saveHostUuid, type PoolDbConfig } from './config.js';
import { convertToPool } from './convert.js';
import {
  DEFAULT_MEMBER_PORTS,
  grantMember,
  joinMember,
  memberUrls,
  resumeMember,
  startMember,
  type MemberPorts,
} from './embedded-etcd.js';
import type { EtcdMember } from './etcd-member.js';
import { joinHandlers, standaloneStore, type JoinSide } from './join-http.js';
import { joinAsSlave } from './join-client.js';
import { etcdMembership } from './membership-etcd.js';
import { loadPoolDbFile, savePoolDbFile } from './pool-db-file.js';
import { startPoolXapi, type PoolXapi } from './xapi-pool.js';

export interface HostRuntimeOptions {
  readonly xapi: Omit<XapiOptions, 'database' | 'inMemory' | 'membership' | 'handlers'>;
  /** Pool mode given by flags or the environment (it wins over the state directory). */
  readonly pool?: PoolDbConfig;
  /**
   * The operator's etcd cluster a standalone master converts into when a host
   * joins it; without one, the pool's hosts run the members themselves
   * (embedded-etcd.ts) on `memberPorts` of their own address.
   */
  readonly newPoolEtcd?: readonly string[];
  readonly memberPorts?: MemberPorts;
  /** The lease TTL of a pool this host creates. */
  readonly newPoolLeaseTtl: number;
  readonly log: (line: string) => void;
  /** Called once a server listens (standalone, master or slave). */
  readonly onServing?: (xapi: Xapi, mode: 'standalone' | 'master' | 'slave') => void;
}

export interface HostRuntime {
  /** The server of the current mode, if one is up. */
  readonly xapi: Xapi | undefined;
  readonly mode: 'standalone' | 'pool';
  stop(): Promise<void>;
}

/** Delay between answering the call that changes the mode and stopping the server that answered it. */
const SWITCH_DELAY_MS = 300;

export async function runHost(opts: HostRuntimeOptions): Promise<HostRuntime> {
  const stateDir = opts.xapi.stateDir;
  // Port 0 (tests, several hosts on one machine): the first port bound is
  // kept, and the pool address carries it.
  const publishPort = opts.xapi.port === 0;
  let port = opts.xapi.port;
  let standalone: Xapi | undefined;
  let pooled: PoolXapi | undefined;
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  const ip = opts.xapi.host ?? '127.0.0.1';
  const ports = opts.memberPorts ?? DEFAULT_MEMBER_PORTS;
  // This host's etcd member, if it runs one: it lives across mode switches.
  const own: { member?: EtcdMember } = {};
  const stopMember = async (): Promise<void> => {
    const m = own.member;
    own.member = undefined;
    await m?.stop();
  };

  const switchMode = (after?: () => void | Promise<void>): void => {
    chain = chain.then(async () => {
      if (stopped) return;
      await stopCurrent();
      await after?.();
      await startCurrent();
    });
    chain.catch((e: unknown) => opts.log(`changing the pool mode: ${String(e)}`));
  };

  const stopCurrent = async (): Promise<void> => {
    const s = standalone;
    const p = pooled;
    standalone = undefined;
    pooled = undefined;
    await s?.stop();
    await p?.stop();
  };

  const joinerMembership = (services: () => Services): PoolMembership => ({
    ...noPoolDatabase,
    async join(req: JoinRequest) {
      const s = services();
      const { clientUrl, peerUrl } = memberUrls(ip, ports);
      const pool = await joinAsSlave(s, req, opts.log, {
        name: req.hostUuid,
        peer_url: peerUrl,
        client_url: clientUrl,
      });
      if (pool.member) {
        const client = new EtcdClient({ endpoints: pool.endpoints });
        try {
          own.member = await joinMember(
            stateDir,
            client,
            { name: req.hostUuid, clientUrl, peerUrl, initialCluster: [], clusterToken: pool.pool_uuid },
            pool.member,
            opts.log,
          );
        } finally {
          client.close();
        }
        opts.log(`this host runs an etcd member of the pool database at ${clientUrl}`);
      }
      s.hostPool.secret.set(pool.secret);
      saveHostUuid(stateDir, req.hostUuid);
      savePoolDbFile(stateDir, {
        endpoints: pool.endpoints,
        poolUuid: pool.pool_uuid,
        leaseTtlSeconds: pool.lease_ttl,
      });
      s.hostPool.transition({ kind: 'joined', master: req.masterAddress });
      opts.log(`joined pool ${pool.pool_uuid} (master ${req.masterAddress}); restarting as a slave`);
      setTimeout(
        () =>
          switchMode(() => {
            // The database this host gives up, kept as a backup.
            const db = join(stateDir, 'xapi.db');
            if (existsSync(db)) renameSync(db, `${db}.before-join`);
            for (const ext of ['-wal', '-shm'])
              if (existsSync(db + ext)) renameSync(db + ext, `${db}.before-join${ext}`);
          }),
        SWITCH_DELAY_MS,
      );
    },
  });

  // Joins that race: the first converts, the others wait for it and share its pool.
  let converting: Promise<PoolDbConfig> | undefined;
  const standaloneSide: JoinSide = {
    isPoolMaster: false,
    // Without the operator's cluster, the pool runs its own members.
    embedded: !opts.newPoolEtcd || opts.newPoolEtcd.length === 0,
    async prepare(services) {
      if (converting) return { pool: await converting };
      const done = convert(services);
      converting = done;
      try {
        return { pool: await done, answered: () => switchMode() };
      } catch (e) {
        converting = undefined;
        throw e;
      }
    },
  };

  async function convert(services: Services): Promise<PoolDbConfig> {
    const { db } = services;
    const poolUuid = db.get('pool', services.pool).uuid;
    let endpoints = opts.newPoolEtcd;
    if (!endpoints || endpoints.length === 0) {
      // The first member of the pool's own cluster.
      const { clientUrl, peerUrl } = memberUrls(ip, ports);
      const name = db.get('host', services.host).uuid;
      try {
        own.member ??= await startMember(
          stateDir,
          { name, clientUrl, peerUrl, initialCluster: [[name, peerUrl]], clusterToken: poolUuid },
          'new',
          opts.log,
        );
      } catch (e) {
        opts.log(`pool.join: starting this host's etcd member: ${String(e)}`);
        throw new ApiError('INTERNAL_ERROR', [POOL_DB_UNAVAILABLE]);
      }
      endpoints = [clientUrl];
    }
    const cfg: PoolDbConfig = {
      endpoints,
      poolUuid,
      leaseTtlSeconds: opts.newPoolLeaseTtl,
    };
    const store = standaloneStore(services);
    await store.flush();
    // From the snapshot on, a write would not reach the pool database: refuse it.
    store.freeze(POOL_CONVERTING);
    const client = new EtcdClient({ endpoints });
    try {
      const r = await convertToPool(store.snapshot(), { client, poolUuid: cfg.poolUuid });
      opts.log(`converted the database into pool ${cfg.poolUuid} (${JSON.stringify(r)})`);
    } catch (e) {
      store.freeze(undefined);
      opts.log(`pool.join: converting the database: ${String(e)}`);
      throw new ApiError('INTERNAL_ERROR', [POOL_DB_UNAVAILABLE]);
    } finally {
      client.close();
    }
    saveHostUuid(stateDir, db.get('host', services.host).uuid);
    savePoolDbFile(stateDir, cfg);
    return cfg;
  }

  const startCurrent = async (): Promise<void> => {
    const pool = opts.pool ?? loadPoolDbFile(stateDir);
    if (!pool) {
      const served: { services?: Services } = {};
      const x = await Xapi.start({
        ...opts.xapi,
        ...(port === undefined ? {} : { port }),
        membership: joinerMembership(() => {
          if (!served.services) throw new Error('the server is not started');
          return served.services;
        }),
        handlers: (s) => joinHandlers(s, standaloneSide),
      });
      served.services = x.services;
      port = x.port;
      standalone = x;
      opts.onServing?.(x, 'standalone');
      return;
    }
    own.member ??= await resumeMember(stateDir, opts.log);
    const running: { p?: PoolXapi } = {};
    const p = await startPoolXapi({
      xapi: { ...opts.xapi, ...(port === undefined ? {} : { port }) },
      publishPort,
      pool,
      log: opts.log,
      onServing: (x, role) => opts.onServing?.(x, role),
      membership: (node) =>
        etcdMembership({
          node,
          stateDir,
          services: () => {
            const services = running.p?.xapi?.services;
            if (!services) throw new ApiError('INTERNAL_ERROR', [POOL_DB_UNAVAILABLE]);
            return services;
          },
          address: () => running.p?.address ?? '',
          switchMode,
          stopMember,
          log: opts.log,
        }),
      handlers: (s) =>
        joinHandlers(s, {
          get isPoolMaster() {
            return running.p?.node.role?.kind === 'master';
          },
          prepare: () => Promise.resolve({ pool }),
          embedded: own.member !== undefined,
          grantMember: async (name, peerUrl, clientUrl) => {
            const client = new EtcdClient({ endpoints: pool.endpoints });
            try {
              const grant = await grantMember(client, name, peerUrl);
              const members = await client.members();
              const urls = members.flatMap((m) => m.clientUrls);
              return { grant, endpoints: grant && !urls.includes(clientUrl) ? [...urls, clientUrl] : urls };
            } finally {
              client.close();
            }
          },
        }),
    });
    running.p = p;
    port = p.port;
    pooled = p;
  };

  await startCurrent();
  return {
    get xapi() {
      return standalone ?? pooled?.xapi;
    },
    get mode() {
      return standalone ? 'standalone' : 'pool';
    },
    async stop() {
      stopped = true;
      await chain.catch(() => undefined);
      await stopCurrent();
      await stopMember();
    },
  };
}
