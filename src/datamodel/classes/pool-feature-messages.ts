// pool messages of features this toolstack does not have: workload balancing,
// licences and editions, external authentication, update repositories, local
// storage caching, the vswitch controller and removed or deprecated calls.
// Each answers what a xapi without the feature answers (see
// src/xapi/actions/absent-features.ts); signatures and roles are xapi's.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

const self = param('self', t.ref('pool'), 'The pool.');
const pool = param('pool', t.ref('pool'), 'The pool whose external authentication should be changed.');
const config = param('config', t.smap, 'Parameters of the external authentication service.');

const WLB =
  'xapi-ts has no workload balancing: the call fails with LICENCE_RESTRICTION (WLB), as in an unlicensed xapi.';
const REPOS = 'xapi-ts has no update repositories';
const UPDATES =
  'xapi-ts has no update repositories: LICENCE_RESTRICTION (Updates), as in a xapi unlicensed for updates.';

export const poolFeatureMessages: readonly MessageDecl[] = [
  call('initialize_wlb', {
    params: [
      param('wlb_url', t.string, 'The IP address and port of the WLB server.'),
      param('wlb_username', t.string, 'The username for the WLB server.'),
      param('wlb_password', t.string, 'The password for the WLB server.'),
      param('xenserver_username', t.string, 'The username WLB uses to reach the pool.'),
      param('xenserver_password', t.string, 'The password WLB uses to reach the pool.'),
    ],
    errors: ['LICENCE_RESTRICTION'],
    role: 'pool-operator',
    async: true,
    doc: `Initialize workload balancing for the pool. ${WLB}`,
  }),
  call('deconfigure_wlb', {
    errors: ['WLB_NOT_INITIALIZED'],
    role: 'pool-operator',
    async: true,
    doc: 'Forget the workload balancing server. No server is ever configured here: WLB_NOT_INITIALIZED.',
  }),
  call('send_wlb_configuration', {
    params: [param('config', t.smap, 'The configuration to use in optimizing this pool.')],
    errors: ['LICENCE_RESTRICTION'],
    role: 'pool-operator',
    async: true,
    doc: `Send the workload balancing configuration. ${WLB}`,
  }),
  call('retrieve_wlb_configuration', {
    result: t.smap,
    resultDoc: 'The configuration used in optimizing this pool.',
    errors: ['LICENCE_RESTRICTION'],
    role: 'read-only',
    async: true,
    doc: `Retrieve the workload balancing configuration. ${WLB}`,
  }),
  call('retrieve_wlb_recommendations', {
    result: t.map(t.ref('VM'), t.set(t.string)),
    resultDoc: 'The list of VM migration recommendations.',
    errors: ['LICENCE_RESTRICTION'],
    role: 'read-only',
    async: true,
    doc: `Retrieve VM migrate recommendations for the pool. ${WLB}`,
  }),
  call('get_license_state', {
    params: [self],
    result: t.smap,
    resultDoc: 'The pool\'s licence state: its lowest host edition and the expiry ("never").',
    role: 'read-only',
    async: true,
    doc: "The licence state of the pool: `edition` (the lowest of its hosts') and `expiry`; xapi-ts licences never expire.",
  }),
  call('apply_edition', {
    params: [self, param('edition', t.string, 'The requested edition.')],
    errors: ['INVALID_EDITION'],
    role: 'pool-operator',
    doc: "Apply an edition to all hosts in the pool. The only edition is the hosts' own; any other: INVALID_EDITION.",
  }),
  call('enable_external_auth', {
    params: [
      pool,
      config,
      param('service_name', t.string, 'The name of the service.'),
      param('auth_type', t.string, 'The type of authentication (e.g. AD for Active Directory).'),
    ],
    errors: ['AUTH_ALREADY_ENABLED', 'AUTH_UNKNOWN_TYPE'],
    role: 'pool-admin',
    doc: 'Enable external authentication on every host. xapi-ts has no external authentication plugin: every type is AUTH_UNKNOWN_TYPE.',
  }),
  call('disable_external_auth', {
    params: [pool, config],
    role: 'pool-admin',
    doc: 'Disable external authentication on every host. None is ever enabled, so there is nothing to do, as in xapi.',
  }),
  call('detect_nonhomogeneous_external_auth', {
    params: [pool],
    role: 'pool-operator',
    doc: 'Raise an alert when the hosts of the pool differ in external authentication. Every host has none: nothing to report.',
  }),
  call('set_repositories', {
    params: [self, param('value', t.set(t.ref('Repository')), 'The set of repositories to enable.')],
    errors: ['HANDLE_INVALID'],
    role: 'pool-operator',
    doc: `Set the enabled update repositories. ${REPOS}: the only valid set is the empty one.`,
  }),
  call('add_repository', {
    params: [self, param('value', t.ref('Repository'), 'The repository to add.')],
    errors: ['HANDLE_INVALID'],
    role: 'pool-operator',
    doc: `Add a repository to the enabled set. ${REPOS}: every reference is HANDLE_INVALID.`,
  }),
  call('remove_repository', {
    params: [self, param('value', t.ref('Repository'), 'The repository to remove.')],
    errors: ['HANDLE_INVALID'],
    role: 'pool-operator',
    doc: `Remove a repository from the enabled set. ${REPOS}: every reference is HANDLE_INVALID.`,
  }),
  call('sync_updates', {
    params: [
      self,
      param('force', t.bool, 'Whether to clean up the local repository before syncing.'),
      param('token', t.string, 'The token for repository client authentication.'),
      param('token_id', t.string, 'The ID of the token.'),
    ],
    result: t.string,
    resultDoc: 'The SHA256 hash of updateinfo.xml.gz.',
    errors: ['LICENCE_RESTRICTION'],
    role: 'pool-operator',
    async: true,
    doc: `Sync with the enabled repositories. ${UPDATES}`,
  }),
  call('check_update_readiness', {
    params: [self, param('requires_reboot', t.bool, 'Whether the updates require a host reboot.')],
    result: t.set(t.set(t.string)),
    resultDoc: 'The errors that would stop updates from being applied, one list per error.',
    errors: ['LICENCE_RESTRICTION'],
    role: 'pool-operator',
    async: true,
    doc: `Check that updates could be applied. ${UPDATES}`,
  }),
  call('set_update_sync_enabled', {
    params: [self, param('value', t.bool, 'Whether periodic update synchronisation is on.')],
    errors: ['NO_REPOSITORIES_CONFIGURED'],
    role: 'pool-operator',
    lifecycle: 'prototyped',
    doc: `Turn periodic update synchronisation on or off. ${REPOS}: turning it on is NO_REPOSITORIES_CONFIGURED; off is recorded.`,
  }),
  call('enable_local_storage_caching', {
    params: [self],
    errors: ['HOSTS_FAILED_TO_ENABLE_CACHING'],
    role: 'pool-operator',
    async: true,
    doc: 'Enable local storage caching on every host with a suitable SR. No SR driver here can cache: every host fails.',
  }),
  call('disable_local_storage_caching', {
    params: [self],
    errors: ['HOSTS_FAILED_TO_DISABLE_CACHING'],
    role: 'pool-operator',
    async: true,
    doc: 'Disable local storage caching on every host (host.disable_local_storage_caching on each).',
  }),
  call('set_vswitch_controller', {
    params: [param('address', t.string, 'IP address of the vswitch controller.')],
    errors: ['OPERATION_NOT_ALLOWED'],
    role: 'pool-operator',
    async: true,
    lifecycle: 'deprecated',
    doc: 'Set the IP address of the vswitch controller. Hosts here use Linux bridges, not Open vSwitch: OPERATION_NOT_ALLOWED.',
  }),
  call('test_archive_target', {
    params: [self, param('config', t.smap, 'Location config settings to test.')],
    result: t.string,
    resultDoc: 'An XMLRPC result.',
    errors: ['MESSAGE_REMOVED'],
    role: 'pool-operator',
    doc: 'Test an archive target (removed in xapi with VM protection policies): MESSAGE_REMOVED.',
  }),
  call('enable_ssl_legacy', {
    params: [self],
    errors: ['MESSAGE_REMOVED'],
    role: 'pool-operator',
    lifecycle: 'removed',
    doc: 'Legacy SSL support has been removed: MESSAGE_REMOVED.',
  }),
  call('disable_ssl_legacy', {
    params: [self],
    role: 'pool-operator',
    lifecycle: 'deprecated',
    doc: 'Legacy SSL is never on: nothing to do, as in xapi.',
  }),
  call('set_uefi_certificates', {
    params: [self, param('value', t.string, 'The UEFI certificates.')],
    errors: ['OPERATION_NOT_ALLOWED'],
    role: 'pool-admin',
    lifecycle: 'deprecated',
    doc: 'Deprecated in xapi for set_custom_uefi_certificates: OPERATION_NOT_ALLOWED.',
  }),
  call('set_custom_uefi_certificates', {
    params: [self, param('value', t.string, 'The certificates, as a base64-encoded tarball.')],
    errors: ['OPERATION_NOT_ALLOWED'],
    role: 'pool-admin',
    lifecycle: 'prototyped',
    doc:
      "Set custom UEFI certificates. UEFI guests here boot with the firmware's own variable store, as xapi does " +
      'when allow_custom_uefi_certs is false (its default): OPERATION_NOT_ALLOWED.',
  }),
  call('has_extension', {
    params: [self, param('name', t.string, 'The name of the API call.')],
    result: t.bool,
    resultDoc: 'True if the extension exists on every host.',
    role: 'pool-admin',
    doc: 'Whether every host of the pool has the named API extension. No extensions are installed: false.',
  }),
];
