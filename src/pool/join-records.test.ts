import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messages } from '../datamodel/index.js';
import { untypedView } from '../db/typed.js';
import { readHostFacts } from '../xapi/host/facts.js';
import { firstStart } from '../xapi/first-start.js';
import { forwardTarget } from '../xapi/pool/vm-forward.js';
import { serverFields } from '../xapi/records.js';
import { openStore, type XapiDb } from '../xapi/store.js';
import { addJoinRecords, joinRecords } from './join-records.js';
import { removeHostRecords } from './membership-etcd.js';

/** A standalone host's database with a local SR (one PBD) and a VDI on it. */
function standalone(): { db: XapiDb; host: string; sr: string; vdi: string } {
  const db = openStore(undefined);
  const { host } = firstStart(db, readHostFacts());
  const { sr, vdi } = db.transaction(() => {
    const sr = db.create(
      'SR',
      serverFields('SR', { name_label: 'Local storage', type: 'file', shared: false }),
    );
    db.create('PBD', serverFields('PBD', { host, SR: sr, currently_attached: true }));
    const vdi = db.create('VDI', serverFields('VDI', { SR: sr, name_label: 'disk', virtual_size: 1 }));
    return { sr, vdi };
  });
  return { db, host, sr, vdi };
}

const call = (wire: string) => {
  const e = messages.get(wire);
  if (!e) throw new Error(wire);
  return e;
};

test('a joiner brings its host and local SR; the master forwards its VMs there; eject takes them away', () => {
  const master = standalone();
  const joiner = standalone();
  const records = joinRecords(untypedView(joiner.db), joiner.host);
  const classes = new Set(records.map((r) => r.cls));
  for (const c of ['host', 'host_metrics', 'SR', 'PBD', 'VDI']) assert.ok(classes.has(c), c);
  // Its VMs (templates included) stay behind.
  assert.equal(classes.has('VM'), false);
  const db = untypedView(master.db);
  const made = db.transaction(() => addJoinRecords(db, records));
  assert.equal(made, records.length);
  // A retried join adds nothing twice.
  assert.equal(
    db.transaction(() => addJoinRecords(db, records)),
    0,
  );
  assert.equal(master.db.count('host'), 2);
  assert.equal(master.db.get('host', joiner.host).uuid, joiner.db.get('host', joiner.host).uuid);
  assert.deepEqual(master.db.get('SR', joiner.sr).PBDs.length, 1);
  assert.deepEqual(master.db.get('SR', joiner.sr).VDIs, [joiner.vdi]);

  // A VM running on the joiner: its calls go there; halted, they stay here.
  const vm = master.db.transaction(() =>
    master.db.create(
      'VM',
      serverFields('VM', { name_label: 'v', power_state: 'Running', resident_on: joiner.host }),
    ),
  );
  const shutdown = call('VM.hard_shutdown');
  assert.equal(forwardTarget(master.db, master.host, shutdown.cls, shutdown.msg, [vm]), joiner.host);
  master.db.transaction(() =>
    master.db.update('VM', vm, { power_state: 'Halted', resident_on: 'OpaqueRef:NULL' }),
  );
  assert.equal(forwardTarget(master.db, master.host, shutdown.cls, shutdown.msg, [vm]), undefined);
  const startOn = call('VM.start_on');
  assert.equal(
    forwardTarget(master.db, master.host, startOn.cls, startOn.msg, [vm, joiner.host, false, false]),
    joiner.host,
  );
  assert.equal(
    forwardTarget(master.db, master.host, startOn.cls, startOn.msg, [vm, master.host, false, false]),
    undefined,
  );

  // Eject: the host, its CPUs, metrics and local SR go; the master's own stay.
  removeHostRecords(db, joiner.host);
  assert.equal(master.db.count('host'), 1);
  assert.equal(master.db.has('SR', joiner.sr), false);
  assert.equal(master.db.has('VDI', joiner.vdi), false);
  assert.equal(master.db.has('SR', master.sr), true);
  for (const [, c] of master.db.all('host_cpu')) assert.equal(c.host, master.host);
});
