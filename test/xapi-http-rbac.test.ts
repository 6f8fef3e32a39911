// Every HTTP handler checks its caller as the API does: each handler the
// router serves (listed from the router itself, so a new one is covered the
// day it is registered) is tried with no session, with an expired one, with a
// read-only user and with root. Checked handlers answer 401 (the body names
// SESSION_INVALID for an expired session) and 403 for a role without their
// permission (RBAC_PERMISSION_DENIED http/<name>); the RPC endpoints, which
// xapi checks call by call, answer the same errors inside the protocol.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { ROLES, type Role } from '../src/datamodel/types.js';
import { httpPermission, type HttpAction } from '../src/datamodel/http-actions.js';
import { Router, type Route } from '../src/xapi/http/router.js';
import { startTestServer, TEST_PASSWORD } from './support/xapi-server.js';
import { fakeClock } from './support/clock.js';
import { userWithRole } from './support/users.js';

const IDLE_MS = 60_000;

interface Credentials {
  readonly session?: string;
  readonly cookie?: string;
  readonly basic?: string;
}

interface Answer {
  readonly status: number;
  readonly headers: string;
  readonly body: string;
}

/** One raw request on its own connection, read until the server closes it. */
function exchange(port: number, text: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    let got = '';
    s.on('data', (d: Buffer) => (got += d.toString('latin1')));
    s.once('error', reject);
    s.once('close', () => {
      const split = got.indexOf('\r\n\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(got)?.[1] ?? 0);
      resolve({ status, headers: got.slice(0, split), body: got.slice(split + 4) });
    });
    s.write(text);
  });
}

/** The request a route serves, with the given credentials and an optional body. */
function requestFor(route: Route, who: Credentials, body = '', extraQuery = ''): string {
  const q = new URLSearchParams(extraQuery);
  if (who.session) q.set('session_id', who.session);
  const target = `${route.action.path}${q.size ? `?${q.toString()}` : ''}`;
  const headers = ['Host: 127.0.0.1'];
  if (who.cookie) headers.push(`Cookie: session_id=${who.cookie}`);
  if (who.basic) headers.push(`Authorization: Basic ${Buffer.from(who.basic).toString('base64')}`);
  if (route.kind === 'connect') return `CONNECT ${target} HTTP/1.0\r\n${headers.join('\r\n')}\r\n\r\n`;
  if (route.kind === 'upgrade') {
    headers.push(
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    );
  } else headers.push('Connection: close', `Content-Length: ${Buffer.byteLength(body)}`);
  return `${route.action.method} ${target} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n${body}`;
}

/** Whether `role` holds an action's permission (a role grants every less powerful one). */
function holds(role: Role, action: HttpAction): boolean {
  return action.role !== 'local-superuser' && ROLES.indexOf(role) <= ROLES.indexOf(action.role);
}

/** The RPC endpoints check each call: one call that needs a session, one that needs pool-operator. */
const rpcProbes: Readonly<Record<string, (session: string, write: boolean) => string>> = {
  post_jsonrpc: (session, write) =>
    JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: write ? 'pool.set_name_label' : 'pool.get_all',
      params: write ? [session, 'OpaqueRef:NULL', 'x'] : [session],
    }),
  post_root: (session, write) =>
    `<?xml version="1.0"?><methodCall><methodName>${write ? 'pool.set_name_label' : 'pool.get_all'}</methodName><params>` +
    [session, ...(write ? ['OpaqueRef:NULL', 'x'] : [])]
      .map((v) => `<param><value><string>${v}</string></value></param>`)
      .join('') +
    '</params></methodCall>',
};

