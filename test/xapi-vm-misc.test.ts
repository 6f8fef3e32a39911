// The VM messages for guest signals, firmware variables, shadow memory, the
// memory target, guest plugins and services, agility, quiesced snapshots,
// device model restarts and the vendor device, through the XenAPI on the
// simulator backend, with xapi's codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import type { XapiClient } from '../src/client/generated.js';
import { startToolstack } from './support/toolstack.js';
import { failure } from './support/failure.js';
import { untilObject } from './support/events.js';
import { addVif, makeVm } from './support/vm-builder.js';
import { VM_ARGS } from './support/vm-args.js';

const MiB = 2 ** 20;

async function powerState(c: XapiClient, vm: string, state: string): Promise<void> {
  await untilObject(c, 'VM', vm, (s) => s['power_state'] === state, `the VM ${state}`);
}

test('send_sysrq and send_trigger: power state and values checked, the guest reacts', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm } = await makeVm(c);
  await failure(c.VM.send_sysrq(vm, 'h'), 'VM_BAD_POWER_STATE', [vm, 'running', 'halted']);
  await failure(c.VM.send_trigger(vm, 'nmi'), 'VM_BAD_POWER_STATE', [vm, 'running', 'halted']);
  await c.VM.start(vm, false, false);

  await failure(c.VM.send_sysrq(vm, 'hh'), 'INVALID_VALUE', ['key', 'hh']);
  await failure(c.VM.send_sysrq(vm, ''), 'INVALID_VALUE', ['key', '']);
  await failure(c.VM.send_trigger(vm, 'bell'), 'INVALID_VALUE', ['trigger', 'bell']);
  // only the pool admin may send them
  const subject = await c.subject.create({ subject_identifier: 'local:vmadmin', other_config: {} });
  const vmAdmin = (await c.role.get_by_name_label('vm-admin'))[0] as string;
  const poolAdmin = (await c.role.get_by_name_label('pool-admin'))[0] as string;
  await c.subject.remove_from_roles(subject, poolAdmin);
  await c.subject.add_to_roles(subject, vmAdmin);
  await c.subject.set_local_password(subject, 'vmadmin-pw');
  const admin = await ts.client('vmadmin', 'vmadmin-pw');
  await failure(admin.VM.send_sysrq(vm, 'h'), 'RBAC_PERMISSION_DENIED');
  await failure(admin.VM.send_trigger(vm, 'nmi'), 'RBAC_PERMISSION_DENIED');
  await c.VM.send_sysrq(vm, 'h');
  await c.VM.send_trigger(vm, 'NMI');
  assert.equal(await c.VM.get_power_state(vm), 'Running');

  // a reset is the guest's reboot: a new domain, running again
  const domid = await c.VM.get_domid(vm);
  await c.VM.send_trigger(vm, 'reset');
  await untilObject(
    c,
    'VM',
    vm,
    (s) => s['power_state'] === 'Running' && Number(s['domid']) !== domid,
    'the VM rebooted',
  );

  // SysRq o powers the guest off; the VM's on_shutdown (destroy) halts it
  await c.VM.send_sysrq(vm, 'o');
  await powerState(c, vm, 'Halted');

  // the ACPI power button: a cooperative guest powers off
  const other = (await makeVm(c, 'other')).vm;
  await c.VM.start(other, false, false);
  await c.VM.send_trigger(other, 'power');
  await powerState(c, other, 'Halted');
});

