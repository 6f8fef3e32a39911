import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LEASE_TTL_S, loadHostUuid, poolDbConfig } from './config.js';

test('no endpoints: a standalone host', () => {
  assert.equal(poolDbConfig({}, {}), undefined);
  assert.equal(poolDbConfig({ endpoints: ' , ' }, {}), undefined);
});

test('endpoints and pool uuid from flags, or else from the environment', () => {
  assert.deepEqual(poolDbConfig({ endpoints: 'http://a:1, http://b:2', poolUuid: 'p' }, {}), {
    endpoints: ['http://a:1', 'http://b:2'],
    poolUuid: 'p',
    leaseTtlSeconds: DEFAULT_LEASE_TTL_S,
  });
  const env = { XAPI_TS_ETCD_ENDPOINTS: 'http://e:1', XAPI_TS_POOL_UUID: 'q', XAPI_TS_POOL_LEASE_TTL: '3' };
  assert.deepEqual(poolDbConfig({}, env), { endpoints: ['http://e:1'], poolUuid: 'q', leaseTtlSeconds: 3 });
  assert.equal(poolDbConfig({ poolUuid: 'flag', leaseTtl: '4' }, env)?.poolUuid, 'flag');
  assert.equal(poolDbConfig({ poolUuid: 'flag', leaseTtl: '4' }, env)?.leaseTtlSeconds, 4);
});

test('half a configuration or a bad TTL is refused, never run standalone', () => {
  assert.throws(() => poolDbConfig({ poolUuid: 'p' }, {}), /without etcd endpoints/);
  assert.throws(() => poolDbConfig({ endpoints: 'http://a:1' }, {}), /without the pool uuid/);
  for (const ttl of ['1', '2.5', 'x']) {
    assert.throws(
      () => poolDbConfig({ endpoints: 'http://a:1', poolUuid: 'p', leaseTtl: ttl }, {}),
      /lease TTL/,
    );
  }
});

test('the host uuid is created once and kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xapi-ts-host-uuid-'));
  try {
    const first = loadHostUuid(dir);
    assert.match(first, /^[0-9a-f-]{36}$/);
    assert.equal(loadHostUuid(dir), first);
    assert.equal(readFileSync(join(dir, 'host-uuid'), 'utf8'), `${first}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
