// VM placement through the XenAPI on one host: VM.assert_can_boot_here,
// VM.get_possible_hosts, and the checks VM.start / start_on / resume make
// against the host before xenopsd is asked (codes and parameters as xapi's).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failure } from './support/failure.js';
import { startToolstack } from './support/toolstack.js';
import { makeVm } from './support/vm-builder.js';

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
