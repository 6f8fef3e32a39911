// The XenAPI server's machinery through its JSON-RPC endpoint: login forms,
// dispatch errors, implicit messages, RBAC, tasks and events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, TEST_PASSWORD } from './support/xapi-server.js';
import { jsonRpcTransport } from '../src/client/transport.js';
import { XapiClient } from '../src/client/generated.js';
import { failure } from './support/failure.js';
import { countCalls } from './support/spy.js';
import { waitTask } from './support/events.js';

test('login takes 2, 3 or 4 parameters and rejects bad credentials', async () => {
  await using server = await startTestServer();
  const raw = jsonRpcTransport({ url: server.url });
  try {
    for (const extra of [[], ['1.1'], ['1.1', 'my-tool']]) {
      const s = await raw('session.login_with_password', ['root', TEST_PASSWORD, ...extra]);
      assert.match(String(s), /^OpaqueRef:[0-9a-f-]{36}$/);
    }
    await failure(raw('session.login_with_password', ['root', 'wrong']), 'SESSION_AUTHENTICATION_FAILED', [
      'root',
      'Authentication failure',
    ]);
    await failure(raw('session.login_with_password', ['root']), 'MESSAGE_PARAMETER_COUNT_MISMATCH', [
      'session.login_with_password',
      '4',
      '1',
    ]);
  } finally {
    raw.close();
  }
});

test('dispatch errors come in xapi order: arity, types, session, RBAC', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const raw = jsonRpcTransport({ url: server.url });
  try {
    const s = c.sessionRef;
    await failure(raw('VM.get_all', [s, 1]), 'MESSAGE_PARAMETER_COUNT_MISMATCH', ['VM.get_all', '0', '1']);
    await failure(raw('VM.no_such_thing', [s]), 'MESSAGE_METHOD_UNKNOWN', ['VM.no_such_thing']);
    await failure(raw('VM.no_such_thing', ['OpaqueRef:bad']), 'SESSION_INVALID', ['OpaqueRef:bad']);
    await failure(raw('VM.get_all', ['OpaqueRef:bad']), 'SESSION_INVALID', ['OpaqueRef:bad']);
    await failure(raw('VM.get_record', [s, 42]), 'FIELD_TYPE_ERROR', ['self']);
    // A RO field has no setter.
    await failure(raw('VM.set_power_state', [s, 'x', 'Halted']), 'MESSAGE_METHOD_UNKNOWN', [
      'VM.set_power_state',
    ]);
    // Sync-only messages have no Async form.
    await failure(raw('Async.VM.get_all', [s]), 'MESSAGE_METHOD_UNKNOWN');
    // The Class_message spelling is accepted for sync calls.
    assert.ok(Array.isArray(await raw('VM_get_all', [s])));
  } finally {
    raw.close();
  }
});

test('implicit messages: records, lookups, setters, maps and sets', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const pool = (await c.pool.get_all())[0] as string;
  const rec = await c.pool.get_record(pool);
  assert.equal(await c.pool.get_by_uuid(rec.uuid), pool);
  await failure(c.pool.get_by_uuid('nope'), 'UUID_INVALID', ['pool', 'nope']);

  await c.pool.set_name_description(pool, 'lab');
  assert.equal(await c.pool.get_name_description(pool), 'lab');
  await c.pool.add_to_other_config(pool, 'k', 'v');
  await failure(c.pool.add_to_other_config(pool, 'k', 'w'), 'MAP_DUPLICATE_KEY', [
    'pool',
    'other_config',
    pool,
    'k',
  ]);
  await c.pool.remove_from_other_config(pool, 'k');
  await c.pool.remove_from_other_config(pool, 'k'); // absent: no error
  await c.pool.add_tags(pool, 'a');
  await c.pool.add_tags(pool, 'a');
  assert.deepEqual(await c.pool.get_tags(pool), ['a']);

  const hosts = await c.host.get_all_records_where('field "enabled" = "true"');
  assert.equal(Object.keys(hosts).length, 1);
  assert.equal(Object.keys(await c.host.get_all_records_where('not true')).length, 0);
  await failure(c.host.get_all_records_where('field "enabled" ='), 'INVALID_VALUE');
  const host = Object.keys(hosts)[0] as string;
  assert.deepEqual(await c.host.get_by_name_label((await c.host.get_record(host)).name_label), [host]);
  const cpus = await c.host_cpu.get_all_records();
  assert.ok(Object.values(cpus).every((r) => r.host === host));
  assert.equal((await c.host.get_record(host)).host_CPUs.length, Object.keys(cpus).length);
});

test('RBAC: a local read-only user reads but cannot write', async () => {
  await using server = await startTestServer();
  const admin = await server.client();
  const subject = await admin.subject.create({ subject_identifier: 'local:alice', other_config: {} });
  const readOnly = (await admin.role.get_by_name_label('read-only'))[0] as string;
  const poolAdmin = (await admin.role.get_by_name_label('pool-admin'))[0] as string;
  await admin.subject.remove_from_roles(subject, poolAdmin);
  await admin.subject.add_to_roles(subject, readOnly);
  await admin.subject.set_local_password(subject, 'alice-pw');

  const alice = await server.client('alice', 'alice-pw');
  const pool = (await alice.pool.get_all())[0] as string;
  await failure(alice.pool.set_name_label(pool, 'mine'), 'RBAC_PERMISSION_DENIED', [
    'pool.set_name_label',
    'The session does not hold a role allowed to call this message',
  ]);
  await failure(server.client('alice', 'wrong'), 'SESSION_AUTHENTICATION_FAILED');
  // A subject with no role at all cannot log in.
  await admin.subject.remove_from_roles(subject, readOnly);
  await failure(server.client('alice', 'alice-pw'), 'SESSION_AUTHORIZATION_FAILED');
});

