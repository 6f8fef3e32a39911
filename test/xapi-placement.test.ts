// VM placement through the XenAPI on one host: VM.assert_can_boot_here,
// VM.get_possible_hosts, and the checks VM.start / start_on / resume make
// against the host before xenopsd is asked (codes and parameters as xapi's).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failure } from './support/failure.js';
import { startToolstack } from './support/toolstack.js';
import { makeVm } from './support/vm-builder.js';
import { serverFields } from '../src/xapi/records.js';
import { registerPlacementSeams } from '../src/xapi/placement/seams.js';

const MIB = 1024 * 1024;

test('a VM fits: it can boot here, its one possible host is this one, and it starts there', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm } = await makeVm(c);
  const host = (await c.host.get_all())[0] as string;
  await c.VM.assert_can_boot_here(vm, host);
  assert.deepEqual(await c.VM.get_possible_hosts(vm), [host]);
  await c.VM.start_on(vm, host, false, false);
  assert.equal(await c.VM.get_resident_on(vm), host);
  assert.equal(await c.VM.get_scheduled_to_be_resident_on(vm), 'OpaqueRef:NULL');
  // Running here: it could still boot here (a local migration), and evacuation has nowhere to go.
  await c.VM.assert_can_boot_here(vm, host);
  assert.deepEqual(await c.host.get_vms_which_prevent_evacuation(host), { [vm]: ['NO_HOSTS_AVAILABLE', vm] });
  await failure(c.host.assert_can_evacuate(host), 'CANNOT_EVACUATE_HOST', [`NO_HOSTS_AVAILABLE,${vm}`]);
  await failure(c.host.evacuate(host, 'OpaqueRef:NULL', 0), 'NO_HOSTS_AVAILABLE', [vm]);
  await c.VM.hard_shutdown(vm);
  assert.deepEqual(await c.host.get_vms_which_prevent_evacuation(host), {});
  await c.host.assert_can_evacuate(host);
});

test('too big for the host: HOST_NOT_ENOUGH_FREE_MEMORY [needed, available] before xenopsd is asked', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm, vbd } = await makeVm(c);
  const host = (await c.host.get_all())[0] as string;
  const total = await c.host_metrics.get_memory_total(await c.host.get_metrics(host));
  const size = Math.ceil(total / MIB) * MIB + 1024 * MIB;
  await c.VM.set_memory_limits(vm, size, size, size, size);
  const [needed, available] = await failure(
    c.VM.assert_can_boot_here(vm, host),
    'HOST_NOT_ENOUGH_FREE_MEMORY',
  );
  assert.ok(Number(needed) > size, 'the VM’s memory and its overhead');
  assert.equal(Number(available), total - (await c.host.get_memory_overhead(host)));
  assert.deepEqual(await c.VM.get_possible_hosts(vm), []);
  await failure(c.VM.start(vm, false, false), 'HOST_NOT_ENOUGH_FREE_MEMORY', [needed, available]);
  await failure(c.VM.start_on(vm, host, false, false), 'HOST_NOT_ENOUGH_FREE_MEMORY', [needed, available]);
  const rec = await c.VM.get_record(vm);
  assert.equal(rec.power_state, 'Halted');
  assert.equal(rec.scheduled_to_be_resident_on, 'OpaqueRef:NULL');
  assert.equal(await c.VBD.get_currently_attached(vbd), false, 'no disk was attached');
  assert.deepEqual(await c.host.get_current_operations(host), {});
});

test('a disk on an SR the host cannot see, or a disabled host: the boot checks say why', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm, vdi } = await makeVm(c);
  const host = (await c.host.get_all())[0] as string;
  const sr = await c.VDI.get_SR(vdi);
  const [pbd] = await c.SR.get_PBDs(sr);
  await c.PBD.unplug(pbd as string);
  await failure(c.VM.assert_can_boot_here(vm, host), 'VM_REQUIRES_SR', [vm, sr]);
  await failure(c.VM.start_on(vm, host, false, false), 'VM_REQUIRES_SR', [vm, sr]);
  // No host passes, memory aside: VM.start has no host to offer.
  await failure(c.VM.start(vm, false, false), 'NO_HOSTS_AVAILABLE', []);
  assert.deepEqual(await c.VM.get_possible_hosts(vm), []);
  await c.PBD.plug(pbd as string);

  await c.host.disable(host);
  await failure(c.VM.assert_can_boot_here(vm, host), 'HOST_DISABLED', [host]);
  await failure(c.VM.start(vm, false, false), 'NO_HOSTS_AVAILABLE', []);
  assert.deepEqual(await c.VM.get_possible_hosts(vm), []);
  await c.host.enable(host);
  await c.VM.start(vm, false, false);
  assert.equal(await c.VM.get_power_state(vm), 'Running');
  await failure(c.VM.assert_can_boot_here('OpaqueRef:nope', host), 'HANDLE_INVALID');
});

