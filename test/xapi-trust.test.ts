// The pool's trusted CA certificates and CRLs through the XenAPI: named files
// with Certificate records of type ca, xapi's name and validity checks, and
// send_test_post, which verifies its peer against them once TLS verification is on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCertificate } from './support/certs.js';
import { socketClient, startTestServer } from './support/xapi-server.js';
import { failure } from './support/failure.js';

/** An empty CRL signed by a new self-signed CA, PEM. */
function makeCrl(): string {
  const ca = makeCertificate({ cn: 'crl-ca.example' });
  const dir = mkdtempSync(join(tmpdir(), 'xapi-ts-crl-'));
  try {
    writeFileSync(join(dir, 'ca.pem'), ca.certificate);
    writeFileSync(join(dir, 'ca.key'), ca.privateKey);
    writeFileSync(join(dir, 'index.txt'), '');
    const conf = [
      '[ca]',
      'default_ca = d',
      '[d]',
      `database = ${join(dir, 'index.txt')}`,
      'default_md = sha256',
      'default_crl_days = 30',
    ].join('\n');
    writeFileSync(join(dir, 'ca.conf'), conf);
    execFileSync(
      'openssl',
      [
        'ca',
        '-gencrl',
        '-config',
        join(dir, 'ca.conf'),
        '-cert',
        join(dir, 'ca.pem'),
        '-keyfile',
        join(dir, 'ca.key'),
        '-out',
        join(dir, 'crl.pem'),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return readFileSync(join(dir, 'crl.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('CA certificates: installed by name with a record, listed, checked, uninstalled', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const ca = makeCertificate({ cn: 'root-ca.example' });
  await c.pool.install_ca_certificate('root-ca.pem', ca.certificate);
  assert.deepEqual(await c.pool.certificate_list(), ['root-ca.pem']);
  const records = await c.Certificate.get_all_records();
  const mine = Object.values(records).filter((r) => r.type === 'ca');
  assert.equal(mine.length, 1);
  assert.equal(mine[0]?.name, 'root-ca.pem');
  assert.match(mine[0]?.fingerprint ?? '', /^[0-9A-F:]+$/);
  assert.equal(readFileSync(join(server.stateDir, 'tls', 'ca', 'root-ca.pem'), 'utf8'), ca.certificate);

  await failure(c.pool.install_ca_certificate('root-ca.pem', ca.certificate), 'CERTIFICATE_ALREADY_EXISTS', [
    'root-ca.pem',
  ]);
  await failure(c.pool.install_ca_certificate('../evil.pem', ca.certificate), 'CERTIFICATE_NAME_INVALID', [
    '../evil.pem',
  ]);
  await failure(c.pool.install_ca_certificate('noext', ca.certificate), 'CERTIFICATE_NAME_INVALID', [
    'noext',
  ]);
  await failure(c.pool.install_ca_certificate('bad.pem', 'not a certificate'), 'CA_CERTIFICATE_INVALID', []);

  // the deprecated names do the same
  const other = makeCertificate({ cn: 'other-ca.example' });
  await c.pool.certificate_install('other.pem', other.certificate);
  assert.deepEqual(await c.pool.certificate_list(), ['other.pem', 'root-ca.pem']);
  await c.pool.certificate_uninstall('other.pem');
  await c.pool.uninstall_ca_certificate('root-ca.pem');
  assert.deepEqual(await c.pool.certificate_list(), []);
  await failure(c.pool.uninstall_ca_certificate('root-ca.pem'), 'CERTIFICATE_DOES_NOT_EXIST', [
    'root-ca.pem',
  ]);

  // certificate_sync makes the records follow the files
  writeFileSync(join(server.stateDir, 'tls', 'ca', 'dropped-in.pem'), other.certificate);
  await c.pool.certificate_sync();
  assert.deepEqual(await c.pool.certificate_list(), ['dropped-in.pem']);
});

test('CRLs: installed by name, listed and uninstalled', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const crl = makeCrl();
  await c.pool.crl_install('revoked.pem', crl);
  assert.deepEqual(await c.pool.crl_list(), ['revoked.pem']);
  await failure(c.pool.crl_install('revoked.pem', crl), 'CRL_ALREADY_EXISTS', ['revoked.pem']);
  await failure(c.pool.crl_install('.hidden.pem', crl), 'CRL_NAME_INVALID', ['.hidden.pem']);
  await failure(c.pool.crl_install('junk.pem', 'junk'), 'CRL_CORRUPT', ['junk.pem']);
  await c.pool.crl_uninstall('revoked.pem');
  assert.deepEqual(await c.pool.crl_list(), []);
  await failure(c.pool.crl_uninstall('revoked.pem'), 'CRL_DOES_NOT_EXIST', ['revoked.pem']);
});

test('send_test_post verifies its peer once TLS verification is on', async () => {
  await using server = await startTestServer({ https: { port: 0 } });
  const c = await server.client();
  const port = server.xapi.httpsPort as number;
  const body =
    '<?xml version="1.0"?><methodCall><methodName>session.login_with_password</methodName>' +
    '<params><param><value>nobody</value></param><param><value>x</value></param></params></methodCall>';
  // not verified: the self-signed certificate is accepted and the reply returned
  const reply = await c.pool.send_test_post('127.0.0.1', port, body);
  assert.match(reply, /SESSION_AUTHENTICATION_FAILED/);
  await c.pool.enable_tls_verification();
  await failure(c.pool.send_test_post('127.0.0.1', port, body), 'INTERNAL_ERROR');
  // a peer whose certificate the pool trusts is verified and answered
  const peerCert = makeCertificate({ cn: 'localhost' });
  const peer = createServer({ key: peerCert.privateKey, cert: peerCert.certificate }, (req, res) => {
    let got = '';
    req.on('data', (d: Buffer) => (got += d.toString()));
    req.on('end', () => res.end(`echo:${got}`));
  });
  await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
  try {
    const peerPort = (peer.address() as AddressInfo).port;
    await failure(c.pool.send_test_post('localhost', peerPort, 'ping'), 'INTERNAL_ERROR');
    await c.pool.install_ca_certificate('peer.pem', peerCert.certificate);
    assert.equal(await c.pool.send_test_post('localhost', peerPort, 'ping'), 'echo:ping');
  } finally {
    peer.closeAllConnections();
    await new Promise((resolve) => peer.close(resolve));
  }
});

test('refresh_server_certificate and emergency_reset_server_certificate issue a new certificate, served and recorded', async () => {
  await using server = await startTestServer({ https: { port: 0 } });
  const c = await server.client();
  const [host] = await c.host.get_all();
  const h = host as string;
  const fingerprint = async () => {
    const [cert] = await c.host.get_certificates(h);
    return c.Certificate.get_fingerprint(cert as string);
  };
  const first = await c.host.get_server_certificate(h);
  const firstPrint = await fingerprint();
  await c.host.refresh_server_certificate(h);
  const second = await c.host.get_server_certificate(h);
  assert.notEqual(second, first);
  assert.notEqual(await fingerprint(), firstPrint);
  const local = await socketClient(join(server.stateDir, 'xapi.sock'));
  try {
    await local.c.host.emergency_reset_server_certificate();
  } finally {
    local.close();
  }
  assert.notEqual(await c.host.get_server_certificate(h), second);
  assert.equal((await c.host.get_certificates(h)).length, 1);
});

test('refresh_pack_info rewrites software_version from the host', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const [host] = await c.host.get_all();
  const h = host as string;
  const before = await c.host.get_software_version(h);
  assert.ok(before.product_version);
  // a stale record, as after a software change the record has not caught up with
  server.xapi.services.db.update('host', h, { software_version: { product_version: 'stale' } });
  await c.host.refresh_pack_info(h);
  assert.deepEqual(await c.host.get_software_version(h), before);
});
