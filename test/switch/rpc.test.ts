// RPC through the switch: round trips, typed errors, shared work, liveness,
// cancellation, and clients that reconnect after the switch restarts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ApiError } from '../../src/datamodel/api-error.js';
import { Client, createDispatcher, isIdlError } from '../../src/idl/index.js';
import { startSwitch } from '../../src/switch/daemon.js';
import { SwitchRpc } from '../../src/switch/rpc.js';
import { serveOnSwitch } from '../../src/switch/service.js';
import { SwitchClient } from '../../src/switch/client.js';
import { Demo, demoImpl } from './demo.js';
import { spawnSwitch, tempDir, waitFor } from './harness.js';

const Q = 'org.xen.xapi.demo';

test('typed RPC round trips and declared errors through the switch', async (t) => {
  const sw = await startSwitch({ stateDir: tempDir(t) });
  t.after(() => sw.close());
  const svc = await serveOnSwitch(createDispatcher(Demo, demoImpl('a')), {
    socketPath: sw.socketPath,
    queue: Q,
  });
  t.after(() => svc.close());
  const rpc = new SwitchRpc({ socketPath: sw.socketPath });
  t.after(() => rpc.close());
  const client = new Client(Demo, rpc.transport(Q), { timeoutMs: 10_000 });
  assert.equal(await client.call('echo', { dbg: 'x', text: 'hello' }), 'hello');
  assert.equal(await client.call('add', { a: 2, b: 40 }), 42);
  const many = await Promise.all(Array.from({ length: 200 }, (_, i) => client.call('add', { a: i, b: 1 })));
  assert.deepEqual(
    many,
    Array.from({ length: 200 }, (_, i) => i + 1),
  );
  await assert.rejects(client.call('lookup', { id: 'x1' }), (e: unknown) => {
    assert.ok(isIdlError(e, Demo, 'Does_not_exist'));
    assert.deepEqual(e.params, { kind: 'thing', id: 'x1' });
    return true;
  });
  // Everything was acknowledged: nothing left in the queues.
  const d = await rpc.client.diagnostics();
  assert.equal(d.queues[Q]?.length, 0);
  assert.equal(d.queues[Q]?.in_flight, 0);
  assert.equal(d.queues[rpc.replyQueue]?.persistent, false);
});

test('two consumers on one queue share the work', async (t) => {
  const sw = await startSwitch({ stateDir: tempDir(t) });
  t.after(() => sw.close());
  const seen: string[] = [];
  for (const name of ['a', 'b']) {
    const svc = await serveOnSwitch(createDispatcher(Demo, demoImpl(name, seen)), {
      socketPath: sw.socketPath,
      queue: Q,
      concurrency: 4,
    });
    t.after(() => svc.close());
  }
  const rpc = new SwitchRpc({ socketPath: sw.socketPath });
  t.after(() => rpc.close());
  const client = new Client(Demo, rpc.transport(Q));
  const answers = await Promise.all(Array.from({ length: 40 }, () => client.call('who', { ms: 20 })));
  const a = answers.filter((x) => x === 'a').length;
  assert.equal(answers.length, 40);
  assert.ok(a > 0 && a < 40, `both consumers served (a served ${a} of 40)`);
  assert.equal(seen.length, 40, 'each request handled once');
});

test('a call to a transient queue with no consumer fails with RPC_NO_CONSUMER after its timeout', async (t) => {
  const sw = await startSwitch({ stateDir: tempDir(t) });
  t.after(() => sw.close());
  const rpc = new SwitchRpc({ socketPath: sw.socketPath, noConsumerMs: 300 });
  t.after(() => rpc.close());
  const client = new Client(Demo, rpc.transport('org.xen.xapi.nobody'));
  await assert.rejects(
    client.call('echo', { dbg: '', text: 'x' }, { timeoutMs: 200 }),
    (e: unknown) =>
      e instanceof ApiError && e.code === 'RPC_NO_CONSUMER' && e.params[0] === 'org.xen.xapi.nobody',
  );
  // Without a timeout of its own the call still fails once nobody serves the queue.
  const raw = new SwitchClient({ socketPath: sw.socketPath });
  t.after(() => raw.close());
  await raw.create('org.xen.xapi.gone', false);
  const noTimeout = new Client(Demo, rpc.transport('org.xen.xapi.gone'), { timeoutMs: undefined });
  await assert.rejects(
    noTimeout.call('echo', { dbg: '', text: 'x' }),
    (e: unknown) => e instanceof ApiError && e.code === 'RPC_NO_CONSUMER',
  );
});

test('a call to a persistent queue waits for its service to come back', async (t) => {
  const sw = await startSwitch({ stateDir: tempDir(t) });
  t.after(() => sw.close());
  const raw = new SwitchClient({ socketPath: sw.socketPath });
  t.after(() => raw.close());
  await raw.create(Q, true);
  assert.equal(await raw.isAlive(Q), false);
  const rpc = new SwitchRpc({ socketPath: sw.socketPath, noConsumerMs: 100 });
  t.after(() => rpc.close());
  const client = new Client(Demo, rpc.transport(Q), { timeoutMs: undefined });
  const pending = client.call('echo', { dbg: '', text: 'later' });
  await new Promise((r) => setTimeout(r, 400));
  const svc = await serveOnSwitch(createDispatcher(Demo, demoImpl('a')), {
    socketPath: sw.socketPath,
    queue: Q,
  });
  t.after(() => svc.close());
  assert.equal(await pending, 'later');
  assert.equal(await raw.isAlive(Q), true);
});

