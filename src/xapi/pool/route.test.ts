import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MASTER, type PoolRole } from './role.js';
import { routeCall, type SessionScope } from './route.js';

const SLAVE: PoolRole = { kind: 'slave', master: '127.0.0.9' };
const EMERGENCY: PoolRole = { kind: 'emergency', master: '127.0.0.9' };
const ROLES_OFF_MASTER: readonly PoolRole[] = [SLAVE, EMERGENCY];
const TCP = { local: false };
const UNIX = { local: true };

function route(role: PoolRole, wire: string, origin: { local: boolean }, scope: SessionScope): unknown {
  const r = routeCall(role, wire, origin, scope);
  return r.kind === 'refuse' ? r.error.toWire() : r;
}

test('on a master everything is answered locally', () => {
  for (const scope of ['none', 'unknown', 'user', 'local', 'pool'] as const) {
    assert.deepEqual(route(MASTER, 'VM.start', TCP, scope), { kind: 'local' });
    assert.deepEqual(route(MASTER, 'session.login_with_password', UNIX, scope), { kind: 'local' });
  }
});

test('on a slave over TCP: a login or a user session gets HOST_IS_SLAVE with the master address', () => {
  const slave = ['HOST_IS_SLAVE', '127.0.0.9'];
  assert.deepEqual(route(SLAVE, 'session.login_with_password', TCP, 'none'), slave);
  assert.deepEqual(route(SLAVE, 'VM.get_all', TCP, 'user'), slave);
  assert.deepEqual(route(SLAVE, 'pool.join', TCP, 'user'), slave);
  // An unknown session is the dispatcher's SESSION_INVALID.
  assert.deepEqual(route(SLAVE, 'VM.get_all', TCP, 'unknown'), { kind: 'local' });
  // Local and pool sessions are this host's.
  assert.deepEqual(route(SLAVE, 'VM.get_all', TCP, 'local'), { kind: 'local' });
  assert.deepEqual(route(SLAVE, 'host.get_record', TCP, 'pool'), { kind: 'local' });
});

test('on a slave the emergency calls are answered locally whatever the origin', () => {
  for (const wire of [
    'session.slave_local_login_with_password',
    'session.slave_login',
    'session.local_logout',
    'pool.emergency_transition_to_master',
    'pool.emergency_reset_master',
  ]) {
    for (const r of ROLES_OFF_MASTER) {
      assert.deepEqual(route(r, wire, TCP, 'user'), { kind: 'local' }, wire);
      assert.deepEqual(route(r, wire, UNIX, 'user'), { kind: 'local' }, wire);
    }
  }
});

test("on a slave's Unix socket calls go to the master, unless the session is this host's", () => {
  const fwd = { kind: 'forward', master: '127.0.0.9' };
  assert.deepEqual(route(SLAVE, 'session.login_with_password', UNIX, 'none'), fwd);
  assert.deepEqual(route(SLAVE, 'VM.start', UNIX, 'user'), fwd);
  assert.deepEqual(route(SLAVE, 'VM.start', UNIX, 'unknown'), fwd);
  assert.deepEqual(route(SLAVE, 'VM.get_all', UNIX, 'local'), { kind: 'local' });
  // In emergency mode there is no master to hand them to.
  assert.deepEqual(route(EMERGENCY, 'VM.start', UNIX, 'user'), ['HOST_IN_EMERGENCY_MODE']);
});
