// VIF port locking, VIF.move, the guest agent's static addresses and network
// purposes through the XenAPI, with a real xenopsd on the simulator backend:
// what the backend enforces on a plugged NIC is read from the backend itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { XapiClient } from '../src/client/generated.js';
import { serverFields } from '../src/xapi/records.js';
import { startToolstack, type Toolstack } from './support/toolstack.js';
import { failure } from './support/failure.js';
import { addVif, makeVm } from './support/vm-builder.js';

/** What the backend enforces on VIF `device` of `vm` (undefined: not plugged). */
async function applied(ts: Toolstack, c: XapiClient, vm: string, device: string) {
  const uuid = await c.VM.get_uuid(vm);
  const x = ts.xenopsd;
  const [config] = await x.vif.stat([uuid, device]);
  return x.backend.vif.applied(x.db.vm(uuid), config);
}

const network = (c: XapiClient, name: string, bridge: string) =>
  c.network.create({ name_label: name, bridge, other_config: {} });

test('VIF locking: addresses checked, modes applied live and at start, network default', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm, vif } = await makeVm(c);
  const net = await c.VIF.get_network(vif);

  await failure(c.VIF.add_ipv4_allowed(vif, 'not-an-address'), 'INVALID_IP_ADDRESS_SPECIFIED', [
    'ipv4_allowed',
  ]);
  await failure(c.VIF.set_ipv4_allowed(vif, ['10.0.0.1', '10.0.0.300']), 'INVALID_IP_ADDRESS_SPECIFIED', [
    'ipv4_allowed',
  ]);
  await failure(c.VIF.add_ipv6_allowed(vif, '10.0.0.1'), 'INVALID_IP_ADDRESS_SPECIFIED', ['ipv6_allowed']);
  await failure(c.VIF.add_ipv4_allowed(vif, '10.0.0.0/33'), 'INVALID_IP_ADDRESS_SPECIFIED', ['ipv4_allowed']);
  // Addresses and CIDR ranges, deduplicated, as xapi.
  await c.VIF.set_ipv4_allowed(vif, ['10.0.0.5', '10.0.0.5', '192.168.0.0/16']);
  assert.deepEqual(await c.VIF.get_ipv4_allowed(vif), ['10.0.0.5', '192.168.0.0/16']);
  await c.VIF.add_ipv6_allowed(vif, 'fd00::5');
  await c.VIF.add_ipv6_allowed(vif, 'fd00::5');
  assert.deepEqual(await c.VIF.get_ipv6_allowed(vif), ['fd00::5']);
  await c.VIF.set_locking_mode(vif, 'locked');

  await c.VM.start(vm, false, false);
  assert.deepEqual(await applied(ts, c, vm, '0'), {
    locking_mode: ['Locked', { ipv4: ['10.0.0.5', '192.168.0.0/16'], ipv6: ['fd00::5'] }],
    network: ['Local', 'xapi-ts0'],
  });
  // Live changes reach the plugged NIC.
  await c.VIF.remove_ipv4_allowed(vif, '192.168.0.0/16');
  await c.VIF.remove_ipv4_allowed(vif, '192.168.0.0/16');
  assert.deepEqual((await applied(ts, c, vm, '0'))?.locking_mode, [
    'Locked',
    { ipv4: ['10.0.0.5'], ipv6: ['fd00::5'] },
  ]);
  await c.VIF.set_locking_mode(vif, 'disabled');
  assert.equal((await applied(ts, c, vm, '0'))?.locking_mode, 'Disabled');
  await c.VIF.set_locking_mode(vif, 'network_default');
  assert.equal((await applied(ts, c, vm, '0'))?.locking_mode, 'Unlocked');

  // The network's default cannot change under an attached VIF.
  await failure(c.network.set_default_locking_mode(net, 'disabled'), 'VIF_IN_USE', [net, vif]);
  await c.VM.hard_shutdown(vm);
  await c.network.set_default_locking_mode(net, 'disabled');
  assert.equal(await c.network.get_default_locking_mode(net), 'disabled');
  await c.VM.start(vm, false, false);
  assert.equal((await applied(ts, c, vm, '0'))?.locking_mode, 'Disabled');
  await c.VM.hard_shutdown(vm);
  assert.equal(await applied(ts, c, vm, '0'), undefined);
});

test('VIF.move: a halted VM changes its record; a running one moves its plugged NIC', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm, vif } = await makeVm(c);
  const lab = await network(c, 'lab', 'xtlab');
  const dmz = await network(c, 'dmz', 'xtdmz');
  await c.VIF.move(vif, lab);
  assert.equal(await c.VIF.get_network(vif), lab);
  assert.ok((await c.network.get_VIFs(lab)).includes(vif));

  const extra = await addVif(c, vm, lab, '1');
  await c.VM.start(vm, false, false);
  assert.deepEqual((await applied(ts, c, vm, '0'))?.network, ['Local', 'xtlab']);
  await c.VIF.move(vif, dmz);
  assert.equal(await c.VIF.get_network(vif), dmz);
  assert.deepEqual((await applied(ts, c, vm, '0'))?.network, ['Local', 'xtdmz']);
  assert.deepEqual((await applied(ts, c, vm, '1'))?.network, ['Local', 'xtlab'], 'the other NIC stays');
  assert.equal(await c.VIF.get_currently_attached(vif), true);
  // The new network's default locking mode follows the NIC there.
  await c.VIF.unplug(extra);
  await c.network.set_default_locking_mode(lab, 'disabled');
  await c.VIF.move(vif, lab);
  assert.deepEqual(await applied(ts, c, vm, '0'), { locking_mode: 'Disabled', network: ['Local', 'xtlab'] });
  await c.VM.hard_shutdown(vm);
});

