// The object store conformance suite: what every ObjectStore backend must do,
// written once. The in-memory store (no persistence), the SQLite-backed store
// and the etcd-backed pool store each call `runStoreConformance` with a
// factory; tests that need a reopen skip, with the reason, on a backend that
// has no durable state.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../../src/datamodel/api-error.js';
import { formatToken } from '../../src/db/events.js';
import type { ChangeEvent, ObjectStore } from '../../src/db/store.js';

export interface StoreInstance {
  readonly store: ObjectStore;
  /**
   * Close this store and open the database again from its durable state
   * (SQLite: the file, as after a crash or restart; etcd: a new master
   * loading the pool database). Absent for a store without persistence.
   */
  readonly reopen?: () => Promise<ObjectStore>;
  /** Close whatever is open and delete the database. */
  dispose(): Promise<void>;
}

export interface StoreBackend {
  readonly name: string;
  /** A reason to skip every test (e.g. etcd not installed). */
  readonly skip?: string | false;
  /** A fresh, empty database with the test classes (src/db/test-classes.ts). */
  open(opts?: { readonly tombstoneLimit?: number }): Promise<StoreInstance>;
}

const brief = (evs: readonly ChangeEvent[]): string[] => evs.map((e) => `${e.operation} ${e.class} ${e.ref}`);

function apiCode(code: string, params?: readonly string[]) {
  return (e: unknown): boolean =>
    e instanceof ApiError &&
    e.code === code &&
    (params === undefined || JSON.stringify(e.params) === JSON.stringify(params));
}

