// Making VMs from VMs through the XenAPI with the typed client: the built-in
// templates, clone + provision, clone and copy of a halted VM, snapshot and
// revert, destroy, the template and snapshot rules, and the operation seen
// by an event watcher.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from './support/xapi-server.js';
import { VM_ARGS } from './support/vm-args.js';
import type { XapiClient } from '../src/client/generated.js';
import { failure } from './support/failure.js';
import { waitTask } from './support/events.js';

const MiB = 1024 * 1024;
const NULL = 'OpaqueRef:NULL';

async function template(c: XapiClient, label: string): Promise<string> {
  const refs = await c.VM.get_by_name_label(label);
  assert.equal(refs.length, 1, label);
  return refs[0] as string;
}

/** A halted VM with two disks on the default SR and a VIF on the default network. */
async function haltedVm(c: XapiClient, name = 'vm') {
  const pool = (await c.pool.get_all())[0] as string;
  const sr = await c.pool.get_default_SR(pool);
  const vm = await c.VM.create({ ...VM_ARGS, name_label: name } as never);
  const disks: string[] = [];
  for (const [i, size] of [16 * MiB, 8 * MiB].entries()) {
    const vdi = await c.VDI.create({
      SR: sr,
      virtual_size: size,
      type: 'user',
      sharable: false,
      read_only: false,
      other_config: {},
      name_label: `${name} disk ${i}`,
      name_description: '',
      xenstore_data: {},
      sm_config: {},
      tags: [],
    } as never);
    disks.push(vdi);
    await c.VBD.create({
      VM: vm,
      VDI: vdi,
      userdevice: String(i),
      bootable: i === 0,
      mode: 'RW',
      type: 'Disk',
      unpluggable: true,
      empty: false,
      other_config: {},
      qos_algorithm_type: '',
      qos_algorithm_params: {},
    } as never);
  }
  const network = (await c.network.get_all_records_where('field "bridge" = "xapi-ts0"'))!;
  await c.VIF.create({
    device: '0',
    network: Object.keys(network)[0] as string,
    VM: vm,
    MAC: '02:00:00:00:00:01',
    MTU: 1500,
    other_config: {},
    qos_algorithm_type: '',
    qos_algorithm_params: {},
  } as never);
  await c.VM.update_allowed_operations(vm);
  return { vm, sr, disks };
}

async function diskVdis(c: XapiClient, vm: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const vbd of await c.VM.get_VBDs(vm)) {
    const r = await c.VBD.get_record(vbd);
    if (r.type === 'Disk') out.set(r.userdevice, r.VDI);
  }
  return out;
}

test('the built-in templates exist after the first start, once', async () => {
  await using server = await startTestServer({ inMemory: true });
  const c = await server.client();
  for (const label of ['Other install media', 'xapi-ts Tiny Linux']) {
    const t = await c.VM.get_record(await template(c, label));
    assert.equal(t.is_a_template, true);
    assert.equal(t.is_default_template, true);
    assert.equal(t.other_config['default_template'], 'true');
    assert.match(t.other_config['disks'] ?? '', /^<provision><disk /);
    assert.match(t.recommendations, /<restriction field="memory-static-max" max="\d+"\/>/);
    assert.deepEqual([t.VBDs, t.VIFs], [[], []]);
    assert.notEqual(t.metrics, NULL);
    assert.deepEqual([...t.allowed_operations].sort(), [
      'changing_NVRAM',
      'changing_dynamic_range',
      'changing_shadow_memory',
      'changing_static_range',
      'clone',
      'copy',
      'provision',
      'snapshot',
    ]);
  }
  const tiny = await c.VM.get_record(await template(c, 'xapi-ts Tiny Linux'));
  assert.equal(tiny.PV_kernel, 'builtin:tiny-linux/vmlinux');
  assert.equal(tiny.domain_type, 'pvh');
  const other = await c.VM.get_record(await template(c, 'Other install media'));
  assert.equal(other.HVM_boot_params['order'], 'cd');
  assert.equal(other.other_config['install-methods'], 'cdrom');
  // Default templates cannot be destroyed or started.
  const ref = await template(c, 'Other install media');
  await failure(c.VM.destroy(ref), 'VM_IS_TEMPLATE', [ref, 'destroy']);
});

