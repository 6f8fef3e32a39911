import { defineClass, enumOf, field, t, uid } from '../build.js';

export const certificate = defineClass({
  name: 'Certificate',
  doc: 'An X509 certificate used for TLS connections.',
  writeRole: 'pool-admin',
  enums: [
    enumOf('certificate_type', [
      ['ca', 'Certificate that is trusted by the whole pool.'],
      ['host', 'Certificate that identifies a single host to entities outside the pool.'],
      ['host_internal', 'Certificate that identifies a single host to other pool members.'],
    ]),
  ],
  fields: [
    uid(),
    field(
      'name',
      t.string,
      'DynamicRO',
      'The name of the certificate, only present on certificates of type ca.',
    ),
    field('type', t.enum('certificate_type'), 'DynamicRO', 'The type of the certificate.', {
      default: 'host',
    }),
    field('host', t.ref('host'), 'StaticRO', 'The host where the certificate is installed.', {
      default: 'OpaqueRef:NULL',
    }),
    field('not_before', t.datetime, 'StaticRO', 'Date after which the certificate is valid.', {
      default: '19700101T00:00:00Z',
    }),
    field('not_after', t.datetime, 'StaticRO', 'Date before which the certificate is valid.', {
      default: '19700101T00:00:00Z',
    }),
    field(
      'fingerprint',
      t.string,
      'StaticRO',
      "The certificate's SHA-256 fingerprint (colon-separated hex).",
      {
        default: '',
      },
    ),
  ],
});
