import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../datamodel/api-error.js';
import { classes } from '../datamodel/index.js';
import { parseFilter } from './filter.js';
import { MemoryStore } from './memory.js';
import { testClasses, testRelations } from './test-classes.js';
import { runStoreConformance } from '../../test/conformance/store.suite.js';

runStoreConformance({
  name: 'memory',
  open: async (o = {}) => {
    const store = new MemoryStore({ classes: testClasses, relations: testRelations, ...o });
    return { store, dispose: () => store.close() };
  },
});

const newStore = (): MemoryStore => new MemoryStore({ classes: testClasses, relations: testRelations });

function apiCode(code: string, params?: readonly string[]) {
  return (e: unknown): boolean =>
    e instanceof ApiError &&
    e.code === code &&
    (params === undefined || assert.deepEqual(e.params, params) === undefined);
}

test('create fills defaults, generates ref and uuid, indexes uuid and name_label', () => {
  const db = newStore();
  const p = db.create('Parent', { name_label: 'p' });
  assert.match(p, /^OpaqueRef:[0-9a-f-]{36}$/);
  const row = db.get('Parent', p);
  assert.match(row['uuid'] as string, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
  assert.deepEqual(row, {
    uuid: row['uuid'],
    name_label: 'p',
    name_description: '',
    children: [],
    tags: [],
    other_config: {},
    is_big: false,
    weight: 0,
    scratch: 'fresh',
  });
  assert.equal(db.refByUuid('Parent', row['uuid'] as string), p);
  assert.deepEqual(db.refsByNameLabel('Parent', 'p'), [p]);
  assert.deepEqual(db.refsByNameLabel('Parent', 'q'), []);
  assert.equal(db.classOf(p), 'Parent');
  assert.equal(db.count('Parent'), 1);
  assert.ok(db.has('Parent', p));
  assert.ok(!db.has('Child', p));

  db.update('Parent', p, { name_label: 'q' });
  assert.deepEqual(db.refsByNameLabel('Parent', 'p'), []);
  assert.deepEqual(db.refsByNameLabel('Parent', 'q'), [p]);
  const given = db.create('Parent', { uuid: 'fixed-uuid' }, 'OpaqueRef:mine');
  assert.equal(given, 'OpaqueRef:mine');
  assert.equal(db.refByUuid('Parent', 'fixed-uuid'), given);
  assert.throws(
    () => db.create('Parent', { uuid: 'fixed-uuid' }),
    apiCode('INVALID_VALUE', ['uuid', 'fixed-uuid']),
  );
});

test('missing mandatory fields are FIELD_TYPE_ERROR [field]; unknown fields are bugs', () => {
  const db = newStore();
  assert.throws(() => db.create('Child', { name_label: 'c' }), apiCode('FIELD_TYPE_ERROR', ['size']));
  assert.throws(() => db.create('Child', { size: 1, bogus: 2 }), /no field bogus/);
  assert.throws(() => db.create('Nope', {}), /no table/);
  assert.equal(db.count('Child'), 0);
});

test('reads of missing objects are HANDLE_INVALID [class, ref]', () => {
  const db = newStore();
  assert.throws(() => db.get('Parent', 'OpaqueRef:x'), apiCode('HANDLE_INVALID', ['Parent', 'OpaqueRef:x']));
  assert.throws(() => db.update('Parent', 'OpaqueRef:x', {}), apiCode('HANDLE_INVALID'));
  assert.throws(() => db.destroy('Parent', 'OpaqueRef:x'), apiCode('HANDLE_INVALID'));
  assert.equal(db.find('Parent', 'OpaqueRef:x'), undefined);
});

test('records are frozen and inputs are copied', () => {
  const db = newStore();
  const tags = ['a'];
  const cfg: Record<string, string> = { k: 'v' };
  const p = db.create('Parent', { tags, other_config: cfg });
  tags.push('b');
  cfg['x'] = 'y';
  const row = db.get('Parent', p);
  assert.deepEqual(row['tags'], ['a']);
  assert.deepEqual(row['other_config'], { k: 'v' });
  assert.ok(Object.isFrozen(row) && Object.isFrozen(row['tags']) && Object.isFrozen(row['other_config']));
  assert.throws(() => {
    (row as Record<string, unknown>)['weight'] = 5;
  }, TypeError);
  assert.throws(() => (row['tags'] as string[]).push('c'), TypeError);
  assert.equal(db.get('Parent', p)['weight'], 0);
});

test('one-to-many: setting the ref side maintains the set side both ways', () => {
  const db = newStore();
  const p1 = db.create('Parent', {});
  const p2 = db.create('Parent', {});
  const c1 = db.create('Child', { parent: p1, size: 1 });
  const c2 = db.create('Child', { parent: p1, size: 2 });
  assert.deepEqual(db.get('Parent', p1)['children'], [c1, c2]);
  db.update('Child', c1, { parent: p2 });
  assert.deepEqual(db.get('Parent', p1)['children'], [c2]);
  assert.deepEqual(db.get('Parent', p2)['children'], [c1]);
  db.destroy('Child', c2);
  assert.deepEqual(db.get('Parent', p1)['children'], []);
  db.update('Child', c1, { parent: 'OpaqueRef:NULL' });
  assert.deepEqual(db.get('Parent', p2)['children'], []);
  // the set side is derived: clients never write it
  assert.throws(() => db.update('Parent', p1, { children: [c1] }), /derived/);
  assert.throws(() => db.create('Parent', { children: [c1] }), /derived/);
});

test('one-to-many: dangling refs are kept and picked up by a later create', () => {
  const db = newStore();
  const c = db.create('Child', { parent: 'OpaqueRef:later', size: 1 });
  const p = db.create('Parent', {}, 'OpaqueRef:later');
  assert.deepEqual(db.get('Parent', p)['children'], [c]);
  db.destroy('Parent', p);
  assert.equal(
    db.get('Child', c)['parent'],
    'OpaqueRef:later',
    'destroying the parent leaves the ref dangling',
  );
});

test('one-to-many within one class (task.subtask_of ↔ task.subtasks)', () => {
  const db = newStore();
  const top = db.create('task', {});
  const sub = db.create('task', { subtask_of: top });
  assert.deepEqual(db.get('task', top)['subtasks'], [sub]);
  db.destroy('task', sub);
  assert.deepEqual(db.get('task', top)['subtasks'], []);
});

test('many-to-many: writing either side updates the other', () => {
  const db = newStore();
  const m1 = db.create('member', {});
  const m2 = db.create('member', {});
  const g1 = db.create('group', { members: [m1, m2, m1] });
  assert.deepEqual(db.get('group', g1)['members'], [m1, m2], 'duplicates are dropped');
  assert.deepEqual(db.get('member', m1)['groups'], [g1]);
  const g2 = db.create('group', {});
  db.addToSet('member', m2, 'groups', g2);
  assert.deepEqual(db.get('group', g2)['members'], [m2]);
  db.update('member', m2, { groups: [g2] });
  assert.deepEqual(db.get('group', g1)['members'], [m1]);
  db.removeFromSet('group', g2, 'members', m2);
  assert.deepEqual(db.get('member', m2)['groups'], []);
  db.destroy('member', m1);
  assert.deepEqual(db.get('group', g1)['members'], []);
  const m3 = db.create('member', { groups: [g1, g2] });
  db.destroy('group', g1);
  assert.deepEqual(db.get('member', m3)['groups'], [g2]);
});

test('map and set helpers', () => {
  const db = newStore();
  const p = db.create('Parent', { other_config: { a: '1' } });
  db.addToMap('Parent', p, 'other_config', 'b', '2');
  assert.deepEqual(db.get('Parent', p)['other_config'], { a: '1', b: '2' });
  assert.throws(
    () => db.addToMap('Parent', p, 'other_config', 'a', 'x'),
    apiCode('MAP_DUPLICATE_KEY', ['Parent', 'other_config', p, 'a']),
  );
  db.removeFromMap('Parent', p, 'other_config', 'a');
  db.removeFromMap('Parent', p, 'other_config', 'absent');
  assert.deepEqual(db.get('Parent', p)['other_config'], { b: '2' });
  db.addToSet('Parent', p, 'tags', 'x');
  db.addToSet('Parent', p, 'tags', 'x');
  db.addToSet('Parent', p, 'tags', 'y');
  db.removeFromSet('Parent', p, 'tags', 'x');
  db.removeFromSet('Parent', p, 'tags', 'zz');
  assert.deepEqual(db.get('Parent', p)['tags'], ['y']);
  assert.throws(() => db.addToMap('Parent', p, 'tags', 'k', 'v'), /not a map/);
  assert.throws(() => db.addToSet('Parent', p, 'other_config', 'v'), /not a set/);
});

test('where evaluates get_all_records_where filters', () => {
  const db = newStore();
  const a = db.create('Parent', { name_label: 'a', is_big: true, weight: 3 });
  db.create('Parent', { name_label: 'b', is_big: false, weight: 3 });
  const got = db.where('Parent', parseFilter('field "is_big"="true" and field "weight"="3"'));
  assert.deepEqual(
    got.map(([r]) => r),
    [a],
  );
  assert.equal(db.where('Parent', parseFilter('field "weight"="3"')).length, 2);
  assert.deepEqual([...db.all('Parent')].length, 2);
});

test('unchanged values are not writes; touch is', () => {
  const db = newStore();
  const p = db.create('Parent', { tags: ['a'] });
  const g = db.current().db;
  db.update('Parent', p, { tags: ['a'] });
  assert.equal(db.current().db, g);
  db.touch('Parent', p);
  assert.equal(db.current().db, g + 1);
});

test('relations must name set/ref fields of DB classes', () => {
  assert.throws(
    () =>
      new MemoryStore({
        classes: testClasses,
        relations: [{ one: ['Child', 'size'], many: ['Parent', 'children'], kind: 'one-to-many' }],
      }),
    /Child.size/,
  );
});

test('the datamodel classes make a store', () => {
  const db = new MemoryStore({ classes });
  const counts = db.validRefCounts();
  for (const c of classes.filter((c) => c.inDb)) assert.equal(counts[c.name.toLowerCase()], 0);
  const task = db.create('task', { name_label: 'copy' });
  assert.equal(db.get('task', task)['status'], 'pending');
});