test('local root logs in over the Unix socket without a password', async () => {
  await using server = await startTestServer();
  const raw = jsonRpcTransport({ socketPath: server.xapi.socketPath });
  try {
    const c = new XapiClient(raw);
    await c.login('root', '');
    assert.equal((await c.pool.get_all()).length, 1);
  } finally {
    raw.close();
  }
});

test('tasks: Async calls, client tasks, cancellation and destruction', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const net = await c.Async.network.create({ name_label: 'n1', other_config: {} });
  const rec = await waitTask(c, net);
  assert.equal(rec.status, 'success');
  assert.match(rec.result, /^<value>OpaqueRef:[0-9a-f-]{36}<\/value>$/);
  assert.equal(rec.name_label, 'Async.network.create');
  assert.equal(rec.progress, 1);
  assert.deepEqual(rec.allowed_operations, []);

  // A bad ref is refused before any task exists; a failure inside the task lands in error_info.
  await failure(c.Async.network.destroy('OpaqueRef:00000000-0000-0000-0000-000000000001'), 'HANDLE_INVALID', [
    'network',
    'OpaqueRef:00000000-0000-0000-0000-000000000001',
  ]);
  const failed = await waitTask(c, await c.Async.task.cancel(net));
  assert.equal(failed.status, 'failure');
  assert.equal(failed.error_info[0], 'OPERATION_NOT_ALLOWED');

  const mine = await c.task.create('upload', 'a client task');
  assert.equal((await c.task.get_record(mine)).status, 'pending');
  await c.task.set_progress(mine, 0.5);
  await c.task.cancel(mine);
  assert.equal((await c.task.get_record(mine)).status, 'cancelled');
  await failure(c.task.cancel(mine), 'OPERATION_NOT_ALLOWED');
  await c.task.destroy(mine);
  await failure(c.task.get_record(mine), 'HANDLE_INVALID');
});

test('events: full dump, mod events, inject, timeout and logout wake-up', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const dump = await c.event.from(['*'], '', 0);
  assert.ok(dump.events.some((e) => e.class === 'pool' && e.operation === 'add'));
  assert.equal(typeof dump.valid_ref_counts['task'], 'number');

  const pool = (await c.pool.get_all())[0] as string;
  const waiting = c.event.from(['pool'], dump.token, 10);
  await c.pool.set_name_label(pool, 'evented');
  const got = await waiting;
  assert.equal(got.events.length, 1);
  assert.equal(got.events[0]?.operation, 'mod');
  assert.equal((got.events[0]?.snapshot as { name_label: string }).name_label, 'evented');

  const token = await c.event.inject('pool', pool);
  const injected = await c.event.from(['pool'], token, 1);
  assert.equal(injected.events[0]?.ref, pool);
  await failure(c.event.inject('VM', pool), 'HANDLE_INVALID', ['VM', pool]);

  const t0 = Date.now();
  const empty = await c.event.from(['vm'], injected.token, 0.2);
  assert.equal(empty.events.length, 0);
  assert.ok(Date.now() - t0 >= 150);

  const other = await server.client();
  const froms = countCalls(server.xapi.services.events, 'from');
  const blocked = other.event.from(['vm'], empty.token, 30);
  await froms.reached(1); // the call waits in the server
  await other.session.logout();
  await failure(blocked, 'SESSION_INVALID');
  await failure(c.event.from(['*'], 'garbage', 0), 'EVENT_FROM_TOKEN_PARSE_FAILURE');
});

test('events: watchers woken by one change share its answer; an answer at a deadline cuts no other wait short', async () => {
  await using server = await startTestServer();
  const a = await server.client();
  const b = await server.client();
  const pool = (await a.pool.get_all())[0] as string;
  const start = await a.event.from(['pool'], '', 0);
  assert.equal((await a.event.from(['pool'], start.token, 0)).events.length, 0);
  // The same token, still waiting: the empty answer given above is not theirs.
  const waitA = a.event.from(['pool'], start.token, 10);
  const waitB = b.event.from(['pool'], start.token, 10);
  await new Promise((r) => setTimeout(r, 50));
  await a.pool.set_name_label(pool, 'shared');
  const [ra, rb] = await Promise.all([waitA, waitB]);
  assert.deepEqual(ra, rb);
  assert.equal(ra.events.length, 1);
  assert.equal((ra.events[0]?.snapshot as { name_label: string }).name_label, 'shared');
  // After another change the same token is answered afresh.
  await a.pool.set_name_label(pool, 'again');
  const later = await b.event.from(['pool'], start.token, 0);
  assert.equal((later.events[0]?.snapshot as { name_label: string }).name_label, 'again');
  assert.notEqual(later.token, ra.token);
});

test('legacy events: register, next, unregister', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  await failure(c.event.next(), 'SESSION_NOT_REGISTERED');
  await c.event.register(['pool']);
  const pool = (await c.pool.get_all())[0] as string;
  const next = c.event.next();
  await c.pool.set_name_label(pool, 'x');
  const events = await next;
  assert.equal(events[0]?.class, 'pool');
  await c.event.unregister(['pool']);
  await failure(c.event.next(), 'SESSION_NOT_REGISTERED');
});
