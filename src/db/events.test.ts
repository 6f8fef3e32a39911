import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../datamodel/api-error.js';
import { formatToken, parseToken } from './events.js';
import { MemoryStore } from './memory.js';
import type { ChangeEvent } from './store.js';
import { testClasses, testRelations } from './test-classes.js';

const newStore = (tombstoneLimit?: number): MemoryStore =>
  new MemoryStore({
    classes: testClasses,
    relations: testRelations,
    ...(tombstoneLimit === undefined ? {} : { tombstoneLimit }),
  });

function apiCode(code: string, params?: readonly string[]) {
  return (e: unknown): boolean =>
    e instanceof ApiError &&
    e.code === code &&
    (params === undefined || JSON.stringify(e.params) === JSON.stringify(params));
}

const brief = (evs: readonly ChangeEvent[]): string[] => evs.map((e) => `${e.operation} ${e.class} ${e.ref}`);

test('tokens are %020d,%020d and compare lexicographically', () => {
  assert.equal(formatToken({ db: 1234, message: 17 }), '00000000000000001234,00000000000000000017');
  assert.deepEqual(parseToken('00000000000000001234,00000000000000000017'), { db: 1234, message: 17 });
  assert.deepEqual(parseToken('5,0'), { db: 5, message: 0 });
  assert.equal(parseToken(''), null);
  assert.ok(formatToken({ db: 9, message: 0 }) < formatToken({ db: 10, message: 0 }));
  for (const bad of ['x', '1', '1,2,3', '-1,0', '1,', ' 1,2', '1.5,0', '99999999999999999999,0']) {
    assert.throws(() => parseToken(bad), apiCode('EVENT_FROM_TOKEN_PARSE_FAILURE', [bad]));
  }
});

test('"" is a full dump of existing objects as add events', () => {
  const db = newStore();
  const p = db.create('Parent', { name_label: 'p' });
  const gone = db.create('Parent', {});
  db.destroy('Parent', gone);
  db.create('hidden', {});
  db.create('session', {});
  const r = db.changesSince('', ['*']);
  assert.deepEqual(brief(r.events), [`add parent ${p}`]);
  assert.deepEqual(r.events[0]?.snapshot, db.get('Parent', p));
  assert.equal(r.events[0]?.table, 'Parent');
  assert.equal(r.token, formatToken(db.current()));
  assert.equal(r.messagesSince, null);
});

test('relation updates produce mod events on the set side', () => {
  const db = newStore();
  const p = db.create('Parent', {});
  const token = db.changesSince('', ['*']).token;
  const c = db.create('Child', { parent: p, size: 1 });
  assert.deepEqual(
    brief(db.changesSince(token, ['*']).events).sort(),
    [`add child ${c}`, `mod parent ${p}`].sort(),
  );
});

test('subscriptions: classes, class/ref, case-insensitive; bad ones rejected', () => {
  const db = newStore();
  const token = db.changesSince('', ['*']).token;
  const p1 = db.create('Parent', {});
  const p2 = db.create('Parent', {});
  const t = db.create('task', {});
  assert.deepEqual(brief(db.changesSince(token, ['PARENT']).events), [
    `add parent ${p1}`,
    `add parent ${p2}`,
  ]);
  assert.deepEqual(brief(db.changesSince(token, ['task']).events), [`add task ${t}`]);
  assert.deepEqual(brief(db.changesSince(token, [`parent/${p2.toUpperCase()}`]).events), [
    `add parent ${p2}`,
  ]);
  assert.deepEqual(brief(db.changesSince('', [`Parent/${p1}`]).events), [`add parent ${p1}`]);
  assert.deepEqual(db.changesSince(token, ['nosuchclass']).events, []);
  assert.deepEqual(db.changesSince(token, []).events, []);
  assert.throws(
    () => db.changesSince(token, ['a/b/c']),
    apiCode('EVENT_SUBSCRIPTION_PARSE_FAILURE', ['a/b/c']),
  );
  assert.throws(
    () => db.changesSince('garbage', ['*']),
    apiCode('EVENT_FROM_TOKEN_PARSE_FAILURE', ['garbage']),
  );
});

test('classes without events never produce any', () => {
  const db = newStore();
  const token = db.changesSince('', ['*']).token;
  const h = db.create('hidden', {});
  db.update('hidden', h, { value: 'x' });
  db.create('session', {});
  assert.deepEqual(db.changesSince(token, ['*', 'hidden', 'session']).events, []);
  db.destroy('hidden', h);
  assert.deepEqual(db.changesSince(token, ['*']).events, []);
});

test('the message generation is part of the token', () => {
  const db = newStore();
  const r0 = db.changesSince('', ['*']);
  assert.equal(db.bumpMessageGeneration(), 1);
  const r1 = db.changesSince(r0.token, ['message']);
  assert.equal(r1.messagesSince, 0);
  assert.equal(r1.token, formatToken({ db: 0, message: 1 }));
});

test('valid_ref_counts lists every table', () => {
  const db = newStore();
  db.create('Parent', {});
  db.create('session', {});
  assert.deepEqual(db.validRefCounts(), {
    session: 1,
    task: 0,
    parent: 1,
    child: 0,
    group: 0,
    member: 0,
    hidden: 0,
  });
});