test('a cancelled call fails with RPC_CANCELLED and its queued request is withdrawn', async (t) => {
  const sw = await startSwitch({ stateDir: tempDir(t) });
  t.after(() => sw.close());
  const raw = new SwitchClient({ socketPath: sw.socketPath });
  t.after(() => raw.close());
  await raw.create(Q, true);
  const rpc = new SwitchRpc({ socketPath: sw.socketPath });
  t.after(() => rpc.close());
  const client = new Client(Demo, rpc.transport(Q));
  const ac = new AbortController();
  const p = client.call('echo', { dbg: '', text: 'x' }, { signal: ac.signal });
  await waitFor(async () => (await raw.diagnostics()).queues[Q]?.length === 1, 'the request to be queued');
  ac.abort();
  await assert.rejects(p, (e: unknown) => e instanceof ApiError && e.code === 'RPC_CANCELLED');
  await waitFor(async () => (await raw.diagnostics()).queues[Q]?.length === 0, 'the request to be withdrawn');
});

test('caller and service reconnect and re-subscribe after the switch restarts', async (t) => {
  const dir = tempDir(t);
  let child = await spawnSwitch(t, dir);
  const sock = join(dir, 'switch.sock');
  const svc = await serveOnSwitch(createDispatcher(Demo, demoImpl('a')), { socketPath: sock, queue: Q });
  t.after(() => svc.close());
  const rpc = new SwitchRpc({ socketPath: sock });
  t.after(() => rpc.close());
  const client = new Client(Demo, rpc.transport(Q), { timeoutMs: 20_000 });
  assert.equal(await client.call('echo', { dbg: '', text: 'before' }), 'before');
  await child.stop('SIGKILL');
  child = await spawnSwitch(t, dir);
  assert.equal(await client.call('echo', { dbg: '', text: 'after' }), 'after');
  const d = await rpc.client.diagnostics();
  assert.equal(d.queues[Q]?.consumers.length, 1, 'the service subscribed again');
  await child.stop('SIGKILL');
});

test('a call made while the switch is down goes through once it starts; with no switch it fails clearly', async (t) => {
  const dir = tempDir(t);
  const sock = join(dir, 'switch.sock');
  const rpc = new SwitchRpc({ socketPath: sock });
  t.after(() => rpc.close());
  const client = new Client(Demo, rpc.transport(Q), { timeoutMs: 300 });
  await assert.rejects(
    client.call('echo', { dbg: '', text: 'x' }),
    (e: unknown) => e instanceof ApiError && e.code === 'MESSAGE_SWITCH_UNREACHABLE' && e.params[0] === sock,
  );
  const early = client.call('echo', { dbg: '', text: 'early' }, { timeoutMs: 20_000 });
  const child = await spawnSwitch(t, dir);
  const svc = await serveOnSwitch(createDispatcher(Demo, demoImpl('a')), { socketPath: sock, queue: Q });
  t.after(() => svc.close());
  assert.equal(await early, 'early');
  await child.stop('SIGKILL');
});

test('a send can wait for messages in the same request; it fails whole or sends', async (t) => {
  const sw = await startSwitch({ stateDir: tempDir(t) });
  t.after(() => sw.close());
  const a = new SwitchClient({ socketPath: sw.socketPath, token: 'a' });
  const b = new SwitchClient({ socketPath: sw.socketPath, token: 'b' });
  t.after(() => a.close());
  t.after(() => b.close());
  await a.create('qa', false);
  await b.create('qb', false);
  const oneway = { type: 'oneway' } as const;
  // a sends to qb and waits on qa; b answers in the same way and is answered with a's next message.
  const first = a.sendAndTransfer([{ queue: 'qb', payload: 'ping', kind: oneway }], [], ['qa'], {
    timeout: 10,
  });
  const [got] = await b.transfer(['qb'], { timeout: 10 });
  assert.equal(got?.payload, 'ping');
  const second = b.sendAndTransfer([{ queue: 'qa', payload: 'pong', kind: oneway }], [got!.id], ['qb'], {
    timeout: 10,
  });
  const r1 = await first;
  assert.equal(r1.results.length, 1);
  assert.ok('id' in r1.results[0]! && r1.results[0].id[0] === 'qb');
  assert.deepEqual(
    r1.messages.map((m) => m.payload),
    ['pong'],
  );
  await a.send([{ queue: 'qb', payload: 'again', kind: oneway }], [r1.messages[0]!.id]);
  assert.deepEqual(
    (await second).messages.map((m) => m.payload),
    ['again'],
  );
  // A message that cannot be sent is reported at once, without waiting.
  const t0 = Date.now();
  const failed = await a.sendAndTransfer([{ queue: 'nowhere', payload: '', kind: oneway }], [], ['qa'], {
    timeout: 30,
  });
  assert.ok(Date.now() - t0 < 20_000);
  assert.deepEqual(failed.results, [
    { error: { code: 'MESSAGE_SWITCH_QUEUE_NOT_FOUND', params: ['nowhere'] } },
  ]);
  assert.deepEqual(failed.messages, []);
  // A transfer from a queue that does not exist fails the request before anything is sent.
  await assert.rejects(
    a.sendAndTransfer([{ queue: 'qb', payload: 'lost', kind: oneway }], [], ['missing'], { timeout: 1 }),
    (e: unknown) =>
      e instanceof ApiError && e.code === 'MESSAGE_SWITCH_QUEUE_NOT_FOUND' && e.params[0] === 'missing',
  );
  const d = await a.diagnostics();
  assert.equal(d.queues['qb']?.length, 0, 'nothing was sent');
});
