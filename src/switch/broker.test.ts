import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../datamodel/api-error.js';
import { Broker } from './broker.js';
import type { Delivered, OutMessage } from './protocol.js';

const msg = (queue: string, payload: string): OutMessage => ({ queue, payload, kind: { type: 'oneway' } });

function take(b: Broker, s: ReturnType<Broker['attach']>, queues: string[], max = 100): Delivered[] {
  let got: Delivered[] = [];
  b.transfer(queues, max, 0, s, (m) => (got = m));
  return got;
}

test('messages go to one consumer at a time and acks remove them', () => {
  const b = new Broker();
  const a = b.attach('a');
  const c = b.attach('c');
  b.create('q', true, undefined);
  b.send([msg('q', '1'), msg('q', '2'), msg('q', '3')], undefined);
  const first = take(b, a, ['q'], 2);
  assert.deepEqual(
    first.map((m) => m.payload),
    ['1', '2'],
  );
  assert.deepEqual(
    take(b, c, ['q']).map((m) => m.payload),
    ['3'],
  );
  assert.deepEqual(take(b, c, ['q']), []);
  const q = b.mustGet('q');
  assert.equal(q.inflight, 3);
  b.ack([first[0]!.id, ['q', 999], ['nope', 1]], a);
  assert.equal(q.messages.size, 2);
  assert.equal(q.inflight, 2);
});

test('the in-flight messages of a departed session are delivered again, in order, first', () => {
  const b = new Broker();
  const a = b.attach('a');
  b.create('q', true, undefined);
  b.send([msg('q', '1'), msg('q', '2'), msg('q', '3')], undefined);
  const held = take(b, a, ['q'], 2);
  b.send([msg('q', '4')], undefined);
  b.detach(a);
  const c = b.attach('c');
  const again = take(b, c, ['q']);
  assert.deepEqual(
    again.map((m) => [m.payload, m.delivery]),
    [
      ['1', 2],
      ['2', 2],
      ['3', 1],
      ['4', 1],
    ],
  );
  assert.deepEqual(
    held.map((m) => m.id),
    again.slice(0, 2).map((m) => m.id),
  );
});

test('a waiting transfer is woken by a send and a burst is shared between waiters', () => {
  const b = new Broker();
  b.create('q', true, undefined);
  const got: Record<string, string[]> = { a: [], c: [] };
  for (const name of ['a', 'c']) {
    b.transfer(['q'], 100, 10_000, b.attach(name), (m) => got[name]!.push(...m.map((x) => x.payload)));
  }
  b.send([msg('q', '1'), msg('q', '2'), msg('q', '3'), msg('q', '4')], undefined);
  assert.deepEqual(got, { a: ['1', '2'], c: ['3', '4'] });
});

test('transient queues belong to their session and vanish with it', () => {
  const b = new Broker();
  const s = b.attach('s');
  b.attach('s'); // a second connection of the same session
  b.create('reply', false, s);
  assert.throws(
    () => b.create('reply', true, undefined),
    (e: unknown) => e instanceof ApiError && e.code === 'MESSAGE_SWITCH_QUEUE_EXISTS',
  );
  assert.throws(
    () => b.create('t2', false, undefined),
    (e: unknown) => e instanceof ApiError && e.code === 'MESSAGE_SWITCH_SESSION_REQUIRED',
  );
  b.detach(s);
  assert.deepEqual(b.list('', false), ['reply']);
  b.detach(s);
  assert.deepEqual(b.list('', false), []);
  const [r] = b.send([msg('reply', 'x')], undefined);
  assert.deepEqual(r, { error: { code: 'MESSAGE_SWITCH_QUEUE_NOT_FOUND', params: ['reply'] } });
});

test('liveness: a queue is alive while a connected session consumes it', () => {
  const b = new Broker();
  b.create('org.xen.xapi.a', true, undefined);
  b.create('org.xen.xapi.b', true, undefined);
  assert.deepEqual(b.list('org.xen.xapi.', true), []);
  const s = b.attach('svc');
  b.subscribe('org.xen.xapi.a', s);
  assert.deepEqual(b.list('org.xen.xapi.', true), ['org.xen.xapi.a']);
  assert.deepEqual(b.list('org.xen.xapi.', false), ['org.xen.xapi.a', 'org.xen.xapi.b']);
  b.detach(s);
  assert.deepEqual(b.list('org.xen.xapi.', true), []);
});

test('messages taken but never handed over are released', () => {
  const b = new Broker();
  const a = b.attach('a');
  b.create('q', true, undefined);
  b.send([msg('q', '1')], undefined);
  const got = take(b, a, ['q']);
  b.release(
    got.map((m) => m.id),
    a,
  );
  assert.equal(b.mustGet('q').inflight, 0);
  assert.deepEqual(
    take(b, a, ['q']).map((m) => m.payload),
    ['1'],
  );
});

test('the trace records sends, deliveries and acks with timings', () => {
  let now = 1000;
  const b = new Broker({ now: () => now });
  const a = b.attach('a');
  b.create('q', true, undefined);
  b.send(
    [{ queue: 'q', payload: 'p', kind: { type: 'request', replyTo: 'r', correlation: '9' } }],
    undefined,
  );
  now = 1005;
  const [m] = take(b, a, ['q']);
  now = 1012;
  b.ack([m!.id], a);
  const ev = b.trace.since(-1).map((e) => [e.event, e.correlation, e.waitedMs, e.heldMs]);
  assert.deepEqual(ev, [
    ['send', '9', undefined, undefined],
    ['deliver', '9', 5, undefined],
    ['ack', '9', 12, 7],
  ]);
});

test('the trace ring keeps the most recent events and truncates payloads', async () => {
  const { TraceRing } = await import('./trace.js');
  const ring = new TraceRing(3, 4);
  for (let i = 0; i < 5; i++) ring.add('send', 'q', i, { type: 'oneway' }, undefined, i, `payload-${i}`);
  assert.deepEqual(
    ring.since(-1).map((e) => [e.seq, e.payload]),
    [
      [2, 'payl'],
      [3, 'payl'],
      [4, 'payl'],
    ],
  );
  assert.deepEqual(
    ring.since(3).map((e) => e.seq),
    [4],
  );
  assert.equal(ring.last, 4);
});

test('rates are computed over the sampled window', async () => {
  const { RateMeter } = await import('./trace.js');
  const m = new RateMeter();
  const c = { sent: 0, delivered: 0, acked: 0 };
  assert.deepEqual(m.rates(c), { sent_per_s: 0, delivered_per_s: 0, acked_per_s: 0 });
  for (let s = 0; s < 5; s++) {
    m.sample(c);
    c.sent += 10;
    c.delivered += 10;
    c.acked += 4;
  }
  assert.deepEqual(m.rates(c), { sent_per_s: 10, delivered_per_s: 10, acked_per_s: 4 });
});
