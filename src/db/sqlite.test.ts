import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { defineClass, field, t } from '../datamodel/build.js';
import type { ClassDecl } from '../datamodel/types.js';
import { FORMAT_VERSION, openDatabase } from './sqlite.js';
import { parent, testClasses, testRelations } from './test-classes.js';
import { runStoreConformance } from '../../test/conformance/store.suite.js';

runStoreConformance({
  name: 'SQLite',
  open: async (o = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'xapi-db-'));
    const opts = { path: join(dir, 'state.db'), classes: testClasses, relations: testRelations, ...o };
    let store = openDatabase(opts);
    return {
      get store() {
        return store;
      },
      // The suite flushes before every reopen, so close() has nothing left to
      // write: the reopened file holds what a SIGKILL at that point would leave
      // (test/db-sigkill.test.ts kills a real writer mid-stream).
      reopen: async () => {
        await store.close();
        store = openDatabase(opts);
        return store;
      },
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});

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
