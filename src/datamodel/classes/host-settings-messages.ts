// host messages that change host settings: HTTPS only, TLS verification in an
// emergency, the display, storage initiator settings, NUMA policy, scheduling
// granularity and local storage caching. Signatures and roles are xapi's;
// each doc says what takes effect here and what is only stored.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

const host = param('host', t.ref('host'), 'The host.');
const self = param('self', t.ref('host'), 'The host.');

export const hostSettingsMessages: readonly MessageDecl[] = [
  call('set_https_only', {
    params: [self, param('value', t.bool, 'True: serve the XenAPI over HTTPS only.')],
    errors: ['OPERATION_NOT_ALLOWED'],
    role: 'pool-operator',
    lifecycle: 'prototyped',
    doc:
      'Serve the XenAPI over HTTPS only (true) or over plain HTTP too (false). Takes effect at once: with ' +
      'true, the plain HTTP TCP port drops every request (the local Unix socket is unaffected). Refused ' +
      'in a pool of several hosts, whose members call each other over plain HTTP.',
  }),
  call('emergency_disable_tls_verification', {
    role: 'local-superuser',
    doc: 'Turn off TLS verification of peers on this host (host.tls_verification_enabled).',
  }),
  call('emergency_reenable_tls_verification', {
    errors: ['TLS_VERIFICATION_NOT_ENABLED_IN_POOL'],
    role: 'local-superuser',
    doc: 'Turn TLS verification back on after emergency_disable_tls_verification; the pool must have it on.',
  }),
  call('emergency_reset_server_certificate', {
    role: 'local-superuser',
    doc: "Replace this host's TLS server certificate by a new self-signed one, served at once.",
  }),
  call('refresh_server_certificate', {
    params: [host],
    role: 'pool-admin',
    async: true,
    doc:
      "Replace the host's self-signed TLS server certificate by a new one, as xapi renews its " +
      'internal certificate (here the one HTTPS serves); the Certificate record follows.',
  }),
  call('enable_display', {
    params: [host],
    result: t.enum('host_display'),
    resultDoc: "This host's display state after the call.",
    role: 'pool-operator',
    async: true,
    doc:
      "Enable the host's console display, moving host.display as xapi does (disabled → enable_on_reboot, " +
      'disable_on_reboot → enabled). Stored only: xapi-ts hosts have no display of their own to switch.',
  }),
  call('disable_display', {
    params: [host],
    result: t.enum('host_display'),
    resultDoc: "This host's display state after the call.",
    errors: ['FEATURE_RESTRICTED'],
    role: 'pool-operator',
    async: true,
    doc: "Disable the host's console display. Needs integrated GPU passthrough, which xapi-ts has not: FEATURE_RESTRICTED.",
  }),
  call('set_iscsi_iqn', {
    params: [host, param('value', t.string, 'The iSCSI IQN (not empty).')],
    errors: ['INVALID_VALUE'],
    role: 'pool-operator',
    doc:
      "Set the host's iSCSI initiator name (iscsi_iqn and, as in xapi, other_config:iscsi_iqn). Stored " +
      'only: no SR driver here is iSCSI.',
  }),
  call('set_multipathing', {
    params: [host, param('value', t.bool, 'Whether multipathing is on.')],
    role: 'pool-operator',
    doc:
      'Turn storage multipathing on or off (multipathing and, as in xapi, other_config:multipathing). ' +
      'Stored only: no SR driver here has multiple paths.',
  }),
  call('set_numa_affinity_policy', {
    params: [self, param('value', t.enum('host_numa_affinity_policy'), 'The NUMA affinity policy.')],
    role: 'pool-admin',
    lifecycle: 'prototyped',
    doc: 'Set the NUMA placement policy for VMs started on this host. Stored only: VMs here are not NUMA-placed.',
  }),
  call('get_sched_gran', {
    params: [self],
    result: t.enum('host_sched_gran'),
    resultDoc: 'The scheduling granularity.',
    role: 'local-superuser',
    doc: 'The scheduling granularity of the host: cpu (VCPUs are scheduled on logical CPUs).',
  }),
  call('set_sched_gran', {
    params: [self, param('value', t.enum('host_sched_gran'), 'The scheduling granularity.')],
    errors: ['OPERATION_NOT_ALLOWED'],
    role: 'local-superuser',
    doc: "Set the scheduling granularity: disabled, as in xapi's default configuration (OPERATION_NOT_ALLOWED).",
  }),
  call('enable_local_storage_caching', {
    params: [host, param('sr', t.ref('SR'), 'The SR to use as a local cache.')],
    errors: ['HOST_NOT_DISABLED', 'HOST_IN_USE', 'SR_OPERATION_NOT_SUPPORTED'],
    role: 'pool-operator',
    doc:
      'Use an SR as local cache. The host must be disabled with no guest running; no SR driver here ' +
      'supports caching: SR_OPERATION_NOT_SUPPORTED.',
  }),
  call('disable_local_storage_caching', {
    params: [host],
    errors: ['HOST_NOT_DISABLED', 'HOST_IN_USE'],
    role: 'pool-operator',
    doc: 'Stop using a local cache SR (host.local_cache_sr becomes null). The host must be disabled with no guest running.',
  }),
];
