// VM migration through the XenAPI on the simulator: pool_migrate within the
// (one-host) pool, and migrate_send between two independent toolstacks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startToolstack } from './support/toolstack.js';
import { addDisk, makeVm } from './support/vm-builder.js';
import { startPeer } from './support/migration-peers.js';
import type { XapiClient } from '../src/client/generated.js';
import { connectXenops } from '../src/idl/xenops-client.js';
import { migrationIds } from '../src/xenopsd/migration-ids.js';
import type { Xenopsd } from '../src/xenopsd/server.js';
import { closeSync, openSync, readSync, writeSync, existsSync } from 'node:fs';
import { skipWithout } from './support/qemu.js';
import { failure } from './support/failure.js';
import { untilBusy, waitTask } from './support/events.js';
import { holdUntilCancelled } from './support/backend-hold.js';
import { createSimulator } from '../src/xenopsd/backends/simulator/simulator.js';

test('pool_migrate keeps the VM running, seen through event.from', async () => {
  await using ts = await startToolstack({ sim: { latencies: { buildMs: 50 } } });
  const c = await ts.client();
  const { vm } = await makeVm(c);
  const host = (await c.host.get_all())[0] as string;
  await c.VM.start(vm, false, false);
  const before = await c.VM.get_record(vm);
  assert.ok(before.allowed_operations.includes('pool_migrate'));
  assert.ok(before.allowed_operations.includes('migrate_send'));
  let token = (await c.event.from(['VM'], '', 0)).token;
  const task = await c.Async.VM.pool_migrate(vm, host, { live: 'true' });
  const seen: { power: string; ops: string[]; allowed: string[] }[] = [];
  for (;;) {
    const r = await c.event.from(['VM'], token, 1);
    token = r.token;
    for (const ev of r.events) {
      if (ev.ref !== vm || !ev.snapshot) continue;
      const s = ev.snapshot as {
        power_state: string;
        current_operations: object;
        allowed_operations: string[];
      };
      seen.push({
        power: s.power_state,
        ops: Object.values(s.current_operations) as string[],
        allowed: s.allowed_operations,
      });
    }
    if ((await c.task.get_status(task)) !== 'pending') break;
  }
  const done = await waitTask(c, task);
  assert.equal(done.status, 'success');
  // xenopsd's figures of the move are kept on the task.
  for (const k of ['total_ms', 'downtime_ms', 'bytes', 'disks_copied'])
    assert.match(done.other_config[`migration_${k}`] ?? '', /^\d+$/, k);
  assert.equal(done.other_config['migration_disks_copied'], '0', 'the disks stay where they are');
  assert.ok(seen.length > 0);
  assert.deepEqual([...new Set(seen.map((s) => s.power))], ['Running'], 'never anything but Running');
  const during = seen.find((s) => s.ops.includes('pool_migrate'));
  assert.ok(during, 'pool_migrate showed in current_operations');
  assert.ok(!during.allowed.includes('pool_migrate') && !during.allowed.includes('clean_shutdown'));
  const after = await c.VM.get_record(vm);
  assert.equal(after.power_state, 'Running');
  assert.equal(after.resident_on, host);
  assert.ok(after.domid >= 0);
  assert.notEqual(after.domid, before.domid, 'a new domain');
  assert.ok(after.consoles.length >= 1);
  assert.deepEqual(after.current_operations, {});
  assert.ok(after.allowed_operations.includes('pool_migrate'));
  // The migration image is gone.
  const suspendVdis = Object.values(await c.VDI.get_all_records()).filter((v) => v.type === 'suspend');
  assert.equal(suspendVdis.length, 0);
  const ids = migrationIds(after.uuid);
  assert.deepEqual(
    ts.xenopsd.db.listVms().map((v) => v.id),
    [after.uuid],
    `no temporary VM (${ids.src}, ${ids.dst}) left in xenopsd`,
  );
  await c.VM.clean_shutdown(vm);
});