test('a template is cloned, then provisioned into a VM with its disks', async () => {
  await using server = await startTestServer({ inMemory: true });
  const c = await server.client();
  const tpl = await template(c, 'xapi-ts Tiny Linux');
  const vm = await c.VM.clone(tpl, 'tiny');
  let rec = await c.VM.get_record(vm);
  assert.equal(rec.name_label, 'tiny');
  assert.equal(rec.is_a_template, true);
  assert.equal(rec.is_default_template, false);
  assert.equal(rec.parent, tpl);
  assert.equal(rec.power_state, 'Halted');
  assert.equal(rec.domid, -1);
  assert.notEqual(rec.metrics, NULL);
  await failure(c.VM.revert(vm), 'VM_IS_TEMPLATE', [vm, 'revert']);
  await c.VM.provision(vm);
  rec = await c.VM.get_record(vm);
  assert.equal(rec.is_a_template, false);
  assert.equal(rec.other_config['disks'], undefined);
  assert.equal(rec.VBDs.length, 1);
  const vbd = await c.VBD.get_record(rec.VBDs[0] as string);
  assert.deepEqual(
    [vbd.userdevice, vbd.mode, vbd.type, vbd.bootable, vbd.empty],
    ['0', 'RW', 'Disk', false, false],
  );
  const vdi = await c.VDI.get_record(vbd.VDI);
  const pool = (await c.pool.get_all())[0] as string;
  assert.equal(vdi.SR, await c.pool.get_default_SR(pool));
  assert.equal(vdi.virtual_size, 64 * MiB);
  assert.ok(rec.allowed_operations.includes('start'));
  assert.ok(rec.allowed_operations.includes('destroy'));
  assert.ok(!rec.allowed_operations.includes('provision'));
  await failure(c.VM.provision(vm), 'PROVISION_ONLY_ALLOWED_ON_TEMPLATE', []);
  await failure(c.VM.revert(vm), 'REVERT_ONLY_ALLOWED_ON_SNAPSHOT', []);
  assert.deepEqual(
    await c.VM.get_allowed_VBD_devices(vm),
    Array.from({ length: 254 }, (_, i) => String(i + 1)),
  );
  assert.equal((await c.VM.get_allowed_VIF_devices(vm)).length, 7);

  // A disk list that is not one is refused, and nothing is made.
  const bad = await c.VM.clone(tpl, 'bad');
  await c.VM.add_to_other_config(bad, 'x', 'y');
  await c.VM.remove_from_other_config(bad, 'disks');
  await c.VM.add_to_other_config(bad, 'disks', '<provision><disk device="0" size="ten"/></provision>');
  const vdis = (await c.VDI.get_all()).length;
  assert.equal((await failure(c.VM.provision(bad), 'INVALID_VALUE'))[0], 'other_config:disks');
  assert.equal((await c.VDI.get_all()).length, vdis);
});

test('clone and copy of a halted VM make new disks and new MACs', async () => {
  await using server = await startTestServer({ inMemory: true });
  const c = await server.client();
  const { vm, disks } = await haltedVm(c);
  const before = new Set(await c.VDI.get_all());
  const srcMac = await c.VIF.get_MAC((await c.VM.get_VIFs(vm))[0] as string);

  for (const kind of ['clone', 'copy'] as const) {
    const copy = kind === 'clone' ? await c.VM.clone(vm, kind) : await c.VM.copy(vm, kind, NULL);
    const rec = await c.VM.get_record(copy);
    assert.equal(rec.name_label, kind);
    assert.equal(rec.memory_static_max, VM_ARGS.memory_static_max);
    assert.equal(rec.parent, vm);
    assert.deepEqual(rec.allowed_operations.includes('start'), true, kind);
    const mine = await diskVdis(c, copy);
    assert.equal(mine.size, 2);
    for (const [dev, vdi] of mine) {
      assert.ok(!before.has(vdi), `${kind} disk ${dev} is new`);
      const src = await c.VDI.get_record(disks[Number(dev)] as string);
      const got = await c.VDI.get_record(vdi);
      assert.equal(got.virtual_size, src.virtual_size);
      assert.equal(got.name_label, src.name_label);
      // A copy is a full disk, not part of a chain.
      if (kind === 'copy') assert.equal(got.sm_config['vhd-parent'], undefined);
    }
    const vifs = await c.VM.get_VIFs(copy);
    assert.equal(vifs.length, 1);
    const vif = await c.VIF.get_record(vifs[0] as string);
    assert.notEqual(vif.MAC, srcMac);
    assert.equal(vif.MAC_autogenerated, true);
  }
  // The source is unchanged.
  assert.deepEqual([...(await diskVdis(c, vm)).values()], disks);
  assert.deepEqual((await c.VM.get_record(vm)).current_operations, {});
});

