// Errors of the host's TLS server certificate (host.install_server_certificate).
// Codes and parameters as xapi names them; times are ISO 8601, UTC.
import type { ErrorTable } from './table.js';

export const tlsErrors = {
  SERVER_CERTIFICATE_KEY_INVALID: {
    params: [],
    doc: 'The provided key is not an unencrypted private key in PEM form (PKCS#8 or PKCS#1).',
  },
  SERVER_CERTIFICATE_KEY_ALGORITHM_NOT_SUPPORTED: {
    params: ['algorithm'],
    doc: 'The provided key uses an unsupported algorithm (RSA is required).',
  },
  SERVER_CERTIFICATE_KEY_RSA_LENGTH_NOT_SUPPORTED: {
    params: ['length'],
    doc: 'The provided RSA key does not have a length between 2048 and 4096 bits.',
  },
  SERVER_CERTIFICATE_INVALID: { params: [], doc: 'The provided certificate is not in a PEM-encoded X509.' },
  SERVER_CERTIFICATE_KEY_MISMATCH: {
    params: [],
    doc: "The provided key does not match the provided certificate's public key.",
  },
  SERVER_CERTIFICATE_NOT_VALID_YET: {
    params: ['now', 'not_before'],
    doc: 'The provided certificate is not valid yet.',
  },
  SERVER_CERTIFICATE_EXPIRED: { params: ['now', 'not_after'], doc: 'The provided certificate has expired.' },
  SERVER_CERTIFICATE_SIGNATURE_NOT_SUPPORTED: {
    params: [],
    doc: 'The provided certificate is not signed with SHA-256 or SHA-512.',
  },
  SERVER_CERTIFICATE_CHAIN_INVALID: {
    params: [],
    doc: 'The provided intermediate certificates are not in PEM-encoded X509.',
  },
} as const satisfies ErrorTable;
