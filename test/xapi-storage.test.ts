// Storage through the XenAPI: SRs, PBDs and VDIs with the typed client —
// the local SR of the first start, disk operations on simulated and file
// SRs with their figures kept true, copies with progress and cancellation,
// datapaths, forget/introduce, and a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startTestServer } from './support/xapi-server.js';
import type { XapiClient } from '../src/client/generated.js';
import { haveQemuImg } from '../src/storage/qemu-img.js';
import { skipWithout } from './support/qemu.js';
import { failure } from './support/failure.js';
import { untilProgress, waitTask } from './support/events.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const NULL = 'OpaqueRef:NULL';
const noQemu = skipWithout('qemu-img');

/** The SR's figures are those of its disks and its storage. */
async function assertFiguresTrue(c: XapiClient, sr: string): Promise<void> {
  const rec = await c.SR.get_record(sr);
  const vdis = await Promise.all(rec.VDIs.map((v) => c.VDI.get_record(v)));
  assert.equal(
    rec.virtual_allocation,
    vdis.reduce((n, v) => n + v.virtual_size, 0),
    'virtual_allocation',
  );
  if (rec.type === 'sim') {
    assert.equal(
      rec.physical_utilisation,
      vdis.reduce((n, v) => n + v.physical_utilisation, 0),
      'physical_utilisation',
    );
  }
  assert.ok(rec.physical_utilisation <= rec.physical_size);
}

async function createSr(
  c: XapiClient,
  stateDir: string,
  type: string,
  opts: { size?: number; name?: string } = {},
) {
  const host = (await c.host.get_all())[0] as string;
  return c.SR.create(
    host,
    { location: join(stateDir, `sr-${opts.name ?? type}`) },
    opts.size ?? 0,
    opts.name ?? `${type} SR`,
    '',
    type,
    'user',
    false,
    {},
  );
}

/** VDI.introduce of `uuid` into `sr` as a managed user disk named `name`, with no other settings. */
function introduceVdi(c: XapiClient, uuid: string, name: string, sr: string): Promise<string> {
  return c.VDI.introduce(
    uuid,
    name,
    '',
    sr,
    'user',
    false,
    false,
    {},
    '',
    {},
    {},
    true,
    0,
    0,
    NULL,
    false,
    '19700101T00:00:00Z',
    NULL,
  );
}

function vdiArgs(sr: string, size: number, extra: Record<string, unknown> = {}) {
  return {
    SR: sr,
    virtual_size: size,
    type: 'user' as const,
    sharable: false,
    read_only: false,
    other_config: {},
    name_label: 'disk',
    ...extra,
  };
}

test('first start: a local SR as the pool default, SM objects, supported types', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const pool = (await c.pool.get_all())[0] as string;
  const sr = await c.pool.get_default_SR(pool);
  const rec = await c.SR.get_record(sr);
  assert.equal(rec.name_label, 'Local storage');
  assert.equal(rec.type, haveQemuImg() ? 'file' : 'sim');
  assert.equal(rec.other_config['i18n-key'], 'local-storage');
  assert.equal(rec.PBDs.length, 1);
  const pbd = await c.PBD.get_record(rec.PBDs[0] as string);
  assert.equal(pbd.currently_attached, true);
  assert.equal(pbd.device_config['location'], join(server.stateDir, 'sr', 'local'));
  assert.ok(rec.physical_size > 0);
  const types = await c.SR.get_supported_types();
  assert.deepEqual([...types].sort(), haveQemuImg() ? ['file', 'sim'] : ['sim']);
  const sms = Object.values(await c.SM.get_all_records());
  assert.deepEqual(sms.map((s) => s.type).sort(), [...types].sort());
  assert.ok(sms.every((s) => s.features['VDI_SNAPSHOT'] === 1));
});