export function runStoreConformance(backend: StoreBackend): void {
  const persistent = async (inst: StoreInstance): Promise<ObjectStore> => {
    assert.ok(inst.reopen, 'reopen');
    return inst.reopen();
  };
  const with_ = (
    name: string,
    fn: (inst: StoreInstance) => Promise<void>,
    o: { tombstoneLimit?: number; needsReopen?: boolean } = {},
  ): void => {
    test(name, async (t) => {
      if (backend.skip) return t.skip(backend.skip);
      const inst = await backend.open(
        o.tombstoneLimit === undefined ? {} : { tombstoneLimit: o.tombstoneLimit },
      );
      try {
        if (o.needsReopen && !inst.reopen) return t.skip(`${backend.name} has no durable state to reopen`);
        await fn(inst);
      } finally {
        await inst.dispose();
      }
    });
  };

  describe(`store conformance: ${backend.name}`, () => {
    with_(
      'round trip: records, relations, generations, tombstones and counters survive a reopen',
      async (inst) => {
        let db = inst.store;
        const p = db.create('Parent', { name_label: 'p', tags: ['x'], other_config: { k: 'v' }, weight: 7 });
        const c = db.create('Child', { parent: p, size: 3 });
        const g = db.create('group', {});
        const m = db.create('member', { groups: [g] });
        const gone = db.create('Parent', {});
        const h = db.create('hidden', { value: 'v' });
        const token = db.changesSince('', ['*']).token;
        db.destroy('Parent', gone);
        db.destroy('hidden', h);
        db.update('Parent', p, { scratch: 'changed' });
        db.bumpMessageGeneration();
        const before = [...db.all('Parent')];
        const current = db.current();
        await db.flush();

        db = await persistent(inst);
        assert.deepEqual(db.current(), current);
        assert.deepEqual(db.get('Parent', p), { ...before.find(([r]) => r === p)?.[1], scratch: 'fresh' });
        assert.deepEqual(db.get('Parent', p)['children'], [c]);
        assert.deepEqual(db.get('group', g)['members'], [m]);
        assert.equal(db.refByUuid('Child', db.get('Child', c)['uuid'] as string), c);
        assert.deepEqual(db.refsByNameLabel('Parent', 'p'), [p]);
        assert.ok(!db.has('hidden', h) && !db.has('Parent', gone));
        // a token from before the restart still gets the deletion
        const r = db.changesSince(token, ['parent']);
        assert.deepEqual(
          r.events.map((e) => `${e.operation} ${e.ref}`),
          [`del ${gone}`, `mod ${p}`],
        );
        // and new writes continue the generation sequence
        db.create('Parent', {});
        assert.equal(db.current().db, current.db + 1);
        await db.flush();
      },
      { needsReopen: true },
    );

    with_(
      'group commit: many writes in one turn, one flush each; all of them are durable',
      async (inst) => {
        let db = inst.store;
        await db.flush();
        const refs = Array.from({ length: 200 }, (_, i) => db.create('Parent', { weight: i }));
        await Promise.all(refs.map(() => db.flush()));
        db = await persistent(inst);
        assert.equal(db.count('Parent'), 200);
        assert.deepEqual(
          refs.map((r) => db.get('Parent', r)['weight']),
          refs.map((_, i) => i),
        );
      },
      { needsReopen: true },
    );

    with_(
      'the tombstone window survives a reopen; waiters are released on close',
      async (inst) => {
        let db = inst.store;
        const refs = [db.create('Parent', {}), db.create('Parent', {}), db.create('Parent', {})];
        const old = db.changesSince('', ['*']).token;
        for (const r of refs) db.destroy('Parent', r);
        const recent = db.changesSince('', ['*']).token;
        const waiting = db.waitForChange(db.current());
        await db.flush();
        db = await persistent(inst);
        assert.equal(await waiting, false);
        assert.throws(() => db.changesSince(old, ['*']), apiCode('EVENTS_LOST', []));
        assert.deepEqual(db.changesSince(recent, ['*']).events, []);
        const loaded = db.get('Parent', db.create('Parent', { tags: ['a'] }));
        await db.flush();
        db = await persistent(inst);
        const [, row] = [...db.all('Parent')][0] ?? [];
        assert.ok(row && Object.isFrozen(row) && Object.isFrozen(row['tags']), 'loaded rows are frozen');
        assert.deepEqual(row, loaded);
      },
      { tombstoneLimit: 2, needsReopen: true },
    );

    with_('a transaction that throws leaves nothing behind, relations included', async (inst) => {
      const db = inst.store;
      const p = db.create('Parent', { name_label: 'before' });
      const c = db.create('Child', { parent: p, size: 1 });
      const before = db.current();
      assert.throws(() =>
        db.transaction(() => {
          db.update('Parent', p, { name_label: 'after' });
          db.create('Child', { parent: p, size: 2 }, 'OpaqueRef:c2');
          db.destroy('Child', c);
          throw new Error('boom');
        }),
      );
      assert.equal(db.get('Parent', p)['name_label'], 'before');
      assert.deepEqual(db.refsByNameLabel('Parent', 'before'), [p]);
      assert.deepEqual(db.get('Parent', p)['children'], [c]);
      assert.ok(!db.has('Child', 'OpaqueRef:c2'));
      assert.equal(db.classOf('OpaqueRef:c2'), undefined);
      assert.deepEqual(db.current(), before);
      assert.deepEqual(db.changesSince(formatToken(before), ['*']).events, []);

      // a nested transaction that throws is undone even if the outer one goes on
      db.transaction(() => {
        db.update('Parent', p, { weight: 1 });
        assert.throws(() =>
          db.transaction(() => {
            db.update('Parent', p, { weight: 2 });
            throw new Error('inner');
          }),
        );
      });
      assert.equal(db.get('Parent', p)['weight'], 1);
      // all writes of one transaction share one generation
      assert.equal(db.current().db, before.db + 1);
      assert.throws(() => db.transaction(() => Promise.resolve(1)), /synchronous/);
      await db.flush();
      if (inst.reopen) {
        const again = await inst.reopen();
        assert.deepEqual(again.current(), db.current());
        assert.ok(!again.has('Child', 'OpaqueRef:c2'));
        assert.equal(again.get('Parent', p)['weight'], 1);
        assert.deepEqual(again.get('Parent', p)['children'], [c]);
      }
    });

    with_('add, mod and del are coalesced per object relative to the token', async (inst) => {
      const db = inst.store;
      const kept = db.create('Parent', {});
      const modified = db.create('Parent', {});
      const deleted = db.create('Parent', {});
      const token = db.changesSince('', ['*']).token;
      db.update('Parent', modified, { weight: 1 });
      db.update('Parent', modified, { weight: 2 });
      db.destroy('Parent', deleted);
      const added = db.create('Parent', {});
      db.update('Parent', added, { weight: 5 });
      const transient = db.create('Parent', {});
      db.destroy('Parent', transient);
      const check = (s: ObjectStore): void => {
        const r = s.changesSince(token, ['*']);
        assert.deepEqual(
          brief(r.events).sort(),
          [`add parent ${added}`, `del parent ${deleted}`, `mod parent ${modified}`].sort(),
        );
        const mod = r.events.find((e) => e.ref === modified);
        assert.equal(mod?.snapshot?.['weight'], 2);
        assert.equal(mod?.id, s.current().db - 5);
        assert.equal(r.events.find((e) => e.ref === deleted)?.snapshot, undefined);
        assert.equal(r.events.find((e) => e.ref === added)?.snapshot?.['weight'], 5);
        assert.ok(!r.events.some((e) => e.ref === kept));
        // events are in generation order, and the new token sees nothing more
        assert.deepEqual(
          r.events.map((e) => e.id),
          [...r.events.map((e) => e.id)].sort((a, b) => a - b),
        );
        assert.deepEqual(s.changesSince(r.token, ['*']).events, []);
      };
      check(db);
      await db.flush();
      if (inst.reopen) check(await inst.reopen());
    });

    with_(
      'EVENTS_LOST once deletions older than the token are forgotten, or for a token from the future',
      async (inst) => {
        const db = inst.store;
        const refs = Array.from({ length: 6 }, () => db.create('Parent', {}));
        const old = db.changesSince('', ['*']).token;
        db.destroy('Parent', refs[0] as string);
        const recent = db.changesSince('', ['*']).token;
        for (const r of refs.slice(1)) db.destroy('Parent', r);
        const check = (s: ObjectStore): void => {
          assert.throws(() => s.changesSince(old, ['*']), apiCode('EVENTS_LOST', []));
          assert.equal(s.changesSince(recent, ['*']).events.length, 5);
          const now = s.current();
          assert.throws(
            () => s.changesSince(formatToken({ db: now.db + 1, message: 0 }), ['*']),
            apiCode('EVENTS_LOST'),
          );
          assert.throws(
            () => s.changesSince(formatToken({ db: now.db, message: 1 }), ['*']),
            apiCode('EVENTS_LOST'),
          );
        };
        check(db);
        await db.flush();
        if (inst.reopen) check(await inst.reopen());
      },
      { tombstoneLimit: 5 },
    );

    with_('waitForChange wakes on a write, on a message, and on abort', async (inst) => {
      const db = inst.store;
      const now = db.current();
      const woken = db.waitForChange(now);
      db.create('Parent', {});
      assert.equal(await woken, true);
      assert.equal(await db.waitForChange(now), true, 'already changed: resolves at once');

      const later = db.current();
      const onMessage = db.waitForChange(later);
      db.bumpMessageGeneration();
      assert.equal(await onMessage, true);

      const quiet = db.current();
      const ac = new AbortController();
      const aborted = db.waitForChange(quiet, ac.signal);
      db.create('hidden', {}); // no events: does not wake
      let settled = false;
      void aborted.then(() => (settled = true));
      await new Promise((r) => setImmediate(r));
      assert.equal(settled, false);
      ac.abort();
      assert.equal(await aborted, false);
      assert.equal(await db.waitForChange(quiet, ac.signal), false);
      await db.flush();
    });
  });
}