test('snapshot then revert: the disks change, the links go both ways', async () => {
  await using server = await startTestServer({ inMemory: true });
  const c = await server.client();
  const { vm, disks } = await haltedVm(c);
  const snap = await c.VM.snapshot(vm, 'snap', [disks[1] as string]);
  const s = await c.VM.get_record(snap);
  assert.deepEqual([s.is_a_snapshot, s.is_a_template, s.snapshot_of], [true, true, vm]);
  assert.notEqual(s.snapshot_time, '19700101T00:00:00Z');
  assert.deepEqual(await c.VM.get_snapshots(vm), [snap]);
  assert.equal(await c.VM.get_parent(vm), snap);
  const snapDisks = await diskVdis(c, snap);
  assert.deepEqual([...snapDisks.keys()], ['0'], 'ignored disks are left out');
  const sd = await c.VDI.get_record(snapDisks.get('0') as string);
  assert.deepEqual([sd.is_a_snapshot, sd.snapshot_of], [true, disks[0]]);
  assert.equal(await c.VIF.get_MAC((await c.VM.get_VIFs(snap))[0] as string), '02:00:00:00:00:01');

  // The snapshot rules.
  assert.ok(s.allowed_operations.includes('revert'));
  assert.ok(!s.allowed_operations.includes('start'));
  await failure(c.VM.provision(snap), 'VM_IS_SNAPSHOT', [snap, 'provision']);
  await failure(c.VM.snapshot(snap, 'x', []), 'VM_IS_SNAPSHOT', [snap, 'snapshot']);

  // The VM changes after the snapshot, then goes back.
  await c.VM.set_name_description(vm, 'kept');
  await c.VM.set_VCPUs_params(vm, { weight: '512' });
  await c.VM.revert(snap);
  const r = await c.VM.get_record(vm);
  assert.deepEqual(r.VCPUs_params, {});
  assert.equal(r.name_description, 'kept');
  assert.equal(r.parent, snap);
  assert.equal(r.version, 1);
  assert.equal(r.power_state, 'Halted');
  const now = await diskVdis(c, vm);
  assert.deepEqual([...now.keys()].sort(), ['0']);
  const d0 = await c.VDI.get_record(now.get('0') as string);
  assert.notEqual(now.get('0'), disks[0]);
  assert.equal(d0.is_a_snapshot, false);
  assert.equal(d0.virtual_size, 16 * MiB);
  // The VM's former disks, used by nothing now, are gone; the snapshot's stay.
  const all = new Set(await c.VDI.get_all());
  assert.ok(!all.has(disks[0] as string) && !all.has(disks[1] as string));
  assert.ok(all.has(snapDisks.get('0') as string));
  assert.equal(await c.VIF.get_MAC((await c.VM.get_VIFs(vm))[0] as string), '02:00:00:00:00:01');
  assert.deepEqual(await c.VM.get_snapshots(vm), [snap]);

  // A clone of a snapshot is a template, not a snapshot.
  const fromSnap = await c.VM.clone(snap, 'from snapshot');
  assert.deepEqual(
    [await c.VM.get_is_a_snapshot(fromSnap), await c.VM.get_is_a_template(fromSnap)],
    [false, true],
  );
});

