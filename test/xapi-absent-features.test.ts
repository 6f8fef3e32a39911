// Features this toolstack does not have answer through the XenAPI what a xapi
// without them answers: WLB, editions and licences, external authentication,
// update repositories, local storage caching, the vswitch controller, API
// extensions, UEFI certificates and the calls xapi has removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { socketClient, startTestServer } from './support/xapi-server.js';
import { failure } from './support/failure.js';
import { serverFields } from '../src/xapi/records.js';

test('workload balancing is a licensed feature xapi-ts does not have', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const [pool] = await c.pool.get_all();
  const [host] = await c.host.get_all();
  const [vm] = await c.VM.get_all();
  const wlb = ['WLB'];
  await failure(c.pool.initialize_wlb('10.0.0.1:8012', 'u', 'p', 'root', 'x'), 'LICENCE_RESTRICTION', wlb);
  await failure(c.pool.send_wlb_configuration({ a: 'b' }), 'LICENCE_RESTRICTION', wlb);
  await failure(c.pool.retrieve_wlb_configuration(), 'LICENCE_RESTRICTION', wlb);
  await failure(c.pool.retrieve_wlb_recommendations(), 'LICENCE_RESTRICTION', wlb);
  await failure(c.host.retrieve_wlb_evacuate_recommendations(host as string), 'LICENCE_RESTRICTION', wlb);
  await failure(c.VM.retrieve_wlb_recommendations(vm as string), 'LICENCE_RESTRICTION', wlb);
  // No server is ever configured.
  await failure(c.pool.deconfigure_wlb(), 'WLB_NOT_INITIALIZED', []);
  assert.equal(await c.pool.get_wlb_url(pool as string), '');
  // clients learn it from the pool's restrictions, as from a xapi's licence
  const restrictions = await c.pool.get_restrictions(pool as string);
  for (const key of [
    'restrict_wlb',
    'restrict_updates',
    'restrict_ad',
    'restrict_integrated_gpu_passthrough',
  ]) {
    assert.equal(restrictions[key], 'true', key);
  }
});

test("the only edition is the host's own; licence files cannot be read", async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const [pool] = await c.pool.get_all();
  const [host] = await c.host.get_all();
  const edition = await c.host.get_edition(host as string);
  assert.deepEqual(await c.pool.get_license_state(pool as string), { edition, expiry: 'never' });
  await c.host.apply_edition(host as string, edition, false);
  await c.pool.apply_edition(pool as string, edition);
  await failure(c.host.apply_edition(host as string, 'enterprise-per-socket', true), 'INVALID_EDITION', [
    'enterprise-per-socket',
  ]);
  await failure(c.pool.apply_edition(pool as string, 'premium'), 'INVALID_EDITION', ['premium']);
  await failure(
    c.host.license_add(host as string, Buffer.from('licence').toString('base64')),
    'LICENSE_PROCESSING_ERROR',
    [],
  );
  await c.host.license_remove(host as string);
  assert.equal(await c.host.get_edition(host as string), edition);
});

test('external authentication has no plugin: every type is unknown, disabling is a no-op', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const [pool] = await c.pool.get_all();
  const [host] = await c.host.get_all();
  await failure(
    c.host.enable_external_auth(host as string, { user: 'a' }, 'corp.example', 'AD'),
    'AUTH_UNKNOWN_TYPE',
    ['AD'],
  );
  await failure(
    c.pool.enable_external_auth(pool as string, {}, 'corp.example', 'LDAP'),
    'AUTH_UNKNOWN_TYPE',
    ['LDAP'],
  );
  await c.host.disable_external_auth(host as string, {});
  await c.pool.disable_external_auth(pool as string, {});
  await c.pool.detect_nonhomogeneous_external_auth(pool as string);
  assert.equal(await c.host.get_external_auth_type(host as string), '');
});

test('update repositories do not exist: syncing, applying and enabling answer as with none configured', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const [pool] = await c.pool.get_all();
  const [host] = await c.host.get_all();
  const p = pool as string;
  const repo = 'OpaqueRef:6f0c0a3e-1f7b-4e57-9d0b-3b7f2f8d9a10';
  await c.pool.set_repositories(p, []);
  await failure(c.pool.set_repositories(p, [repo]), 'HANDLE_INVALID', ['Repository', repo]);
  await failure(c.pool.add_repository(p, repo), 'HANDLE_INVALID', ['Repository', repo]);
  await failure(c.pool.remove_repository(p, repo), 'HANDLE_INVALID', ['Repository', repo]);
  await failure(c.pool.sync_updates(p, false, '', ''), 'LICENCE_RESTRICTION', ['Updates']);
  await failure(c.pool.check_update_readiness(p, true), 'LICENCE_RESTRICTION', ['Updates']);
  await failure(c.host.apply_updates(host as string, 'abc'), 'LICENCE_RESTRICTION', ['Updates']);
  await failure(c.pool.set_update_sync_enabled(p, true), 'NO_REPOSITORIES_CONFIGURED', []);
  await c.pool.set_update_sync_enabled(p, false);
  assert.equal(await c.pool.get_update_sync_enabled(p), false);
  // A call for the local superuser only, here over the Unix socket.
  const local = await socketClient(join(server.stateDir, 'xapi.sock'));
  try {
    await local.c.host.emergency_clear_mandatory_guidance();
  } finally {
    local.close();
  }
  assert.deepEqual(await c.host.get_pending_guidances(host as string), []);
});

