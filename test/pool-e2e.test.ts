// Three whole toolstacks (127.0.0.2–4) made into one pool through the XenAPI,
// as a new user does, on an operator's 3-member etcd cluster (lease TTL 3 s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { XapiClient } from '../src/client/generated.js';
import { skipWithoutEtcd, startEtcdCluster } from './support/etcd-cluster.js';
import { startPoolHosts, type PoolHost } from './support/pool-hosts.js';

/** Retry `fn` until it stops throwing (a host restarting into its new role). */
async function eventually<T>(what: string, fn: () => Promise<T>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`${what}: ${String(e)}`);
      await sleep(200);
    }
  }
}

const code = (e: unknown): string | undefined => (e as { code?: string }).code;

async function slaveOf(h: PoolHost): Promise<string> {
  return eventually(`${h.address} answers HOST_IS_SLAVE`, async () => {
    try {
      await h.client();
    } catch (e) {
      const f = e as { code?: string; params?: readonly string[] };
      if (f.code === 'HOST_IS_SLAVE') return String(f.params?.[0]);
      throw e;
    }
    throw new Error('still a master');
  });
}

test(
  'three hosts joined into one pool through the XenAPI',
  { skip: skipWithoutEtcd, timeout: 600_000 },
  async () => {
    const etcd = await startEtcdCluster(3, 'pool-e2e');
    try {
      await using pool = await startPoolHosts(3, {
        XAPI_TS_POOL_ETCD: etcd.endpoints.join(','),
        XAPI_TS_POOL_LEASE_TTL: '3',
      });
      const [a, b, c] = pool.hosts as [PoolHost, PoolHost, PoolHost];
      const ca = await a.client();
      const [poolRef] = await ca.pool.get_all();
      // b joins a standalone a: a converts itself, b restarts as its slave.
      const cb = await b.client();
      await cb.pool.join(a.address, 'root', 'pool-test-password');
      assert.equal(await slaveOf(b), a.address);
      const ca2: XapiClient = await eventually('a serves as the pool master', () => a.client());
      assert.deepEqual(await ca2.pool.get_all(), [poolRef]);
      // c joins the pool of two.
      const cc = await c.client();
      await cc.pool.join(a.address, 'root', 'pool-test-password');
      assert.equal(await slaveOf(c), a.address);
      const hosts = await eventually('three hosts', async () => {
        const all = await ca2.host.get_all();
        if (all.length !== 3) throw new Error(`${all.length} hosts`);
        return all;
      });
      assert.equal(hosts.length, 3);
      void code;
    } finally {
      await etcd.stop();
    }
  },
);