test('destroy removes the records but leaves the disks; blocked and bad-state operations fail', async () => {
  await using server = await startTestServer({ inMemory: true });
  const c = await server.client();
  const { vm, disks } = await haltedVm(c);
  const metrics = await c.VM.get_metrics(vm);
  const vbds = await c.VM.get_VBDs(vm);
  const vifs = await c.VM.get_VIFs(vm);

  await c.VM.add_to_blocked_operations(vm, 'clone', 'keep-it');
  await c.VM.update_allowed_operations(vm);
  await failure(c.VM.clone(vm, 'x'), 'OPERATION_BLOCKED', [vm, 'keep-it']);
  assert.ok(!(await c.VM.get_allowed_operations(vm)).includes('clone'));
  await c.VM.remove_from_blocked_operations(vm, 'clone');
  await failure(c.VM.assert_operation_valid(vm, 'resume'), 'VM_BAD_POWER_STATE', [vm, 'suspended', 'halted']);
  await c.VM.assert_operation_valid(vm, 'clone');

  await c.VM.destroy(vm);
  await failure(c.VM.get_record(vm), 'HANDLE_INVALID', ['VM', vm]);
  for (const vbd of vbds) await failure(c.VBD.get_record(vbd), 'HANDLE_INVALID');
  for (const vif of vifs) await failure(c.VIF.get_record(vif), 'HANDLE_INVALID');
  if (metrics !== NULL) await failure(c.VM_metrics.get_record(metrics), 'HANDLE_INVALID');
  for (const vdi of disks) assert.deepEqual((await c.VDI.get_record(vdi)).VBDs, []);
});

test('power_state_reset brings a VM back to Halted bookkeeping', async () => {
  await using server = await startTestServer({ inMemory: true });
  const c = await server.client();
  const { vm } = await haltedVm(c);
  const db = server.xapi.services.db;
  db.update('VM', vm, { power_state: 'Running', domid: 7, resident_on: server.xapi.services.host });
  for (const vbd of await c.VM.get_VBDs(vm)) db.update('VBD', vbd, { currently_attached: true });
  await c.VM.update_allowed_operations(vm);
  await failure(c.VM.destroy(vm), 'VM_BAD_POWER_STATE', [vm, 'halted, suspended', 'running']);
  const snap = await c.VM.snapshot(vm, 'running snapshot', []);
  await failure(c.VM.revert(snap), 'VM_BAD_POWER_STATE', [vm, 'halted, suspended', 'running']);
  await c.VM.power_state_reset(vm);
  const r = await c.VM.get_record(vm);
  assert.deepEqual([r.power_state, r.domid, r.resident_on], ['Halted', -1, NULL]);
  for (const vbd of r.VBDs) assert.equal(await c.VBD.get_currently_attached(vbd), false);
  assert.ok(r.allowed_operations.includes('start'));
});

test('a watcher sees current_operations appear and disappear during Async.VM.clone', async () => {
  await using server = await startTestServer({ inMemory: true });
  const c = await server.client();
  const { vm } = await haltedVm(c);
  // Hold the disk clones until the watcher has seen the operation running.
  const manager = server.xapi.services.storage.manager;
  const vdiClone = manager.vdiClone.bind(manager);
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  manager.vdiClone = async (...args) => {
    await gate;
    return vdiClone(...args);
  };
  const watcher = await server.client();
  let token = (await watcher.event.from(['vm'], '', 0)).token;
  const opsSeen = async (until: (ops: Record<string, string>) => boolean) => {
    for (;;) {
      const batch = await watcher.event.from(['vm'], token, 5);
      token = batch.token;
      for (const ev of batch.events) {
        const snap = ev.snapshot as { current_operations?: Record<string, string> } | undefined;
        if (ev.ref === vm && snap?.current_operations && until(snap.current_operations)) return;
      }
    }
  };
  const task = await c.Async.VM.clone(vm, 'async clone');
  await opsSeen((ops) => ops[task] === 'clone');
  assert.ok(!(await c.VM.get_allowed_operations(vm)).includes('destroy'), 'no destroy during a clone');
  release();
  await opsSeen((ops) => Object.keys(ops).length === 0);
  const done = await waitTask(c, task);
  assert.equal(done.status, 'success', JSON.stringify(done.error_info));
  const clone = /OpaqueRef:[0-9a-f-]+/.exec(done.result)?.[0] ?? '';
  assert.equal(await c.VM.get_name_label(clone), 'async clone');
  assert.ok((await c.VM.get_allowed_operations(vm)).includes('destroy'));
});
