// The etcd-backed pool store against a real etcd (one loopback member for the
// file, started on first use and stopped by PID after the last test): the
// shared store conformance suite (reopen = a new master loading the pool
// database), then what only a pool has: fencing of a deposed master, a
// replica fed by the watch, event tokens across a change of master, the
// limits of one commit, etcd unavailable, leases and the election.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../datamodel/api-error.js';
import { runStoreConformance, type StoreInstance } from '../../../test/conformance/store.suite.js';
import { skipWithoutEtcd, startEtcdCluster, type EtcdCluster } from '../../../test/support/etcd-cluster.js';
import type { ObjectStore } from '../store.js';
import { testClasses, testRelations } from '../test-classes.js';
import type { EtcdClient } from './client.js';
import { Election, type Leader, type Leadership } from './election.js';
import { PoolKeys } from './keys.js';
import { HostLease, type LeaseLoss } from './lease.js';
import { EtcdReplica, REPLICA_READ_ONLY } from './replica.js';
import { DEPOSED_MESSAGE, UNAVAILABLE_MESSAGE } from './sink.js';
import { EtcdStore } from './store.js';

let clusterP: Promise<EtcdCluster> | undefined;
const cluster = (): Promise<EtcdCluster> => (clusterP ??= startEtcdCluster(1, 'store'));
after(async () => {
  if (clusterP) await (await clusterP).stop();
});

/** A host of the pool: its lease, its candidacy, and (once elected) its master store. */
class TestHost {
  lease!: HostLease;
  leadership: Leadership | undefined;
  master: EtcdStore | undefined;

  constructor(
    readonly client: EtcdClient,
    readonly poolUuid: string,
    readonly name: string,
  ) {}

  get keys(): PoolKeys {
    return new PoolKeys(this.poolUuid);
  }

  async elect(opts: { tombstoneLimit?: number; maxTxnOps?: number } = {}): Promise<EtcdStore> {
    this.lease = await HostLease.grant(this.client, { ttlSeconds: 10 });
    const election = new Election(this.client, this.keys.electionMaster);
    this.leadership = await election.campaign(this.lease.id, this.name);
    this.master = await EtcdStore.open({
      client: this.client,
      poolUuid: this.poolUuid,
      classes: testClasses,
      relations: testRelations,
      fence: this.leadership,
      ...opts,
    });
    return this.master;
  }

  async stepDown(): Promise<void> {
    await this.master?.store.close();
    await this.leadership?.resign().catch(() => undefined);
    await this.lease?.close();
    this.master = undefined;
  }
}

async function newPool(): Promise<{ client: EtcdClient; poolUuid: string; drop(): Promise<void> }> {
  const c = await cluster();
  const client = c.client({ callTimeoutMs: 2000 });
  const poolUuid = randomUUID();
  return {
    client,
    poolUuid,
    drop: async () => {
      await client.delete(new PoolKeys(poolUuid).root, true);
    },
  };
}

runStoreConformance({
  name: 'etcd',
  skip: skipWithoutEtcd,
  open: async (o = {}): Promise<StoreInstance> => {
    const pool = await newPool();
    let n = 0;
    let host = new TestHost(pool.client, pool.poolUuid, `host-${n}`);
    let store: ObjectStore = (await host.elect(o)).store;
    return {
      get store() {
        return store;
      },
      reopen: async () => {
        // The master goes; another host is elected and loads the pool database.
        await host.stepDown();
        host = new TestHost(pool.client, pool.poolUuid, `host-${++n}`);
        store = (await host.elect(o)).store;
        return store;
      },
      dispose: async () => {
        await host.stepDown();
        await pool.drop();
      },
    };
  },
});

const etcdTest = (name: string, fn: () => Promise<void>): void => {
  test(name, { skip: skipWithoutEtcd, timeout: 60_000 }, fn);
};

const isApi = (code: string, params: readonly string[]) => (e: unknown) =>
  e instanceof ApiError && e.code === code && JSON.stringify(e.params) === JSON.stringify(params);

