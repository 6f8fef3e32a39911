// Pool benchmark. Today: the pool database — writes through the etcd-backed
// master store (3 etcd members on loopback, as a 3-host pool runs them) with 1
// and 64 concurrent writers and the serial write+flush latency, against the
// standalone SQLite store measured in the same run; and a new master loading
// 20,000 objects; master failover until writes are accepted again (xapi
// processes in pool mode, the master SIGKILLed). Each section returns its
// figures; the other pool-level sections (VM.pool_migrate against a
// same-host migration, 100 VM.starts in a 3-host pool) join once the XenAPI
// pool exists.
// Prints one JSON line of figures; ratios are named *_ratio.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EtcdClient } from '../src/db/etcd/client.js';
import { Election } from '../src/db/etcd/election.js';
import { PoolKeys } from '../src/db/etcd/keys.js';
import { HostLease } from '../src/db/etcd/lease.js';
import { EtcdStore } from '../src/db/etcd/store.js';
import { openDatabase } from '../src/db/sqlite.js';
import type { ObjectStore } from '../src/db/store.js';
import { MEMBER_DEFAULTS } from '../src/pool/etcd-member.js';
import { relations as xapiRelations } from '../src/datamodel/index.js';
import { MemoryStore } from '../src/db/memory.js';
import { saveHostUuid } from '../src/pool/config.js';
import { convertToPool } from '../src/pool/convert.js';
import { firstStart } from '../src/xapi/first-start.js';
import { readHostFacts } from '../src/xapi/host/facts.js';
import { storeClasses, xapiDb } from '../src/xapi/store.js';
import { startEtcdCluster, type EtcdCluster } from '../test/support/etcd-cluster.js';
import { connect, kill, killAll, startXapi, type Proc } from '../test/support/pool-db-hosts.js';
import { percentile, round } from './support.js';
import { classes, relations } from './vm-like.js';

const WRITE_SET = 1000;
const LOAD_N = 20_000;
const SECONDS = 2;

type Figures = Record<string, number>;

const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

interface WriteFigures {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

/** `concurrency` writers, each updating one VM and awaiting flush(), for SECONDS. */
async function writeLoad(
  db: ObjectStore,
  refs: readonly string[],
  concurrency: number,
): Promise<WriteFigures> {
  let n = 0;
  const lat: number[] = [];
  const end = Date.now() + SECONDS * 1000;
  const client = async (c: number): Promise<void> => {
    while (Date.now() < end) {
      const ref = refs[(n + c) % refs.length] as string;
      const t0 = process.hrtime.bigint();
      db.update('VM', ref, { n0: n });
      n++;
      await db.flush();
      lat.push(ms(t0));
    }
  };
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, (_, c) => client(c)));
  lat.sort((a, b) => a - b);
  return { perSecond: n / (ms(t0) / 1000), p50: percentile(lat, 50), p99: percentile(lat, 99) };
}

function createVms(db: ObjectStore, n: number): string[] {
  const refs: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < n; i++) refs.push(db.create('VM', { name_label: `vm${i}` }));
  });
  return refs;
}

/** Become master of a pool: a host lease, the election, then the store loaded from etcd. */
async function electMaster(client: EtcdClient, poolUuid: string, host: string) {
  const lease = await HostLease.grant(client, { ttlSeconds: 10 });
  const leadership = await new Election(client, new PoolKeys(poolUuid).electionMaster).campaign(
    lease.id,
    host,
  );
  const t0 = process.hrtime.bigint();
  const master = await EtcdStore.open({
    client,
    poolUuid,
    classes,
    relations,
    fence: leadership,
    maxTxnOps: MEMBER_DEFAULTS.maxTxnOps,
    maxRequestBytes: MEMBER_DEFAULTS.maxRequestBytes,
  });
  const loadMs = ms(t0);
  return {
    master,
    loadMs,
    stepDown: async () => {
      await master.store.close();
      await leadership.resign();
      await lease.close();
    },
  };
}