test('sim SR: disks, snapshots, clones and resizes keep records and figures true', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  await failure(createSr(c, server.stateDir, 'lvm'), 'SR_UNKNOWN_DRIVER', ['lvm']);
  const sr = await createSr(c, server.stateDir, 'sim', { size: 100 * GiB });
  assert.equal((await c.SR.get_record(sr)).physical_size, 100 * GiB);

  const disk = await c.VDI.create(vdiArgs(sr, 10 * GiB, { sm_config: { keep: 'me' } }));
  const d = await c.VDI.get_record(disk);
  assert.equal(d.virtual_size, 10 * GiB);
  assert.equal(d.physical_utilisation, 0, 'thin');
  assert.equal(d.managed, true);
  assert.equal(d.location, d.uuid);
  assert.deepEqual(d.sm_config, { keep: 'me', 'image-format': 'sim' });
  await assertFiguresTrue(c, sr);

  const thick = await c.VDI.create(vdiArgs(sr, GiB, { sm_config: { allocation: 'thick' } }));
  assert.equal((await c.VDI.get_record(thick)).physical_utilisation, GiB);
  await failure(c.VDI.create(vdiArgs(sr, 200 * GiB, { sm_config: { allocation: 'thick' } })), 'SR_FULL', [
    String(200 * GiB),
    String(99 * GiB),
  ]);
  await assertFiguresTrue(c, sr);

  const snap = await c.VDI.snapshot(disk, {});
  const s = await c.VDI.get_record(snap);
  assert.equal(s.is_a_snapshot, true);
  assert.equal(s.snapshot_of, disk);
  assert.equal(s.name_label, 'disk');
  assert.deepEqual(await c.VDI.get_snapshots(disk), [snap]);
  const base = s.sm_config['vhd-parent'] as string;
  assert.equal((await c.VDI.get_record(disk)).sm_config['vhd-parent'], base);
  const baseRec = await c.VDI.get_record(await c.VDI.get_by_uuid(base));
  assert.equal(baseRec.managed, false);
  assert.equal(baseRec.read_only, true);
  assert.equal((await c.SR.get_record(sr)).VDIs.length, 4);
  await assertFiguresTrue(c, sr);

  const clone = await c.VDI.clone(snap, {});
  const cl = await c.VDI.get_record(clone);
  assert.equal(cl.is_a_snapshot, false);
  assert.equal(cl.sm_config['vhd-parent'], s.uuid, 'a clone of a snapshot is an overlay on it');

  await c.VDI.resize(clone, 20 * GiB);
  assert.equal((await c.VDI.get_record(clone)).virtual_size, 20 * GiB);
  await failure(c.VDI.resize(clone, GiB), 'VALUE_NOT_SUPPORTED');
  await assertFiguresTrue(c, sr);

  // The snapshot is still read by the clone: destroying it leaves a hidden base.
  await c.VDI.destroy(snap);
  await failure(c.VDI.get_record(snap), 'HANDLE_INVALID');
  const hidden = await c.VDI.get_record(await c.VDI.get_by_uuid(s.uuid));
  assert.equal(hidden.managed, false);
  const hiddenRef = await c.VDI.get_by_uuid(s.uuid);
  await failure(c.VDI.destroy(hiddenRef), 'VDI_NOT_MANAGED', [hiddenRef]);
  await c.VDI.destroy(clone);
  await c.VDI.destroy(disk);
  await c.VDI.destroy(thick);
  assert.deepEqual((await c.SR.get_record(sr)).VDIs, [], 'hidden bases went with their last overlay');
  await assertFiguresTrue(c, sr);
  assert.equal((await c.SR.get_record(sr)).physical_utilisation, 0);
});

