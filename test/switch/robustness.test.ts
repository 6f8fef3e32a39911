// The switch under abuse and failure: malformed HTTP, unknown queues,
// oversized messages, a consumer killed while holding a message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { request } from 'node:http';
import { join } from 'node:path';
import { SwitchClient } from '../../src/switch/client.js';
import { root, spawnSwitch, tempDir } from './harness.js';
import { readUntil } from '../support/stream.js';

function rawExchange(sock: string, data: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = connect(sock);
    let out = '';
    c.on('data', (d) => (out += d.toString()));
    c.on('end', () => resolve(out));
    c.on('close', () => resolve(out));
    c.on('error', reject);
    c.write(data);
  });
}

function http(
  sock: string,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: sock, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const err = (code: string, ...params: string[]): unknown => ({ error: { code, params } });

test('malformed requests, unknown queues and oversized messages get clear errors; the switch stays up', async (t) => {
  const dir = tempDir(t);
  const sw = await spawnSwitch(t, dir, ['--max-message-bytes', '4096']);
  const sock = join(dir, 'switch.sock');

  const garbage = await rawExchange(sock, 'THIS IS NOT HTTP\r\n\r\n');
  assert.match(garbage, /^HTTP\/1\.1 400 /);
  assert.match(garbage, /MESSAGE_SWITCH_BAD_REQUEST/);

  assert.deepEqual(await http(sock, 'GET', '/no/such/thing'), {
    status: 404,
    body: err('MESSAGE_SWITCH_UNKNOWN_REQUEST', 'GET', '/no/such/thing'),
  });
  assert.deepEqual(await http(sock, 'POST', '/send', '{not json'), {
    status: 400,
    body: err('MESSAGE_SWITCH_BAD_REQUEST', 'the body is not JSON'),
  });
  assert.deepEqual(await http(sock, 'GET', '/persistent/bad%20name'), {
    status: 400,
    body: err('MESSAGE_SWITCH_QUEUE_NAME_INVALID', 'bad name'),
  });
  assert.deepEqual(await http(sock, 'POST', '/transfer', '{"queues":["q"]}'), {
    status: 400,
    body: err('MESSAGE_SWITCH_SESSION_REQUIRED'),
  });
  const session = { 'x-switch-session': 'tester' };
  assert.deepEqual(await http(sock, 'POST', '/transfer', '{"queues":["nope"],"timeout":0}', session), {
    status: 404,
    body: err('MESSAGE_SWITCH_QUEUE_NOT_FOUND', 'nope'),
  });
  assert.deepEqual(await http(sock, 'GET', '/ack/nope/1'), {
    status: 404,
    body: err('MESSAGE_SWITCH_QUEUE_NOT_FOUND', 'nope'),
  });
  const sent = await http(
    sock,
    'POST',
    '/send',
    JSON.stringify({ messages: [{ queue: 'nope', payload: 'x', kind: { type: 'oneway' } }] }),
  );
  assert.deepEqual(sent, {
    status: 200,
    body: { results: [err('MESSAGE_SWITCH_QUEUE_NOT_FOUND', 'nope')] },
  });
  const big = JSON.stringify({
    messages: [{ queue: 'q', payload: 'x'.repeat(5000), kind: { type: 'oneway' } }],
  });
  const tooBig = await http(sock, 'POST', '/send', big, { 'content-length': String(Buffer.byteLength(big)) });
  assert.equal(tooBig.status, 413);
  assert.equal((tooBig.body as { error: { code: string } }).error.code, 'MESSAGE_SWITCH_MESSAGE_TOO_LARGE');
  // Without a content-length (chunked) the limit is enforced while reading.
  const chunked = await http(sock, 'POST', '/send', big, { 'transfer-encoding': 'chunked' });
  assert.equal(chunked.status, 413);
  assert.deepEqual(await http(sock, 'POST', '/transfer', '{"queues":[],"timeout":1}', session), {
    status: 400,
    body: err('MESSAGE_SWITCH_BAD_REQUEST', 'transfer needs a non-empty array of queue names'),
  });

  // Still up and working.
  const client = new SwitchClient({ socketPath: sock });
  t.after(() => client.close());
  await client.create('org.xen.xapi.ok', true);
  const [r] = await client.send([{ queue: 'org.xen.xapi.ok', payload: 'fine', kind: { type: 'oneway' } }]);
  assert.ok(r && 'id' in r);
  const got = await client.transfer(['org.xen.xapi.ok'], { timeout: 1 });
  assert.equal(got[0]?.payload, 'fine');
  assert.equal(sw.child.exitCode, null, 'the switch is still up');
});

test('a consumer killed mid-message has its message delivered to another', async (t) => {
  const dir = tempDir(t);
  await spawnSwitch(t, dir);
  const sock = join(dir, 'switch.sock');
  const q = 'org.xen.xapi.work';
  const client = new SwitchClient({ socketPath: sock });
  t.after(() => client.close());
  await client.create(q, true);
  const [r] = await client.send([{ queue: q, payload: 'job-1', kind: { type: 'oneway' } }]);
  assert.ok(r && 'id' in r);

  const holder = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'test/switch/fixtures/hold-one.ts'), sock, q],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  t.after(() => holder.kill('SIGKILL'));
  const out = await readUntil(holder.stdout, '\n');
  assert.equal(out.trim(), `got ${JSON.stringify([r.id])}`);
  assert.deepEqual(await client.transfer([q], { timeout: 0 }), [], 'nothing for others while it is held');
  assert.equal((await client.diagnostics()).queues[q]?.in_flight, 1);

  holder.kill('SIGKILL');
  const again = await client.transfer([q], { timeout: 10 });
  assert.equal(again.length, 1);
  assert.deepEqual(again[0]?.id, r.id);
  assert.equal(again[0]?.payload, 'job-1');
  assert.equal(again[0]?.delivery, 2);
});
