// host messages of the TLS server certificate the host presents on HTTPS.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

const host = param('host', t.ref('host'), 'The host.');

export const hostCertificateMessages: readonly MessageDecl[] = [
  call('install_server_certificate', {
    params: [
      host,
      param('certificate', t.string, 'The server certificate, in PEM form.'),
      param(
        'private_key',
        t.string,
        'The unencrypted private key used to sign the certificate, in PKCS#8 form.',
      ),
      param('certificate_chain', t.string, 'The certificate chain, in PEM form.'),
    ],
    errors: [
      'SERVER_CERTIFICATE_KEY_INVALID',
      'SERVER_CERTIFICATE_KEY_ALGORITHM_NOT_SUPPORTED',
      'SERVER_CERTIFICATE_KEY_RSA_LENGTH_NOT_SUPPORTED',
      'SERVER_CERTIFICATE_INVALID',
      'SERVER_CERTIFICATE_KEY_MISMATCH',
      'SERVER_CERTIFICATE_NOT_VALID_YET',
      'SERVER_CERTIFICATE_EXPIRED',
      'SERVER_CERTIFICATE_SIGNATURE_NOT_SUPPORTED',
      'SERVER_CERTIFICATE_CHAIN_INVALID',
    ],
    role: 'pool-admin',
    async: true,
    doc:
      'Install the TLS server certificate. HTTPS serves it to new connections at once, without a restart; ' +
      "the host's Certificate record is replaced.",
  }),
  call('reset_server_certificate', {
    params: [host],
    role: 'pool-admin',
    async: true,
    doc: 'Delete the current TLS server certificate and replace it by a new, self-signed one.',
  }),
  call('get_server_certificate', {
    params: [host],
    result: t.string,
    resultDoc: 'The installed server public TLS certificate, in PEM form.',
    role: 'read-only',
    async: true,
    doc: 'Get the installed server public TLS certificate.',
  }),
];
