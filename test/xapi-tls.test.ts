// HTTPS: the same XenAPI over TLS with a certificate generated at first start
// and reused, its Certificate record, and a new certificate installed or reset
// live, for new connections, without a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { statSync } from 'node:fs';
import { request } from 'node:https';
import { connect as tlsConnect } from 'node:tls';
import { join } from 'node:path';
import { makeCertificate } from './support/certs.js';
import { jsonRpcTransport } from '../src/client/transport.js';
import { XapiClient } from '../src/client/generated.js';
import { startTestServer, TEST_PASSWORD } from './support/xapi-server.js';

/** The SHA-256 fingerprint of the certificate a new TLS connection is served. */
function servedFingerprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const fp = s.getPeerX509Certificate()?.fingerprint256 ?? '';
      s.end();
      resolve(fp);
    });
    s.once('error', reject);
  });
}

/** POST an XML-RPC call over HTTPS and return the reply's text. */
function xmlRpc(port: number, method: string, params: string[]): Promise<string> {
  const body =
    `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params>` +
    params.map((p) => `<param><value><string>${p}</string></value></param>`).join('') +
    '</params></methodCall>';
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/',
        method: 'POST',
        rejectUnauthorized: false,
        headers: { 'content-type': 'text/xml' },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve(text));
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

test('HTTPS serves the XenAPI with a certificate made at first start, recorded and reused', async () => {
  const first = await startTestServer({ https: { port: 0 } });
  const stateDir = first.stateDir;
  let fingerprint: string;
  try {
    const port = first.xapi.httpsPort as number;
    assert.ok(port > 0);
    // The key is readable by its owner only.
    assert.equal(statSync(join(stateDir, 'tls', 'server.key')).mode & 0o777, 0o600);

    // JSON-RPC over TLS, verifying nothing (a self-signed certificate).
    const transport = jsonRpcTransport({ url: `https://127.0.0.1:${port}`, rejectUnauthorized: false });
    try {
      const c = new XapiClient(transport);
      await c.login('root', TEST_PASSWORD);
      const [host] = await c.host.get_all();
      const certs = await c.host.get_certificates(host as string);
      assert.equal(certs.length, 1);
      const rec = await c.Certificate.get_record(certs[0] as string);
      fingerprint = await servedFingerprint(port);
      assert.equal(rec.fingerprint, fingerprint);
      assert.equal(rec.type, 'host');
      assert.equal(rec.host, host);
      assert.match(rec.not_after, /^\d{8}T\d\d:\d\d:\d\dZ$/);
      const pem = await c.host.get_server_certificate(host as string);
      assert.equal(new X509Certificate(pem).fingerprint256, fingerprint);
    } finally {
      transport.close();
    }
    // A client that verifies certificates refuses the self-signed one.
    const strict = jsonRpcTransport({ url: `https://127.0.0.1:${port}` });
    try {
      await assert.rejects(strict('session.login_with_password', ['root', TEST_PASSWORD, '1.0', 't']), {
        code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      });
    } finally {
      strict.close();
    }
    // XML-RPC over TLS.
    const reply = await xmlRpc(port, 'session.login_with_password', ['root', TEST_PASSWORD]);
    assert.match(reply, /<name>Status<\/name><value>Success<\/value>/);
  } finally {
    await first.xapi.stop();
  }
  // The next start serves the same certificate.
  await using again = await startTestServer({ stateDir, https: { port: 0 } });
  assert.equal(await servedFingerprint(again.xapi.httpsPort as number), fingerprint);
  const c = await again.client();
  assert.equal((await c.Certificate.get_all()).length, 1);
});

test('install_server_certificate validates, then serves the new certificate live; reset makes a new one', async () => {
  await using server = await startTestServer({ https: { port: 0 } });
  const port = server.xapi.httpsPort as number;
  const c = await server.client();
  const [host] = await c.host.get_all();
  const before = await servedFingerprint(port);
  const mine = makeCertificate({ cn: 'xapi.example' });
  const other = makeCertificate();

  await assert.rejects(
    c.host.install_server_certificate(host as string, mine.certificate, other.privateKey, ''),
    {
      code: 'SERVER_CERTIFICATE_KEY_MISMATCH',
    },
  );
  await assert.rejects(
    c.host.install_server_certificate(host as string, mine.certificate, mine.privateKey, 'junk'),
    {
      code: 'SERVER_CERTIFICATE_CHAIN_INVALID',
    },
  );
  // Refused: nothing changed.
  assert.equal(await servedFingerprint(port), before);

  // A connection opened before the change keeps working.
  const kept = jsonRpcTransport({ url: `https://127.0.0.1:${port}`, rejectUnauthorized: false });
  try {
    const session = await kept('session.login_with_password', ['root', TEST_PASSWORD, '1.0', 't']);
    await c.host.install_server_certificate(
      host as string,
      mine.certificate,
      mine.privateKey,
      other.certificate,
    );
    const expected = new X509Certificate(mine.certificate).fingerprint256;
    assert.equal(await servedFingerprint(port), expected);
    assert.deepEqual(await kept('host.get_all', [session]), [host]);
    const certs = await c.host.get_certificates(host as string);
    assert.equal(certs.length, 1);
    assert.equal(await c.Certificate.get_fingerprint(certs[0] as string), expected);
    assert.equal(await c.host.get_server_certificate(host as string), mine.certificate);

    await c.host.reset_server_certificate(host as string);
    const reset = await servedFingerprint(port);
    assert.notEqual(reset, expected);
    assert.notEqual(reset, before);
    const [now] = await c.host.get_certificates(host as string);
    assert.equal(await c.Certificate.get_fingerprint(now as string), reset);
  } finally {
    kept.close();
  }
});
