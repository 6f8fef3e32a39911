import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadOrder, moduleDepends, moduleName } from './modules.js';

test('depends= is read from the modinfo strings', () => {
  const ko = Buffer.from('\x7fELF....\0license=GPL\0depends=virtio_ring,net_failover\0name=virtio_net\0');
  assert.deepEqual(moduleDepends(ko), ['virtio_ring', 'net_failover']);
  assert.deepEqual(moduleDepends(Buffer.from('\0depends=\0name=x\0')), []);
  assert.deepEqual(moduleDepends(Buffer.from('no modinfo')), []);
  assert.equal(moduleName('pvpanic-pci.ko'), 'pvpanic_pci');
});

test('dependencies load first, each module once', () => {
  const deps: Record<string, string[]> = {
    virtio_ring: [],
    virtio: ['virtio_ring'],
    virtio_pci: ['virtio_ring', 'virtio'],
    virtio_net: ['virtio', 'net_failover'],
    net_failover: ['failover'],
    failover: [],
  };
  assert.deepEqual(
    loadOrder(['virtio_pci', 'virtio-net'], (n) => deps[n]),
    ['virtio_ring', 'virtio', 'virtio_pci', 'failover', 'net_failover', 'virtio_net'],
  );
});

test('missing modules and cycles are reported', () => {
  assert.throws(
    () => loadOrder(['a'], (n) => ({ a: ['b'] })[n]),
    /kernel module not found: b \(needed by a\)/,
  );
  assert.throws(() => loadOrder(['a'], (n) => ({ a: ['b'], b: ['a'] })[n]), /cycle: a -> b -> a/);
});