test('SR lifecycle: destroy needs an unplugged, empty SR; forget and introduce rediscover disks', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const sr = await createSr(c, server.stateDir, 'sim');
  const pbd = (await c.SR.get_PBDs(sr))[0] as string;
  const disk = await c.VDI.create(vdiArgs(sr, GiB));
  const uuid = await c.VDI.get_uuid(disk);
  await failure(c.SR.destroy(sr), 'SR_HAS_PBD', [sr]);
  await failure(c.SR.forget(sr), 'SR_HAS_PBD', [sr]);
  await failure(c.PBD.destroy(pbd), 'OPERATION_NOT_ALLOWED');

  // VDI.forget drops the record only; a scan finds the disk again.
  await c.VDI.forget(disk);
  assert.deepEqual(await c.SR.get_VDIs(sr), []);
  await c.SR.scan(sr);
  const again = await c.VDI.get_by_uuid(uuid);
  assert.equal((await c.VDI.get_record(again)).virtual_size, GiB);
  await c.VDI.forget(again);
  const intro = await introduceVdi(c, uuid, 'back', sr);
  assert.equal((await c.VDI.get_record(intro)).name_label, 'back');
  await failure(introduceVdi(c, '00000000-0000-4000-8000-000000000000', '', sr), 'VDI_MISSING', [
    sr,
    '00000000-0000-4000-8000-000000000000',
  ]);

  // Forget the SR and bring it back.
  const srUuid = await c.SR.get_uuid(sr);
  const config = await c.PBD.get_device_config(pbd);
  await c.PBD.unplug(pbd);
  await failure(c.SR.scan(sr), 'SR_HAS_NO_PBDS', [sr]);
  await c.SR.forget(sr);
  await failure(c.VDI.get_record(intro), 'HANDLE_INVALID');
  const back = await c.SR.introduce(srUuid, 'back', '', 'sim', 'user', false, {});
  await failure(c.SR.introduce(srUuid, 'x', '', 'sim', 'user', false, {}), 'SR_UUID_EXISTS', [srUuid]);
  const host = (await c.host.get_all())[0] as string;
  const pbd2 = await c.PBD.create({ host, SR: back, device_config: config });
  await c.PBD.plug(pbd2);
  assert.equal(await c.VDI.get_SR(await c.VDI.get_by_uuid(uuid)), back);

  await failure(c.SR.destroy(back), 'SR_HAS_PBD', [back]);
  await c.PBD.unplug(pbd2);
  await failure(c.SR.destroy(back), 'SR_NOT_EMPTY', []);
  await c.PBD.plug(pbd2);
  await c.VDI.destroy(await c.VDI.get_by_uuid(uuid));
  await c.PBD.unplug(pbd2);
  await c.SR.destroy(back);
  await failure(c.SR.get_record(back), 'HANDLE_INVALID');
  await failure(c.PBD.get_record(pbd2), 'HANDLE_INVALID');
});

test('datapaths for the VM lifecycle: attach, activate, and what they forbid', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const storage = server.xapi.services.storage;
  const sr = await createSr(c, server.stateDir, 'sim');
  const disk = await c.VDI.create(vdiArgs(sr, GiB));
  const info = await storage.attach(disk, 'vbd/1/xvda', true);
  assert.equal(info.format, 'sim');
  assert.equal(info.readWrite, true);
  await storage.activate(disk, 'vbd/1/xvda');
  await failure(c.VDI.destroy(disk), 'VDI_IN_USE', [disk, 'destroy']);
  await failure(c.VDI.resize(disk, 2 * GiB), 'VDI_IN_USE', [disk, 'resize']);
  await failure(c.VDI.snapshot(disk, {}), 'VDI_IN_USE', [disk, 'snapshot']);
  assert.ok(!(await c.VDI.get_allowed_operations(disk)).includes('destroy'));
  // Not sharable: a second read-write user is refused.
  await failure(storage.attach(disk, 'vbd/2/xvda', true), 'VDI_IN_USE', [disk, 'attach']);
  const pbd = (await c.SR.get_PBDs(sr))[0] as string;
  await failure(c.PBD.unplug(pbd), 'VDI_IN_USE', [disk, 'sr_detach']);
  await storage.deactivate(disk, 'vbd/1/xvda');
  await storage.detach(disk, 'vbd/1/xvda');
  assert.ok((await c.VDI.get_allowed_operations(disk)).includes('destroy'));

  await c.VDI.set_read_only(disk, true);
  await failure(storage.attach(disk, 'x', true), 'VDI_READONLY', [disk]);
  await storage.attach(disk, 'x', false);
  await failure(c.VDI.set_read_only(disk, false), 'VDI_IN_USE');
  await storage.detach(disk, 'x');
  await c.VDI.destroy(disk);
});

