import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Throttle } from './throttle.js';

/** A task that runs until released. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

test('no more than the limit run at once; the others wait their turn in order', async () => {
  const t = new Throttle(() => 2);
  const gates = [gate(), gate(), gate()];
  const order: number[] = [];
  const runs = gates.map((g, i) =>
    t.run(async () => {
      order.push(i);
      await g.promise;
    }),
  );
  await Promise.resolve();
  assert.equal(t.active, 2);
  assert.equal(t.queued, 1);
  assert.deepEqual(order, [0, 1]);
  gates[0]?.open();
  await runs[0];
  await Promise.resolve();
  assert.deepEqual(order, [0, 1, 2]);
  assert.equal(t.queued, 0);
  gates[1]?.open();
  gates[2]?.open();
  await Promise.all(runs);
  assert.equal(t.active, 0);
});

test('raising the limit lets waiting calls in at the next release; a failure frees its turn', async () => {
  let limit = 1;
  const t = new Throttle(() => limit);
  const first = gate();
  const running = t.run(() => first.promise);
  const waiters = [gate(), gate()];
  const queued = waiters.map((g) => t.run(() => g.promise));
  await Promise.resolve();
  assert.equal(t.queued, 2);
  limit = 3;
  first.open();
  await running;
  assert.equal(t.active, 2);
  assert.equal(t.queued, 0);
  waiters.forEach((g) => g.open());
  await Promise.all(queued);
  await assert.rejects(
    t.run(() => Promise.reject(new Error('boom'))),
    /boom/,
  );
  assert.equal(t.active, 0);
});
