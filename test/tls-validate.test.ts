import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { ApiError } from '../src/datamodel/api-error.js';
import { makeCertificate } from './support/certs.js';
import { signatureAlgorithmOid, validateServerCertificate } from '../src/xapi/http/tls-validate.js';

const good = makeCertificate();
const other = makeCertificate();

function code(f: () => unknown): [string, readonly string[]] {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return [e.code, e.params];
    throw e;
  }
  assert.fail('no error');
}

test('a matching RSA key and SHA-256 certificate are accepted, with their dates and fingerprint', () => {
  const facts = validateServerCertificate(good.certificate, good.privateKey, '', new Date());
  const x = new X509Certificate(good.certificate);
  assert.equal(facts.fingerprint, x.fingerprint256);
  assert.ok(facts.notBefore < facts.notAfter);
  // A chain of certificates is accepted too.
  validateServerCertificate(
    good.certificate,
    good.privateKey,
    `${other.certificate}\n${good.certificate}`,
    new Date(),
  );
});

test('each fault has its xapi code, key faults first', () => {
  assert.deepEqual(
    code(() => validateServerCertificate(good.certificate, 'not a key', '', new Date())),
    ['SERVER_CERTIFICATE_KEY_INVALID', []],
  );
  const ec = makeCertificate({ key: ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] });
  assert.deepEqual(
    code(() => validateServerCertificate(ec.certificate, ec.privateKey, '', new Date())),
    ['SERVER_CERTIFICATE_KEY_ALGORITHM_NOT_SUPPORTED', ['ec']],
  );
  const small = makeCertificate({ key: ['rsa:1024'] });
  assert.deepEqual(
    code(() => validateServerCertificate(small.certificate, small.privateKey, '', new Date())),
    ['SERVER_CERTIFICATE_KEY_RSA_LENGTH_NOT_SUPPORTED', ['1024']],
  );
  assert.deepEqual(
    code(() => validateServerCertificate('garbage', good.privateKey, 'also garbage', new Date())),
    ['SERVER_CERTIFICATE_INVALID', []],
  );
  assert.deepEqual(
    code(() => validateServerCertificate(good.certificate, other.privateKey, '', new Date())),
    ['SERVER_CERTIFICATE_KEY_MISMATCH', []],
  );
  const x = new X509Certificate(good.certificate);
  const later = new Date(new Date(x.validTo).getTime() + 86_400_000);
  const [expired, ep] = code(() => validateServerCertificate(good.certificate, good.privateKey, '', later));
  assert.equal(expired, 'SERVER_CERTIFICATE_EXPIRED');
  assert.deepEqual(ep, [
    `${later.toISOString().slice(0, 19)}Z`,
    `${new Date(x.validTo).toISOString().slice(0, 19)}Z`,
  ]);
  const earlier = new Date(new Date(x.validFrom).getTime() - 86_400_000);
  assert.equal(
    code(() => validateServerCertificate(good.certificate, good.privateKey, '', earlier))[0],
    'SERVER_CERTIFICATE_NOT_VALID_YET',
  );
  const sha1 = makeCertificate({ digest: 'sha1' });
  assert.deepEqual(
    code(() => validateServerCertificate(sha1.certificate, sha1.privateKey, '', new Date())),
    ['SERVER_CERTIFICATE_SIGNATURE_NOT_SUPPORTED', []],
  );
  assert.deepEqual(
    code(() => validateServerCertificate(good.certificate, good.privateKey, 'junk', new Date())),
    ['SERVER_CERTIFICATE_CHAIN_INVALID', []],
  );
  const broken = other.certificate.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!');
  assert.equal(
    code(() => validateServerCertificate(good.certificate, good.privateKey, broken, new Date()))[0],
    'SERVER_CERTIFICATE_CHAIN_INVALID',
  );
});

test('the signature algorithm is read from the certificate', () => {
  assert.equal(signatureAlgorithmOid(new X509Certificate(good.certificate).raw), '2a864886f70d01010b');
});