test('pool_migrate: conflicts, bad power state, bad host, cancellation', async () => {
  await using ts = await startToolstack({ sim: { latencies: { saveChunkMs: 100 } } });
  const c = await ts.client();
  const { vm } = await makeVm(c);
  const host = (await c.host.get_all())[0] as string;
  await failure(c.VM.pool_migrate(vm, host, {}), 'VM_BAD_POWER_STATE', [vm, 'running', 'halted']);
  await failure(c.VM.pool_migrate(vm, 'OpaqueRef:nope', {}), 'HANDLE_INVALID');
  await c.VM.start(vm, false, false);
  const domid = await c.VM.get_domid(vm);
  await failure(c.VM.pool_migrate(vm, host, { live: 'maybe' }), 'INVALID_VALUE');
  const task = await c.Async.VM.pool_migrate(vm, host, {});
  await untilBusy(c, vm);
  await failure(c.VM.pool_migrate(vm, host, {}), 'OTHER_OPERATION_IN_PROGRESS', [
    'VM',
    vm,
    'pool_migrate',
    task,
  ]);
  await failure(c.VM.clean_shutdown(vm), 'OTHER_OPERATION_IN_PROGRESS');
  await c.task.cancel(task);
  const rec = await waitTask(c, task);
  assert.equal(rec.status, 'cancelled');
  assert.equal(rec.error_info[0], 'TASK_CANCELLED');
  const after = await c.VM.get_record(vm);
  assert.equal(after.power_state, 'Running', 'a cancelled migration leaves the VM running where it was');
  assert.equal(after.resident_on, host);
  assert.deepEqual(after.current_operations, {});
  assert.equal(after.domid, domid, 'the same domain runs on');
  assert.deepEqual(
    ts.xenopsd.db.listVms().map((v) => v.id),
    [after.uuid],
    'no temporary VM left in xenopsd',
  );
  assert.equal(Object.values(await c.VDI.get_all_records()).filter((v) => v.type === 'suspend').length, 0);
});

async function defaults(c: XapiClient) {
  const pool = (await c.pool.get_all())[0] as string;
  const sr = await c.pool.get_default_SR(pool);
  const host = (await c.host.get_all())[0] as string;
  const network = Object.entries(await c.network.get_all_records()).find(
    ([, n]) => n.bridge === 'xapi-ts0',
  )?.[0] as string;
  return { sr, host, network };
}

test('migrate_send moves a running VM to another toolstack, with its disks and NICs', async () => {
  await using a = await startPeer('a');
  await using b = await startPeer('b');
  const ca = await a.client();
  const cb = await b.client();
  const { vm, vdi, vif } = await makeVm(ca, 'traveller');
  await ca.VM.start(vm, false, false);
  const uuid = await ca.VM.get_uuid(vm);
  const size = await ca.VDI.get_virtual_size(vdi);
  const mac = await ca.VIF.get_MAC(vif);
  const there = await defaults(cb);
  const dest = await cb.host.migrate_receive(there.host, there.network, {});
  assert.deepEqual(Object.keys(dest).sort(), ['SM', 'host', 'master', 'session_id', 'xenops']);
  assert.match(dest['xenops'] as string, /^http:\/\/127\.0\.0\.1:\d+\/services\/xenops\?session_id=/);
  const vdiMap = { [vdi]: there.sr };
  const vifMap = { [vif]: there.network };
  await failure(ca.VM.assert_can_migrate(vm, dest, true, {}, vifMap, {}, {}), 'VDI_NOT_IN_MAP', [vdi]);
  await failure(ca.VM.assert_can_migrate(vm, dest, true, vdiMap, {}, {}, {}), 'VIF_NOT_IN_MAP', [vif]);
  await failure(
    ca.VM.assert_can_migrate(vm, { ...dest, session_id: 'OpaqueRef:bad' }, true, vdiMap, vifMap, {}, {}),
    'SESSION_INVALID',
  );
  await ca.VM.assert_can_migrate(vm, dest, true, vdiMap, vifMap, {}, {});
  const moved = await ca.VM.migrate_send(vm, dest, true, vdiMap, vifMap, {}, {});

  // Gone from the source, with its disk.
  assert.equal(await ca.VM.get_by_uuid(uuid).catch((e: { code: string }) => e.code), 'UUID_INVALID');
  assert.equal(await ca.VDI.get_uuid(vdi).catch((e: { code: string }) => e.code), 'HANDLE_INVALID');
  assert.equal(a.xenopsd.db.has(uuid), false);
  // Running on the destination, under its own uuid, with a disk of the same size on the mapped SR.
  const rec = await cb.VM.get_record(moved);
  assert.equal(rec.uuid, uuid);
  assert.equal(rec.power_state, 'Running');
  assert.equal(rec.resident_on, there.host);
  assert.ok(rec.domid >= 0);
  assert.deepEqual(rec.current_operations, {});
  assert.ok(rec.allowed_operations.includes('clean_shutdown'));
  assert.equal(rec.VBDs.length, 1);
  const vbd = await cb.VBD.get_record(rec.VBDs[0] as string);
  assert.equal(vbd.currently_attached, true);
  assert.equal(await cb.VDI.get_SR(vbd.VDI), there.sr);
  assert.equal(await cb.VDI.get_virtual_size(vbd.VDI), size);
  const nic = await cb.VIF.get_record(rec.VIFs[0] as string);
  assert.equal(nic.network, there.network);
  assert.equal(nic.MAC, mac);
  // And it lives on there.
  await cb.VM.clean_shutdown(moved);
  assert.equal(await cb.VM.get_power_state(moved), 'Halted');
});

