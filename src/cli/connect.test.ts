import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveTarget } from './connect.js';
import { CliFailure } from './errors.js';

test('-s speaks TLS to port 443 by default, plain HTTP to 8080 with --nossl', () => {
  assert.deepEqual(resolveTarget({ server: 'h1' }, {}), { url: 'https://h1:443' });
  assert.deepEqual(resolveTarget({ server: 'h1', port: '8443' }, {}), { url: 'https://h1:8443' });
  assert.deepEqual(resolveTarget({ server: 'h1' }, { XAPI_TS_HTTPS_PORT: '9443' }), {
    url: 'https://h1:9443',
  });
  assert.deepEqual(resolveTarget({ server: 'h1' }, { XAPI_TS_HTTPS_PORT: 'none' }), {
    url: 'https://h1:443',
  });
  assert.deepEqual(resolveTarget({ server: 'h1', nossl: true }, {}), { url: 'http://h1:8080' });
  assert.deepEqual(resolveTarget({ server: 'h1', nossl: true }, { XAPI_TS_PORT: '81' }), {
    url: 'http://h1:81',
  });
  assert.deepEqual(resolveTarget({ server: '::1', nossl: true, port: '80' }, {}), { url: 'http://[::1]:80' });
  assert.throws(() => resolveTarget({ server: 'h1', port: 'x' }, {}), CliFailure);
});

test('without -s xe uses the local socket', () => {
  assert.deepEqual(resolveTarget({}, { XAPI_TS_STATE_DIR: '/var/lib/x' }), {
    socketPath: '/var/lib/x/xapi.sock',
  });
});
