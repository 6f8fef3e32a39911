import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bridgeName,
  DEFAULT_NAT_NETWORKS,
  hostTagOf,
  IFNAME_MAX,
  netModeOf,
  ownsName,
  tapCreate,
  tapName,
  validMtu,
  type NetPolicy,
} from './net-plan.js';
import { DEFAULT_BRIDGE } from '../../../xapi/network/first-start.js';

test('the host tag is stable per host directory and differs between them', () => {
  assert.equal(hostTagOf('/var/lib/xapi-ts'), hostTagOf('/var/lib/xapi-ts'));
  assert.notEqual(hostTagOf('/tmp/a'), hostTagOf('/tmp/b'));
  assert.match(hostTagOf('/x'), /^[0-9a-f]{4}$/);
});

test('tap names follow vifD.N behind the host prefix and always fit IFNAMSIZ', () => {
  assert.equal(tapName('1a2b', 7, 0), 'xt1a2bv7.0');
  assert.equal(tapName('1a2b', 12345, 9), 'xt1a2bv12345.9');
  for (const [domid, devid] of [
    [123456, 0],
    [99999, 10],
    [2 ** 31, 2 ** 16],
  ] as const) {
    const n = tapName('1a2b', domid, devid);
    assert.ok(n.length <= IFNAME_MAX, n);
    assert.ok(ownsName('1a2b', n));
  }
  // long names are hashed, still distinct per VIF
  assert.notEqual(tapName('1a2b', 123456, 0), tapName('1a2b', 123456, 1));
});

test('bridge names keep a short network name and hash a long or odd one', () => {
  assert.equal(bridgeName('1a2b', 'xapi1'), 'xt1a2bbxapi1');
  assert.equal(bridgeName('1a2b', 'xapi-ts0'), 'xt1a2bbxapi-ts0');
  const long = bridgeName('1a2b', 'a-very-long-network-name');
  const odd = bridgeName('1a2b', 'my net/1');
  for (const n of [long, odd]) {
    assert.ok(n.length <= IFNAME_MAX && /^[A-Za-z0-9_-]+$/.test(n), n);
    assert.ok(ownsName('1a2b', n));
  }
  assert.notEqual(long, bridgeName('1a2b', 'a-very-long-network-name2'));
  assert.ok(!ownsName('1a2b', 'eth0'));
  assert.ok(!ownsName('1a2b', 'xt9999bxapi1'));
});

test("xapi's default network and xenopsd's default bridge are user-mode NAT", () => {
  assert.ok(DEFAULT_NAT_NETWORKS.includes(DEFAULT_BRIDGE));
  assert.ok(DEFAULT_NAT_NETWORKS.includes('xenbr0'));
});

test('a VIF is bridged only on a toolstack network when taps can be made', () => {
  const policy: NetPolicy = {
    hostTag: '1a2b',
    natNetworks: ['xapi-ts0'],
    hostInterfaces: new Set(['eth0', 'docker0']),
  };
  assert.deepEqual(netModeOf(policy, 'lab', 3, 1), {
    kind: 'bridge',
    bridge: 'xt1a2bblab',
    tap: 'xt1a2bv3.1',
  });
  for (const network of ['', 'xapi-ts0', 'eth0', 'docker0']) {
    assert.equal(netModeOf(policy, network, 3, 1).kind, 'user', network);
  }
  const denied = netModeOf({ ...policy, noBridging: 'no CAP_NET_ADMIN' }, 'lab', 3, 1);
  assert.deepEqual(denied, { kind: 'user', reason: 'no CAP_NET_ADMIN' });
});

test('a tap is made persistent, on its bridge, with the MTU and carrier, host side fe:ff:..', () => {
  assert.deepEqual(tapCreate('xt1a2bv3.1', 'xt1a2bblab', 9000, false), [
    ['tuntap', 'add', 'dev', 'xt1a2bv3.1', 'mode', 'tap'],
    [
      'link',
      'set',
      'dev',
      'xt1a2bv3.1',
      'address',
      'fe:ff:ff:ff:ff:ff',
      'mtu',
      '9000',
      'master',
      'xt1a2bblab',
    ],
    ['link', 'set', 'dev', 'xt1a2bv3.1', 'down'],
  ]);
  assert.ok(validMtu(1500) && validMtu(68) && validMtu(9000));
  assert.ok(!validMtu(67) && !validMtu(9001) && !validMtu(1500.5));
});

test('network options from the environment', async () => {
  const { netOptionsFromEnv } = await import('./net.js');
  assert.deepEqual(netOptionsFromEnv({}), {});
  assert.deepEqual(netOptionsFromEnv({ XAPI_TS_QEMU_NAT_NETWORKS: ' xapi-ts0, lab ,' }), {
    natNetworks: ['xapi-ts0', 'lab'],
  });
  assert.deepEqual(netOptionsFromEnv({ XAPI_TS_QEMU_NAT_NETWORKS: '', XAPI_TS_QEMU_BRIDGING: '0' }), {
    natNetworks: [],
    bridging: false,
  });
});

test('a recorded VIF becomes a tap NIC with its MTU, or a restricted user-mode one', async () => {
  const { nicOf } = await import('./net.js');
  const base = {
    position: 2,
    mac: '52:54:00:00:00:09',
    carrier: true,
    locking_mode: 'Unlocked' as const,
    inQemu: false,
  };
  assert.deepEqual(nicOf({ ...base, tap: 'xt1a2bv3.2', bridge: 'xt1a2bblab', mtu: 1400 }), {
    devid: 2,
    mac: '52:54:00:00:00:09',
    backend: { kind: 'bridge', bridge: 'xt1a2bblab', tap: 'xt1a2bv3.2' },
    mtu: 1400,
  });
  assert.deepEqual(nicOf(base), {
    devid: 2,
    mac: '52:54:00:00:00:09',
    backend: { kind: 'user', restrict: true },
  });
});

test("a resumed QEMU's NICs are on the new domain's taps, keeping the saved MACs", async () => {
  const { restoredNic } = await import('./net.js');
  const vif = {
    position: 0,
    mac: '52:54:00:00:00:01',
    carrier: true,
    locking_mode: 'Unlocked' as const,
    inQemu: false,
  };
  const d = {
    vifs: { '0': { ...vif, tap: 'xt1a2bv9.0', bridge: 'xt1a2bblab', mtu: 1500 } },
  } as unknown as Parameters<typeof restoredNic>[0];
  const saved = {
    devid: 0,
    mac: '52:54:00:00:00:01',
    backend: { kind: 'bridge', bridge: 'xt1a2bblab', tap: 'xt1a2bv4.0' },
  } as const;
  assert.deepEqual(restoredNic(d, saved).backend, {
    kind: 'bridge',
    bridge: 'xt1a2bblab',
    tap: 'xt1a2bv9.0',
  });
  assert.deepEqual(restoredNic(d, { ...saved, devid: 5 }).backend, { kind: 'user', restrict: true });
});
