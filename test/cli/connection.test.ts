// How xe finds the server and logs in: the local socket as root by default,
// -s/-p/-u/-pw/-pwf over HTTPS (or plain HTTP with --nossl), XE_EXTRA_ARGS
// and ~/.xe, and xe's failures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startXe } from './support.js';
import { TEST_PASSWORD } from '../support/xapi-server.js';

test('TCP with -s/-p/-u/-pw, password files, and the environment', async () => {
  await using h = await startXe({ xapi: { https: { port: 0 } } });
  // -s speaks TLS by default, accepting the host's self-signed certificate.
  const port = String(h.server.xapi.httpsPort);
  const host = (await h.xe('host-list', '--minimal')).stdout;
  const plainPort = String(h.server.xapi.port);
  /** xe's words to log in as root to 127.0.0.1 on `p`. */
  const asRootAt = (p: string): string[] => ['-s', '127.0.0.1', '-p', p, '-u', 'root', '-pw', TEST_PASSWORD];
  const plain = await h.xe(...asRootAt(plainPort), '--nossl', 'host-list', '--minimal');
  assert.deepEqual(plain, { code: 0, stdout: host, stderr: '' });
  // TLS to the plain HTTP port cannot succeed.
  const mismatch = await h.xe(...asRootAt(plainPort), 'host-list');
  assert.equal(mismatch.code, 1);
  assert.match(mismatch.stderr, /^Unable to contact server/);
  const tcp = await h.xe(...asRootAt(port), 'host-list', '--minimal');
  assert.deepEqual(tcp, { code: 0, stdout: host, stderr: '' });

  const debug = await h.xe('--debug', ...asRootAt(port), 'host-list');
  assert.equal(debug.code, 0);
  assert.match(
    debug.stderr,
    /^debug: call session\.login_with_password\ndebug: call host\.get_all_records\n/,
  );
  assert.ok(!debug.stderr.includes(TEST_PASSWORD));

  const dir = mkdtempSync(join(tmpdir(), 'xe-pwf-'));
  try {
    const pwf = join(dir, 'pw');
    writeFileSync(pwf, `${TEST_PASSWORD}\n`);
    const viaFile = await h.xe(
      'host-list',
      'server=127.0.0.1',
      `port=${port}`,
      'username=root',
      `passwordfile=${pwf}`,
      '--minimal',
    );
    assert.equal(viaFile.stdout, host);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const env = { XE_EXTRA_ARGS: `server=127.0.0.1,port=${port},username=root,password=${TEST_PASSWORD}` };
  // A state dir with no server proves the connection came from XE_EXTRA_ARGS.
  const viaEnv = await h.xeWith(
    { env: { ...env, XAPI_TS_STATE_DIR: '/nonexistent' } },
    'host-list',
    '--minimal',
  );
  assert.equal(viaEnv.stdout, host);

  writeFileSync(
    join(h.env.HOME as string, '.xe'),
    `server=127.0.0.1\nport=${port}\nusername=root\npassword=${TEST_PASSWORD}\n`,
  );
  const viaRc = await h.xeWith({ env: { XAPI_TS_STATE_DIR: '/nonexistent' } }, 'host-list', '--minimal');
  assert.equal(viaRc.stdout, host);
});

test('authentication failures and unreachable servers are reported as xe does', async () => {
  await using h = await startXe();
  const port = String(h.server.xapi.port);
  const bad = await h.xe('-s', '127.0.0.1', '-p', port, '--nossl', '-u', 'root', '-pw', 'wrong', 'vm-list');
  assert.deepEqual(bad, { code: 1, stdout: '', stderr: "Authentication failed\nFor usage run: 'xe help'\n" });
  const none = await h.xe('-s', '127.0.0.1', '-p', port, '--nossl', 'vm-list');
  assert.deepEqual(none, {
    code: 1,
    stdout: '',
    stderr: "Username/password must be specified\nFor usage run: 'xe help'\n",
  });
  const down = await h.xeWith({ env: { XAPI_TS_STATE_DIR: '/nonexistent' } }, 'vm-list');
  assert.equal(down.code, 1);
  assert.match(
    down.stderr,
    /^Unable to contact server\. Please check server and port settings\.\n.*\/nonexistent\/xapi\.sock/,
  );
});

test('command-line errors: unknown command, syntax, missing parameter', async () => {
  await using h = await startXe();
  assert.deepEqual(await h.xe('frobnicate'), {
    code: 1,
    stdout: '',
    stderr: "Unknown command: frobnicate\nFor usage run: 'xe help'\n",
  });
  assert.deepEqual(await h.xe('uuid=1'), {
    code: 1,
    stdout: '',
    stderr: "Syntax error: command name is missing\nFor usage run: 'xe help'\n",
  });
  const m = await h.xe('network-create');
  assert.equal(m.stderr, "Required parameter not found: name-label\nFor usage run: 'xe help'\n");
  const usage = await h.xe();
  assert.equal(usage.code, 0);
  assert.match(usage.stdout, /^Usage:\n {2}xe <command>/);
});