test('shadow multiplier: halted and live setters, with xapi checks', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm } = await makeVm(c);
  await failure(c.VM.set_HVM_shadow_multiplier(vm, 0.5), 'INVALID_VALUE', ['value', '0.5']);
  const overhead = await c.VM.get_memory_overhead(vm);
  await c.VM.set_HVM_shadow_multiplier(vm, 2);
  assert.equal(await c.VM.get_HVM_shadow_multiplier(vm), 2);
  assert.ok((await c.VM.get_memory_overhead(vm)) > overhead, 'more shadow memory, more overhead');
  await failure(c.VM.set_shadow_multiplier_live(vm, 3), 'VM_BAD_POWER_STATE', [vm, 'running', 'halted']);

  await c.VM.start(vm, false, false);
  const uuid = await c.VM.get_uuid(vm);
  assert.equal((await ts.xenopsd.vm.stat(uuid))[1].shadow_multiplier_target, 2, 'started with it');
  await failure(c.VM.set_HVM_shadow_multiplier(vm, 3), 'VM_BAD_POWER_STATE', [vm, 'halted', 'running']);
  await failure(c.VM.set_shadow_multiplier_live(vm, 0), 'INVALID_VALUE', ['multiplier', '0']);
  await c.VM.set_shadow_multiplier_live(vm, 3);
  assert.equal(await c.VM.get_HVM_shadow_multiplier(vm), 3);
  assert.equal((await ts.xenopsd.vm.stat(uuid))[1].shadow_multiplier_target, 3);
});

test('memory target: set within the dynamic range of a running VM, then waited for', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm } = await makeVm(c);
  await c.VM.set_memory_dynamic_range(vm, 128 * MiB, 256 * MiB);
  await failure(c.VM.set_memory_target_live(vm, 192 * MiB), 'VM_BAD_POWER_STATE', [vm, 'running', 'halted']);
  await failure(c.VM.wait_memory_target_live(vm), 'VM_BAD_POWER_STATE', [vm, 'running', 'halted']);
  await c.VM.start(vm, false, false);
  await failure(c.VM.set_memory_target_live(vm, 64 * MiB), 'MEMORY_CONSTRAINT_VIOLATION_ORDER', []);
  await failure(c.VM.set_memory_target_live(vm, 300 * MiB), 'MEMORY_CONSTRAINT_VIOLATION_ORDER', []);
  await c.VM.set_memory_target_live(vm, 192 * MiB);
  assert.equal(await c.VM.get_memory_target(vm), 192 * MiB);
  await c.VM.wait_memory_target_live(vm);
  const [, state] = await ts.xenopsd.vm.stat(await c.VM.get_uuid(vm));
  assert.equal(state.memory_target, 192 * MiB);
  assert.equal(state.memory_actual, 192 * MiB);
  // deprecated, and always true
  assert.equal(await c.VM.get_cooperative(vm), true);
});

test('NVRAM: changed on a halted VM only, the EFI variable store checked', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm } = await makeVm(c);
  await c.VM.add_to_NVRAM(vm, 'boot-mode', 'setup');
  assert.deepEqual(await c.VM.get_NVRAM(vm), { 'boot-mode': 'setup' });
  await failure(c.VM.add_to_NVRAM(vm, 'EFI-variables', 'not a store!'), 'INVALID_VALUE', [
    'NVRAM:EFI-variables',
    'not a store!',
  ]);
  const plainBase64 = Buffer.from('variables').toString('base64');
  await failure(c.VM.set_NVRAM(vm, { 'EFI-variables': plainBase64 }), 'INVALID_VALUE', [
    'NVRAM:EFI-variables',
    plainBase64,
  ]);
  const store = gzipSync(Buffer.alloc(4096, 0xff)).toString('base64');
  await c.VM.set_NVRAM(vm, { 'EFI-variables': store, 'boot-mode': 'user' });
  assert.deepEqual(await c.VM.get_NVRAM(vm), { 'EFI-variables': store, 'boot-mode': 'user' });
  await c.VM.remove_from_NVRAM(vm, 'boot-mode');
  assert.deepEqual(await c.VM.get_NVRAM(vm), { 'EFI-variables': store });
  await c.VM.start(vm, false, false);
  await failure(c.VM.add_to_NVRAM(vm, 'k', 'v'), 'VM_BAD_POWER_STATE', [vm, 'halted', 'running']);
  await failure(c.VM.remove_from_NVRAM(vm, 'EFI-variables'), 'VM_BAD_POWER_STATE', [vm, 'halted', 'running']);
});