test('every registered HTTP handler refuses a missing or expired session and a role without its permission', async () => {
  const time = fakeClock();
  await using server = await startTestServer({
    sessions: { idleTimeoutMs: IDLE_MS, authFailureDelayMs: 0, clock: time.clock },
  });
  const setup = await server.client();
  await userWithRole(setup, 'alice', 'read-only');
  // A session that then lies idle for longer than the timeout.
  const stale = await server.client('alice', 'alice-pw');
  time.advance(IDLE_MS + 1);
  server.xapi.services.sessions.expire();
  const expired = stale.sessionRef;
  const alice = (await server.client('alice', 'alice-pw')).sessionRef;
  const root = (await server.client()).sessionRef;
  const port = Number(new URL(server.url).port);

  const routes = server.xapi.router.list();
  const names = routes.map((r) => r.action.name);
  for (const served of [
    'post_root',
    'post_jsonrpc',
    'get_rrd_updates',
    'connect_console',
    'connect_console_ws',
  ]) {
    assert.ok(names.includes(served), `${served} is served`);
  }
  for (const route of routes) {
    const { action } = route;
    const what = `${action.name} (${route.kind} ${action.path})`;
    if (!action.checked) {
      const probe = rpcProbes[action.name];
      assert.ok(probe, `${what} is served without a check: it needs a probe here`);
      const call = async (session: string, write = false) =>
        (await exchange(port, requestFor(route, {}, probe(session, write)))).body;
      assert.match(await call(''), /SESSION_INVALID/, `${what}: no session`);
      assert.match(await call(expired), new RegExp(`SESSION_INVALID[^]*${expired}`), `${what}: expired`);
      assert.match(await call(alice), /OpaqueRef:/, `${what}: read-only reads`);
      assert.match(await call(alice, true), /RBAC_PERMISSION_DENIED/, `${what}: read-only cannot write`);
      continue;
    }
    const none = await exchange(port, requestFor(route, {}));
    assert.equal(none.status, 401, `${what}: no session`);
    assert.match(none.headers, new RegExp(`www-authenticate: Basic realm="${action.name}"`, 'i'));
    for (const who of [{ session: expired }, { cookie: expired }]) {
      const old = await exchange(port, requestFor(route, who));
      assert.equal(old.status, 401, `${what}: expired session by ${Object.keys(who)[0]}`);
      assert.equal(old.body, `SESSION_INVALID ${expired}\n`, what);
    }
    const wrong = await exchange(port, requestFor(route, { basic: 'alice:wrong' }));
    assert.equal(wrong.status, 401, `${what}: a wrong password`);
    assert.match(wrong.body, /^SESSION_AUTHENTICATION_FAILED alice/, what);
    for (const who of [{ session: alice }, { basic: 'alice:alice-pw' }]) {
      const ro = await exchange(port, requestFor(route, who));
      if (holds('read-only', action)) {
        assert.ok(ro.status !== 401 && ro.status !== 403, `${what}: read-only may (${ro.status})`);
      } else {
        assert.equal(ro.status, 403, `${what}: read-only may not`);
        assert.match(ro.body, new RegExp(`^RBAC_PERMISSION_DENIED ${httpPermission(action)} `), what);
      }
    }
    for (const who of [{ cookie: root }, { basic: `root:${TEST_PASSWORD}` }]) {
      const admin = await exchange(port, requestFor(route, who));
      assert.ok(admin.status !== 401 && admin.status !== 403, `${what}: root may (${admin.status})`);
    }
  }
  // Sessions opened for Basic credentials close with their request.
  assert.equal(server.xapi.services.sessions.count(), 2, 'alice and root');
});

test('a refused HTTP request fails the task it names, as xapi', async () => {
  await using server = await startTestServer();
  const admin = await server.client();
  await userWithRole(admin, 'bob', 'vm-admin');
  const bob = await server.client('bob', 'bob-pw');
  const task = await bob.task.create('export', 'an export refused');
  const route = server.xapi.router.list().find((r) => r.action.name === 'post_services_xenops');
  assert.ok(route);
  const port = Number(new URL(server.url).port);
  const answer = await exchange(port, requestFor(route, { session: bob.sessionRef }, '', `task_id=${task}`));
  assert.equal(answer.status, 403);
  assert.equal(await bob.task.get_status(task), 'failure');
  const info = await bob.task.get_error_info(task);
  assert.deepEqual(info.slice(0, 2), ['RBAC_PERMISSION_DENIED', 'http/post_services_xenops']);
  // Without valid credentials the task fails too, with xapi's code.
  const other = await bob.task.create('rrd', 'an unauthenticated request');
  const rrd = server.xapi.router.list().find((r) => r.action.name === 'get_rrd_updates');
  assert.ok(rrd);
  const denied = await exchange(
    port,
    requestFor(rrd, { session: 'OpaqueRef:bogus' }, '', `task_id=${other}`),
  );
  assert.equal(denied.status, 401);
  assert.deepEqual(await bob.task.get_error_info(other), ['SESSION_AUTHENTICATION_FAILED']);
});

test("the roles hold the HTTP handlers' permissions: http/<name>, as xapi names them", async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const of = async (role: Role) =>
    c.role.get_permissions_name_label((await c.role.get_by_name_label(role))[0] as string);
  const readOnly = await of('read-only');
  assert.ok(readOnly.includes('http/get_rrd_updates'));
  assert.ok(!readOnly.includes('http/connect_console'));
  const operator = await of('vm-operator');
  assert.ok(operator.includes('http/connect_console') && operator.includes('http/connect_console_ws'));
  assert.ok(!operator.includes('http/connect_console/host_console'));
  assert.ok((await of('pool-admin')).includes('http/connect_console/host_console'));
  assert.ok(!(await of('vm-admin')).includes('http/post_services_xenops'));
});

test('the router refuses a handler that has no entry in the table of HTTP actions', () => {
  const router = new Router(() => Promise.reject(new Error('no request is made here')));
  assert.throws(() => router.add('GET', '/unlisted', () => undefined), /no HTTP action for GET \/unlisted/);
  assert.throws(() => router.addSocket('connect', '/rrd_updates', () => undefined), /no HTTP action/);
  router.add('GET', '/rrd_updates', () => undefined);
  assert.throws(() => router.add('GET', '/rrd_updates', () => undefined), /registered twice/);
  assert.deepEqual(
    router.list().map((r) => r.action.name),
    ['get_rrd_updates'],
  );
});
