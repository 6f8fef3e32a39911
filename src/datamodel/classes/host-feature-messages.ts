// host messages of features this toolstack does not have: workload balancing,
// licences, external authentication, update repositories and guidances, API
// extensions, legacy SSL and calls xapi has removed. Each answers what a xapi
// without the feature answers (src/xapi/actions/absent-features.ts).
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

const host = param('host', t.ref('host'), 'The host.');
const self = param('self', t.ref('host'), 'The host.');
const config = param('config', t.smap, 'Parameters of the external authentication service.');

export const hostFeatureMessages: readonly MessageDecl[] = [
  call('retrieve_wlb_evacuate_recommendations', {
    params: [self],
    result: t.map(t.ref('VM'), t.set(t.string)),
    resultDoc: 'VMs and the proposed new host for each.',
    errors: ['LICENCE_RESTRICTION'],
    role: 'read-only',
    async: true,
    doc: 'Workload balancing evacuation advice. xapi-ts has no WLB: LICENCE_RESTRICTION (WLB).',
  }),
  call('apply_edition', {
    params: [
      host,
      param('edition', t.string, 'The requested edition.'),
      param('force', t.bool, 'Update the licence parameters even if the edition stays the same.'),
    ],
    errors: ['INVALID_EDITION'],
    role: 'pool-operator',
    doc: "Change the host's edition. The only edition is the host's own (host.edition); any other: INVALID_EDITION.",
  }),
  call('license_add', {
    params: [host, param('contents', t.string, 'The contents of the licence file, base64 encoded.')],
    errors: ['LICENSE_PROCESSING_ERROR'],
    role: 'pool-operator',
    async: true,
    doc: 'Apply a licence file. xapi-ts has no licence daemon to read one: LICENSE_PROCESSING_ERROR.',
  }),
  call('license_remove', {
    params: [host],
    role: 'pool-operator',
    async: true,
    doc: 'Remove any licence file. None can be installed here, so there is nothing to remove.',
  }),
  call('license_apply', {
    params: [host, param('contents', t.string, 'The contents of the licence file, base64 encoded.')],
    errors: ['MESSAGE_REMOVED'],
    role: 'pool-operator',
    async: true,
    lifecycle: 'removed',
    doc: 'Removed from the XenAPI (use license_add): MESSAGE_REMOVED.',
  }),
  call('refresh_pack_info', {
    params: [host],
    role: 'pool-operator',
    async: true,
    lifecycle: 'deprecated',
    doc: "Refresh host.software_version from this host's facts.",
  }),
  call('enable_external_auth', {
    params: [
      host,
      config,
      param('service_name', t.string, 'The name of the service.'),
      param('auth_type', t.string, 'The type of authentication (e.g. AD for Active Directory).'),
    ],
    errors: ['AUTH_ALREADY_ENABLED', 'AUTH_UNKNOWN_TYPE'],
    role: 'pool-admin',
    doc: 'Enable external authentication. xapi-ts has no external authentication plugin: every type is AUTH_UNKNOWN_TYPE.',
  }),
  call('disable_external_auth', {
    params: [host, config],
    role: 'pool-admin',
    doc: 'Disable external authentication. None is ever enabled: nothing to do, as in xapi.',
  }),
  call('apply_updates', {
    params: [self, param('hash', t.string, 'The hash of updateinfo.xml.gz returned by pool.sync_updates.')],
    result: t.set(t.set(t.string)),
    resultDoc: 'The warnings raised while applying the updates.',
    errors: ['LICENCE_RESTRICTION'],
    role: 'pool-operator',
    async: true,
    doc: 'Apply updates from the enabled repository. xapi-ts has no update repositories: LICENCE_RESTRICTION (Updates).',
  }),
  call('emergency_clear_mandatory_guidance', {
    role: 'local-superuser',
    lifecycle: 'prototyped',
    doc: "Clear this host's pending mandatory guidances (host.pending_guidances).",
  }),
  call('apply_recommended_guidances', {
    params: [self],
    errors: ['MESSAGE_REMOVED'],
    role: 'pool-operator',
    async: true,
    lifecycle: 'removed',
    doc: 'Removed from the XenAPI: MESSAGE_REMOVED.',
  }),
  call('set_cpu_features', {
    params: [host, param('features', t.string, 'The features string (32-digit hexadecimal number).')],
    errors: ['MESSAGE_REMOVED'],
    role: 'pool-operator',
    lifecycle: 'removed',
    doc: 'Removed from the XenAPI (CPU levelling is automatic): MESSAGE_REMOVED.',
  }),
  call('reset_cpu_features', {
    params: [host],
    errors: ['MESSAGE_REMOVED'],
    role: 'pool-operator',
    lifecycle: 'removed',
    doc: 'Removed from the XenAPI (CPU levelling is automatic): MESSAGE_REMOVED.',
  }),
  call('call_extension', {
    params: [host, param('call', t.string, 'Rpc call for the extension.')],
    result: t.string,
    resultDoc: 'Result from the extension.',
    errors: ['MESSAGE_METHOD_UNKNOWN'],
    role: 'pool-admin',
    doc: "Call an API extension on this host. No extensions are installed: MESSAGE_METHOD_UNKNOWN with the call's method name.",
  }),
  call('has_extension', {
    params: [host, param('name', t.string, 'The name of the API call.')],
    result: t.bool,
    resultDoc: 'True if the extension exists.',
    role: 'pool-admin',
    doc: 'Whether the host has the named API extension. No extensions are installed: false.',
  }),
  call('set_ssl_legacy', {
    params: [self, param('value', t.bool, 'False: the only value accepted.')],
    errors: ['VALUE_NOT_SUPPORTED'],
    role: 'pool-operator',
    doc: 'Legacy SSL support has been removed: true is VALUE_NOT_SUPPORTED; false leaves it off.',
  }),
  call('set_uefi_certificates', {
    params: [host, param('value', t.string, 'The UEFI certificates.')],
    errors: ['OPERATION_NOT_ALLOWED'],
    role: 'local-superuser',
    lifecycle: 'deprecated',
    doc: 'Deprecated in xapi for pool.set_custom_uefi_certificates: OPERATION_NOT_ALLOWED.',
  }),
];
