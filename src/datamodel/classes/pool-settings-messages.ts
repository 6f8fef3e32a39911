// pool messages that change pool-wide settings: authentication limits, the
// guest agent configuration, HTTPS only, telemetry, the repository proxy and
// the update synchronisation schedule, client certificate authentication.
// Signatures and roles are xapi's (xenapi.json); each doc says what takes
// effect here and what is only stored.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

const self = param('self', t.ref('pool'), 'The pool.');

export const poolSettingsMessages: readonly MessageDecl[] = [
  call('set_local_auth_max_threads', {
    params: [self, param('value', t.int, 'The new maximum (at least 1).')],
    errors: ['INVALID_VALUE'],
    role: 'pool-operator',
    lifecycle: 'prototyped',
    doc: 'Set how many local password checks (logins) may run at once; later logins wait their turn. Takes effect at once.',
  }),
  call('set_ext_auth_max_threads', {
    params: [self, param('value', t.int, 'The new maximum (at least 1).')],
    errors: ['INVALID_VALUE'],
    role: 'pool-operator',
    lifecycle: 'prototyped',
    doc:
      'Set how many external authentications may run at once. Stored only: xapi-ts has no external ' +
      'authentication, so the limit bounds nothing yet.',
  }),
  call('add_to_guest_agent_config', {
    params: [
      self,
      param('key', t.string, 'The key to add (auto_update_enabled or auto_update_url).'),
      param('value', t.string, 'The value to add.'),
    ],
    errors: ['INVALID_VALUE'],
    role: 'pool-admin',
    doc:
      'Add a key-value pair to the pool-wide guest agent configuration, checked as xapi checks it ' +
      '(auto_update_enabled a boolean, auto_update_url an http(s) URL). Stored for guest agents; xapi-ts ' +
      'has no xenstore to publish it to guests.',
  }),
  call('remove_from_guest_agent_config', {
    params: [self, param('key', t.string, 'The key to remove.')],
    role: 'pool-admin',
    doc: 'Remove a key from the pool-wide guest agent configuration.',
  }),
  call('set_https_only', {
    params: [self, param('value', t.bool, 'True: serve the XenAPI over HTTPS only.')],
    errors: ['OPERATION_NOT_ALLOWED'],
    role: 'pool-operator',
    lifecycle: 'prototyped',
    doc: 'host.set_https_only on every host of the pool (so only a pool of one host can turn it on).',
  }),
  call('reset_telemetry_uuid', {
    params: [self],
    role: 'pool-admin',
    lifecycle: 'prototyped',
    doc: 'Replace the telemetry UUID by a new one, kept in a new secret (the old secret is destroyed).',
  }),
  call('set_telemetry_next_collection', {
    params: [self, param('value', t.datetime, 'The earliest time of the next collection.')],
    errors: ['TELEMETRY_NEXT_COLLECTION_TOO_LATE'],
    role: 'pool-admin',
    lifecycle: 'prototyped',
    doc:
      'Set the time of the next telemetry collection, no later than two intervals from now. Stored only: ' +
      'xapi-ts collects no telemetry.',
  }),
  call('configure_repository_proxy', {
    params: [
      self,
      param('url', t.string, 'The URL of the proxy (http or https).'),
      param('username', t.string, 'The username for the proxy.'),
      param('password', t.string, 'The password for the proxy (kept in a secret).'),
    ],
    errors: ['INVALID_REPOSITORY_PROXY_URL', 'INVALID_REPOSITORY_PROXY_CREDENTIAL'],
    role: 'pool-operator',
    doc:
      'Configure the proxy used to reach update repositories, validated as xapi does; the password goes to a ' +
      'new secret. Stored only: xapi-ts has no update repositories.',
  }),
  call('disable_repository_proxy', {
    params: [self],
    role: 'pool-operator',
    doc: 'Forget the repository proxy and destroy its password secret.',
  }),
  call('configure_update_sync', {
    params: [
      self,
      param('update_sync_frequency', t.enum('update_sync_frequency'), 'daily or weekly.'),
      param('update_sync_day', t.int, 'The day of the week for weekly sync (0 = Sunday … 6); 0 for daily.'),
    ],
    errors: ['INVALID_UPDATE_SYNC_DAY'],
    role: 'pool-operator',
    lifecycle: 'prototyped',
    doc:
      'Configure the schedule of periodic update synchronisation (a daily schedule stores day 0). Stored ' +
      'only: synchronisation cannot be turned on without repositories.',
  }),
  call('enable_client_certificate_auth', {
    params: [self, param('name', t.string, 'The name (CN/SAN) that a client certificate must have.')],
    role: 'pool-operator',
    doc:
      'Record that clients may log in with a certificate of this name. Stored only, as in xapi (which ' +
      'records the setting without checking client certificates yet).',
  }),
  call('disable_client_certificate_auth', {
    params: [self],
    role: 'pool-operator',
    doc: 'Record that clients may not log in with certificates.',
  }),
];
