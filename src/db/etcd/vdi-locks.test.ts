// The etcd VDI locks against the shared suite on a 3-member loopback cluster
// (started on first use, stopped by PID after the last test). Each host has
// its own client and its own lease, with its liveness key on it as PoolNode
// puts it; a "mortal" host's lease (TTL 2 s) is never renewed, so it expires.
// Then what only etcd has: a host without a lease is refused.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../datamodel/api-error.js';
import { runVdiLocksConformance } from '../../../test/conformance/vdi-locks.suite.js';
import { skipWithoutEtcd, startEtcdCluster, type EtcdCluster } from '../../../test/support/etcd-cluster.js';
import type { EtcdClient } from './client.js';
import { PoolKeys } from './keys.js';
import { EtcdVdiLocks } from './vdi-locks.js';

let clusterP: Promise<EtcdCluster> | undefined;
const cluster = (): Promise<EtcdCluster> => (clusterP ??= startEtcdCluster(3, 'vdi-locks'));
after(async () => {
  if (clusterP) await (await clusterP).stop();
});

/** A live host: a lease long enough for any test (no keepalive needed) and its alive key. */
async function liveHost(client: EtcdClient, keys: PoolKeys, ttlSeconds: number): Promise<string> {
  const host = randomUUID();
  const { id } = await client.leaseGrant(ttlSeconds);
  await client.put(keys.hostAlive(host), JSON.stringify({ boot_id: randomUUID(), started: 0 }), id);
  return host;
}

runVdiLocksConformance({
  name: 'etcd',
  skip: skipWithoutEtcd,
  open: async () => {
    const c = await cluster();
    const poolUuid = randomUUID();
    const keys = new PoolKeys(poolUuid);
    const clients: EtcdClient[] = [];
    const byHost = new Map<string, EtcdVdiLocks>();
    const addHost = async (ttlSeconds: number): Promise<string> => {
      const client = c.client();
      clients.push(client);
      const host = await liveHost(client, keys, ttlSeconds);
      byHost.set(host, new EtcdVdiLocks(client, poolUuid));
      return host;
    };
    const hosts: string[] = [];
    for (let i = 0; i < 8; i++) hosts.push(await addHost(120));
    return {
      hosts,
      locks: (h) => {
        const l = byHost.get(h);
        assert.ok(l, `unknown host ${h}`);
        return l;
      },
      mortalHost: () => addHost(2),
      dispose: async () => {
        await clients[0]?.delete(keys.root, true);
        for (const cl of clients) cl.close();
      },
    };
  },
});

test('etcd: a host without a liveness key (no lease) cannot take a hold', async (t) => {
  if (skipWithoutEtcd) return t.skip(skipWithoutEtcd);
  const c = await cluster();
  const client = c.client();
  try {
    const locks = new EtcdVdiLocks(client, randomUUID());
    const ghost = randomUUID();
    const vdi = randomUUID();
    await assert.rejects(
      locks.acquire(vdi, ghost, 'RW'),
      (e) => e instanceof ApiError && e.code === 'HOST_OFFLINE' && e.params[0] === ghost,
    );
    assert.deepEqual(await locks.holders(vdi), []);
  } finally {
    client.close();
  }
});

test('etcd: the lock keys are under locks/vdi/<vdi>/<host> on the holder lease', async (t) => {
  if (skipWithoutEtcd) return t.skip(skipWithoutEtcd);
  const c = await cluster();
  const client = c.client();
  const poolUuid = randomUUID();
  const keys = new PoolKeys(poolUuid);
  try {
    const host = await liveHost(client, keys, 60);
    const alive = await client.get(keys.hostAlive(host));
    const vdi = randomUUID();
    await new EtcdVdiLocks(client, poolUuid).acquire(vdi, host, 'RO');
    const kv = await client.get(`/xapi/${poolUuid}/locks/vdi/${vdi}/${host}`);
    assert.ok(kv && alive);
    assert.deepEqual(JSON.parse(kv.value.toString()), { host_uuid: host, mode: 'RO' });
    assert.equal(kv.lease, alive.lease);
    assert.deepEqual(keys.parseVdiLock(kv.key), { vdiUuid: vdi, hostUuid: host });
  } finally {
    await client.delete(keys.root, true);
    client.close();
  }
});
