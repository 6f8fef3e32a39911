// Errors of the pool's trusted CA certificates and CRLs (pool.install_ca_certificate,
// crl_install, ...) and of TLS verification between hosts, as xapi names them.
import type { ErrorTable } from './table.js';

export const trustErrors = {
  CERTIFICATE_DOES_NOT_EXIST: { params: ['name'], doc: 'The specified certificate does not exist.' },
  CERTIFICATE_ALREADY_EXISTS: {
    params: ['name'],
    doc: 'A certificate already exists with the specified name.',
  },
  CERTIFICATE_NAME_INVALID: { params: ['name'], doc: 'The specified certificate name is invalid.' },
  CERTIFICATE_CORRUPT: { params: ['name'], doc: 'The specified certificate is corrupt or unreadable.' },
  CERTIFICATE_LIBRARY_CORRUPT: { params: [], doc: 'The certificate library is corrupt or unreadable.' },
  CRL_DOES_NOT_EXIST: { params: ['name'], doc: 'The specified CRL does not exist.' },
  CRL_ALREADY_EXISTS: { params: ['name'], doc: 'A CRL already exists with the specified name.' },
  CRL_NAME_INVALID: { params: ['name'], doc: 'The specified CRL name is invalid.' },
  CRL_CORRUPT: { params: ['name'], doc: 'The specified CRL is corrupt or unreadable.' },
  CA_CERTIFICATE_INVALID: {
    params: [],
    doc: 'The provided CA certificate is not a PEM-encoded X509 certificate.',
  },
  CA_CERTIFICATE_NOT_VALID_YET: {
    params: ['now', 'not_before'],
    doc: 'The provided CA certificate is not valid yet.',
  },
  CA_CERTIFICATE_EXPIRED: { params: ['now', 'not_after'], doc: 'The provided CA certificate has expired.' },
  TLS_VERIFICATION_NOT_ENABLED_IN_POOL: {
    params: [],
    doc: 'TLS verification has not been enabled in the pool: enable it with pool.enable_tls_verification.',
  },
} as const satisfies ErrorTable;
