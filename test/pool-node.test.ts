// Hosts on one pool database (3 etcd members, in this process): one master
// elected, its commits seen by the slaves' replicas, host_metrics.live
// following the hosts' alive keys, and a deposed master stepping down to a
// slave without any of its unacknowledged writes reaching etcd.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../src/datamodel/api-error.js';
import { relations } from '../src/datamodel/index.js';
import { PoolKeys } from '../src/db/etcd/keys.js';
import { DEPOSED_MESSAGE } from '../src/db/etcd/sink.js';
import { formatToken } from '../src/db/events.js';
import { MemoryStore } from '../src/db/memory.js';
import type { ObjectStore } from '../src/db/store.js';
import { convertToPool } from '../src/pool/convert.js';
import { livenessUpdates } from '../src/pool/liveness.js';
import { PoolNode, type PoolDbRole } from '../src/pool/node.js';
import { firstStart } from '../src/xapi/first-start.js';
import { readHostFacts } from '../src/xapi/host/facts.js';
import { storeClasses, xapiDb } from '../src/xapi/store.js';
import { skipWithoutEtcd, withEtcdCluster, type EtcdCluster } from './support/etcd-cluster.js';

const TTL = 3;

test('livenessUpdates names the host_metrics whose live flag disagrees with the alive keys', () => {
  const hosts = [
    { uuid: 'a', metrics: 'OpaqueRef:ma', live: true },
    { uuid: 'b', metrics: 'OpaqueRef:mb', live: true },
    { uuid: 'c', metrics: 'OpaqueRef:mc', live: false },
    { uuid: 'd', metrics: 'OpaqueRef:md', live: false },
  ];
  assert.deepEqual(livenessUpdates(hosts, new Set(['a', 'c'])), [
    ['OpaqueRef:mb', false],
    ['OpaqueRef:mc', true],
  ]);
  assert.deepEqual(livenessUpdates(hosts, new Set(['a', 'b'])), []);
});