async function sqliteSection(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'xapi-bench-pool-'));
  try {
    const path = join(dir, 'state.db');
    let db = openDatabase({ path, classes, relations });
    const refs = createVms(db, WRITE_SET);
    for (let i = WRITE_SET; i < LOAD_N; i += 1000) createVms(db, 1000);
    await db.flush();
    const serial = await writeLoad(db, refs, 1);
    const grouped = await writeLoad(db, refs, 64);
    await db.close();
    const t0 = process.hrtime.bigint();
    db = openDatabase({ path, classes, relations });
    const openMs = ms(t0);
    if (db.count('VM') !== LOAD_N) throw new Error(`SQLite reopened ${db.count('VM')} VMs`);
    await db.close();
    return {
      sqlite_serial_writes_per_s: Math.round(serial.perSecond),
      sqlite_serial_write_flush_p50_ms: round(serial.p50),
      sqlite_64_clients_writes_per_s: Math.round(grouped.perSecond),
      sqlite_open_20k_ms: round(openMs, 1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function etcdSection(cluster: EtcdCluster): Promise<Figures> {
  const client = cluster.client({ callTimeoutMs: 10_000 });
  const poolUuid = randomUUID();
  let host = await electMaster(client, poolUuid, 'host-a');
  try {
    let db = host.master.store;
    const refs = createVms(db, WRITE_SET);
    await db.flush();
    const serial = await writeLoad(db, refs, 1);
    const grouped = await writeLoad(db, refs, 64);

    // 20,000 objects in the pool database, then a new master loads them.
    const t0 = process.hrtime.bigint();
    for (let i = WRITE_SET; i < LOAD_N; i += 500) {
      createVms(db, 500);
      if (i % 5000 === 0) await db.flush();
    }
    await db.flush();
    const populateMs = ms(t0);
    await host.stepDown();
    host = await electMaster(client, poolUuid, 'host-b');
    db = host.master.store;
    if (db.count('VM') !== LOAD_N) throw new Error(`the new master loaded ${db.count('VM')} VMs`);
    return {
      etcd_serial_writes_per_s: Math.round(serial.perSecond),
      etcd_serial_write_flush_p50_ms: round(serial.p50),
      etcd_serial_write_flush_p99_ms: round(serial.p99),
      etcd_64_clients_writes_per_s: Math.round(grouped.perSecond),
      etcd_64_clients_write_flush_p50_ms: round(grouped.p50),
      etcd_populate_20k_records_per_s: Math.round((LOAD_N - WRITE_SET) / (populateMs / 1000)),
      new_master_load_20k_ms: round(host.loadMs, 1),
    };
  } finally {
    await host.stepDown().catch(() => undefined);
    await client.delete(new PoolKeys(poolUuid).root, true);
  }
}

const FAILOVER_TTL_S = 3;
const FAILOVER_RUNS = 3;

/**
 * Master failover until writes are accepted again: two xapi processes in pool
 * mode (lease TTL 3 s); the master SIGKILLed; the time until the other one
 * serves, and until its first write is acknowledged.
 */
async function failoverSection(cluster: EtcdCluster): Promise<Figures> {
  const serving: number[] = [];
  const accepted: number[] = [];
  for (let run = 0; run < FAILOVER_RUNS; run++) {
    const root = mkdtempSync(join(tmpdir(), 'xapi-ts-bench-failover-'));
    const procs: Proc[] = [];
    try {
      const poolUuid = randomUUID();
      const seed = new MemoryStore({ classes: storeClasses(), relations: xapiRelations });
      const hostA = randomUUID();
      firstStart(xapiDb(seed), readHostFacts(), hostA);
      await convertToPool(seed.snapshot(), {
        client: cluster.client(),
        poolUuid,
        maxTxnOps: MEMBER_DEFAULTS.maxTxnOps,
      });
      const [dirA, dirB] = [join(root, 'a'), join(root, 'b')];
      mkdirSync(dirA, { mode: 0o700 });
      saveHostUuid(dirA, hostA);
      const a = startXapi('A', dirA, '127.0.0.2', cluster.endpoints, poolUuid, FAILOVER_TTL_S);
      procs.push(a);
      await a.waitFor(/listening on .* \(master\)/);
      const b = startXapi('B', dirB, '127.0.0.3', cluster.endpoints, poolUuid, FAILOVER_TTL_S);
      procs.push(b);
      await b.waitFor(/pool: slave/);
      const mark = b.out().length;
      const t0 = performance.now();
      kill(a, 'SIGKILL');
      serving.push((await b.waitFor(/listening on .* \(master\)/, mark)) - t0);
      const cb = await connect(b);
      const pool = (await cb.c.pool.get_all())[0] as string;
      await cb.c.pool.set_name_label(pool, `after failover ${run}`);
      accepted.push(performance.now() - t0);
      cb.close();
    } finally {
      await killAll(procs);
      rmSync(root, { recursive: true, force: true });
    }
  }
  return {
    failover_lease_ttl_s: FAILOVER_TTL_S,
    failover_runs: FAILOVER_RUNS,
    failover_new_master_serving_p50_ms: round(
      percentile(
        [...serving].sort((x, y) => x - y),
        50,
      ),
    ),
    failover_writes_accepted_p50_ms: round(
      percentile(
        [...accepted].sort((x, y) => x - y),
        50,
      ),
    ),
    failover_writes_accepted_max_ms: round(Math.max(...accepted)),
  };
}

async function main(): Promise<void> {
  const figures: Figures = { etcd_members: 3, records: LOAD_N };
  Object.assign(figures, await sqliteSection());
  const cluster = await startEtcdCluster(3, 'bench-pool');
  try {
    Object.assign(figures, await etcdSection(cluster));
    Object.assign(figures, await failoverSection(cluster));
  } finally {
    await cluster.stop();
  }
  const f = (k: string): number => figures[k] as number;
  figures['etcd_vs_sqlite_64_clients_ratio'] = round(
    f('etcd_64_clients_writes_per_s') / f('sqlite_64_clients_writes_per_s'),
  );
  figures['etcd_vs_sqlite_serial_ratio'] = round(
    f('etcd_serial_writes_per_s') / f('sqlite_serial_writes_per_s'),
  );
  figures['etcd_vs_sqlite_load_20k_ratio'] = round(f('new_master_load_20k_ms') / f('sqlite_open_20k_ms'));
  console.log(JSON.stringify(figures));
}

await main();