test('VDI.copy: Async with progress, into another SR or an existing disk, and cancellable', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const a = await createSr(c, server.stateDir, 'sim', { name: 'a' });
  const b = await createSr(c, server.stateDir, 'sim', { name: 'b' });
  const disk = await c.VDI.create(vdiArgs(a, GiB, { sm_config: { allocation: 'thick' }, name_label: 'src' }));
  const task = await c.Async.VDI.copy(disk, b, NULL, NULL);
  const done = await waitTask(c, task);
  assert.equal(done.status, 'success');
  assert.equal(done.progress, 1);
  const copy = /<value>(OpaqueRef:[^<]+)<\/value>/.exec(done.result)?.[1] as string;
  const cr = await c.VDI.get_record(copy);
  assert.equal(cr.SR, b);
  assert.equal(cr.name_label, 'src');
  assert.equal(cr.virtual_size, GiB);
  assert.equal(cr.physical_utilisation, GiB, 'the data came along');
  assert.deepEqual((await c.VDI.get_record(disk)).current_operations, {});
  await assertFiguresTrue(c, b);

  const small = await c.VDI.create(vdiArgs(b, MiB));
  await failure(c.VDI.copy(disk, NULL, NULL, small), 'VDI_TOO_SMALL', [small, String(GiB)]);
  const big = await c.VDI.create(vdiArgs(b, 2 * GiB));
  assert.equal(await c.VDI.copy(disk, NULL, NULL, big), big);
  assert.equal((await c.VDI.get_record(big)).physical_utilisation, GiB);
  await failure(c.VDI.copy(disk, NULL, NULL, NULL), 'INVALID_VALUE', ['sr', NULL]);

  // Slow copies (a rate limit on the destination) can be watched and cancelled.
  await c.SR.add_to_other_config(b, 'copy-rate-limit', String(64 * MiB));
  const before = await c.SR.get_VDIs(b);
  const slow = await c.Async.VDI.copy(disk, b, NULL, NULL);
  const progress = await untilProgress(c, slow);
  assert.ok(progress > 0 && progress < 1, `progress ${progress}`);
  assert.equal(Object.values((await c.VDI.get_record(disk)).current_operations)[0], 'copy');
  await c.task.cancel(slow);
  const cancelled = await waitTask(c, slow);
  assert.equal(cancelled.status, 'cancelled');
  assert.deepEqual(cancelled.error_info, ['TASK_CANCELLED', slow]);
  assert.deepEqual([...(await c.SR.get_VDIs(b))].sort(), [...before].sort());
  assert.deepEqual((await c.VDI.get_record(disk)).current_operations, {});
  await assertFiguresTrue(c, b);
});

test('file SR through the XenAPI: real images, figures from the filesystem', { skip: noQemu }, async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const pool = (await c.pool.get_all())[0] as string;
  const sr = await c.pool.get_default_SR(pool);
  const disk = await c.VDI.create(vdiArgs(sr, 64 * MiB, { sm_config: { 'image-format': 'raw' } }));
  const d = await c.VDI.get_record(disk);
  assert.equal(d.location, `${d.uuid}.raw`);
  assert.equal(d.sm_config['image-format'], 'raw');
  const snap = await c.VDI.snapshot(disk, {});
  const after = await c.VDI.get_record(disk);
  assert.equal(after.location, `${d.uuid}.qcow2`, 'the disk became an overlay on its raw base');
  assert.equal(after.sm_config['vhd-parent'], (await c.VDI.get_record(snap)).sm_config['vhd-parent']);
  const info = await server.xapi.services.storage.attach(disk, 'vbd/1/0', true);
  assert.deepEqual(info, {
    path: join(server.stateDir, 'sr', 'local', after.location),
    format: 'qcow2',
    readWrite: true,
  });
  await server.xapi.services.storage.detach(disk, 'vbd/1/0');
  await c.VDI.resize(disk, 128 * MiB);
  assert.equal((await c.VDI.get_record(disk)).virtual_size, 128 * MiB);
  const sim = await createSr(c, server.stateDir, 'sim');
  const copy = await c.VDI.copy(snap, sim, NULL, NULL);
  assert.equal((await c.VDI.get_record(copy)).virtual_size, 64 * MiB);
  const back = await c.VDI.copy(copy, sr, NULL, NULL);
  assert.equal((await c.VDI.get_record(back)).sm_config['image-format'], 'qcow2');
  await assertFiguresTrue(c, sr);
  for (const v of [back, snap, disk]) await c.VDI.destroy(v);
  assert.deepEqual(await c.SR.get_VDIs(sr), []);
});