test('VIF.configure_ipv4/6: checked as xapi, stored for the guest agent, handed to xenopsd', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm, vif } = await makeVm(c);
  await failure(c.VIF.configure_ipv4(vif, 'Static', '10.0.0.5', ''), 'INVALID_CIDR_ADDRESS_SPECIFIED', [
    'address',
  ]);
  await failure(
    c.VIF.configure_ipv4(vif, 'Static', '10.0.0.5/24', '10.0.0'),
    'INVALID_IP_ADDRESS_SPECIFIED',
    ['gateway'],
  );
  await failure(c.VIF.configure_ipv6(vif, 'Static', 'fd00::5/129', ''), 'INVALID_CIDR_ADDRESS_SPECIFIED', [
    'address',
  ]);
  // Without a guest agent announcing feature-static-ip-setting the guest cannot take them.
  await failure(c.VIF.configure_ipv4(vif, 'Static', '10.0.0.5/24', '10.0.0.1'), 'VM_LACKS_FEATURE', [vm]);
  await failure(c.VIF.configure_ipv4(vif, 'None', '', ''), 'VM_LACKS_FEATURE', [vm]);

  // A guest agent that announces the feature (what xapi reads from VM_guest_metrics.other).
  const { db } = ts.xapi.services;
  const gm = db.create('VM_guest_metrics', serverFields('VM_guest_metrics', { other_config: {} }));
  db.update('VM_guest_metrics', gm, { other: { 'feature-static-ip-setting': '1' } });
  db.update('VM', vm, { guest_metrics: gm });

  await c.VIF.set_locking_mode(vif, 'locked');
  await c.VIF.add_ipv4_allowed(vif, '10.0.0.5');
  await failure(
    c.VIF.configure_ipv4(vif, 'Static', '10.0.0.6/24', ''),
    'ADDRESS_VIOLATES_LOCKING_CONSTRAINT',
    ['10.0.0.6/24'],
  );
  await c.VIF.configure_ipv4(vif, 'Static', '10.0.0.5/24', '10.0.0.1');
  let rec = await c.VIF.get_record(vif);
  assert.equal(rec.ipv4_configuration_mode, 'Static');
  assert.deepEqual(rec.ipv4_addresses, ['10.0.0.5/24']);
  assert.equal(rec.ipv4_gateway, '10.0.0.1');

  await c.VIF.set_locking_mode(vif, 'unlocked');
  await c.VM.start(vm, false, false);
  const uuid = await c.VM.get_uuid(vm);
  const ipv4 = async () => (await ts.xenopsd.vif.stat([uuid, '0']))[0].ipv4_configuration;
  assert.deepEqual(await ipv4(), ['Static4', [['10.0.0.5/24'], '10.0.0.1']]);
  // On a running VM the change reaches xenopsd at once.
  await c.VIF.configure_ipv6(vif, 'Static', 'fd00::5/64', '');
  assert.deepEqual((await ts.xenopsd.vif.stat([uuid, '0']))[0].ipv6_configuration, [
    'Static6',
    [['fd00::5/64'], undefined],
  ]);
  await c.VIF.configure_ipv4(vif, 'None', '', '');
  assert.equal(await ipv4(), 'Unspecified4');
  rec = await c.VIF.get_record(vif);
  assert.equal(rec.ipv4_configuration_mode, 'None');
  assert.equal(rec.ipv6_configuration_mode, 'Static');
  await c.VM.hard_shutdown(vm);
});

test('network purposes: nbd and insecure_nbd exclude each other across networks', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const a = await network(c, 'a', 'xta');
  const b = await network(c, 'b', 'xtb');
  await c.network.add_purpose(a, 'nbd');
  await c.network.add_purpose(a, 'nbd');
  assert.deepEqual(await c.network.get_purpose(a), ['nbd']);
  await c.network.add_purpose(b, 'nbd');
  await failure(c.network.add_purpose(b, 'insecure_nbd'), 'NETWORK_INCOMPATIBLE_PURPOSES', [
    'insecure_nbd',
    'nbd',
  ]);
  await c.network.remove_purpose(a, 'nbd');
  await c.network.remove_purpose(a, 'nbd');
  await c.network.remove_purpose(b, 'nbd');
  assert.deepEqual(await c.network.get_purpose(a), []);
  await c.network.add_purpose(b, 'insecure_nbd');
  await failure(c.network.add_purpose(a, 'nbd'), 'NETWORK_INCOMPATIBLE_PURPOSES', ['nbd', 'insecure_nbd']);
  const unmanaged = await c.network.create({
    name_label: 'u',
    bridge: 'xtu',
    managed: false,
    other_config: {},
  });
  await failure(c.network.add_purpose(unmanaged, 'insecure_nbd'), 'NETWORK_UNMANAGED', [unmanaged]);
});