/** The image file xenopsd was given for the VBD of `vm` whose path ends with `location`. */
function imageOf(x: Xenopsd, vm: string, location: string): string {
  for (const d of x.db.devices('VBD', vm)) {
    const b = d.config.backend;
    if (b?.[0] === 'Local' && b[1].endsWith(`/${location}`)) return b[1];
  }
  throw new Error(`no VBD of ${vm} on ${location}`);
}

const MARKS = [0, 5 * 2 ** 20 + 123, 64 * 2 ** 20 - 4096];

function writeMarks(path: string, tag: string): void {
  const fd = openSync(path, 'r+');
  try {
    for (const at of MARKS) writeSync(fd, Buffer.from(`${tag}@${at}`), 0, undefined, at);
  } finally {
    closeSync(fd);
  }
}

function readMarks(path: string, tag: string): string[] {
  const fd = openSync(path, 'r');
  try {
    return MARKS.map((at) => {
      const buf = Buffer.alloc(`${tag}@${at}`.length);
      readSync(fd, buf, 0, buf.length, at);
      return buf.toString('latin1');
    });
  } finally {
    closeSync(fd);
  }
}

test(
  "migrate_send copies the disks' contents into the destination's VDIs",
  { skip: skipWithout('qemu-img') },
  async () => {
    await using a = await startPeer('a');
    await using b = await startPeer('b');
    const ca = await a.client();
    const cb = await b.client();
    const there = await defaults(cb);
    const here = await defaults(ca);
    assert.equal(await ca.SR.get_type(here.sr), 'file', 'with qemu-img the default SR is a file SR');
    assert.equal(await cb.SR.get_type(there.sr), 'file', 'with qemu-img the default SR is a file SR');
    const { vm, vdi, vif } = await makeVm(ca, 'carrier');
    const { vdi: raw } = await addDisk(ca, vm, {
      sr: here.sr,
      size: 64 * 2 ** 20,
      userdevice: '1',
      name: 'data',
      smConfig: { 'image-format': 'raw' },
    });
    await ca.VM.start(vm, false, false);
    const uuid = await ca.VM.get_uuid(vm);
    const source = imageOf(a.xenopsd, uuid, await ca.VDI.get_location(raw));
    const tag = `marker-${uuid}`;
    writeMarks(source, tag);
    const dest = await cb.host.migrate_receive(there.host, there.network, {});
    const task = await ca.Async.VM.migrate_send(
      vm,
      dest,
      true,
      { [vdi]: there.sr, [raw]: there.sr },
      { [vif]: there.network },
      {},
      {},
    );
    const rec = await waitTask(ca, task);
    assert.equal(rec.status, 'success', JSON.stringify(rec.error_info));
    assert.equal(rec.other_config['migration_disks_copied'], '2', 'both disks were copied');
    assert.match(rec.other_config['migration_downtime_ms'] ?? '', /^\d+$/);
    const moved = await cb.VM.get_by_uuid(uuid);
    assert.equal(await cb.VM.get_power_state(moved), 'Running');
    // The data disk there: a raw VDI on the mapped SR holding what was written here.
    const vbds = await Promise.all((await cb.VM.get_VBDs(moved)).map((r) => cb.VBD.get_record(r)));
    const data = vbds.find((v) => v.userdevice === '1');
    assert.ok(data);
    assert.equal(await cb.VDI.get_SR(data.VDI), there.sr);
    assert.equal((await cb.VDI.get_sm_config(data.VDI))['image-format'], 'raw');
    const target = imageOf(b.xenopsd, uuid, await cb.VDI.get_location(data.VDI));
    assert.notEqual(target, source);
    assert.deepEqual(
      readMarks(target, tag),
      MARKS.map((at) => `${tag}@${at}`),
    );
    // The source's disks went once the VM ran there.
    assert.equal(existsSync(source), false, 'the source image is deleted');
    assert.equal(await ca.VDI.get_uuid(raw).catch((e: { code: string }) => e.code), 'HANDLE_INVALID');
    await cb.VM.clean_shutdown(moved);
  },
);

