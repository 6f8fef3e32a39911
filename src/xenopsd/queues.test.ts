// The per-VM queues: FIFO per tag, one worker per tag at a time, different
// tags in parallel up to the pool size, identical waiting check-state merged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Semaphore, WorkQueues, type WorkItem } from './queues.js';

function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

test(
  'items of one tag run one at a time and in order; other tags run alongside',
  { timeout: 10_000 },
  async () => {
    const q = new WorkQueues('t', 4);
    const log: string[] = [];
    let running = 0;
    let most = 0;
    // The a items finish only once b1 has begun: b must run while a is busy.
    const bBegun = gate();
    const item = (name: string): WorkItem => ({
      description: name,
      run: async () => {
        running++;
        most = Math.max(most, running);
        log.push(`begin ${name}`);
        if (name === 'b1') bBegun.open();
        else await bBegun.promise;
        log.push(`end ${name}`);
        running--;
      },
    });
    for (const n of ['a1', 'a2', 'a3']) q.push('a', item(n));
    q.push('b', item('b1'));
    await q.idle();
    const a = log.filter((l) => l.includes(' a'));
    assert.deepEqual(a, ['begin a1', 'end a1', 'begin a2', 'end a2', 'begin a3', 'end a3']);
    assert.ok(log.indexOf('begin b1') < log.indexOf('end a1'), 'b ran while a was busy');
    assert.equal(most, 2);
  },
);

test('the pool bounds how many tags run at once', async () => {
  const q = new WorkQueues('t', 3);
  const g = gate();
  let running = 0;
  let most = 0;
  const full = gate();
  for (let i = 0; i < 10; i++) {
    q.push(`vm${i}`, {
      description: `x${i}`,
      run: async () => {
        most = Math.max(most, ++running);
        if (running === 3) full.open();
        await g.promise;
        running--;
      },
    });
  }
  await full.promise;
  assert.equal(q.diagnostics().workers.filter((w) => w.busy).length, 3);
  g.open();
  await q.idle();
  assert.equal(most, 3);
});

test('an identical waiting item is merged; a running one is not', async () => {
  const q = new WorkQueues('t', 1);
  const g = gate();
  let runs = 0;
  const check = (): WorkItem => ({
    description: 'check',
    mergeKey: 'check vm1',
    run: async () => {
      runs++;
      await g.promise;
    },
  });
  const first = check();
  assert.equal(q.push('vm1', first), first); // starts running
  const second = check();
  assert.equal(q.push('vm1', second), second); // waits behind the running one
  assert.equal(q.push('vm1', check()), second); // merged into the waiting one
  g.open();
  await q.idle();
  assert.equal(runs, 2);
});

test('the semaphore never lets more than its limit through', async () => {
  const s = new Semaphore(2);
  let inside = 0;
  let most = 0;
  // Nobody leaves before the semaphore is full, so the first ones overlap.
  const full = gate();
  await Promise.all(
    Array.from({ length: 8 }, () =>
      s.with(async () => {
        most = Math.max(most, ++inside);
        if (inside === 2) full.open();
        await full.promise;
        inside--;
      }),
    ),
  );
  assert.equal(most, 2);
  assert.equal(s.inUse, 0);
});
