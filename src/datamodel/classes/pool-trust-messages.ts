// pool messages of trust between hosts: the CA certificates and CRLs the
// pool trusts (kept as files in the state directory, CA certificates also as
// Certificate records of type `ca`), TLS verification and the test POST that
// exercises it. Signatures and roles are xapi's.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

const name = param('name', t.string, 'A name for the file: letters, digits, ".", "_", "-", ending in .pem.');
const cert = param('cert', t.string, 'The certificate in PEM format.');
const crl = param('cert', t.string, 'The CRL in PEM format.');
const CA_INSTALL_ERRORS = [
  'CERTIFICATE_NAME_INVALID',
  'CERTIFICATE_ALREADY_EXISTS',
  'CA_CERTIFICATE_INVALID',
  'CA_CERTIFICATE_NOT_VALID_YET',
  'CA_CERTIFICATE_EXPIRED',
];
const CA_UNINSTALL_ERRORS = ['CERTIFICATE_NAME_INVALID', 'CERTIFICATE_DOES_NOT_EXIST'];

export const poolTrustMessages: readonly MessageDecl[] = [
  call('install_ca_certificate', {
    params: [name, cert],
    errors: CA_INSTALL_ERRORS,
    role: 'pool-operator',
    async: true,
    doc: 'Install a TLS CA certificate, pool-wide: trusted when hosts verify TLS peers (see send_test_post).',
  }),
  call('uninstall_ca_certificate', {
    params: [name],
    errors: CA_UNINSTALL_ERRORS,
    role: 'pool-operator',
    async: true,
    doc: 'Uninstall a pool-wide TLS CA certificate.',
  }),
  call('certificate_install', {
    params: [name, cert],
    errors: CA_INSTALL_ERRORS,
    role: 'pool-operator',
    async: true,
    lifecycle: 'deprecated',
    doc: 'Install a TLS CA certificate, pool-wide (the old name of install_ca_certificate).',
  }),
  call('certificate_uninstall', {
    params: [name],
    errors: CA_UNINSTALL_ERRORS,
    role: 'pool-operator',
    async: true,
    lifecycle: 'deprecated',
    doc: 'Uninstall a pool-wide TLS CA certificate (the old name of uninstall_ca_certificate).',
  }),
  call('certificate_list', {
    result: t.set(t.string),
    resultDoc: 'The names of the installed CA certificates.',
    role: 'pool-operator',
    async: true,
    lifecycle: 'deprecated',
    doc: 'List the names of all installed TLS CA certificates.',
  }),
  call('crl_install', {
    params: [name, crl],
    errors: ['CRL_NAME_INVALID', 'CRL_ALREADY_EXISTS', 'CRL_CORRUPT'],
    role: 'pool-operator',
    async: true,
    doc: 'Install a TLS certificate revocation list, pool-wide: applied when hosts verify TLS peers.',
  }),
  call('crl_uninstall', {
    params: [name],
    errors: ['CRL_NAME_INVALID', 'CRL_DOES_NOT_EXIST'],
    role: 'pool-operator',
    async: true,
    doc: 'Uninstall a pool-wide TLS certificate revocation list.',
  }),
  call('crl_list', {
    result: t.set(t.string),
    resultDoc: 'The names of the installed CRLs.',
    role: 'pool-operator',
    async: true,
    doc: 'List the names of all installed TLS certificate revocation lists.',
  }),
  call('certificate_sync', {
    errors: ['CERTIFICATE_LIBRARY_CORRUPT'],
    role: 'pool-operator',
    async: true,
    doc:
      "Make the Certificate records of type ca match the CA files of the coordinator's trust store (the " +
      'files are the truth: a file added or removed by hand is recorded or forgotten).',
  }),
  call('enable_tls_verification', {
    role: 'pool-admin',
    doc: 'Turn on TLS verification: the pool and every host record it, and TLS peers are verified from then on.',
  }),
  call('send_test_post', {
    params: [
      param('host', t.string, 'The host to send the request to.'),
      param('port', t.int, 'The port to send the request to.'),
      param('body', t.string, 'The body of the request.'),
    ],
    result: t.string,
    resultDoc: 'The response.',
    errors: ['INTERNAL_ERROR'],
    role: 'pool-admin',
    async: true,
    doc:
      'POST the body to https://host:port/ and return the response body. The peer is verified against the ' +
      'installed CA certificates (and CRLs) when TLS verification is on, as xapi verifies pool peers.',
  }),
];