test('a restart attaches the SRs again and keeps one local SR', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const stateDir = mkdtempSync(join(tmpdir(), 'xapi-ts-test-'));
  try {
    let disk: string;
    let sr: string;
    {
      await using server = await startTestServer({ stateDir });
      const c = await server.client();
      sr = await createSr(c, stateDir, 'sim');
      disk = await c.VDI.create(vdiArgs(sr, GiB, { name_label: 'kept' }));
      await server.xapi.services.storage.attach(disk, 'vbd/7/0', true);
    }
    await using server = await startTestServer({ stateDir });
    const c = await server.client();
    assert.equal((await c.VDI.get_record(disk)).name_label, 'kept');
    assert.equal((await c.PBD.get_record((await c.SR.get_PBDs(sr))[0] as string)).currently_attached, true);
    // The datapath survived too.
    await failure(c.VDI.destroy(disk), 'VDI_IN_USE', [disk, 'destroy']);
    await server.xapi.services.storage.detach(disk, 'vbd/7/0');
    await c.VDI.destroy(disk);
    const locals = Object.values(await c.SR.get_all_records()).filter(
      (r) => r.other_config['i18n-key'] === 'local-storage',
    );
    assert.equal(locals.length, 1);
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
});

test('names, defaults and refusals of the smaller messages', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const host = (await c.host.get_all())[0] as string;
  // Without a location, the SR goes under the state directory.
  const sr = await c.SR.create(host, {}, 0, 'plain', '', 'sim', 'user', false, {});
  const rec = await c.SR.get_record(sr);
  const pbd = await c.PBD.get_record(rec.PBDs[0] as string);
  assert.equal(pbd.device_config['location'], join(server.stateDir, 'sr', rec.uuid));
  assert.deepEqual([...rec.allowed_operations].sort().slice(0, 3), ['destroy', 'forget', 'pbd_create']);

  await c.SR.set_name_label(sr, 'renamed');
  await c.SR.set_name_description(sr, 'described');
  await c.SR.set_shared(sr, true);
  assert.deepEqual(
    [await c.SR.get_name_label(sr), await c.SR.get_name_description(sr), await c.SR.get_shared(sr)],
    ['renamed', 'described', true],
  );
  await failure(c.SR.set_physical_size(sr, -1), 'INVALID_VALUE');

  const disk = await c.VDI.create(vdiArgs(sr, GiB));
  await c.VDI.set_name_label(disk, 'n');
  await c.VDI.set_name_description(disk, 'd');
  await c.VDI.set_sharable(disk, true);
  const d = await c.VDI.get_record(disk);
  assert.deepEqual([d.name_label, d.name_description, d.sharable], ['n', 'd', true]);
  await failure(c.VDI.create(vdiArgs(sr, -1)), 'INVALID_VALUE');
  await failure(c.VDI.create(vdiArgs(sr, GiB, { sm_config: { 'image-format': 'vhd' } })), 'INVALID_VALUE', [
    'sm_config:image-format',
    'vhd',
  ]);

  const ro = await c.VDI.create(vdiArgs(sr, 2 * GiB, { read_only: true }));
  await failure(c.VDI.copy(disk, NULL, NULL, ro), 'VDI_READONLY', [ro]);

  // An SR known to the database but not plugged here takes no disks.
  const bare = await c.SR.introduce(
    '11111111-2222-4333-8444-555555555555',
    'bare',
    '',
    'sim',
    'user',
    false,
    {},
  );
  await failure(c.VDI.create(vdiArgs(bare, GiB)), 'SR_HAS_NO_PBDS', [bare]);
  await failure(c.SR.destroy(bare), 'SR_HAS_NO_PBDS', [bare]);
  await failure(c.SR.introduce('x', '', '', 'sim', 'user', false, {}), 'INVALID_VALUE', ['uuid', 'x']);
  await failure(
    c.SR.introduce('11111111-2222-4333-8444-666666666666', '', '', 'nfs', 'user', false, {}),
    'SR_UNKNOWN_DRIVER',
    ['nfs'],
  );
  await c.SR.forget(bare);

  // Read-only users see storage but cannot change it.
  const subject = await c.subject.create({ subject_identifier: 'local:reader', other_config: {} });
  const readOnly = (await c.role.get_by_name_label('read-only'))[0] as string;
  await c.subject.remove_from_roles(subject, (await c.role.get_by_name_label('pool-admin'))[0] as string);
  await c.subject.add_to_roles(subject, readOnly);
  await c.subject.set_local_password(subject, 'pw');
  const reader = await server.client('reader', 'pw');
  assert.ok((await reader.SR.get_supported_types()).includes('sim'));
  await failure(reader.VDI.create(vdiArgs(sr, GiB)), 'RBAC_PERMISSION_DENIED');
  assert.equal((await failure(reader.SR.scan(sr), 'RBAC_PERMISSION_DENIED'))[0], 'sr.scan');
});