etcdTest(
  'a deposed master cannot write: its commit fails the fence and nothing of it reaches etcd',
  async () => {
    const pool = await newPool();
    const a = new TestHost(pool.client, pool.poolUuid, 'a');
    const b = new TestHost(pool.client, pool.poolUuid, 'b');
    try {
      const ma = await a.elect();
      const p = ma.store.create('Parent', { name_label: 'from a' });
      await ma.store.flush();
      let deposed: ApiError | undefined;
      ma.on('deposed', (e: ApiError) => (deposed = e));

      // a's lease ends (as when it hangs past its TTL): its election key goes; b is elected.
      await pool.client.leaseRevoke(a.lease.id);
      const mb = await b.elect();
      assert.equal(mb.store.get('Parent', p)['name_label'], 'from a');
      mb.store.update('Parent', p, { weight: 2 });
      await mb.store.flush();

      // a does not know yet and writes: the commit is refused
      ma.store.update('Parent', p, { name_label: 'stale write' });
      const q = ma.store.create('Parent', { name_label: 'stale create' });
      await assert.rejects(ma.store.flush(), isApi('INTERNAL_ERROR', [DEPOSED_MESSAGE]));
      assert.ok(ma.deposed);
      assert.ok(deposed instanceof ApiError);
      ma.store.update('Parent', p, { weight: 99 });
      await assert.rejects(ma.store.flush(), isApi('INTERNAL_ERROR', [DEPOSED_MESSAGE]));

      const keys = new PoolKeys(pool.poolUuid);
      const stored = await pool.client.get(keys.obj('Parent', p));
      const record = JSON.parse(stored?.value.toString() ?? '{}') as Record<string, unknown>;
      assert.equal(record['name_label'], 'from a');
      assert.equal(record['weight'], 2);
      assert.equal(await pool.client.get(keys.obj('Parent', q)), undefined);
      const generation = await pool.client.get(keys.meta('generation'));
      assert.equal(Number(generation?.value.toString()), mb.store.current().db);
    } finally {
      await a.master?.store.close().catch(() => undefined);
      await b.stepDown();
      await a.lease?.close(false);
      await pool.drop();
    }
  },
);

etcdTest("a replica applies the master's commits in order and wakes its event.from waiters", async () => {
  const pool = await newPool();
  const host = new TestHost(pool.client, pool.poolUuid, 'master');
  let replica: EtcdReplica | undefined;
  try {
    const master = (await host.elect()).store;
    const p = master.create('Parent', { name_label: 'p', scratch: 'volatile' });
    await master.flush();
    replica = await EtcdReplica.open({
      client: pool.client,
      poolUuid: pool.poolUuid,
      classes: testClasses,
      relations: testRelations,
    });
    const r = replica.store;
    assert.deepEqual(r.get('Parent', p), master.get('Parent', p));
    assert.throws(() => r.create('Parent', {}), new RegExp(REPLICA_READ_ONLY));
    assert.throws(() => r.bumpMessageGeneration(), new RegExp(REPLICA_READ_ONLY));

    const token = r.changesSince('', ['*']).token;
    const woken = r.waitForChange(r.current());
    // several commits, some in one turn (one etcd txn), one per turn others
    const c1 = master.create('Child', { parent: p, size: 1 });
    master.transaction(() => {
      master.update('Parent', p, { weight: 1 });
      master.create('Child', { parent: p, size: 2 });
    });
    await master.flush();
    master.destroy('Child', c1);
    master.create('hidden', {});
    master.bumpMessageGeneration();
    await master.flush();
    assert.equal(await woken, true);
    const host0 = host.master as EtcdStore;
    assert.ok(await replica.waitForRevision(host0.revision));

    assert.deepEqual(r.current(), master.current());
    for (const cls of ['Parent', 'Child', 'hidden']) {
      assert.deepEqual(new Map(r.all(cls)), new Map(master.all(cls)), cls);
    }
    assert.equal(r.get('Parent', p)['scratch'], 'volatile', 'replicas keep persist:false fields');
    assert.deepEqual(r.changesSince(token, ['*']), master.changesSince(token, ['*']));
    assert.deepEqual(
      r
        .changesSince(token, ['*'])
        .events.map((e) => e.operation)
        .sort(),
      ['add', 'mod'],
    );
  } finally {
    await replica?.close();
    await host.stepDown();
    await pool.drop();
  }
});

etcdTest('event tokens taken before a change of master stay valid on the new master', async () => {
  const pool = await newPool();
  const a = new TestHost(pool.client, pool.poolUuid, 'a');
  const b = new TestHost(pool.client, pool.poolUuid, 'b');
  try {
    const ma = (await a.elect()).store;
    const p = ma.create('Parent', {});
    const gone = ma.create('Parent', {});
    await ma.flush();
    const token = ma.changesSince('', ['*']).token;
    ma.update('Parent', p, { weight: 3 });
    ma.destroy('Parent', gone);
    const added = ma.create('Parent', {});
    await ma.flush();
    const onA = ma.changesSince(token, ['*']);
    const current = ma.current();
    await a.stepDown();

    const mb = (await b.elect()).store;
    assert.deepEqual(mb.current(), current);
    const onB = mb.changesSince(token, ['*']);
    assert.deepEqual(onB, onA);
    assert.deepEqual(
      onB.events.map((e) => `${e.operation} ${e.ref}`).sort(),
      [`add ${added}`, `del ${gone}`, `mod ${p}`].sort(),
    );
    // and the new master's first write is newer than every old token
    mb.touch('Parent', p);
    assert.deepEqual(
      mb.changesSince(onA.token, ['*']).events.map((e) => e.ref),
      [p],
    );
    await mb.flush();
  } finally {
    await a.stepDown();
    await b.stepDown();
    await pool.drop();
  }
});

