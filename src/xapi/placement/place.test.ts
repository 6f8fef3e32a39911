// Placement read from the database of a first-started host: the one host's
// checks in xapi's codes, and the snapshot's view of the store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiError } from '../../datamodel/api-error.js';
import { openStore } from '../store.js';
import { firstStart } from '../first-start.js';
import { serverFields } from '../records.js';
import { assertCanBootHere, placeVm, possibleHostsOf, withReservation } from './place.js';
import { readPoolSnapshot } from './snapshot.js';
import { hostFreeMemory } from './boot-check.js';

const MIB = 1024 * 1024;

function setup(memoryMiB = 256) {
  const db = openStore(undefined);
  const { host } = firstStart(db);
  const m = memoryMiB * MIB;
  const vm = db.create(
    'VM',
    serverFields('VM', {
      power_state: 'Halted',
      other_config: {},
      memory_static_max: m,
      memory_dynamic_max: m,
      memory_dynamic_min: m,
      memory_static_min: m,
      VCPUs_max: 1,
      domain_type: 'hvm',
    }),
  );
  return { db, host, vm };
}

const codeOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    return (e as ApiError).toWire();
  }
  return [];
};

test('one host: an enabled host takes VMs; disabled or evacuating, it refuses as xapi does', () => {
  const { db, host, vm } = setup();
  assert.equal(placeVm(db, vm, undefined, 'start'), host);
  assert.equal(placeVm(db, vm, host, 'start'), host);
  assert.deepEqual(possibleHostsOf(db, vm), [host]);
  db.update('host', host, { current_operations: { 'OpaqueRef:t': 'evacuate' } });
  assert.deepEqual(
    codeOf(() => placeVm(db, vm, undefined, 'start')),
    ['NO_HOSTS_AVAILABLE'],
  );
  assert.deepEqual(
    codeOf(() => placeVm(db, vm, host, 'start')),
    ['HOST_EVACUATE_IN_PROGRESS', host],
  );
  db.update('host', host, { current_operations: {}, enabled: false });
  assert.deepEqual(
    codeOf(() => placeVm(db, vm, undefined, 'resume')),
    ['NO_HOSTS_AVAILABLE'],
  );
  assert.deepEqual(
    codeOf(() => placeVm(db, vm, host, 'start')),
    ['HOST_DISABLED', host],
  );
  assert.deepEqual(
    codeOf(() => assertCanBootHere(db, vm, host)),
    ['HOST_DISABLED', host],
  );
  assert.deepEqual(possibleHostsOf(db, vm), []);
  assert.equal(codeOf(() => placeVm(db, vm, 'OpaqueRef:nope', 'start'))[0], 'HANDLE_INVALID');
  assert.equal(codeOf(() => assertCanBootHere(db, 'OpaqueRef:nope', host))[0], 'HANDLE_INVALID');
});

test('one host: a VM bigger than the free memory is refused with the figures, by start and start_on', () => {
  const { db, host } = setup();
  const metrics = db.get('host', host).metrics;
  const total = db.get('host_metrics', metrics).memory_total;
  const big = setup(Math.ceil(total / MIB) + 1024);
  const snap = readPoolSnapshot(big.db);
  const available = total - db.get('host', host).memory_overhead;
  assert.ok(snap.hosts.length === 1 && snap.hosts[0]?.live && snap.hosts[0].memoryTotal === total);
  const err = codeOf(() => placeVm(big.db, big.vm, undefined, 'start'));
  assert.equal(err[0], 'HOST_NOT_ENOUGH_FREE_MEMORY');
  assert.ok(Number(err[1]) > total, 'needed is the VM’s footprint');
  assert.equal(err[2], String(available), 'the control domain is not charged');
  assert.deepEqual(
    codeOf(() => placeVm(big.db, big.vm, big.host, 'start')),
    err,
  );
});

test('a reservation charges the VM to its host until it ends', async () => {
  const { db, host, vm } = setup(1024);
  const before = hostFreeMemory(readPoolSnapshot(db), host);
  await withReservation(db, vm, host, async () => {
    assert.equal(db.get('VM', vm).scheduled_to_be_resident_on, host);
    const charged = 1024 * MIB + db.get('VM', vm).memory_overhead;
    assert.equal(hostFreeMemory(readPoolSnapshot(db), host), before - charged);
  });
  assert.equal(db.get('VM', vm).scheduled_to_be_resident_on, 'OpaqueRef:NULL');
  assert.equal(hostFreeMemory(readPoolSnapshot(db), host), before);
});
