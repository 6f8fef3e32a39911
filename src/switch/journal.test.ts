import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal, parseLog, replay, snapshotRecords, type JournalRecord } from './journal.js';

const oneway = { type: 'oneway' } as const;

test('replay folds creates, sends, acks and destroys into the live set', () => {
  const log: JournalRecord[] = [
    { c: 'a', next: 10 },
    { s: 'a', n: 10, p: 'x', k: oneway, t: 1 },
    { s: 'a', n: 11, p: 'y', k: oneway, t: 2 },
    { a: 'a', n: 10 },
    { c: 'b', next: 1 },
    { s: 'b', n: 1, p: 'z', k: oneway, t: 3 },
    { d: 'b' },
    { s: 'gone', n: 1, p: 'ignored', k: oneway, t: 4 },
  ];
  const qs = replay(log);
  assert.deepEqual([...qs.keys()], ['a']);
  const a = qs.get('a');
  assert.equal(a?.nextId, 12);
  assert.deepEqual([...(a?.messages.values() ?? [])], [{ id: 11, payload: 'y', kind: oneway, sent: 2 }]);
  // A snapshot replays to the same state.
  assert.deepEqual(replay(snapshotRecords(qs.values())), qs);
});

test('a torn last line is ignored', () => {
  const text =
    '{"c":"a","next":1}\n{"s":"a","n":1,"p":"x","k":{"type":"oneway"},"t":1}\n{"s":"a","n":2,"p":"ha';
  const { records, bad } = parseLog(text);
  assert.equal(records.length, 2);
  assert.equal(bad, 1);
});

for (const policy of ['fsync', 'none'] as const) {
  test(`appends are grouped, durable after sync, and replayed on reopen (${policy})`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'j');
    const { journal, queues } = Journal.open(path, policy);
    assert.equal(queues.size, 0);
    journal.append({ c: 'q', next: 1 });
    for (let i = 1; i <= 100; i++) journal.append({ s: 'q', n: i, p: `m${i}`, k: oneway, t: i });
    await journal.sync();
    for (let i = 1; i <= 50; i++) journal.append({ a: 'q', n: i });
    await journal.sync();
    const st = journal.stats();
    assert.equal(st.records, 151);
    assert.ok(st.commits <= 3, `grouped into few commits (${st.commits})`);
    await journal.close();
    // Simulate a crash mid-write, then reopen: the live set is back and the log is compacted.
    appendFileSync(path, '{"a":"q","n":5');
    const again = Journal.open(path, policy);
    const q = again.queues.get('q');
    assert.equal(q?.messages.size, 50);
    assert.equal(q?.nextId, 101);
    assert.equal(readFileSync(path, 'utf8').trim().split('\n').length, 51);
    await again.journal.close();
  });
}

test('compaction rewrites the log from a snapshot and keeps appending', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'j');
  const { journal } = Journal.open(path, 'none');
  journal.append({ c: 'q', next: 1 });
  journal.append({ s: 'q', n: 1, p: 'keep', k: oneway, t: 1 });
  journal.append({ s: 'q', n: 2, p: 'drop', k: oneway, t: 1 });
  journal.append({ a: 'q', n: 2 });
  await journal.sync();
  // The snapshot is taken when the compaction runs, so it covers what was appended meanwhile.
  let live: JournalRecord[] = [
    { c: 'q', next: 3 },
    { s: 'q', n: 1, p: 'keep', k: oneway, t: 1 },
  ];
  journal.requestCompaction(() => live);
  journal.append({ s: 'q', n: 3, p: 'after', k: oneway, t: 2 });
  live = [...live, { s: 'q', n: 3, p: 'after', k: oneway, t: 2 }];
  await journal.sync();
  journal.append({ s: 'q', n: 4, p: 'later', k: oneway, t: 3 });
  await journal.sync();
  await journal.close();
  const { records } = parseLog(readFileSync(path, 'utf8'));
  assert.equal(journal.stats().compactions, 1);
  assert.deepEqual(
    records.map((r) => ('s' in r ? r.p : 'c' in r ? 'create' : '?')),
    ['create', 'keep', 'after', 'later'],
  );
});