test('a failed or cancelled migrate_send leaves the VM running at the source, nothing at the destination', async () => {
  const simA = createSimulator({ latencies: { saveChunkMs: 100 } });
  const send = holdUntilCancelled(simA.migration, 'send');
  await using a = await startPeer('a', {}, simA);
  await using b = await startPeer('b');
  const ca = await a.client();
  const cb = await b.client();
  const { vm, vdi, vif } = await makeVm(ca, 'stayer');
  await ca.VM.start(vm, false, false);
  const there = await defaults(cb);
  const dest = await cb.host.migrate_receive(there.host, there.network, {});
  const vmsThere = async () => (await cb.VM.get_all()).length;
  const vdisThere = async () => (await cb.VDI.get_all()).length;
  const [vms0, vdis0] = [await vmsThere(), await vdisThere()];
  // A destination that does not answer.
  const dead = { ...dest, master: 'http://127.0.0.1:1/', xenops: 'http://127.0.0.1:1/services/xenops' };
  await failure(
    ca.VM.migrate_send(vm, dead, true, { [vdi]: there.sr }, { [vif]: there.network }, {}, {}),
    'VM_MIGRATE_CONTACT_REMOTE_SERVICE_FAILED',
  );
  assert.equal(await ca.VM.get_power_state(vm), 'Running');
  // Cancelled while the domain is being saved.
  const task = await ca.Async.VM.migrate_send(
    vm,
    dest,
    true,
    { [vdi]: there.sr },
    { [vif]: there.network },
    {},
    {},
  );
  await send.entered; // the destination waits for the stream
  assert.equal(await vmsThere(), vms0 + 1, 'the destination holds the incoming VM');
  const here = (await ca.host.get_all())[0] as string;
  await failure(ca.VM.pool_migrate(vm, here, {}), 'OTHER_OPERATION_IN_PROGRESS');
  await ca.task.cancel(task);
  const rec = await waitTask(ca, task);
  assert.equal(rec.status, 'cancelled');
  const after = await ca.VM.get_record(vm);
  assert.equal(after.power_state, 'Running');
  assert.deepEqual(after.current_operations, {});
  assert.equal(await ca.VDI.get_virtual_size(vdi), 64 * 2 ** 20);
  assert.equal(await vmsThere(), vms0, 'no VM left at the destination');
  assert.equal(await vdisThere(), vdis0, 'no VDI left at the destination');
  assert.equal(b.xenopsd.db.has(after.uuid), false);
  // Halted VMs do not migrate to another pool here.
  await ca.VM.hard_shutdown(vm);
  await failure(
    ca.VM.migrate_send(vm, dest, true, { [vdi]: there.sr }, { [vif]: there.network }, {}, {}),
    'VM_BAD_POWER_STATE',
    [vm, 'running', 'halted'],
  );
});

test("/services/xenops: another host's xenopsd reaches ours through xapi, with a session", async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const url = `${ts.url}/services/xenops?session_id=${encodeURIComponent(c.sessionRef)}`;
  const ok = connectXenops(url);
  try {
    assert.equal((await ok.client.call('query', { dbg: 't' })).name, 'xenops');
    assert.equal(await ok.client.call('VM.exists', { dbg: 't', id: 'nobody' }), false);
    await failure(ok.client.call('VM.stat', { dbg: 't', id: 'nobody' }), 'XENOPS_DOES_NOT_EXIST');
  } finally {
    await ok.close();
  }
  const anon = connectXenops(`${ts.url}/services/xenops?session_id=OpaqueRef:bogus`);
  try {
    const [, why] = await failure(anon.client.call('query', { dbg: 't' }), 'RPC_BAD_RESPONSE');
    assert.match(String(why), /^HTTP 401/);
  } finally {
    await anon.close();
  }
  const nowhere = connectXenops('http://127.0.0.1:1/services/xenops');
  try {
    await failure(nowhere.client.call('query', { dbg: 't' }), 'RPC_SERVICE_UNREACHABLE');
  } finally {
    await nowhere.close();
  }
});

test('a migration xenopsd cannot carry out is VM_MIGRATE_FAILED, the VM left running where it was', async () => {
  await using a = await startPeer('a', { capabilities: { suspend: false } });
  await using b = await startPeer('b');
  const ca = await a.client();
  const cb = await b.client();
  const { vm, vdi, vif } = await makeVm(ca, 'grounded');
  await ca.VM.start(vm, false, false);
  const here = (await ca.host.get_all())[0] as string;
  const refused = await failure(ca.VM.pool_migrate(vm, here, {}), 'VM_MIGRATE_FAILED');
  assert.deepEqual(refused.slice(0, 3), [vm, here, here]);
  assert.match(String(refused[3]), /^NOT_IMPLEMENTED VM\./);
  assert.equal(await ca.VM.get_power_state(vm), 'Running');
  const there = await defaults(cb);
  const [vms0, vdis0] = [(await cb.VM.get_all()).length, (await cb.VDI.get_all()).length];
  const dest = await cb.host.migrate_receive(there.host, there.network, {});
  const failed = await failure(
    ca.VM.migrate_send(vm, dest, true, { [vdi]: there.sr }, { [vif]: there.network }, {}, {}),
    'VM_MIGRATE_FAILED',
  );
  assert.deepEqual(failed.slice(0, 3), [vm, here, there.host]);
  const rec = await ca.VM.get_record(vm);
  assert.equal(rec.power_state, 'Running');
  assert.equal(rec.resident_on, here);
  assert.deepEqual(rec.current_operations, {});
  assert.equal((await cb.VM.get_all()).length, vms0);
  assert.equal((await cb.VDI.get_all()).length, vdis0);
});
