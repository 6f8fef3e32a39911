// Shared file SRs between hosts: two hosts' XapiStorage on one database and
// one directory, each with its own storage manager, and one set of VDI locks
// (in memory here, as one process plays both hosts; in a pool, the etcd
// locks, which run the same conformance suite). SR.create's PBDs, every host
// attaching the directory, and attaches that take and give back the hold.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ApiError } from '../src/datamodel/api-error.js';
import { filePlugin, LocalStorageManager } from '../src/storage/index.js';
import { LocalVdiLocks } from '../src/storage/vdi-locks.js';
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

function twoHosts() {
  const dir = mkdtempSync(join(tmpdir(), 'xapi-ts-shared-sr-'));
  const db = openStore(undefined);
  const { host: a } = firstStart(db);
  const b = db.create('host', serverFields('host', { uuid: randomUUID(), name_label: 'b', hostname: 'b' }));
  const locks = new LocalVdiLocks();
  const storageOf = (host: string, name: string): XapiStorage =>
    new XapiStorage(db, new LocalStorageManager([filePlugin]), host, join(dir, `${name}-state`), locks);
  return { dir, db, a, b, locks, sa: storageOf(a, 'a'), sb: storageOf(b, 'b') };
}

async function sharedSr(t: ReturnType<typeof twoHosts>, shared = true): Promise<string> {
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
    const t = twoHosts();
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
      rmSync(t.dir, { recursive: true, force: true });
    }
  },
);

test('a shared SR needs its location: it is not defaulted into one host', { skip: noQemu }, async () => {
  const t = twoHosts();
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
    rmSync(t.dir, { recursive: true, force: true });
  }
});

test(
  'attaches on a shared SR take the VDI lock: RW on one host keeps the other out',
  { skip: noQemu },
  async () => {
    const t = twoHosts();
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
      rmSync(t.dir, { recursive: true, force: true });
    }
  },
);

test('disks of a local SR take no lock', { skip: noQemu }, async () => {
  const t = twoHosts();
  try {
    const sr = await sharedSr(t, false);
    const vdi = await createVdi(t.sa, { SR: sr, virtual_size: 4 * MiB, name_label: 'd' });
    await t.sa.attach(vdi, 'vbd/vm1/xvda', true);
    assert.deepEqual(await t.locks.holders(t.db.get('VDI', vdi).uuid), []);
    await t.sa.detach(vdi, 'vbd/vm1/xvda');
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});

test(
  'live migration inside a pool: the destination opens the disk under the source hold, and the switchover moves it',
  { skip: noQemu },
  async () => {
    const t = twoHosts();
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
      rmSync(t.dir, { recursive: true, force: true });
    }
  },
);
