// Shared file SRs between hosts: two hosts' XapiStorage on one database and
// one directory, each with its own storage manager, and one set of VDI locks
// (in memory, as one process plays both hosts, and the pool's etcd locks on a
// 1-member cluster, each host with its own client and lease). SR.create's
// PBDs, every host attaching the directory, attaches that take and give back
// the hold, and the handover of a live migration.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ApiError } from '../src/datamodel/api-error.js';
import { filePlugin, LocalStorageManager } from '../src/storage/index.js';
import { LocalVdiLocks, type VdiLocks } from '../src/storage/vdi-locks.js';
import type { EtcdClient } from '../src/db/etcd/client.js';
import { PoolKeys } from '../src/db/etcd/keys.js';
import { EtcdVdiLocks } from '../src/db/etcd/vdi-locks.js';
import { skipWithoutEtcd, startEtcdCluster, type EtcdCluster } from './support/etcd-cluster.js';
import { firstStart } from '../src/xapi/first-start.js';
import { serverFields } from '../src/xapi/records.js';
import { XapiStorage } from '../src/xapi/storage/service.js';
import { createVdi } from '../src/xapi/storage/vdi-ops.js';
import { openStore } from '../src/xapi/store.js';
import { skipWithout } from './support/qemu.js';

const MiB = 1024 * 1024;
const noQemu = skipWithout('qemu-img');

function code(c: string, params?: readonly string[]) {
  return (e: unknown): boolean =>
    e instanceof ApiError &&
    e.code === c &&
    (params === undefined || JSON.stringify(e.params) === JSON.stringify(params));
}

let clusterP: Promise<EtcdCluster> | undefined;
after(async () => {
  if (clusterP) await (await clusterP).stop();
});

type Backend = 'local' | 'etcd';
const backends: readonly { readonly name: Backend; readonly skip: string | false }[] = [
  { name: 'local', skip: noQemu },
  { name: 'etcd', skip: noQemu || skipWithoutEtcd },
];

interface Hosts {
  readonly dir: string;
  readonly db: ReturnType<typeof openStore>;
  readonly a: string;
  readonly b: string;
  /** The locks as host a sees them (every host sees the same holders). */
  readonly locks: VdiLocks;
  readonly sa: XapiStorage;
  readonly sb: XapiStorage;
  /** etcd: end host b's lease now (as its expiry would). */
  readonly killB?: () => Promise<void>;
  dispose(): Promise<void>;
}

/** Locks per host uuid: one in-memory object, or per host an etcd client whose alive key is on its lease. */
async function locksFor(
  backend: Backend,
  hostUuids: readonly string[],
): Promise<{ of: (u: string) => VdiLocks; revoke: (u: string) => Promise<void>; dispose(): Promise<void> }> {
  if (backend === 'local') {
    const locks = new LocalVdiLocks();
    return { of: () => locks, revoke: async () => undefined, dispose: async () => undefined };
  }
  const cluster = await (clusterP ??= startEtcdCluster(1, 'shared-sr'));
  const poolUuid = randomUUID();
  const keys = new PoolKeys(poolUuid);
  const hosts = new Map<string, { client: EtcdClient; lease: string; locks: VdiLocks }>();
  for (const u of hostUuids) {
    const client = cluster.client();
    const { id } = await client.leaseGrant(120);
    await client.put(keys.hostAlive(u), '{}', id);
    hosts.set(u, { client, lease: id, locks: new EtcdVdiLocks(client, poolUuid) });
  }
  const get = (u: string) => {
    const h = hosts.get(u);
    assert.ok(h, u);
    return h;
  };
  return {
    of: (u) => get(u).locks,
    revoke: (u) => get(u).client.leaseRevoke(get(u).lease),
    dispose: async () => {
      const first = [...hosts.values()][0];
      await first?.client.delete(keys.root, true);
      for (const h of hosts.values()) h.client.close();
    },
  };
}

