// A host whose pool.conf says `slave:<master>`, as real toolstacks: over TCP
// it answers HOST_IS_SLAVE with the master's address; its Unix socket hands
// calls to the master; its local and intra-pool sessions are its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XapiClient } from '../src/client/generated.js';
import { jsonRpcTransport } from '../src/client/transport.js';
import { POOL_TEST_PASSWORD, startPoolHosts, type PoolHost } from './support/pool-hosts.js';

const failsWith = (code: string, params?: readonly string[]) => (e: unknown) => {
  const f = e as { code?: string; params?: readonly string[] };
  assert.equal(f.code, code, String(e));
  if (params) assert.deepEqual(f.params, params);
  return true;
};

/** A client on `url` that reuses a session ref. */
function withSession(url: string, ref: string): { c: XapiClient; close(): void } {
  const t = jsonRpcTransport({ url });
  const c = new XapiClient(t);
  c.sessionRef = ref;
  return { c, close: () => t.close() };
}

test('a slave refuses TCP logins and sessions with HOST_IS_SLAVE and forwards its Unix socket to the master', async () => {
  await using pool = await startPoolHosts(2);
  const [master, slave] = pool.hosts as [PoolHost, PoolHost];
  const cm = await master.client();
  const [masterPool] = await cm.pool.get_all();
  // A session opened on the slave while it was standalone, and its own pool.
  const before = await slave.client();
  const oldSession = before.sessionRef;
  const [slavePool] = await before.pool.get_all();
  assert.notEqual(slavePool, masterPool);

  slave.writePoolConf(`slave:${master.address}`);
  await slave.restart();

  // TCP: a login, and a session of its own database, are refused with the master's address.
  await assert.rejects(slave.client(), failsWith('HOST_IS_SLAVE', [master.address]));
  const old = withSession(slave.url, oldSession);
  try {
    await assert.rejects(old.c.pool.get_all(), failsWith('HOST_IS_SLAVE', [master.address]));
    // An unknown session is still SESSION_INVALID (session_check.ml's order).
    old.c.sessionRef = 'OpaqueRef:nothing';
    await assert.rejects(old.c.pool.get_all(), failsWith('SESSION_INVALID'));
  } finally {
    old.close();
  }

  // Unix socket: the login and what follows are the master's.
  const local = slave.localClient();
  await local.login('root', POOL_TEST_PASSWORD);
  assert.deepEqual(await local.pool.get_all(), [masterPool]);
  const [masterHost] = await cm.host.get_all();
  assert.deepEqual(await local.host.get_all(), [masterHost]);
  // The session is the master's: it works on the master's TCP port.
  const onMaster = withSession(master.url, local.sessionRef);
  try {
    assert.deepEqual(await onMaster.c.pool.get_all(), [masterPool]);
  } finally {
    onMaster.close();
  }
  // Errors come back as the master gave them.
  await assert.rejects(
    local.VM.get_record('OpaqueRef:none'),
    failsWith('HANDLE_INVALID', ['VM', 'OpaqueRef:none']),
  );
  await local.logout();

  // slave_local_login_with_password: a session good on the slave only, over TCP too.
  const t = jsonRpcTransport({ url: slave.url });
  try {
    const emergency = new XapiClient(t);
    emergency.sessionRef = await emergency.session.slave_local_login_with_password(
      'root',
      POOL_TEST_PASSWORD,
    );
    assert.deepEqual(await emergency.pool.get_all(), [slavePool]);
    await assert.rejects(
      emergency.session.slave_local_login_with_password('root', 'wrong'),
      failsWith('SESSION_AUTHENTICATION_FAILED'),
    );
    // It means nothing to the master.
    const elsewhere = withSession(master.url, emergency.sessionRef);
    try {
      await assert.rejects(elsewhere.c.pool.get_all(), failsWith('SESSION_INVALID'));
    } finally {
      elsewhere.close();
    }
    // The emergency calls are the slave's own; what needs the pool database says it is missing.
    await assert.rejects(
      emergency.pool.emergency_transition_to_master(),
      failsWith('INTERNAL_ERROR', ['pool database unavailable']),
    );
    const slaveHost = (await emergency.host.get_all())[0] as string;
    await emergency.session.local_logout();
    await assert.rejects(emergency.pool.get_all(), failsWith('SESSION_INVALID'));

    // The intra-pool login: the slave's pool secret opens a pool session, a wrong one does not.
    const secret = readFileSync(join(slave.stateDir, 'pool-secret'), 'utf8').trim();
    await assert.rejects(
      emergency.session.slave_login(slaveHost, 'guess'),
      failsWith('SESSION_AUTHENTICATION_FAILED'),
    );
    emergency.sessionRef = await emergency.session.slave_login(slaveHost, secret);
    assert.equal(await emergency.session.get_pool(emergency.sessionRef), true);
    assert.deepEqual(await emergency.pool.get_all(), [slavePool]);
  } finally {
    t.close();
  }

  // The master is unaffected.
  assert.deepEqual(await cm.pool.get_all(), [masterPool]);
});
