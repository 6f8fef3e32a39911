// First start and later starts on one database: the host's control domain is
// made once and follows the host's figures; the HTTP permissions are added to
// the roles of a database made before they existed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from './store.js';
import { firstStart } from './first-start.js';
import type { CpuFacts, HostFacts } from './host/facts.js';

const GiB = 1024 ** 3;

function facts(hostname: string, memoryGiB: number, ncpus: number): HostFacts {
  const cpu = (n: number): CpuFacts => ({
    number: n,
    vendor: 'GenuineIntel',
    modelname: 'test CPU',
    speedMhz: 2000,
    family: 6,
    model: 85,
    stepping: '4',
    flags: 'fpu',
  });
  return {
    hostname,
    address: '192.0.2.10',
    memoryTotalBytes: memoryGiB * GiB,
    cpus: Array.from({ length: ncpus }, (_, i) => cpu(i)),
    kernel: '6.1.0',
    socketCount: 1,
  };
}

const controlDomains = (db: ReturnType<typeof openStore>) =>
  [...db.all('VM')].filter(([, r]) => r.is_control_domain).map(([ref]) => ref);

test("the control domain is made at first start and follows the host's figures at later starts", () => {
  const db = openStore(undefined);
  const { host } = firstStart(db, facts('alpha', 8, 4));
  const [dom0] = controlDomains(db);
  assert.ok(dom0);
  const row = db.get('VM', dom0);
  assert.equal(db.get('host', host).control_domain, dom0);
  assert.equal(row.name_label, 'Control domain on host: alpha');
  assert.equal(row.power_state, 'Running');
  assert.equal(row.resident_on, host);
  assert.equal(row.domid, 0);
  assert.equal(row.VCPUs_max, 4);
  assert.equal(row.memory_static_max, 8 * GiB);
  assert.equal(db.get('VM_metrics', row.metrics).memory_actual, 8 * GiB);
  assert.equal(db.get('VM_metrics', row.metrics).VCPUs_number, 4);

  // The machine got more memory and CPUs, and a new name.
  firstStart(db, facts('beta', 16, 8));
  assert.deepEqual(controlDomains(db), [dom0], 'the same record');
  const again = db.get('VM', dom0);
  assert.equal(again.uuid, row.uuid);
  assert.equal(again.name_label, 'Control domain on host: beta');
  assert.equal(again.VCPUs_max, 8);
  assert.equal(again.memory_dynamic_min, 16 * GiB);
  assert.equal(db.get('VM_metrics', again.metrics).memory_actual, 16 * GiB);
  assert.equal(again.metrics, row.metrics, 'the same metrics record');
});

test('a database made before the HTTP permissions gets them in its roles', () => {
  const db = openStore(undefined);
  firstStart(db, facts('alpha', 8, 4));
  const [perm] = db.refsByNameLabel('role', 'http/get_rrd_updates');
  assert.ok(perm);
  // As it was: no such permission.
  for (const [ref, r] of db.all('role')) {
    if (r.subroles.includes(perm)) db.update('role', ref, { subroles: r.subroles.filter((s) => s !== perm) });
  }
  db.destroy('role', perm);
  firstStart(db, facts('alpha', 8, 4));
  const [made] = db.refsByNameLabel('role', 'http/get_rrd_updates');
  assert.ok(made);
  for (const role of ['read-only', 'vm-operator', 'pool-admin']) {
    const [ref] = db.refsByNameLabel('role', role);
    assert.ok(ref && db.get('role', ref).subroles.includes(made), `${role} holds it`);
  }
});
