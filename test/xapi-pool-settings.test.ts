// Pool and host settings through the XenAPI: validated as xapi validates
// them, stored where xapi stores them, and in effect where they have one here
// (HTTPS only closes plain HTTP at once; the local authentication limit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { jsonRpcTransport } from '../src/client/transport.js';
import { XapiClient } from '../src/client/generated.js';
import { socketClient, startTestServer, TEST_PASSWORD } from './support/xapi-server.js';
import { failure } from './support/failure.js';
import { formatDateTime } from '../src/xapi/time.js';
import { serverFields } from '../src/xapi/records.js';

test('authentication limits are checked and stored; guest agent settings are validated', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const [pool] = await c.pool.get_all();
  const p = pool as string;
  await c.pool.set_local_auth_max_threads(p, 3);
  assert.equal(await c.pool.get_local_auth_max_threads(p), 3);
  await failure(c.pool.set_local_auth_max_threads(p, 0), 'INVALID_VALUE', ['value', '0']);
  await c.pool.set_ext_auth_max_threads(p, 2);
  assert.equal(await c.pool.get_ext_auth_max_threads(p), 2);
  // Logins still work under a limit of 1 (one at a time).
  await c.pool.set_local_auth_max_threads(p, 1);
  await Promise.all([server.client(), server.client(), server.client()]);

  await c.pool.add_to_guest_agent_config(p, 'auto_update_enabled', 'true');
  await c.pool.add_to_guest_agent_config(p, 'auto_update_url', 'https://updates.example/agent');
  await failure(c.pool.add_to_guest_agent_config(p, 'auto_update_enabled', 'yes'), 'INVALID_VALUE', [
    'guest_agent_config',
    'auto_update_enabled = yes',
  ]);
  await failure(c.pool.add_to_guest_agent_config(p, 'auto_update_url', 'ftp://x'), 'INVALID_VALUE');
  await failure(c.pool.add_to_guest_agent_config(p, 'colour', 'blue'), 'INVALID_VALUE', [
    'guest_agent_config',
    'colour = blue',
  ]);
  await c.pool.remove_from_guest_agent_config(p, 'auto_update_url');
  assert.deepEqual(await c.pool.get_guest_agent_config(p), { auto_update_enabled: 'true' });
});

test('telemetry, repository proxy, update schedule and client certificate settings', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const [pool] = await c.pool.get_all();
  const p = pool as string;

  const before = await c.pool.get_telemetry_uuid(p);
  await c.pool.reset_telemetry_uuid(p);
  const secret = await c.pool.get_telemetry_uuid(p);
  assert.notEqual(secret, before);
  assert.match(await c.secret.get_value(secret), /^[0-9a-f-]{36}$/);
  await c.pool.reset_telemetry_uuid(p);
  await failure(c.secret.get_value(secret), 'HANDLE_INVALID');

  // weekly by default: at most 14 days ahead
  const soon = formatDateTime(new Date(Date.now() + 3 * 24 * 3600 * 1000));
  await c.pool.set_telemetry_next_collection(p, soon);
  assert.equal(await c.pool.get_telemetry_next_collection(p), soon);
  const late = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  late.setUTCMilliseconds(0);
  await failure(
    c.pool.set_telemetry_next_collection(p, formatDateTime(late)),
    'TELEMETRY_NEXT_COLLECTION_TOO_LATE',
    [late.toISOString().replace('.000Z', 'Z')],
  );

  await failure(
    c.pool.configure_repository_proxy(p, 'socks://proxy:1080', '', ''),
    'INVALID_REPOSITORY_PROXY_URL',
    ['socks://proxy:1080'],
  );
  await failure(
    c.pool.configure_repository_proxy(p, 'http://proxy:3128', 'me', ''),
    'INVALID_REPOSITORY_PROXY_CREDENTIAL',
  );
  await failure(
    c.pool.configure_repository_proxy(p, 'http://proxy:3128', '', 'pw'),
    'INVALID_REPOSITORY_PROXY_CREDENTIAL',
  );
  await c.pool.configure_repository_proxy(p, 'http://proxy:3128', 'me', 'pw');
  const pw = await c.pool.get_repository_proxy_password(p);
  assert.equal(await c.secret.get_value(pw), 'pw');
  assert.equal(await c.pool.get_repository_proxy_url(p), 'http://proxy:3128');
  await c.pool.disable_repository_proxy(p);
  assert.equal(await c.pool.get_repository_proxy_url(p), '');
  assert.equal(await c.pool.get_repository_proxy_password(p), 'OpaqueRef:NULL');
  await failure(c.secret.get_value(pw), 'HANDLE_INVALID');

  await c.pool.configure_update_sync(p, 'weekly', 3);
  assert.equal(await c.pool.get_update_sync_day(p), 3);
  await failure(c.pool.configure_update_sync(p, 'weekly', 7), 'INVALID_UPDATE_SYNC_DAY', ['7']);
  await c.pool.configure_update_sync(p, 'daily', 5);
  assert.equal(await c.pool.get_update_sync_frequency(p), 'daily');
  assert.equal(await c.pool.get_update_sync_day(p), 0);

  await c.pool.enable_client_certificate_auth(p, 'admin.example');
  assert.equal(await c.pool.get_client_certificate_auth_enabled(p), true);
  assert.equal(await c.pool.get_client_certificate_auth_name(p), 'admin.example');
  await c.pool.disable_client_certificate_auth(p);
  assert.equal(await c.pool.get_client_certificate_auth_enabled(p), false);
  assert.equal(await c.pool.get_client_certificate_auth_name(p), '');
});

