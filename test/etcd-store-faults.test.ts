// The pool database on a 3-member etcd cluster while members fail (pools.md
// §9 rows 7–9 at the database level): one member SIGKILLed costs no write and
// rejoins with the data when restarted; with 2 of 3 members gone a flush fails
// with "pool database unavailable", reads still answer, and writes commit
// again once a member is back. The replica follows throughout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../src/datamodel/api-error.js';
import { EtcdClient } from '../src/db/etcd/client.js';
import { Election } from '../src/db/etcd/election.js';
import { PoolKeys } from '../src/db/etcd/keys.js';
import { HostLease } from '../src/db/etcd/lease.js';
import { EtcdReplica } from '../src/db/etcd/replica.js';
import { UNAVAILABLE_MESSAGE } from '../src/db/etcd/sink.js';
import { EtcdStore } from '../src/db/etcd/store.js';
import { testClasses, testRelations } from '../src/db/test-classes.js';
import { skipWithoutEtcd, withEtcdCluster } from './support/etcd-cluster.js';

test(
  'member loss and quorum loss under the master store',
  { skip: skipWithoutEtcd, timeout: 120_000 },
  async () => {
    await withEtcdCluster(
      3,
      async (cluster) => {
        const client = cluster.client({ callTimeoutMs: 1500 });
        const poolUuid = randomUUID();
        const keys = new PoolKeys(poolUuid);
        // A long TTL: this test is about the database, not liveness.
        const lease = await HostLease.grant(client, { ttlSeconds: 60 });
        const leadership = await new Election(client, keys.electionMaster).campaign(lease.id, 'master');
        const master = await EtcdStore.open({
          client,
          poolUuid,
          classes: testClasses,
          relations: testRelations,
          fence: leadership,
        });
        const replica = await EtcdReplica.open({
          client: cluster.client(),
          poolUuid,
          classes: testClasses,
          relations: testRelations,
        });
        const db = master.store;
        try {
          const p = db.create('Parent', { name_label: 'p' });
          await db.flush();

          // one member gone (whichever it is, leader or follower): writes go on
          await cluster.signal(0, 'SIGKILL');
          for (let i = 1; i <= 20; i++) {
            db.update('Parent', p, { weight: i });
            await db.flush();
          }
          await cluster.restart(0);
          const m1 = new EtcdClient({ endpoints: [cluster.endpoints[0] as string] });
          try {
            let seen: number | undefined;
            while (seen !== 20) {
              const kv = await m1.range(keys.obj('Parent', p), false, { serializable: true });
              const v = kv.kvs[0]?.value.toString();
              seen = v === undefined ? undefined : (JSON.parse(v) as { weight: number }).weight;
              if (seen !== 20) await new Promise((r) => setTimeout(r, 100));
            }
          } finally {
            m1.close();
          }

          // quorum lost: the write fails with the documented error, reads answer
          await cluster.signal(1, 'SIGKILL');
          await cluster.signal(2, 'SIGKILL');
          db.update('Parent', p, { name_label: 'during the outage' });
          await assert.rejects(
            db.flush(),
            (e: unknown) =>
              e instanceof ApiError && e.code === 'INTERNAL_ERROR' && e.params[0] === UNAVAILABLE_MESSAGE,
          );
          assert.equal(db.get('Parent', p)['name_label'], 'during the outage');
          assert.equal(replica.store.get('Parent', p)['weight'], 20);

          // quorum back: the write that failed commits with the next flush
          await Promise.all([cluster.restart(1), cluster.restart(2)]);
          for (;;) {
            try {
              await db.flush();
              break;
            } catch (e) {
              if (!(e instanceof ApiError) || e.params[0] !== UNAVAILABLE_MESSAGE) throw e;
            }
          }
          assert.ok(await replica.waitForRevision(master.revision));
          assert.equal(replica.store.get('Parent', p)['name_label'], 'during the outage');
          assert.deepEqual(replica.store.current(), db.current());
        } finally {
          await replica.close();
          await db.close();
          await leadership.resign().catch(() => undefined);
          await lease.close();
        }
      },
      'faults',
    );
  },
);
