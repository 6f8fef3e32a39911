// The pool messages on a standalone host, in process: what each can decide
// without the pool database, and the membership seam for the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer } from './support/xapi-server.js';
import type { JoinRequest, PoolMembership } from '../src/xapi/pool/membership.js';

const failsWith = (code: string, params?: readonly string[]) => (e: unknown) => {
  const f = e as { code?: string; params?: readonly string[] };
  assert.equal(f.code, code, String(e));
  if (params) assert.deepEqual(f.params, params);
  return true;
};

test('a standalone master: its own master already, no slave to recover, a secret of its own to rotate', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const [pool] = await c.pool.get_all();
  const [host] = await c.host.get_all();
  await c.pool.designate_new_master(host as string);
  assert.equal(await c.pool.get_master(pool as string), host);
  await c.pool.emergency_transition_to_master();
  assert.deepEqual(await c.pool.recover_slaves(), []);

  const path = join(server.stateDir, 'pool-secret');
  const before = readFileSync(path, 'utf8');
  assert.equal(statSync(path).mode & 0o777, 0o600);
  await c.pool.rotate_secret();
  const after = readFileSync(path, 'utf8');
  assert.notEqual(after, before);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  // The new secret opens intra-pool sessions, the old one no longer does.
  await assert.rejects(
    c.session.slave_login(host as string, before.trim()),
    failsWith('SESSION_AUTHENTICATION_FAILED'),
  );
  const ps = await c.session.slave_login(host as string, after.trim());
  assert.equal(await c.session.get_pool(ps), true);

  await assert.rejects(c.pool.eject(host as string), failsWith('INTERNAL_ERROR', ['Cannot_eject_master']));
  await assert.rejects(
    c.pool.emergency_reset_master('192.0.2.1'),
    failsWith('INTERNAL_ERROR', ['pool database unavailable']),
  );
  // local_logout ends only sessions of slave_local_login_with_password.
  await assert.rejects(c.session.local_logout(), failsWith('SESSION_INVALID'));
});

test('HA enabled refuses the master changes with HA_IS_ENABLED', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const { db, pool } = server.xapi.services;
  db.update('pool', pool, { ha_enabled: true });
  const [host] = await c.host.get_all();
  for (const call of [
    () => c.pool.designate_new_master(host as string),
    () => c.pool.emergency_transition_to_master(),
    () => c.pool.emergency_reset_master('192.0.2.1'),
    () => c.pool.eject(host as string),
    () => c.pool.rotate_secret(),
  ]) {
    await assert.rejects(call(), failsWith('HA_IS_ENABLED', []));
  }
});

test('pool.join hands the seam the master session once every check has passed', async () => {
  await using remote = await startTestServer();
  const seen: JoinRequest[] = [];
  const membership: PoolMembership = {
    async join(req) {
      // What the store side receives: a live session on the master.
      assert.ok((await req.master.client.host.get_all()).length === 1);
      seen.push(req);
    },
    eject: () => Promise.reject(new Error('unused')),
    designateNewMaster: () => Promise.reject(new Error('unused')),
    emergencyTransitionToMaster: () => Promise.reject(new Error('unused')),
    emergencyResetMaster: () => Promise.reject(new Error('unused')),
    recoverSlaves: () => Promise.reject(new Error('unused')),
    rotateSecret: () => Promise.reject(new Error('unused')),
  };
  await using joiner = await startTestServer({ membership });
  const c = await joiner.client();
  const address = new URL(remote.url).host;
  await c.pool.join_force(address, 'root', 'test-root-password');
  assert.equal(seen.length, 1);
  const [req] = seen as [JoinRequest];
  assert.equal(req.masterAddress, address);
  assert.equal(req.force, true);
  assert.equal(req.host, joiner.xapi.services.host);
});
