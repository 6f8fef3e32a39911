// VM configuration the way configuration-management tools do it, on the
// simulator backend: clone a template, set memory limits and vCPUs, add disks
// and NICs, start, read everything back, change vCPUs and memory live, stop,
// destroy — with xapi's power-state rules and memory constraints on the way.
// Also the behaviours Xen Orchestra relies on: MACs derived from mac_seed and
// clones of default templates that are ordinary VMs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XenApiFailure } from '../src/client/transport.js';
import type { XapiClient } from '../src/client/generated.js';
import { macFromSeed } from '../src/xapi/vm-config/mac-seed.js';
import { startToolstack } from './support/toolstack.js';
import { addDisk, attachDisk } from './support/vm-builder.js';
import { assertConfigured, configureVm, type VmPlan } from './support/vm-config-flow.js';

const MiB = 1024 * 1024;

async function failure(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof XenApiFailure) return [e.code, ...e.params];
    throw e;
  }
  assert.fail('expected a XenAPI failure');
}

async function until<T>(what: string, fn: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 2000; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never saw ${what}`);
}

async function networks(c: XapiClient): Promise<[string, string]> {
  const nets = await c.network.get_all_records_where('field "bridge" = "xapi-ts0"');
  const main = Object.keys(nets)[0] as string;
  const lab = await c.network.create({ name_label: 'lab', bridge: 'lab0', other_config: {} } as never);
  return [main, lab];
}

test('a VM is configured, started, resized live, stopped and destroyed as configuration tools do', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const plan: VmPlan = {
    template: 'Other install media',
    name: 'web-1',
    memory: { static_min: 128 * MiB, static_max: 1024 * MiB, dynamic_min: 512 * MiB, dynamic_max: 768 * MiB },
    vcpus: { max: 4, atStartup: 2 },
    disks: [64 * MiB, 200 * MiB],
    networks: await networks(c),
    otherConfig: { 'xo:resource-set': 'rs-1', owner: 'ci' },
  };
  const made = await configureVm(c, plan);
  const { vm } = made;
  await assertConfigured(c, made, plan);

  // The rules on a halted VM: order of the four limits, vCPUs at startup within max.
  assert.deepEqual(await failure(c.VM.set_memory_limits(vm, 256 * MiB, 1024 * MiB, 128 * MiB, 512 * MiB)), [
    'MEMORY_CONSTRAINT_VIOLATION_ORDER',
  ]);
  assert.deepEqual(await failure(c.VM.set_memory_static_max(vm, 700 * MiB)), [
    'MEMORY_CONSTRAINT_VIOLATION_ORDER',
  ]);
  assert.deepEqual(await failure(c.VM.set_memory_dynamic_min(vm, 64 * MiB)), [
    'MEMORY_CONSTRAINT_VIOLATION_ORDER',
  ]);
  const rule = 'VCPU values must satisfy: 0 < VCPUs_at_startup ≤ VCPUs_max';
  assert.deepEqual(await failure(c.VM.set_VCPUs_at_startup(vm, 5)), ['INVALID_VALUE', rule, '5']);
  assert.deepEqual(await failure(c.VM.set_VCPUs_max(vm, 1)), ['INVALID_VALUE', rule, '1']);
  assert.deepEqual(await failure(c.VM.set_VCPUs_at_startup(vm, 0)), ['INVALID_VALUE', rule, '0']);
  await assertConfigured(c, made, plan);

  // The other settings tools make before the first start.
  await c.VM.set_actions_after_crash(vm, 'destroy');
  await c.VM.set_order(vm, 2);
  await c.VM.set_start_delay(vm, 5);
  await c.VM.set_shutdown_delay(vm, 7);
  assert.deepEqual(await failure(c.VM.set_order(vm, -1)), [
    'INVALID_VALUE',
    'order must be non-negative',
    '-1',
  ]);
  await c.VM.set_bios_strings(vm, { 'system-serial-number': 'SN-42' });
  assert.deepEqual(await failure(c.VM.set_bios_strings(vm, { 'bios-vendor': 'x' })), [
    'VM_BIOS_STRINGS_ALREADY_SET',
  ]);
  const halted = await c.VM.get_record(vm);
  assert.equal(halted.actions_after_crash, 'destroy');
  assert.deepEqual([halted.order, halted.start_delay, halted.shutdown_delay], [2, 5, 7]);
  assert.equal(halted.bios_strings['system-serial-number'], 'SN-42');
  assert.equal(halted.bios_strings['system-manufacturer'], 'Xen');

  await c.VM.start(vm, false, false);
  const running = await c.VM.get_record(vm);
  assert.equal(running.power_state, 'Running');
  await assertConfigured(c, made, plan);
  const metrics = running.metrics;
  await until('2 vCPUs and 768 MiB', async () => {
    const m = await c.VM_metrics.get_record(metrics);
    return m.VCPUs_number === 2 && m.memory_actual === 768 * MiB ? true : undefined;
  });
  for (const vif of running.VIFs) assert.equal(await c.VIF.get_currently_attached(vif), true);

  // Static settings wait for a halted VM; the dynamic range and vCPUs change live.
  assert.deepEqual(await failure(c.VM.set_VCPUs_max(vm, 8)), ['VM_BAD_POWER_STATE', vm, 'halted', 'running']);
  assert.deepEqual(await failure(c.VM.set_memory_limits(vm, 0, MiB, MiB, MiB)), [
    'VM_BAD_POWER_STATE',
    vm,
    'halted',
    'running',
  ]);
  assert.deepEqual(await failure(c.VM.set_memory_static_max(vm, 2048 * MiB)), [
    'VM_BAD_POWER_STATE',
    vm,
    'halted',
    'running',
  ]);
  assert.deepEqual(await failure(c.VM.set_memory_dynamic_max(vm, 2048 * MiB)), [
    'MEMORY_CONSTRAINT_VIOLATION_ORDER',
  ]);
  await c.VM.set_VCPUs_number_live(vm, 3);
  await c.VM.set_memory_dynamic_range(vm, 256 * MiB, 640 * MiB);
  await until('3 vCPUs and 640 MiB', async () => {
    const m = await c.VM_metrics.get_record(metrics);
    return m.VCPUs_number === 3 && m.memory_actual === 640 * MiB ? true : undefined;
  });
  await c.VM.set_memory_dynamic_max(vm, 1024 * MiB);
  await until('1024 MiB', async () =>
    (await c.VM_metrics.get_memory_actual(metrics)) === 1024 * MiB ? true : undefined,
  );
  const live = await c.VM.get_record(vm);
  assert.deepEqual(
    [live.memory_dynamic_min, live.memory_dynamic_max, live.memory_target],
    [256 * MiB, 1024 * MiB, 256 * MiB],
  );
  assert.equal(live.VCPUs_at_startup, 3);

  // Paused: the dynamic range waits too (xapi's states for it: halted, running).
  await c.VM.pause(vm);
  assert.deepEqual(await failure(c.VM.set_memory_dynamic_range(vm, 256 * MiB, 512 * MiB)), [
    'VM_BAD_POWER_STATE',
    vm,
    'halted, running',
    'paused',
  ]);
  await c.VM.unpause(vm);

  await c.VM.hard_shutdown(vm);
  assert.equal(await c.VM.get_power_state(vm), 'Halted');
  // Halted again: the static range and vCPU maximum can change.
  await c.VM.set_memory(vm, 512 * MiB);
  await c.VM.set_VCPUs_max(vm, 8);
  const after = await c.VM.get_record(vm);
  assert.deepEqual(
    [after.memory_static_min, after.memory_dynamic_min, after.memory_dynamic_max, after.memory_static_max],
    [128 * MiB, 512 * MiB, 512 * MiB, 512 * MiB],
  );
  assert.equal(after.VCPUs_max, 8);
  assert.equal(after.memory_overhead, await c.VM.compute_memory_overhead(vm));

  await c.VM.destroy(vm);
  assert.deepEqual(await c.VM.get_by_name_label(plan.name), []);
});

test('memory overhead, maximum memory, boot mode and the suspend VDI follow xapi', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const template = (await c.VM.get_by_name_label('Other install media'))[0] as string;
  const vm = await c.VM.clone(template, 'sizing');
  await c.VM.set_memory_limits(vm, 256 * MiB, 1024 * MiB, 1024 * MiB, 1024 * MiB);
  await c.VM.set_VCPUs_max(vm, 2);
  // HVM, 1 GiB, 2 vCPUs: 1 + 1 MiB extras, 10 MiB shadow, 1 MiB of Xen pages.
  assert.equal(await c.VM.compute_memory_overhead(vm), 13 * MiB);
  assert.equal(await c.VM.get_memory_overhead(vm), 13 * MiB);
  const best = await c.VM.maximise_memory(vm, 2048 * MiB, false);
  assert.equal(best % MiB, 0);
  assert.ok(best > 1900 * MiB && best < 2048 * MiB, String(best));
  assert.ok((await c.VM.maximise_memory(vm, 2048 * MiB, true)) < best, 'approximate allows for 64 vCPUs');

  await c.VM.set_domain_type(vm, 'pv');
  assert.deepEqual([await c.VM.get_domain_type(vm), await c.VM.get_HVM_boot_policy(vm)], ['pv', '']);
  await c.VM.set_HVM_boot_policy(vm, 'BIOS order');
  assert.deepEqual(
    [await c.VM.get_domain_type(vm), await c.VM.get_HVM_boot_policy(vm)],
    ['hvm', 'BIOS order'],
  );
  assert.deepEqual(await failure(c.VM.set_domain_type(vm, 'unspecified')), [
    'INVALID_VALUE',
    'domain_type',
    'unspecified',
  ]);

  const host = (await c.host.get_all())[0] as string;
  await c.VM.copy_bios_strings(vm, host);
  const hostStrings = await c.host.get_bios_strings(host);
  assert.deepEqual(await c.VM.get_bios_strings(vm), hostStrings);
  assert.equal(await c.VM.get_affinity(vm), host);
  // A host without strings leaves the VM without: it may still get some.
  if (Object.keys(hostStrings).length === 0) await c.VM.set_bios_strings(vm, { 'bios-version': '1' });
  assert.deepEqual(await failure(c.VM.copy_bios_strings(vm, host)), ['VM_BIOS_STRINGS_ALREADY_SET']);
  const other = await c.VM.clone(template, 'bios');
  assert.deepEqual(await failure(c.VM.set_bios_strings(other, { 'oem-1': 'x' })), [
    'INVALID_VALUE',
    'oem-1',
    'Unknown key',
  ]);

  const pool = (await c.pool.get_all())[0] as string;
  const sr = await c.pool.get_default_SR(pool);
  const { vdi } = await addDisk(c, vm, { sr, size: 16 * MiB, userdevice: '0', name: 'd' });
  assert.deepEqual(await failure(c.VM.set_suspend_VDI(vm, vdi)), [
    'VM_BAD_POWER_STATE',
    vm,
    'suspended',
    'halted',
  ]);
  await c.VM.set_is_a_template(vm, false);
  await c.VM.start(vm, false, false);
  await c.VM.suspend(vm);
  const image = await c.VM.get_suspend_VDI(vm);
  await c.VM.set_suspend_VDI(vm, image);
  // Only an image shown identical may replace it; nothing here can show that.
  const refused = await failure(c.VM.set_suspend_VDI(vm, vdi));
  assert.equal(refused[0], 'SUSPEND_VDI_REPLACEMENT_IS_NOT_IDENTICAL');
  assert.equal(await c.VM.get_suspend_VDI(vm), image);
});

test('VBD.set_mode needs a halted VM; assert_attachable names a disk another VM writes to', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const template = (await c.VM.get_by_name_label('Other install media'))[0] as string;
  const a = await c.VM.clone(template, 'a');
  const b = await c.VM.clone(template, 'b');
  for (const vm of [a, b]) await c.VM.set_is_a_template(vm, false);
  const pool = (await c.pool.get_all())[0] as string;
  const sr = await c.pool.get_default_SR(pool);
  const { vdi, vbd } = await addDisk(c, a, { sr, size: 16 * MiB, userdevice: '0', name: 'shared' });
  const other = await attachDisk(c, b, vdi, '0', false);
  await c.VBD.assert_attachable(other);
  await c.VM.start(a, false, false);
  assert.deepEqual(await failure(c.VBD.assert_attachable(other)), ['VDI_IN_USE', vdi, 'attach']);
  assert.deepEqual(await failure(c.VBD.set_mode(vbd, 'RO')), ['VM_BAD_POWER_STATE', a, 'halted', 'running']);
  await c.VBD.set_mode(other, 'RO');
  assert.equal(await c.VBD.get_mode(other), 'RO');
  // Read-only next to one writer is still refused: the writer could change the disk under it.
  assert.deepEqual(await failure(c.VBD.assert_attachable(other)), ['VDI_IN_USE', vdi, 'attach']);
  await c.VM.hard_shutdown(a);
  await c.VBD.assert_attachable(other);
});

test('VIF.create derives an empty MAC from mac_seed; clones of default templates are ordinary VMs', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const template = (await c.VM.get_by_name_label('Other install media'))[0] as string;
  assert.equal((await c.VM.get_other_config(template))['default_template'], 'true');
  const vm = await c.VM.clone(template, 'xo');
  const copy = await c.VM.copy(template, 'xo-copy', 'OpaqueRef:NULL');
  for (const made of [vm, copy]) {
    const rec = await c.VM.get_record(made);
    assert.equal(rec.other_config['default_template'], undefined);
    assert.equal(rec.is_default_template, false);
    assert.match(rec.other_config['mac_seed'] ?? '', /^[0-9a-f-]{36}$/);
  }
  const seed = (await c.VM.get_other_config(vm))['mac_seed'] as string;
  assert.notEqual(seed, (await c.VM.get_other_config(copy))['mac_seed']);
  // XO deletes what it made: the clone is no default template any more.
  await c.VM.set_is_a_template(copy, false);
  await c.VM.destroy(copy);

  const [network] = await networks(c);
  const vif = (device: string, MAC: string) =>
    c.VIF.create({
      device,
      network,
      VM: vm,
      MAC,
      MTU: 1500,
      other_config: {},
      qos_algorithm_type: '',
      qos_algorithm_params: {},
    } as never);
  const v0 = await vif('0', '');
  const v2 = await vif('2', '');
  assert.equal(await c.VIF.get_MAC(v0), macFromSeed(seed, 0));
  assert.equal(await c.VIF.get_MAC(v2), macFromSeed(seed, 2));
  assert.equal(await c.VIF.get_MAC_autogenerated(v0), true);
  const given = await vif('3', '02:11:22:33:44:55');
  assert.deepEqual(
    [await c.VIF.get_MAC(given), await c.VIF.get_MAC_autogenerated(given)],
    ['02:11:22:33:44:55', false],
  );
  assert.deepEqual(await failure(vif('0', '')), ['DEVICE_ALREADY_EXISTS', '0']);
  assert.deepEqual(await failure(vif('eth4', '')), ['INVALID_DEVICE', 'eth4']);
  assert.deepEqual(await failure(vif('5', '02:11:22')), ['MAC_INVALID', '02:11:22']);
  // Destroyed and made again at the same device: the same address.
  await c.VIF.destroy(v2);
  assert.equal(await c.VIF.get_MAC(await vif('2', '')), macFromSeed(seed, 2));
});