async function twoHosts(backend: Backend = 'local'): Promise<Hosts> {
  const dir = mkdtempSync(join(tmpdir(), 'xapi-ts-shared-sr-'));
  const db = openStore(undefined);
  const { host: a } = firstStart(db);
  const b = db.create('host', serverFields('host', { uuid: randomUUID(), name_label: 'b', hostname: 'b' }));
  const ua = db.get('host', a).uuid;
  const ub = db.get('host', b).uuid;
  const locks = await locksFor(backend, [ua, ub]);
  const storageOf = (host: string, uuid: string, name: string): XapiStorage =>
    new XapiStorage(
      db,
      new LocalStorageManager([filePlugin]),
      host,
      join(dir, `${name}-state`),
      locks.of(uuid),
    );
  return {
    dir,
    db,
    a,
    b,
    locks: locks.of(ua),
    sa: storageOf(a, ua, 'a'),
    sb: storageOf(b, ub, 'b'),
    ...(backend === 'etcd' ? { killB: () => locks.revoke(ub) } : {}),
    dispose: async () => {
      await locks.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function sharedSr(t: Hosts, shared = true): Promise<string> {
  return t.sa.createSr({
    uuid: randomUUID(),
    type: 'file',
    deviceConfig: { location: join(t.dir, shared ? 'shared' : 'local') },
    physicalSize: 0,
    fields: { name_label: 'NFS-like', shared },
  });
}

test(
  'SR.create shared: a PBD per host with one device_config; each host plugs the same directory',
  { skip: noQemu },
  async () => {
    const t = await twoHosts();
    try {
      const sr = await sharedSr(t);
      const row = t.db.get('SR', sr);
      assert.equal(row.shared, true);
      const pbds = row.PBDs.map((p) => t.db.get('PBD', p));
      assert.deepEqual(pbds.map((p) => p.host).sort(), [t.a, t.b].sort());
      assert.deepEqual(pbds[0]?.device_config, { location: join(t.dir, 'shared') });
      assert.deepEqual(pbds[0]?.device_config, pbds[1]?.device_config);
      // The creator's PBD is plugged; the other host plugs its own.
      assert.equal(t.db.get('PBD', t.sa.pbdOf(sr) as string).currently_attached, true);
      const pbdB = t.sb.pbdOf(sr) as string;
      assert.equal(t.db.get('PBD', pbdB).currently_attached, false);
      await t.sb.plug(pbdB);
      assert.equal(t.db.get('PBD', pbdB).currently_attached, true);
      // A disk made through one host is seen by the other's plugin.
      const vdi = await createVdi(t.sa, { SR: sr, virtual_size: 4 * MiB, name_label: 'd' });
      const uuid = t.db.get('VDI', vdi).uuid;
      assert.ok((await t.sb.manager.srScan(row.uuid)).some((v) => v.uuid === uuid));

      // A local SR keeps one PBD, on its creator.
      const local = await sharedSr(t, false);
      assert.deepEqual(
        t.db.get('SR', local).PBDs.map((p) => t.db.get('PBD', p).host),
        [t.a],
      );
    } finally {
      await t.dispose();
    }
  },
);

test(
  'each host keeps its own datapath table in the shared directory, and finds it after a restart',
  { skip: noQemu },
  async () => {
    const t = await twoHosts();
    try {
      const sr = await sharedSr(t);
      await t.sb.plug(t.sb.pbdOf(sr) as string);
      const srUuid = t.db.get('SR', sr).uuid;
      const v1 = await createVdi(t.sa, { SR: sr, virtual_size: 4 * MiB, name_label: 'one' });
      const v2 = await createVdi(t.sa, { SR: sr, virtual_size: 4 * MiB, name_label: 'two' });
      const [u1, u2] = [t.db.get('VDI', v1).uuid, t.db.get('VDI', v2).uuid];
      await t.sa.attach(v1, 'vbd/vm1/xvda', true);
      await t.sb.attach(v2, 'vbd/vm2/xvda', true);
      // Both hosts restart: new storage managers plug the same PBDs again.
      const again = (host: string, name: string): XapiStorage =>
        new XapiStorage(
          t.db,
          new LocalStorageManager([filePlugin]),
          host,
          join(t.dir, `${name}-state`),
          t.locks,
        );
      const [ra, rb] = [again(t.a, 'a'), again(t.b, 'b')];
      await ra.plug(ra.pbdOf(sr) as string);
      await rb.plug(rb.pbdOf(sr) as string);
      assert.deepEqual(Object.keys(ra.manager.datapaths(srUuid, u1)), ['vbd/vm1/xvda']);
      assert.deepEqual(ra.manager.datapaths(srUuid, u2), {});
      assert.deepEqual(Object.keys(rb.manager.datapaths(srUuid, u2)), ['vbd/vm2/xvda']);
      assert.deepEqual(rb.manager.datapaths(srUuid, u1), {});
      await ra.detach(v1, 'vbd/vm1/xvda');
      await rb.detach(v2, 'vbd/vm2/xvda');
      assert.deepEqual(await t.locks.holders(u1), []);
      assert.deepEqual(await t.locks.holders(u2), []);
    } finally {
      await t.dispose();
    }
  },
);

test('a shared SR needs its location: it is not defaulted into one host', { skip: noQemu }, async () => {
  const t = await twoHosts();
  try {
    await assert.rejects(
      t.sa.createSr({
        uuid: randomUUID(),
        type: 'file',
        deviceConfig: {},
        physicalSize: 0,
        fields: { shared: true },
      }),
      code('INVALID_VALUE', ['device_config:location', '']),
    );
    assert.equal([...t.db.all('SR')].filter(([, r]) => r.shared).length, 0);
  } finally {
    await t.dispose();
  }
});

for (const be of backends)
  test(
    `${be.name}: attaches on a shared SR take the VDI lock: RW on one host keeps the other out`,
    { skip: be.skip },
    async () => {
      const t = await twoHosts(be.name);
      try {
        const sr = await sharedSr(t);
        await t.sb.plug(t.sb.pbdOf(sr) as string);
        const vdi = await createVdi(t.sa, { SR: sr, virtual_size: 4 * MiB, name_label: 'd' });
        const uuid = t.db.get('VDI', vdi).uuid;
        const hostA = t.db.get('host', t.a).uuid;
        const srUuid = t.db.get('SR', sr).uuid;

        await t.sa.attach(vdi, 'vbd/vm1/xvda', true);
        assert.deepEqual(await t.locks.holders(uuid), [{ hostUuid: hostA, mode: 'RW' }]);
        // The error names the disk by ref, as xapi's VBD attach check does.
        await assert.rejects(t.sb.attach(vdi, 'vbd/vm2/xvda', true), code('VDI_IN_USE', [vdi, 'attach']));
        await assert.rejects(t.sb.attach(vdi, 'vbd/vm2/xvda', false), code('VDI_IN_USE', [vdi, 'attach']));
        assert.deepEqual(t.sb.manager.datapaths(srUuid, uuid), {}, 'the refused host did not open the disk');

        // Detach gives the hold back; then readers share it.
        await t.sa.detach(vdi, 'vbd/vm1/xvda');
        assert.deepEqual(await t.locks.holders(uuid), []);
        await t.sb.attach(vdi, 'vbd/vm2/xvda', false);
        await t.sa.attach(vdi, 'vbd/vm1/xvda', false);
        assert.deepEqual(
          (await t.locks.holders(uuid)).map((h) => h.mode),
          ['RO', 'RO'],
        );
        await assert.rejects(t.sa.attach(vdi, 'vbd/vm3/xvda', true), code('VDI_IN_USE', [vdi, 'attach']));
        // The failed RW attach left a's RO hold as it was.
        assert.deepEqual(
          (await t.locks.holders(uuid)).find((h) => h.hostUuid === hostA),
          { hostUuid: hostA, mode: 'RO' },
        );
        await t.sb.detach(vdi, 'vbd/vm2/xvda');
        assert.deepEqual(await t.locks.holders(uuid), [{ hostUuid: hostA, mode: 'RO' }]);
        // Two datapaths on one host share one hold, which goes with the last of them.
        await t.sa.attach(vdi, 'vbd/vm3/xvda', false);
        await t.sa.detach(vdi, 'vbd/vm1/xvda');
        assert.deepEqual(await t.locks.holders(uuid), [{ hostUuid: hostA, mode: 'RO' }]);
        await t.sa.detach(vdi, 'vbd/vm3/xvda');
        assert.deepEqual(await t.locks.holders(uuid), []);

        // A datapath that fails in the storage gives back the hold it took.
        await t.sa.attach(vdi, 'vbd/vm4/xvda', false);
        await assert.rejects(t.sa.attach(vdi, 'vbd/vm5/xvda', true), code('VDI_IN_USE'));
        assert.deepEqual(await t.locks.holders(uuid), [{ hostUuid: hostA, mode: 'RO' }]);
        await t.sa.detach(vdi, 'vbd/vm4/xvda');
      } finally {
        await t.dispose();
      }
    },
  );

test('disks of a local SR take no lock', { skip: noQemu }, async () => {
  const t = await twoHosts();
  try {
    const sr = await sharedSr(t, false);
    const vdi = await createVdi(t.sa, { SR: sr, virtual_size: 4 * MiB, name_label: 'd' });
    await t.sa.attach(vdi, 'vbd/vm1/xvda', true);
    assert.deepEqual(await t.locks.holders(t.db.get('VDI', vdi).uuid), []);
    await t.sa.detach(vdi, 'vbd/vm1/xvda');
  } finally {
    await t.dispose();
  }
});

for (const be of backends)
  test(
    `${be.name}: live migration inside a pool: the destination opens the disk under the source hold, and the switchover moves it`,
    { skip: be.skip },
    async () => {
      const t = await twoHosts(be.name);
      try {
        const sr = await sharedSr(t);
        await t.sb.plug(t.sb.pbdOf(sr) as string);
        const vdi = await createVdi(t.sa, { SR: sr, virtual_size: 4 * MiB, name_label: 'd' });
        const uuid = t.db.get('VDI', vdi).uuid;
        const hostA = t.db.get('host', t.a).uuid;
        const hostB = t.db.get('host', t.b).uuid;
        await t.sa.attach(vdi, 'vbd/vm1/xvda', true);

        // Without the handover the destination is refused; with it, it opens the disk.
        await assert.rejects(t.sb.attach(vdi, 'vbd/vm1/xvda', true), code('VDI_IN_USE', [vdi, 'attach']));
        // A handover from a host that does not hold the disk is refused.
        await assert.rejects(
          t.sb.attach(vdi, 'vbd/vm1/xvda', true, { handoverFrom: hostB }),
          code('OPERATION_NOT_ALLOWED'),
        );
        await t.sb.attach(vdi, 'vbd/vm1/xvda', true, { handoverFrom: hostA });
        assert.deepEqual(
          await t.locks.holders(uuid),
          [{ hostUuid: hostA, mode: 'RW' }],
          'the source still holds it',
        );

        // Switchover: the hold moves in one step; the source's detach then has nothing to give back.
        await t.sb.handover(vdi, hostA);
        assert.deepEqual(await t.locks.holders(uuid), [{ hostUuid: hostB, mode: 'RW' }]);
        await t.sa.detach(vdi, 'vbd/vm1/xvda');
        assert.deepEqual(await t.locks.holders(uuid), [{ hostUuid: hostB, mode: 'RW' }]);
        // A second switchover from the old source is refused: it holds nothing.
        await assert.rejects(t.sb.handover(vdi, hostA), code('OPERATION_NOT_ALLOWED'));
        await t.sb.detach(vdi, 'vbd/vm1/xvda');
        assert.deepEqual(await t.locks.holders(uuid), []);
      } finally {
        await t.dispose();
      }
    },
  );

test(
  'etcd: a host whose lease is gone cannot attach a disk of a shared SR, and its holds are gone',
  { skip: noQemu || skipWithoutEtcd },
  async () => {
    const t = await twoHosts('etcd');
    try {
      const sr = await sharedSr(t);
      await t.sb.plug(t.sb.pbdOf(sr) as string);
      const vdi = await createVdi(t.sa, { SR: sr, virtual_size: 4 * MiB, name_label: 'd' });
      const other = await createVdi(t.sa, { SR: sr, virtual_size: 4 * MiB, name_label: 'e' });
      await t.sb.attach(other, 'vbd/vm2/xvda', true);
      assert.ok(t.killB);
      await t.killB();
      // The error names the host by ref.
      await assert.rejects(t.sb.attach(vdi, 'vbd/vm2/xvdb', true), code('HOST_OFFLINE', [t.b]));
      // b's hold on `other` went with its lease: a takes the disk.
      assert.deepEqual(await t.locks.holders(t.db.get('VDI', other).uuid), []);
      await t.sa.attach(other, 'vbd/vm1/xvda', true);
      await t.sa.detach(other, 'vbd/vm1/xvda');
    } finally {
      await t.dispose();
    }
  },
);