etcdTest('commits are packed into txns within the limits, never splitting a store transaction', async () => {
  const pool = await newPool();
  const host = new TestHost(pool.client, pool.poolUuid, 'master');
  try {
    // 4 meta keys + 1 object per transaction; 12 ops per txn fit 8 objects.
    const master = (await host.elect({ maxTxnOps: 12 })).store;
    const revBefore = (await pool.client.status()).revision;
    const refs = Array.from({ length: 50 }, (_, i) => master.create('Parent', { weight: i }));
    await Promise.all(refs.map(() => master.flush()));
    const revAfter = (host.master as EtcdStore).revision;
    // one revision per etcd txn: 50 objects in txns of at most 8 → at least 7
    assert.ok(revAfter - revBefore >= 7, `${revAfter - revBefore} txns`);
    const stored = await pool.client.range(new PoolKeys(pool.poolUuid).root + 'obj/Parent/', true);
    assert.equal(stored.kvs.length, 50);

    master.transaction(() => {
      for (let i = 0; i < 20; i++) master.create('Parent', {});
    });
    await assert.rejects(master.flush(), /exceeds the pool database limits \(12 \//);
  } finally {
    await host.master?.store.close().catch(() => undefined);
    await host.stepDown().catch(() => undefined);
    await pool.drop();
  }
});

etcdTest(
  'without etcd a flush fails with "pool database unavailable"; it commits once etcd is back',
  async () => {
    const c = await cluster();
    const pool = await newPool();
    const client = c.client({ callTimeoutMs: 500 });
    const host = new TestHost(client, pool.poolUuid, 'master');
    try {
      const master = (await host.elect()).store;
      const p = master.create('Parent', {});
      await master.flush();
      await c.signal(0, 'SIGSTOP');
      try {
        master.update('Parent', p, { weight: 5 });
        await assert.rejects(master.flush(), isApi('INTERNAL_ERROR', [UNAVAILABLE_MESSAGE]));
      } finally {
        await c.signal(0, 'SIGCONT');
      }
      await master.flush();
      const stored = await pool.client.get(new PoolKeys(pool.poolUuid).obj('Parent', p));
      assert.equal((JSON.parse(stored?.value.toString() ?? '{}') as { weight?: number }).weight, 5);
    } finally {
      await host.stepDown();
      await pool.drop();
    }
  },
);

etcdTest(
  'election: candidates queue behind the leader, observers follow it, resigning hands over',
  async () => {
    const pool = await newPool();
    const election = new Election(pool.client, new PoolKeys(pool.poolUuid).electionMaster);
    const l1 = await HostLease.grant(pool.client, { ttlSeconds: 10 });
    const l2 = await HostLease.grant(pool.client, { ttlSeconds: 10 });
    const seen: (string | undefined)[] = [];
    const observer = await election.observe(
      (l: Leader | undefined) => seen.push(l?.value),
      () => undefined,
    );
    try {
      const first = await election.campaign(l1.id, 'one');
      let secondElected = false;
      const second = election.campaign(l2.id, 'two').then((x) => {
        secondElected = true;
        return x;
      });
      assert.equal((await election.leader())?.value, 'one');
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(secondElected, false, 'a candidate waits while an older key exists');
      await first.resign();
      const two = await second;
      assert.ok(two.createRevision > first.createRevision);
      assert.equal((await election.leader())?.value, 'two');
      // a lease that ends takes its candidacy with it
      await l2.close(true);
      while (seen[seen.length - 1] !== undefined) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(seen, [undefined, 'one', 'two', undefined]);
    } finally {
      await observer.cancel();
      await l1.close();
      await l2.close();
      await pool.drop();
    }
  },
);

etcdTest('a lease whose keepalives go unanswered is reported lost', async () => {
  const c = await cluster();
  const client = c.client({ callTimeoutMs: 500 });
  const lease = await HostLease.grant(client, { ttlSeconds: 2, marginMs: 500 });
  let acks = 0;
  lease.on('ack', () => acks++);
  try {
    while (acks < 2) await new Promise((r) => setTimeout(r, 100));
    const lost = new Promise<LeaseLoss>((r) => lease.once('lost', r));
    await c.signal(0, 'SIGSTOP');
    let loss: LeaseLoss;
    try {
      loss = await lost;
    } finally {
      await c.signal(0, 'SIGCONT');
    }
    assert.equal(lease.alive, false);
    assert.match(loss.reason, /no keepalive acknowledged/);
  } finally {
    await lease.close();
  }
});