test('with a second host in the pool database, starts and evacuations go through the placement seams', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { db } = ts.xapi.services;
  const host = (await c.host.get_all())[0] as string;
  const { vm, vdi } = await makeVm(c, 'a');
  const b = (await makeVm(c, 'b')).vm;
  // The other member as the pool database shows it: live, enabled, seeing the same SR and network.
  const total = db.get('host_metrics', db.get('host', host).metrics).memory_total;
  const metrics = db.create(
    'host_metrics',
    serverFields('host_metrics', { memory_total: total, memory_free: total, live: true, other_config: {} }),
  );
  const other = db.create(
    'host',
    serverFields('host', { name_label: 'other', enabled: true, metrics, other_config: {} }),
  );
  db.create(
    'PBD',
    serverFields('PBD', {
      host: other,
      SR: await c.VDI.get_SR(vdi),
      currently_attached: true,
      other_config: {},
    }),
  );
  const [vif] = await c.VM.get_VIFs(vm);
  const network = await c.VIF.get_network(vif as string);
  // The default network has no PIF: an internal network, pinned to the host of its running VMs
  // unless declared shared (xapi's other_config:assume_network_is_shared).
  await c.network.add_to_other_config(network, 'assume_network_is_shared', 'true');

  const moves: [string, string, Record<string, string>][] = [];
  const runs: [string, string, string, boolean][] = [];
  const unregister = registerPlacementSeams(ts.xapi.services, {
    async moveVm(_ctx, v, h, options) {
      assert.ok(Object.values(db.get('host', host).current_operations).includes('evacuate'));
      moves.push([v, h, { ...options }]);
    },
    async runOn(_ctx, v, h, op, paused) {
      assert.equal(db.get('VM', v).scheduled_to_be_resident_on, h, 'the VM’s memory is held there');
      assert.ok(Object.values(db.get('host', h).current_operations).includes('vm_start'));
      runs.push([v, h, op, paused]);
    },
  });
  try {
    assert.deepEqual([...(await c.VM.get_possible_hosts(vm))].sort(), [host, other].sort());
    await c.VM.assert_can_boot_here(vm, other);
    // Affinity sends the start to the other host, through the pool's seam.
    await c.VM.set_affinity(vm, other);
    await c.VM.start(vm, true, false);
    assert.deepEqual(runs, [[vm, other, 'start', true]]);
    assert.equal(await c.VM.get_scheduled_to_be_resident_on(vm), 'OpaqueRef:NULL');
    assert.equal(await c.VM.get_power_state(vm), 'Halted', 'the seam did not run it');

    // Both VMs running here: the evacuation plan moves them to the other host.
    await c.VM.set_affinity(vm, host);
    await c.VM.start(vm, false, false);
    // Without affinity, the host with the most free memory: the empty one.
    await c.VM.start(b, false, false);
    assert.deepEqual(runs[1], [b, other, 'start', false]);
    await c.VM.start_on(b, host, false, false);
    assert.equal(runs.length, 2);
    assert.deepEqual(await c.host.get_vms_which_prevent_evacuation(host), {});
    await c.host.assert_can_evacuate(host);
    await c.host.evacuate(host, network, 1);
    assert.deepEqual(
      moves.sort(),
      [
        [vm, other, { network, live: 'true' }],
        [b, other, { network, live: 'true' }],
      ].sort(),
    );
    // The other host disabled: no target is left.
    await c.host.disable(other);
    await failure(c.host.evacuate(host, 'OpaqueRef:NULL', 0), 'NO_HOSTS_AVAILABLE');
  } finally {
    unregister();
  }
});
