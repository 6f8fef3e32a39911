import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBatched } from './host-evacuate.js';

test('evacuation batches: at most n moves at a time, each slot refilled as a move ends', async () => {
  const running = new Set<number>();
  let most = 0;
  const order: number[] = [];
  const releases = new Map<number, () => void>();
  const counts: number[] = [];
  const run = runBatched(
    [1, 2, 3, 4, 5],
    2,
    (i) =>
      new Promise<void>((resolve) => {
        running.add(i);
        order.push(i);
        most = Math.max(most, running.size);
        releases.set(i, () => {
          running.delete(i);
          resolve();
        });
      }),
    (c) => counts.push(c),
  );
  const settle = () => new Promise((r) => setImmediate(r));
  await settle();
  assert.deepEqual(order, [1, 2]);
  releases.get(2)?.();
  await settle();
  assert.deepEqual(order, [1, 2, 3]);
  for (const i of [1, 3, 4, 5]) {
    releases.get(i)?.();
    await settle();
  }
  await run;
  assert.equal(most, 2);
  assert.deepEqual(order, [1, 2, 3, 4, 5]);
  assert.deepEqual(counts, [1, 2, 3, 4, 5]);
});

test('evacuation batches: a failure stops new moves, waits for those started, then is thrown', async () => {
  const started: number[] = [];
  await assert.rejects(
    runBatched([1, 2, 3, 4], 2, async (i) => {
      started.push(i);
      if (i === 1) throw new Error('move 1 failed');
      await new Promise((r) => setImmediate(r));
    }),
    /move 1 failed/,
  );
  assert.deepEqual(started, [1, 2]);
  await runBatched([], 0, async () => assert.fail('nothing to run'));
});
