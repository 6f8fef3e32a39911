// A pool whose hosts run its etcd members themselves (no operator cluster):
// three whole toolstacks on 127.0.0.2–4, one XenAPI port and one etcd port
// pair for all, lease TTL 3 s. Two hosts join the first at the same time: the
// first join bootstraps a member on the master, each joiner adds its own
// (learner, then voter); the master
// SIGKILLed with its member, the two others keep quorum and elect a master.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XapiClient } from '../src/client/generated.js';
import { jsonRpcTransport } from '../src/client/transport.js';
import { EtcdClient } from '../src/db/etcd/client.js';
import { skipWithoutEtcd } from './support/etcd-cluster.js';
import {
  eventually,
  loginAnswer,
  POOL_TEST_PASSWORD,
  portFreeOnAll,
  startPoolHosts,
  type PoolHost,
} from './support/pool-hosts.js';

test(
  'racing joins into a pool running its own etcd members; it survives the loss of its master',
  { skip: skipWithoutEtcd, timeout: 600_000 },
  async (t) => {
    const ips = ['127.0.0.2', '127.0.0.3', '127.0.0.4'];
    // The member's client port and, next to it, its peer port; another series than the XenAPI port's.
    const etcdPort = await portFreeOnAll(ips, 2, 1);
    await using pool = await startPoolHosts(
      3,
      { XAPI_TS_POOL_LEASE_TTL: '3', XAPI_TS_POOL_ETCD_PORT: String(etcdPort) },
      { samePort: true },
    );
    const [a, b, c] = pool.hosts as [PoolHost, PoolHost, PoolHost];
    try {
      // b and c join at the same time: one conversion, one learner at a time.
      await Promise.all(
        [b, c].map(async (h) => {
          const ch = await h.client();
          await ch.pool.join(a.address, 'root', POOL_TEST_PASSWORD);
          await eventually(`${h.address} is a slave of ${a.address}`, async () => {
            if ((await loginAnswer(h)) !== a.address) throw new Error('not yet');
          });
        }),
      );
      const etcd = new EtcdClient({ endpoints: ips.map((ip) => `http://${ip}:${etcdPort}`) });
      try {
        const members = await eventually('three voting members', async () => {
          const m = await etcd.members();
          if (m.length !== 3 || m.some((x) => x.isLearner)) throw new Error(JSON.stringify(m));
          return m;
        });
        assert.deepEqual(
          members.flatMap((m) => m.clientUrls).sort(),
          ips.map((ip) => `http://${ip}:${etcdPort}`),
        );
      } finally {
        etcd.close();
      }
      const ca = await a.client();
      assert.equal((await ca.host.get_all()).length, 3);

      await a.kill();
      const killedAt = performance.now();
      const [next, other] = await eventually('a new master', async () => {
        if ((await loginAnswer(b)) === undefined) return [b, c] as const;
        if ((await loginAnswer(c)) === undefined) return [c, b] as const;
        throw new Error('no master yet');
      });
      t.diagnostic(`new master serving ${Math.round(performance.now() - killedAt)} ms after the SIGKILL`);
      await eventually(`${other.address} follows ${next.address}`, async () => {
        if ((await loginAnswer(other)) !== next.address) throw new Error('not yet');
      });
      const cn = await eventually(`${next.address} serves as master`, () => next.client());
      assert.equal((await cn.host.get_all()).length, 3);

      // The remaining slave takes over by emergency transition, with a session of its own.
      const t2 = jsonRpcTransport({ url: other.url });
      try {
        const local = new XapiClient(t2);
        local.sessionRef = await local.session.slave_local_login_with_password('root', POOL_TEST_PASSWORD);
        await local.pool.emergency_transition_to_master().catch((e: unknown) => {
          // The host restarts its server into the master role; the answer may be cut off with it.
          if ((e as { code?: string }).code !== 'ECONNRESET') throw e;
        });
      } finally {
        t2.close();
      }
      await eventually(`${next.address} follows ${other.address}`, async () => {
        if ((await loginAnswer(next)) !== other.address) throw new Error('not yet');
      });
      const co = await eventually(`${other.address} serves as master`, () => other.client());
      // recover_slaves: the live slave answers, the killed host does not.
      const recovered = await eventually('recover_slaves', () => co.pool.recover_slaves());
      const hosts = await co.host.get_all_records();
      assert.deepEqual(
        recovered.map((ref) => hosts[ref]?.address),
        [next.address],
      );
    } catch (e) {
      for (const h of [a, b, c]) t.diagnostic(`--- ${h.address}\n${h.output().slice(-5000)}`);
      throw e;
    }
  },
);