test('local storage caching: the host must be quiet, and no SR can cache', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const [pool] = await c.pool.get_all();
  const [host] = await c.host.get_all();
  const h = host as string;
  const [sr] = await c.SR.get_all();
  await failure(c.host.enable_local_storage_caching(h, sr as string), 'HOST_NOT_DISABLED', []);
  await failure(c.host.disable_local_storage_caching(h), 'HOST_NOT_DISABLED', []);
  await failure(c.pool.enable_local_storage_caching(pool as string), 'HOSTS_FAILED_TO_ENABLE_CACHING', [h]);
  await failure(c.pool.disable_local_storage_caching(pool as string), 'HOSTS_FAILED_TO_DISABLE_CACHING', [h]);
  await c.host.disable(h);
  // a guest running on the host (as a resync would record it) keeps it in use
  const { db } = server.xapi.services;
  const guest = db.create(
    'VM',
    serverFields('VM', { name_label: 'guest', power_state: 'Running', resident_on: h }),
  );
  await failure(c.host.enable_local_storage_caching(h, sr as string), 'HOST_IN_USE', [h, 'vm', guest]);
  db.destroy('VM', guest);
  await failure(c.host.enable_local_storage_caching(h, sr as string), 'SR_OPERATION_NOT_SUPPORTED', [sr]);
  await c.host.disable_local_storage_caching(h);
  await c.pool.disable_local_storage_caching(pool as string);
  assert.equal(await c.host.get_local_cache_sr(h), 'OpaqueRef:NULL');
});

test('removed calls answer MESSAGE_REMOVED; deprecated and absent ones what xapi says', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const [pool] = await c.pool.get_all();
  const [host] = await c.host.get_all();
  const [vm] = await c.VM.get_all();
  const p = pool as string;
  const h = host as string;
  await failure(c.VM.set_protection_policy(vm as string, 'OpaqueRef:NULL'), 'MESSAGE_REMOVED', []);
  await failure(c.pool.enable_ssl_legacy(p), 'MESSAGE_REMOVED', []);
  await failure(c.pool.test_archive_target(p, {}), 'MESSAGE_REMOVED', []);
  await failure(c.host.license_apply(h, ''), 'MESSAGE_REMOVED', []);
  await failure(c.host.set_cpu_features(h, '0'), 'MESSAGE_REMOVED', []);
  await failure(c.host.reset_cpu_features(h), 'MESSAGE_REMOVED', []);
  await failure(c.host.apply_recommended_guidances(h), 'MESSAGE_REMOVED', []);
  await c.pool.disable_ssl_legacy(p);
  await c.host.set_ssl_legacy(h, false);
  await failure(c.host.set_ssl_legacy(h, true), 'VALUE_NOT_SUPPORTED', [
    'value',
    'true',
    'Legacy SSL support has been removed',
  ]);
  await failure(c.pool.set_vswitch_controller('10.0.0.9'), 'OPERATION_NOT_ALLOWED', [
    'host not configured for vswitch operation',
  ]);
  await failure(c.pool.set_uefi_certificates(p, 'x'), 'OPERATION_NOT_ALLOWED');
  await failure(c.pool.set_custom_uefi_certificates(p, 'x'), 'OPERATION_NOT_ALLOWED', [
    'Setting UEFI certificates is not possible when allow_custom_uefi_certs is false',
  ]);
  const local = await socketClient(join(server.stateDir, 'xapi.sock'));
  try {
    await failure(local.c.host.set_uefi_certificates(h, 'x'), 'OPERATION_NOT_ALLOWED');
    await failure(local.c.host.set_sched_gran(h, 'core'), 'OPERATION_NOT_ALLOWED', ['Disabled by xapi.conf']);
    assert.equal(await local.c.host.get_sched_gran(h), 'cpu');
  } finally {
    local.close();
  }
  assert.equal(await c.host.has_extension(h, 'Echo.echo'), false);
  assert.equal(await c.pool.has_extension(p, 'Echo.echo'), false);
  await failure(
    c.host.call_extension(h, JSON.stringify({ method: 'Echo.echo', params: [], id: 1 })),
    'MESSAGE_METHOD_UNKNOWN',
    ['Echo.echo'],
  );
  await failure(c.host.disable_display(h), 'FEATURE_RESTRICTED', []);
});

test("messages granted to no role are the local superuser's alone", async () => {
  await using server = await startTestServer();
  const root = await server.client();
  // a pool-admin who is not root (subjects start with pool-admin)
  const subject = await root.subject.create({ subject_identifier: 'local:bob', other_config: {} });
  await root.subject.set_local_password(subject, 'bob-pw');
  const bob = await server.client('bob', 'bob-pw');
  const [host] = await bob.host.get_all();
  await failure(bob.host.get_sched_gran(host as string), 'RBAC_PERMISSION_DENIED', [
    'host.get_sched_gran',
    'The session does not hold a role allowed to call this message',
  ]);
  await failure(bob.host.emergency_disable_tls_verification(), 'RBAC_PERMISSION_DENIED');
  // root passes RBAC, over TCP as over the Unix socket
  assert.equal(await root.host.get_sched_gran(host as string), 'cpu');
  // pool-admin messages stay open to bob
  assert.equal(await bob.host.has_extension(host as string, 'x'), false);
});
