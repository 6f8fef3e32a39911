import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { PoolKeys } from '../db/etcd/keys.js';
import { MemoryStore } from '../db/memory.js';
import { testClasses, testRelations } from '../db/test-classes.js';
import type { WriteOp } from './forward.js';
import { ForwardingStore } from './forwarding-store.js';

const keys = new PoolKeys('p');

/** A slave's store over a writable replica, with a forwarder that records or refuses. */
function slave(refuse = false) {
  const replica = new MemoryStore({ classes: testClasses, relations: testRelations });
  const sent: WriteOp[][] = [];
  const logs: string[] = [];
  const store = new ForwardingStore({
    replica,
    forwarder: {
      write: (ops) => {
        sent.push([...ops]);
        return refuse ? Promise.reject(new Error('HANDLE_INVALID')) : Promise.resolve();
      },
    },
    // etcd holds nothing of what the refused batch touched.
    client: { get: () => Promise.resolve(undefined) },
    keys,
    classes: testClasses,
    log: (l) => logs.push(l),
  });
  return { replica, store, sent, logs };
}

test('each transaction goes to the master as one batch of ops naming their refs', async () => {
  const { store, sent } = slave();
  const p = store.create('Parent', { name_label: 'p', name_description: '' });
  const uuid = store.get('Parent', p)['uuid'];
  store.transaction(() => {
    store.update('Parent', p, { weight: 3, is_big: false });
    store.addToMap('Parent', p, 'other_config', 'k', 'v');
    store.addToSet('Parent', p, 'tags', 'a');
  });
  // Unchanged values and absent keys are no writes.
  store.update('Parent', p, { weight: 3 });
  store.removeFromMap('Parent', p, 'other_config', 'absent');
  await store.flush();
  assert.deepEqual(sent, [
    [{ op: 'create', cls: 'Parent', ref: p, fields: { name_label: 'p', name_description: '', uuid } }],
    [
      { op: 'update', cls: 'Parent', ref: p, fields: { weight: 3 } },
      { op: 'add_to_map', cls: 'Parent', ref: p, field: 'other_config', key: 'k', value: 'v' },
      { op: 'update', cls: 'Parent', ref: p, fields: { tags: ['a'] } },
    ],
  ]);
  // The writes are read back at once, as on a master.
  assert.equal(store.get('Parent', p)['weight'], 3);
});

test('a transaction that throws sends nothing and leaves nothing', async () => {
  const { store, sent } = slave();
  assert.throws(() =>
    store.transaction(() => {
      store.create('Parent', { name_label: 'gone', name_description: '' });
      throw new Error('no');
    }),
  );
  await store.flush();
  assert.deepEqual(sent, []);
  assert.equal(store.count('Parent'), 0);
});

test('a batch the master refuses is put back as the pool database holds it', async () => {
  const { store, logs } = slave(true);
  const p = store.create('Parent', { name_label: 'refused', name_description: '' });
  assert.equal(store.has('Parent', p), true);
  await store.flush();
  await tick();
  assert.equal(store.has('Parent', p), false, 'the object the master never made is gone again');
  assert.match(logs.join('\n'), /refused this host's writes/);
});

test('an abandoned store does not wait for the master', async () => {
  const { replica } = slave();
  const never = new ForwardingStore({
    replica,
    forwarder: { write: () => new Promise(() => undefined) },
    client: { get: () => Promise.resolve(undefined) },
    keys,
    classes: testClasses,
    log: () => undefined,
  });
  never.create('Parent', { name_label: 'x', name_description: '' });
  const flushed = never.flush();
  never.abandon();
  await flushed;
});