test('guest plugins, services, boot record, quiesced snapshots and the vendor device', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm } = await makeVm(c);
  await failure(c.VM.call_plugin(vm, 'echo', 'main', {}), 'XENAPI_MISSING_PLUGIN', ['echo']);
  const msg = 'The requested fn "nope" could not be found in plugin "guest-agent-operation".';
  await failure(c.VM.call_plugin(vm, 'guest-agent-operation', 'nope', {}), 'XENAPI_PLUGIN_FAILURE', [
    'failed to find fn',
    msg,
    msg,
  ]);
  await failure(c.VM.call_plugin(vm, 'guest-agent-operation', 'request-rdp-on', {}), 'VM_BAD_POWER_STATE', [
    vm,
    'running',
    'halted',
  ]);
  await failure(c.VM.query_services(vm), 'OPERATION_NOT_ALLOWED', [
    'Query_services only valid for system domains',
  ]);
  // a system domain (a driver domain, say) advertises its services; this one none
  const driver = await c.VM.create({ ...VM_ARGS, name_label: 'driver domain' });
  await c.VM.add_to_other_config(driver, 'is_system_domain', 'true');
  assert.deepEqual(await c.VM.query_services(driver), {});

  const boot = await c.VM.get_boot_record(vm);
  assert.equal(boot.uuid, await c.VM.get_uuid(vm));
  assert.equal(boot.name_label, await c.VM.get_name_label(vm));

  await failure(c.VM.snapshot_with_quiesce(vm, 'q'), 'VM_BAD_POWER_STATE', [vm, 'running', 'halted']);
  await c.VM.set_has_vendor_device(vm, true);
  assert.equal(await c.VM.get_has_vendor_device(vm), true);
  assert.equal(await c.VM.get_hardware_platform_version(vm), 2);
  await failure(c.VM.restart_device_models(vm), 'VM_BAD_POWER_STATE', [vm, 'running', 'halted']);

  await c.VM.start(vm, false, false);
  await failure(c.VM.set_has_vendor_device(vm, false), 'VM_BAD_POWER_STATE', [vm, 'halted', 'running']);
  await failure(c.VM.call_plugin(vm, 'guest-agent-operation', 'request-rdp-off', {}), 'VM_LACKS_FEATURE', [
    vm,
  ]);
  await failure(c.VM.snapshot_with_quiesce(vm, 'q'), 'VM_SNAPSHOT_WITH_QUIESCE_NOT_SUPPORTED', [vm]);
  const before = await c.VM.get_snapshots(vm);
  assert.deepEqual(before, [], 'no snapshot was left');

  // new device models: the VM moves to a new domain on its own host and keeps running
  const domid = await c.VM.get_domid(vm);
  await c.VM.restart_device_models(vm);
  assert.equal(await c.VM.get_power_state(vm), 'Running');
  assert.notEqual(await c.VM.get_domid(vm), domid);
});

test('assert_agile: local SRs and host-internal networks tie a VM to its host', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm, vdi } = await makeVm(c);
  const sr = await c.VDI.get_SR(vdi);
  await failure(c.VM.assert_agile(vm), 'HA_CONSTRAINT_VIOLATION_SR_NOT_SHARED', [sr]);

  // a VM with no disk, on a network without PIFs (host-internal)
  const bare = await c.VM.create({ ...VM_ARGS, name_label: 'bare' });
  await c.VM.assert_agile(bare);
  const internal = await c.network.create({
    name_label: 'internal',
    bridge: 'int0',
    other_config: {},
  } as never);
  await addVif(c, bare, internal, '0');
  await failure(c.VM.assert_agile(bare), 'HA_CONSTRAINT_VIOLATION_NETWORK_NOT_SHARED', [internal]);
});