async function until<T>(what: string, f: () => T | undefined | false, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

interface Host {
  readonly uuid: string;
  readonly node: PoolNode;
  readonly roles: string[];
}

function startHost(cluster: EtcdCluster, poolUuid: string, uuid: string): Host {
  const roles: string[] = [];
  const handler = {
    enter: async (r: PoolDbRole) => void roles.push(r.kind),
    leave: async () => undefined,
  };
  const node = new PoolNode({
    client: cluster.client(),
    poolUuid,
    hostUuid: uuid,
    address: `addr-${uuid}`,
    ttlSeconds: TTL,
    classes: storeClasses(),
    relations,
    handler,
  });
  return { uuid, node, roles };
}

function master(h: Host): ObjectStore | undefined {
  const r = h.node.role;
  return r?.kind === 'master' ? r.store.store : undefined;
}

function liveOf(db: ObjectStore, hostUuid: string): boolean {
  const host = db.refByUuid('host', hostUuid) as string;
  return db.get('host_metrics', String(db.get('host', host)['metrics']))['live'] === true;
}

test(
  'a pool of three hosts: election, replicas, liveness, and a deposed master stepping down',
  { skip: skipWithoutEtcd, timeout: 180_000 },
  async () => {
    await withEtcdCluster(
      3,
      async (cluster) => {
        const poolUuid = randomUUID();
        const [ua, ub, uc] = [randomUUID(), randomUUID(), randomUUID()];
        // A pool database holding three hosts, as after two joins; A is pool.master.
        const seed = new MemoryStore({ classes: storeClasses(), relations });
        const facts = readHostFacts();
        for (const u of [uc, ub, ua]) firstStart(xapiDb(seed), facts, u);
        await convertToPool(seed.snapshot(), { client: cluster.client(), poolUuid, maxTxnOps: 4096 });

        // A forwarded write that no master answered yet (its slave's master died first).
        const keys = new PoolKeys(poolUuid);
        const seedPool = [...seed.all('pool')][0]?.[0] as string;
        await cluster.client().put(
          keys.forwardRequest(uc, 'pending'),
          JSON.stringify({
            ops: [
              {
                op: 'add_to_map',
                cls: 'pool',
                ref: seedPool,
                field: 'other_config',
                key: 'pending',
                value: 'applied',
              },
            ],
          }),
        );

        const a = startHost(cluster, poolUuid, ua);
        const hosts: Host[] = [a];
        try {
          await a.node.start();
          const dbA = await until('A elected', () => master(a));
          // The new master applies it when it takes office, and answers it in the same commit.
          await until(
            'the pending request applied',
            () => (dbA.get('pool', seedPool)['other_config'] as Record<string, string>)['pending'],
          );
          const answer = await cluster.client().get(keys.forwardResult(uc, 'pending'));
          assert.equal(answer?.value.toString(), '{}');
          assert.equal(await cluster.client().get(keys.forwardRequest(uc, 'pending')), undefined);
          await cluster.client().delete(keys.forwardResult(uc, 'pending'));
          const b = startHost(cluster, poolUuid, ub);
          const c = startHost(cluster, poolUuid, uc);
          hosts.push(b, c);
          await Promise.all([b.node.start(), c.node.start()]);
          assert.equal(b.node.role?.kind, 'slave');
          assert.equal(c.node.role?.kind, 'slave');
          assert.equal(b.node.leader?.hostUuid, ua);

          // A commit on the master reaches the slaves' replicas.
          const pool = [...dbA.all('pool')][0]?.[0] as string;
          const tokenBefore = formatToken(dbA.current());
          dbA.update('pool', pool, { name_label: 'written on A' });
          await dbA.flush();
          const roleA = a.node.role;
          assert.equal(roleA?.kind, 'master');
          for (const h of [b, c]) {
            const r = h.node.role;
            assert.equal(r?.kind, 'slave');
            assert.ok(await r.replica.waitForRevision(roleA.store.revision));
            assert.equal(r.replica.store.get('pool', pool)['name_label'], 'written on A');
            assert.deepEqual(r.replica.store.current(), dbA.current());
          }

          // A slave's own write, forwarded: made by the master, visible on the slave once it resolves.
          const rb0 = b.node.role as PoolDbRole;
          assert.equal(rb0.kind, 'slave');
          await Promise.all([
            rb0.forwarder.write([
              { op: 'update', cls: 'pool', ref: pool, fields: { name_description: 'from B' } },
            ]),
            rb0.forwarder.write([
              { op: 'add_to_map', cls: 'pool', ref: pool, field: 'other_config', key: 'b', value: '1' },
            ]),
          ]);
          assert.equal(rb0.replica.store.get('pool', pool)['name_description'], 'from B');
          assert.deepEqual(rb0.replica.store.get('pool', pool)['other_config'], {
            pending: 'applied',
            b: '1',
          });
          assert.equal(dbA.get('pool', pool)['name_description'], 'from B');
          // Nothing to change: answered all the same.
          await rb0.forwarder.write([
            { op: 'update', cls: 'pool', ref: pool, fields: { name_description: 'from B' } },
          ]);
          // A write the master refuses: its error, and nothing applied.
          await assert.rejects(
            rb0.forwarder.write([
              { op: 'update', cls: 'pool', ref: pool, fields: { name_label: 'never' } },
              { op: 'destroy', cls: 'network', ref: 'OpaqueRef:missing' },
            ]),
            (e: unknown) => e instanceof ApiError && e.code === 'HANDLE_INVALID',
          );
          assert.equal(dbA.get('pool', pool)['name_label'], 'written on A');
          const fwdLeft = await cluster.client().range(`${keys.root}fwd/`, true);
          assert.deepEqual(
            fwdLeft.kvs.map((kv) => kv.key),
            [],
            'requests and answers are cleaned up',
          );

          // Liveness: every host's alive key exists; C leaves (its lease revoked) and comes back.
          await until('B and C live', () => liveOf(dbA, ub) && liveOf(dbA, uc));
          await c.node.close();
          hosts.pop();
          await until('C not live', () => !liveOf(dbA, uc));
          assert.equal(liveOf(dbA, ub), true);
          const c2 = startHost(cluster, poolUuid, uc);
          hosts.push(c2);
          await c2.node.start();
          await until('C live again', () => liveOf(dbA, uc));
          // the master raised an alert for each change of C's liveness
          const aboutC = [...dbA.all('message')]
            .map(([, m]) => m)
            .filter((m) => m['obj_uuid'] === uc)
            .map((m) => m['name']);
          assert.deepEqual(aboutC.slice(-2), ['HOST_OFFLINE', 'HOST_ONLINE']);

          // Depose A (its election key deleted, as a forced takeover does): B, the next
          // candidate, becomes master; A's next commit fails its compare and A steps down.
          await cluster.client().delete(roleA.leadership.key);
          const dbB = await until('B elected', () => master(b));
          dbA.update('pool', pool, { name_label: 'written on deposed A' });
          await assert.rejects(
            dbA.flush(),
            (e: unknown) => e instanceof ApiError && e.params[0] === DEPOSED_MESSAGE,
          );
          await until('A back to slave', () => a.node.role?.kind === 'slave');
          assert.deepEqual(a.roles, ['slave', 'master', 'slave']);
          assert.equal(dbB.get('pool', pool)['name_label'], 'written on A');
          const stored = await cluster.client().get(keys.obj('pool', pool));
          assert.match(String(stored?.value), /written on A/);
          // B continues the generation: a token taken on A before its last commit gets that commit from B.
          const since = dbB.changesSince(tokenBefore, ['pool']);
          assert.deepEqual(
            since.events.map((e) => [e.ref, e.operation, e.snapshot?.['name_label']]),
            [[pool, 'mod', 'written on A']],
          );
          // And B writes.
          dbB.update('pool', pool, { name_label: 'written on B' });
          await dbB.flush();
          const ra = a.node.role;
          assert.equal(ra?.kind, 'slave');
          const rb = b.node.role as PoolDbRole;
          assert.equal(rb.kind, 'master');
          assert.ok(await ra.replica.waitForRevision(rb.store.revision));
          assert.equal(ra.replica.store.get('pool', pool)['name_label'], 'written on B');
        } finally {
          for (const h of hosts.reverse()) await h.node.close();
        }
      },
      'pool-node',
    );
  },
);
