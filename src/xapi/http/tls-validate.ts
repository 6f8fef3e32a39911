// Checks a certificate, key and chain offered to host.install_server_certificate,
// in xapi's order and with its error codes: the key, then the certificate
// (parses, matches the key, valid now, signed with SHA-2), then the chain.
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { apiError } from '../../datamodel/api-error.js';

export interface CertificateFacts {
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** SHA-256 fingerprint, colon-separated upper-case hex. */
  readonly fingerprint: string;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

// sha256WithRSAEncryption and sha512WithRSAEncryption, DER-encoded OIDs.
const ACCEPTED_SIGNATURES = new Set(['2a864886f70d01010b', '2a864886f70d01010d']);

/** One DER TLV at `off`: where its contents start and end. */
function tlv(der: Buffer, off: number): { tag: number; start: number; end: number } {
  const tag = der[off] ?? -1;
  let len = der[off + 1] ?? 0;
  let start = off + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (der[start + i] ?? 0);
    start += n;
  }
  return { tag, start, end: start + len };
}

/** The OID of Certificate.signatureAlgorithm (RFC 5280 §4.1.1.2), as hex. */
export function signatureAlgorithmOid(der: Buffer): string {
  const cert = tlv(der, 0);
  const tbs = tlv(der, cert.start);
  const alg = tlv(der, tbs.end);
  const oid = tlv(der, alg.start);
  return oid.tag === 0x06 ? der.subarray(oid.start, oid.end).toString('hex') : '';
}

/** `YYYY-MM-DDTHH:MM:SSZ`: how the errors report times. */
function iso(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

function parseCertificate(pem: string): X509Certificate | undefined {
  if (!/^\s*-----BEGIN CERTIFICATE-----/.test(pem)) return undefined;
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

export function certificateFacts(cert: X509Certificate): CertificateFacts {
  return {
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    fingerprint: cert.fingerprint256,
  };
}

function parseKey(pem: string): KeyObject {
  // Unencrypted PKCS#8 (`PRIVATE KEY`) or PKCS#1 (`RSA PRIVATE KEY`) only.
  if (!/^\s*-----BEGIN (RSA )?PRIVATE KEY-----/.test(pem))
    throw apiError('SERVER_CERTIFICATE_KEY_INVALID', {});
  try {
    return createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw apiError('SERVER_CERTIFICATE_KEY_INVALID', {});
  }
}

export function validateServerCertificate(
  certificate: string,
  privateKey: string,
  chain: string,
  now: Date,
): CertificateFacts {
  const key = parseKey(privateKey);
  if (key.asymmetricKeyType !== 'rsa') {
    throw apiError('SERVER_CERTIFICATE_KEY_ALGORITHM_NOT_SUPPORTED', {
      algorithm: String(key.asymmetricKeyType),
    });
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048 || bits > 4096) {
    throw apiError('SERVER_CERTIFICATE_KEY_RSA_LENGTH_NOT_SUPPORTED', { length: String(bits) });
  }
  const cert = parseCertificate(certificate);
  if (!cert || (certificate.match(PEM_CERT) ?? []).length !== 1)
    throw apiError('SERVER_CERTIFICATE_INVALID', {});
  if (!cert.checkPrivateKey(key)) throw apiError('SERVER_CERTIFICATE_KEY_MISMATCH', {});
  const facts = certificateFacts(cert);
  if (now < facts.notBefore) {
    throw apiError('SERVER_CERTIFICATE_NOT_VALID_YET', { now: iso(now), not_before: iso(facts.notBefore) });
  }
  if (now > facts.notAfter) {
    throw apiError('SERVER_CERTIFICATE_EXPIRED', { now: iso(now), not_after: iso(facts.notAfter) });
  }
  if (!ACCEPTED_SIGNATURES.has(signatureAlgorithmOid(cert.raw))) {
    throw apiError('SERVER_CERTIFICATE_SIGNATURE_NOT_SUPPORTED', {});
  }
  const blocks = chain.match(PEM_CERT) ?? [];
  // Whatever is not a certificate block (other than blank space) makes the chain invalid too.
  if (chain.replace(PEM_CERT, '').trim() !== '' || blocks.some((b) => !parseCertificate(b))) {
    throw apiError('SERVER_CERTIFICATE_CHAIN_INVALID', {});
  }
  return facts;
}