test('host storage, NUMA and display settings follow xapi', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const [host] = await c.host.get_all();
  const h = host as string;
  await c.host.set_iscsi_iqn(h, 'iqn.2026-01.example:host1');
  assert.equal(await c.host.get_iscsi_iqn(h), 'iqn.2026-01.example:host1');
  assert.equal((await c.host.get_other_config(h)).iscsi_iqn, 'iqn.2026-01.example:host1');
  await failure(c.host.set_iscsi_iqn(h, ''), 'INVALID_VALUE', ['value', '']);
  await c.host.set_multipathing(h, true);
  assert.equal(await c.host.get_multipathing(h), true);
  assert.equal((await c.host.get_other_config(h)).multipathing, 'true');
  await c.host.set_numa_affinity_policy(h, 'best_effort');
  assert.equal(await c.host.get_numa_affinity_policy(h), 'best_effort');
  // enabled stays enabled; disabled → enabled at the next reboot
  await c.host.set_display(h, 'disabled');
  assert.equal(await c.host.enable_display(h), 'enable_on_reboot');
  assert.equal(await c.host.enable_display(h), 'enable_on_reboot');
  await c.host.set_display(h, 'disable_on_reboot');
  assert.equal(await c.host.enable_display(h), 'enabled');
  assert.equal(await c.host.get_display(h), 'enabled');
});

test('TLS verification: enabled pool-wide, disabled and re-enabled on a host in an emergency', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const [pool] = await c.pool.get_all();
  const [host] = await c.host.get_all();
  const local = await socketClient(join(server.stateDir, 'xapi.sock'));
  try {
    await failure(
      local.c.host.emergency_reenable_tls_verification(),
      'TLS_VERIFICATION_NOT_ENABLED_IN_POOL',
      [],
    );
    await c.pool.enable_tls_verification();
    assert.equal(await c.pool.get_tls_verification_enabled(pool as string), true);
    assert.equal(await c.host.get_tls_verification_enabled(host as string), true);
    await local.c.host.emergency_disable_tls_verification();
    assert.equal(await c.host.get_tls_verification_enabled(host as string), false);
    await local.c.host.emergency_reenable_tls_verification();
    assert.equal(await c.host.get_tls_verification_enabled(host as string), true);
  } finally {
    local.close();
  }
});

test('HTTPS only drops plain HTTP at once; HTTPS and the Unix socket keep serving', async () => {
  await using server = await startTestServer({ https: { port: 0 } });
  const c = await server.client();
  const [pool] = await c.pool.get_all();
  const [host] = await c.host.get_all();
  const tls = jsonRpcTransport({
    url: `https://127.0.0.1:${server.xapi.httpsPort}`,
    rejectUnauthorized: false,
  });
  try {
    const secure = new XapiClient(tls);
    await secure.login('root', TEST_PASSWORD);
    await c.pool.set_https_only(pool as string, true);
    assert.equal(await secure.host.get_https_only(host as string), true);
    // a new plain connection, and the one already open, are both refused
    const plain = jsonRpcTransport({ url: server.url });
    try {
      await assert.rejects(plain('session.login_with_password', ['root', TEST_PASSWORD]));
    } finally {
      plain.close();
    }
    await assert.rejects(c.host.get_https_only(host as string));
    const local = await socketClient(join(server.stateDir, 'xapi.sock'));
    try {
      assert.equal(await local.c.host.get_https_only(host as string), true);
    } finally {
      local.close();
    }
    await secure.host.set_https_only(host as string, false);
    const again = await server.client();
    assert.equal(await again.host.get_https_only(host as string), false);
  } finally {
    tls.close();
  }
});

test('HTTPS only is refused in a pool of several hosts, whose members talk plain HTTP', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const [pool] = await c.pool.get_all();
  const [host] = await c.host.get_all();
  // a second member, as a join leaves it in the pool database
  const { db } = server.xapi.services;
  db.create('host', serverFields('host', { name_label: 'member', hostname: 'member', address: '192.0.2.7' }));
  const reason = ['the hosts of this pool reach each other over plain HTTP'];
  await failure(c.host.set_https_only(host as string, true), 'OPERATION_NOT_ALLOWED', reason);
  await failure(c.pool.set_https_only(pool as string, true), 'OPERATION_NOT_ALLOWED', reason);
  await c.pool.set_https_only(pool as string, false);
  assert.equal(await c.host.get_https_only(host as string), false);
});
