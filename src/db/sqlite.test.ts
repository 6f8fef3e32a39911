import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ApiError } from '../datamodel/api-error.js';
import { defineClass, field, t } from '../datamodel/build.js';
import type { ClassDecl } from '../datamodel/types.js';
import { FORMAT_VERSION, openDatabase } from './sqlite.js';
import { parent, testClasses, testRelations } from './test-classes.js';

function withDir(fn: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xapi-db-'));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

const open = (path: string, classes: readonly ClassDecl[] = testClasses) =>
  openDatabase({ path, classes, relations: testRelations });

test(
  'round trip: records, relations, generations, tombstones and counters survive a reopen',
  withDir(async (dir) => {
    const path = join(dir, 'state.db');
    let db = open(path);
    const p = db.create('Parent', { name_label: 'p', tags: ['x'], other_config: { k: 'v' }, weight: 7 });
    const c = db.create('Child', { parent: p, size: 3 });
    const g = db.create('group', {});
    const m = db.create('member', { groups: [g] });
    const gone = db.create('Parent', {});
    const token = db.changesSince('', ['*']).token;
    db.destroy('Parent', gone);
    db.update('Parent', p, { scratch: 'changed' });
    db.bumpMessageGeneration();
    const before = [...db.all('Parent')];
    const current = db.current();
    await db.flush();
    await db.close();

    db = open(path);
    assert.deepEqual(db.current(), current);
    assert.deepEqual(db.get('Parent', p), { ...before.find(([r]) => r === p)?.[1], scratch: 'fresh' });
    assert.deepEqual(db.get('Parent', p)['children'], [c]);
    assert.deepEqual(db.get('group', g)['members'], [m]);
    assert.equal(db.refByUuid('Child', db.get('Child', c)['uuid'] as string), c);
    assert.deepEqual(db.refsByNameLabel('Parent', 'p'), [p]);
    // a token from before the restart still gets the deletion
    const r = db.changesSince(token, ['parent']);
    assert.deepEqual(
      r.events.map((e) => `${e.operation} ${e.ref}`),
      [`del ${gone}`, `mod ${p}`],
    );
    // and new writes continue the generation sequence
    db.create('Parent', {});
    assert.equal(db.current().db, current.db + 1);
    await db.close();
    await db.close();
    assert.throws(() => db.create('Parent', {}), /closed/);
  }),
);

test(
  'group commit: many writes in one turn, one flush; flush with nothing pending resolves',
  withDir(async (dir) => {
    const path = join(dir, 'state.db');
    const db = open(path);
    await db.flush();
    const refs = Array.from({ length: 200 }, (_, i) => db.create('Parent', { weight: i }));
    const flushes = refs.map(() => db.flush());
    await Promise.all(flushes);
    // Read the file through a second connection is impossible (exclusive
    // lock), so close and check the rows through SQLite directly.
    await db.close();
    const raw = new Database(path, { readonly: true });
    const n = raw.prepare("SELECT count(*) AS n FROM objects WHERE cls = 'Parent'").get() as { n: number };
    raw.close();
    assert.equal(n.n, 200);
  }),
);

test(
  'a second server cannot open the same database',
  withDir(async (dir) => {
    const path = join(dir, 'state.db');
    const db = open(path);
    db.create('Parent', {});
    await db.flush();
    assert.throws(
      () => openDatabase({ path, classes: testClasses, relations: testRelations, lockTimeoutMs: 50 }),
      /locked/,
    );
    await db.close();
  }),
);

test(
  'a newer format is refused; fields added to the datamodel get their defaults',
  withDir(async (dir) => {
    const path = join(dir, 'state.db');
    let db = open(path);
    const p = db.create('Parent', { name_label: 'old' });
    await db.close();

    const grown = defineClass({
      ...parent,
      writeRole: 'pool-admin',
      fields: [...parent.fields, field('colour', t.string, 'RW', 'New field.', { default: 'blue' })],
    });
    db = open(
      path,
      testClasses.map((c) => (c.name === 'Parent' ? grown : c)),
    );
    assert.equal(db.get('Parent', p)['colour'], 'blue');
    assert.equal(db.get('Parent', p)['name_label'], 'old');
    db.update('Parent', p, { colour: 'red' });
    await db.close();
    // and fields the datamodel dropped are dropped from records
    db = open(path);
    assert.ok(!('colour' in db.get('Parent', p)));
    await db.close();

    const raw = new Database(path);
    raw.pragma(`user_version = ${FORMAT_VERSION + 1}`);
    raw.close();
    assert.throws(() => open(path), /database format/);
  }),
);

test(
  'a failed commit rejects flush and is retried',
  withDir(async (dir) => {
    const path = join(dir, 'state.db');
    const db = open(path);
    const p = db.create('Parent', {});
    await db.flush();
    // Make the next commit fail: a trigger that aborts writes of one ref.
    const store = db as unknown as { sink: { db: Database.Database } };
    store.sink.db.exec(
      `CREATE TEMP TRIGGER refuse BEFORE INSERT ON objects WHEN NEW.data LIKE '%"weight":1%' BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
    db.update('Parent', p, { weight: 1 });
    await assert.rejects(db.flush(), /refused/);
    store.sink.db.exec('DROP TRIGGER refuse');
    await db.flush();
    await db.close();
    const again = open(path);
    assert.equal(again.get('Parent', p)['weight'], 1);
    await again.close();
  }),
);

test(
  'the tombstone window survives a reopen; waiters are released on close',
  withDir(async (dir) => {
    const path = join(dir, 'state.db');
    const opts = { path, classes: testClasses, relations: testRelations, tombstoneLimit: 2 };
    let db = openDatabase(opts);
    const refs = [db.create('Parent', {}), db.create('Parent', {}), db.create('Parent', {})];
    const old = db.changesSince('', ['*']).token;
    for (const r of refs) db.destroy('Parent', r);
    const recent = db.changesSince('', ['*']).token;
    const waiting = db.waitForChange(db.current());
    await db.close();
    assert.equal(await waiting, false);

    db = openDatabase(opts);
    assert.throws(
      () => db.changesSince(old, ['*']),
      (e: unknown) => e instanceof ApiError && e.code === 'EVENTS_LOST',
    );
    assert.deepEqual(db.changesSince(recent, ['*']).events, []);
    const loaded = db.get('Parent', db.create('Parent', { tags: ['a'] }));
    await db.close();
    db = openDatabase(opts);
    const [, row] = [...db.all('Parent')][0] ?? [];
    assert.ok(row && Object.isFrozen(row) && Object.isFrozen(row['tags']), 'loaded rows are frozen');
    assert.deepEqual(row, loaded);
    await db.close();
  }),
);
