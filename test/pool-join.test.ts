// pool.join's refusals across real hosts: whole toolstacks on 127.0.0.N, each
// with its own state. Every refusal gives xapi's error and leaves both hosts
// as they were: standalone masters that still answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { XapiClient } from '../src/client/generated.js';
import { openStore } from '../src/xapi/store.js';
import { POOL_TEST_PASSWORD, startPoolHosts, type PoolHost } from './support/pool-hosts.js';
import { VM_ARGS } from './support/vm-args.js';

const failsWith = (code: string, params?: readonly string[]) => (e: unknown) => {
  const f = e as { code?: string; params?: readonly string[] };
  assert.equal(f.code, code, String(e));
  if (params) assert.deepEqual(f.params, params);
  return true;
};

/** A port on `ip` that nothing listens on (bound, then released). */
async function closedPort(ip: string): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, ip, r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Each host is still a standalone master that answers, with only itself in its database. */
async function assertStandalone(h: PoolHost, c: XapiClient): Promise<void> {
  const [pool] = await c.pool.get_all();
  const hosts = await c.host.get_all();
  assert.equal(hosts.length, 1, `${h.address} holds one host`);
  assert.equal(await c.pool.get_master(pool as string), hosts[0]);
  assert.equal(existsSync(join(h.stateDir, 'pool.conf')), false, 'no role was written');
}

test('pool.join refusals between two real hosts leave both working', async () => {
  // An etcd cluster that nobody serves, for the conversion that must fail.
  await using pool = await startPoolHosts(2, { XAPI_TS_POOL_ETCD: 'http://127.0.0.1:9' });
  const [a, b] = pool.hosts as [PoolHost, PoolHost];
  const ca = await a.client();
  const cb = await b.client();
  const both = async () => {
    await assertStandalone(a, ca);
    await assertStandalone(b, cb);
  };

  // Joining itself.
  await assert.rejects(
    cb.pool.join(b.address, 'root', POOL_TEST_PASSWORD),
    failsWith('OPERATION_NOT_ALLOWED', ['Host cannot become slave of itself']),
  );
  await both();

  // A wrong password: the remote master's own error.
  await assert.rejects(
    cb.pool.join(a.address, 'root', 'not the password'),
    failsWith('SESSION_AUTHENTICATION_FAILED'),
  );
  await both();

  // Nothing listens there.
  const nowhere = `${a.ip}:${await closedPort(a.ip)}`;
  await assert.rejects(
    cb.pool.join(nowhere, 'root', POOL_TEST_PASSWORD),
    failsWith('JOINING_HOST_CONNECTION_FAILED', []),
  );
  await both();

  // Something answers HTTP there, but not the XenAPI.
  const web: Server = createServer((_req, res) => res.writeHead(404).end('no such page\n'));
  await new Promise<void>((r) => web.listen(0, a.ip, r));
  try {
    const port = (web.address() as { port: number }).port;
    await assert.rejects(
      cb.pool.join(`${a.ip}:${port}`, 'root', POOL_TEST_PASSWORD),
      failsWith('JOINING_HOST_SERVICE_FAILED', []),
    );
  } finally {
    await new Promise<void>((r) => web.close(() => r()));
  }
  await both();

  // A running VM on the joiner.
  const vm = await cb.VM.create({ ...VM_ARGS, name_label: 'keeps running' });
  await cb.VM.start(vm, false, false);
  await assert.rejects(
    cb.pool.join(a.address, 'root', POOL_TEST_PASSWORD),
    failsWith('JOINING_HOST_CANNOT_HAVE_RUNNING_VMS', []),
  );
  assert.equal(await cb.VM.get_power_state(vm), 'Running', 'the VM was left alone');
  await both();
  await cb.VM.hard_shutdown(vm);

  // Every check passes, but the master's etcd cluster cannot be reached: the
  // conversion fails, says so, and the master takes writes again.
  await assert.rejects(
    cb.pool.join(a.address, 'root', POOL_TEST_PASSWORD),
    failsWith('INTERNAL_ERROR', ['pool database unavailable']),
  );
  await both();
  const [masterPool] = await ca.pool.get_all();
  await ca.pool.set_name_label(masterPool as string, 'still takes writes');
  assert.equal(await ca.pool.get_name_label(masterPool as string), 'still takes writes');

  // The master cannot be ejected (xapi: Cannot_eject_master, an INTERNAL_ERROR).
  const [ha] = await ca.host.get_all();
  await assert.rejects(ca.pool.eject(ha as string), failsWith('INTERNAL_ERROR', ['Cannot_eject_master']));
  await both();
});

test('pool.join to a master of another API version is refused with both versions', async () => {
  await using pool = await startPoolHosts(2);
  const [a, b] = pool.hosts as [PoolHost, PoolHost];
  // An older master: its host record says 2.20 (written while it is stopped).
  await a.stop();
  const db = openStore(join(a.stateDir, 'xapi.db'));
  const [entry] = [...db.all('host')];
  assert.ok(entry);
  const [ref, row] = entry;
  const mine = `${row.API_version_major}.${row.API_version_minor}`;
  const older = `${row.API_version_major}.${row.API_version_minor - 1}`;
  db.update('host', ref, { API_version_minor: row.API_version_minor - 1 });
  await db.flush();
  await db.close();
  await a.start();

  const cb = await b.client();
  await assert.rejects(
    cb.pool.join(a.address, 'root', POOL_TEST_PASSWORD),
    failsWith('POOL_JOINING_HOST_MUST_HAVE_SAME_API_VERSION', [mine, older]),
  );
  await assertStandalone(a, await a.client());
  await assertStandalone(b, cb);
});
