import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../datamodel/api-error.js';
import { encodeRequest, parseRequest, type Command } from './protocol.js';

const roundTrip = (c: Command): Command => {
  const e = encodeRequest(c);
  return parseRequest({ method: e.method, url: e.path }, e.body ?? '');
};

function rejects(method: string, url: string, body: string, code: string, params?: string[]): void {
  assert.throws(
    () => parseRequest({ method, url }, body),
    (e: unknown) =>
      e instanceof ApiError &&
      e.code === code &&
      (params === undefined || assert.deepEqual(e.params, params) === undefined),
  );
}

test('every command survives encoding and parsing', () => {
  const commands: Command[] = [
    { op: 'login', token: 'xapi:12 a/b' },
    { op: 'create', queue: 'org.xen.xapi.xenops.simulator', persistent: true },
    { op: 'create', queue: 'reply.q%1', persistent: false },
    { op: 'destroy', queue: 'q' },
    { op: 'subscribe', queue: 'q' },
    {
      op: 'send',
      messages: [
        { queue: 'q', payload: '{"method":"x"}', kind: { type: 'request', replyTo: 'r', correlation: '7' } },
        { queue: 'r', payload: 'ok', kind: { type: 'response', correlation: '7' } },
        { queue: 'q', payload: '', kind: { type: 'oneway' } },
      ],
      acks: [['q', 12]],
    },
    {
      op: 'send',
      messages: [{ queue: 'q', payload: 'x', kind: { type: 'oneway' } }],
      acks: [],
      transfer: { queues: ['r'], timeout: 0.25, max: 1000 },
    },
    { op: 'transfer', queues: ['a', 'b'], timeout: 2.5, max: 10, acks: [['a', 1]] },
    {
      op: 'ack',
      ids: [
        ['q', 3],
        ['r', 4],
      ],
    },
    { op: 'list', prefix: 'org.xen.xapi.', alive: true },
    { op: 'list', prefix: '', alive: false },
    { op: 'diagnostics' },
    { op: 'trace', from: 41, timeout: 5 },
    { op: 'shutdown' },
  ];
  for (const c of commands) assert.deepEqual(roundTrip(c), c);
});

test('the short forms parse too', () => {
  assert.deepEqual(parseRequest({ method: 'GET', url: '/' }, ''), { op: 'diagnostics' });
  assert.deepEqual(parseRequest({ method: 'GET', url: '/ack/q/5' }, ''), { op: 'ack', ids: [['q', 5]] });
  assert.deepEqual(parseRequest({ method: 'GET', url: '/trace' }, ''), { op: 'trace', from: -1, timeout: 0 });
  assert.deepEqual(parseRequest({ method: 'POST', url: '/transfer' }, '{"queues":["q"]}'), {
    op: 'transfer',
    queues: ['q'],
    timeout: 30,
    max: 100,
    acks: [],
  });
});

test('bad requests are refused with a reason', () => {
  rejects('GET', '/nothing', '', 'MESSAGE_SWITCH_UNKNOWN_REQUEST', ['GET', '/nothing']);
  rejects('POST', '/persistent/q', '', 'MESSAGE_SWITCH_UNKNOWN_REQUEST');
  rejects('GET', '/persistent/a%2Fb', '', 'MESSAGE_SWITCH_QUEUE_NAME_INVALID', ['a/b']);
  rejects('GET', '/persistent/', '', 'MESSAGE_SWITCH_QUEUE_NAME_INVALID', ['']);
  rejects('GET', '/persistent/%E0%A4%A', '', 'MESSAGE_SWITCH_BAD_REQUEST');
  rejects('GET', '/ack/q/x', '', 'MESSAGE_SWITCH_BAD_REQUEST');
  rejects('POST', '/send', '[]', 'MESSAGE_SWITCH_BAD_REQUEST', ['the body is not a JSON object']);
  rejects(
    'POST',
    '/send',
    '{"messages":[{"queue":"q","payload":1,"kind":{"type":"oneway"}}]}',
    'MESSAGE_SWITCH_BAD_REQUEST',
  );
  rejects(
    'POST',
    '/send',
    '{"messages":[{"queue":"q","payload":"","kind":{"type":"other"}}]}',
    'MESSAGE_SWITCH_BAD_REQUEST',
  );
  rejects(
    'POST',
    '/send',
    '{"messages":[{"queue":"q","payload":"","kind":{"type":"request"}}]}',
    'MESSAGE_SWITCH_BAD_REQUEST',
  );
  rejects('POST', '/send', '{"messages":[],"acks":[["q"]]}', 'MESSAGE_SWITCH_BAD_REQUEST');
  rejects('POST', '/transfer', '{"queues":["q"],"timeout":-1}', 'MESSAGE_SWITCH_BAD_REQUEST');
  rejects('POST', '/transfer', '{"queues":["q"],"max":0}', 'MESSAGE_SWITCH_BAD_REQUEST');
  rejects('POST', '/transfer', '{"queues":"q"}', 'MESSAGE_SWITCH_BAD_REQUEST');
  rejects('POST', '/send', '{"messages":[],"transfer":[]}', 'MESSAGE_SWITCH_BAD_REQUEST', [
    'transfer must be an object',
  ]);
  rejects('POST', '/send', '{"messages":[],"transfer":{"queues":[]}}', 'MESSAGE_SWITCH_BAD_REQUEST');
  rejects('POST', '/ack', 'nope', 'MESSAGE_SWITCH_BAD_REQUEST', ['the body is not JSON']);
  rejects('GET', '/trace?timeout=abc', '', 'MESSAGE_SWITCH_BAD_REQUEST');
});
