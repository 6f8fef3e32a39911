import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messages } from '../../datamodel/index.js';
import { untypedView } from '../../db/typed.js';
import { removeHostRecords } from '../../pool/membership-etcd.js';
import { firstStart } from '../first-start.js';
import { readHostFacts } from '../host/facts.js';
import { serverFields } from '../records.js';
import { openStore } from '../store.js';
import { addSharedSrPbds } from './shared-pbds.js';
import { forwardTarget } from './vm-forward.js';

const call = (wire: string) => {
  const e = messages.get(wire);
  if (!e) throw new Error(wire);
  return e;
};

test('a joining host gets a PBD of every shared SR, which runs there and goes with its eject', () => {
  const db = openStore(undefined);
  const { host: master } = firstStart(db, readHostFacts());
  const config = { location: '/mnt/shared' };
  const { shared, local, joiner } = db.transaction(() => {
    const shared = db.create('SR', serverFields('SR', { name_label: 'nfs', type: 'file', shared: true }));
    const local = db.create('SR', serverFields('SR', { name_label: 'local', type: 'file', shared: false }));
    db.create('PBD', serverFields('PBD', { host: master, SR: shared, device_config: config }));
    db.create('PBD', serverFields('PBD', { host: master, SR: local, device_config: { location: '/x' } }));
    const metrics = db.create('host_metrics', serverFields('host_metrics', { live: true }));
    const joiner = db.create('host', serverFields('host', { name_label: 'joiner', metrics }));
    return { shared, local, joiner };
  });

  const made = db.transaction(() => addSharedSrPbds(db, joiner));
  assert.equal(made.length, 1);
  const pbd = made[0] as string;
  assert.deepEqual(
    (({ host, SR, device_config, currently_attached }) => ({ host, SR, device_config, currently_attached }))(
      db.get('PBD', pbd),
    ),
    { host: joiner, SR: shared, device_config: config, currently_attached: false },
  );
  assert.equal(db.get('SR', local).PBDs.length, 1, 'a local SR gets no PBD on the joiner');
  assert.deepEqual(
    db.transaction(() => addSharedSrPbds(db, joiner)),
    [],
    'a retried join adds none twice',
  );

  // PBD.plug / unplug of the joiner's PBD run on the joiner; its other messages here.
  for (const wire of ['PBD.plug', 'PBD.unplug']) {
    const { cls, msg } = call(wire);
    assert.equal(forwardTarget(db, master, cls, msg, [pbd]), joiner, wire);
    assert.equal(forwardTarget(db, joiner, cls, msg, [pbd]), undefined, `${wire} on its own host`);
  }
  const destroy = call('PBD.destroy');
  assert.equal(forwardTarget(db, master, destroy.cls, destroy.msg, [pbd]), undefined);

  // Eject: the joiner's PBD of the shared SR goes, the SR and the master's PBD stay.
  removeHostRecords(untypedView(db), joiner);
  assert.equal(db.has('PBD', pbd), false);
  assert.equal(db.has('SR', shared), true);
  assert.deepEqual(
    db.get('SR', shared).PBDs.map((p) => db.get('PBD', p).host),
    [master],
  );
});
