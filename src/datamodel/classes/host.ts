import { call, defineClass, enumOf, field, nameFields, ns, param, t, uid } from '../build.js';
import { createNewBlob } from './blob-messages.js';
import { hostPowerMessages } from './host-power-messages.js';
import { hostMigrateMessages } from './host-migrate-messages.js';
import { hostCertificateMessages } from './host-certificate-messages.js';
import { hostFeatureMessages } from './host-feature-messages.js';
import { hostSettingsMessages } from './host-settings-messages.js';

export const host = defineClass({
  name: 'host',
  doc: 'A physical host.',
  writeRole: 'pool-operator',
  enums: [
    enumOf('host_allowed_operations', [
      ['provision', 'Provisioning a VM on the host.'],
      ['evacuate', 'Moving all VMs off the host.'],
      ['shutdown', 'Shutting the host down.'],
      ['reboot', 'Rebooting the host.'],
      ['power_on', 'Powering the host on.'],
      ['vm_start', 'Starting a VM on the host.'],
      ['vm_resume', 'Resuming a VM on the host.'],
      ['vm_migrate', 'Migrating a VM to the host.'],
      ['apply_updates', 'Applying updates to the host.'],
      ['enable', 'Enabling the host.'],
    ]),
    enumOf('latest_synced_updates_applied_state', [
      ['yes', 'All synchronised updates are applied.'],
      ['no', 'Some synchronised updates are not applied.'],
      ['unknown', 'Not known.'],
    ]),
    enumOf('host_display', [
      ['enabled', 'The display is on.'],
      ['disable_on_reboot', 'The display will be turned off at the next reboot.'],
      ['disabled', 'The display is off.'],
      ['enable_on_reboot', 'The display will be turned on at the next reboot.'],
    ]),
    enumOf('host_sched_gran', [
      ['core', 'Schedule by core.'],
      ['cpu', 'Schedule by logical CPU.'],
      ['socket', 'Schedule by socket.'],
    ]),
    enumOf('host_numa_affinity_policy', [
      ['any', 'No NUMA placement.'],
      ['best_effort', 'Place VMs on one NUMA node when possible.'],
      ['default_policy', 'Use the built-in default.'],
    ]),
  ],
  fields: [
    uid(),
    ...nameFields(),
    ...ns('memory', [
      field('overhead', t.int, 'DynamicRO', 'Memory used by the virtualisation layer on the host, in bytes.'),
    ]),
    field(
      'allowed_operations',
      t.set(t.enum('host_allowed_operations')),
      'DynamicRO',
      'Operations allowed in the current state (advisory).',
    ),
    field(
      'current_operations',
      t.map(t.string, t.enum('host_allowed_operations')),
      'DynamicRO',
      'Operations in progress on the object, by the task that runs them.',
    ),
    ...ns('API_version', [
      field('major', t.int, 'DynamicRO', 'Major version of the API.'),
      field('minor', t.int, 'DynamicRO', 'Minor version of the API.'),
      field('vendor', t.string, 'DynamicRO', 'Vendor of the API implementation.'),
      field('vendor_implementation', t.smap, 'DynamicRO', "Details of the vendor's implementation."),
    ]),
    field('enabled', t.bool, 'DynamicRO', 'False while the host is disabled for new VMs.'),
    field('software_version', t.smap, 'StaticRO', 'Versions of the software installed.'),
    field('other_config', t.smap, 'RW', 'Additional configuration.'),
    field('capabilities', t.set(t.string), 'StaticRO', 'Guest types the host can run.'),
    field('cpu_configuration', t.smap, 'DynamicRO', 'CPU configuration (removed).'),
    field('sched_policy', t.string, 'DynamicRO', 'Scheduler policy of the hypervisor.'),
    field('supported_bootloaders', t.set(t.string), 'DynamicRO', 'Bootloaders available for PV guests.'),
    field('resident_VMs', t.set(t.ref('VM')), 'DynamicRO', 'VMs running on the host.'),
    field('logging', t.smap, 'RW', 'Logging configuration.'),
    field('PIFs', t.set(t.ref('PIF')), 'DynamicRO', 'Physical network interfaces.'),
    field('suspend_image_sr', t.ref('SR'), 'RW', 'SR for suspend images of VMs on this host.'),
    field('crash_dump_sr', t.ref('SR'), 'RW', 'SR for crash dumps of VMs on this host.'),
    field('crashdumps', t.set(t.ref('host_crashdump')), 'DynamicRO', 'Crash dumps of the host.'),
    field('patches', t.set(t.ref('host_patch')), 'DynamicRO', 'Patches applied (deprecated).', {
      lifecycle: 'deprecated',
    }),
    field('updates', t.set(t.ref('pool_update')), 'DynamicRO', 'Updates applied.'),
    field('PBDs', t.set(t.ref('PBD')), 'DynamicRO', 'Storage connections of the host.'),
    field('host_CPUs', t.set(t.ref('host_cpu')), 'DynamicRO', 'Physical CPUs (deprecated).'),
    field('cpu_info', t.smap, 'DynamicRO', 'CPU facts (vendor, model, counts, features).'),
    field('hostname', t.string, 'RW', 'Host name.'),
    field('address', t.string, 'RW', 'Management IP address.'),
    field('metrics', t.ref('host_metrics'), 'DynamicRO', 'Metrics of the host.'),
    field('license_params', t.smap, 'DynamicRO', 'Parameters of the licence.'),
    field('ha_statefiles', t.set(t.string), 'DynamicRO', 'HA state files in use by this host.'),
    field('ha_network_peers', t.set(t.string), 'DynamicRO', 'Hosts this one can reach over the HA network.'),
    field('blobs', t.map(t.string, t.ref('blob')), 'DynamicRO', 'Binary objects attached, by name.'),
    field('tags', t.set(t.string), 'RW', 'User-defined tags for grouping and searching.', {
      default: [],
      writeRole: 'vm-operator',
    }),
    field('external_auth_type', t.string, 'DynamicRO', 'Kind of external authentication in use.'),
    field(
      'external_auth_service_name',
      t.string,
      'DynamicRO',
      'Name of the external authentication service.',
    ),
    field('external_auth_configuration', t.smap, 'DynamicRO', 'Settings of external authentication.'),
    field('edition', t.string, 'DynamicRO', 'Product edition.'),
    field('license_server', t.smap, 'RW', 'Address and port of the licence server.', {
      default: { address: 'localhost', port: '27000' },
    }),
    field('bios_strings', t.smap, 'DynamicRO', 'SMBIOS strings of the host.'),
    field('power_on_mode', t.string, 'DynamicRO', 'How the host is powered on remotely.'),
    field('power_on_config', t.smap, 'DynamicRO', 'Settings of remote power-on.'),
    field('local_cache_sr', t.ref('SR'), 'StaticRO', 'SR used as local cache.', {
      default: 'OpaqueRef:NULL',
    }),
    field('chipset_info', t.smap, 'DynamicRO', 'Chipset facts (e.g. IOMMU).'),
    field('PCIs', t.set(t.ref('PCI')), 'DynamicRO', 'PCI devices.'),
    field('PGPUs', t.set(t.ref('PGPU')), 'DynamicRO', 'Physical GPUs.'),
    field('PUSBs', t.set(t.ref('PUSB')), 'DynamicRO', 'Physical USB devices.'),
    field('ssl_legacy', t.bool, 'StaticRO', 'Whether legacy SSL protocols are accepted (removed).', {
      default: true,
      lifecycle: 'deprecated',
    }),
    field('guest_VCPUs_params', t.smap, 'RW', 'Scheduler parameters for guest virtual CPUs.', {
      default: {},
    }),
    field('display', t.enum('host_display'), 'RW', "Whether the host's console display is enabled.", {
      default: 'enabled',
    }),
    field(
      'virtual_hardware_platform_versions',
      t.set(t.int),
      'DynamicRO',
      'Virtual hardware platform versions the host supports.',
      { default: [0] },
    ),
    field('control_domain', t.ref('VM'), 'DynamicRO', "The host's control domain."),
    field(
      'updates_requiring_reboot',
      t.set(t.ref('pool_update')),
      'DynamicRO',
      'Updates waiting for a reboot.',
    ),
    field('features', t.set(t.ref('Feature')), 'DynamicRO', 'Features of the host.'),
    field('iscsi_iqn', t.string, 'StaticRO', 'iSCSI initiator name.', { default: '' }),
    field('multipathing', t.bool, 'StaticRO', 'Whether storage multipathing is on.', { default: false }),
    field('uefi_certificates', t.string, 'StaticRO', 'UEFI certificates of the host.', {
      default: '',
      lifecycle: 'deprecated',
    }),
    field('certificates', t.set(t.ref('Certificate')), 'DynamicRO', 'TLS certificates of the host.'),
    field('editions', t.set(t.string), 'DynamicRO', 'Editions the host may run.'),
    field(
      'pending_guidances',
      t.set(t.enum('update_guidances')),
      'DynamicRO',
      'Actions needed to apply installed updates.',
    ),
    field(
      'tls_verification_enabled',
      t.bool,
      'DynamicRO',
      'Whether the host verifies TLS certificates of its peers.',
    ),
    field('last_software_update', t.datetime, 'DynamicRO', 'When software was last updated.', {
      lifecycle: 'prototyped',
    }),
    field('https_only', t.bool, 'DynamicRO', 'Whether only HTTPS is served.', { lifecycle: 'prototyped' }),
    field(
      'latest_synced_updates_applied',
      t.enum('latest_synced_updates_applied_state'),
      'DynamicRO',
      'Whether the latest synchronised updates are applied.',
      { default: 'unknown', lifecycle: 'prototyped' },
    ),
    field(
      'numa_affinity_policy',
      t.enum('host_numa_affinity_policy'),
      'DynamicRO',
      'NUMA placement policy for VMs.',
      { default: 'default_policy', lifecycle: 'prototyped' },
    ),
    field(
      'pending_guidances_recommended',
      t.set(t.enum('update_guidances')),
      'DynamicRO',
      'Recommended actions to apply installed updates.',
      { lifecycle: 'prototyped' },
    ),
    field(
      'pending_guidances_full',
      t.set(t.enum('update_guidances')),
      'DynamicRO',
      'Every action needed to fully apply installed updates.',
      { lifecycle: 'prototyped' },
    ),
    field('last_update_hash', t.string, 'DynamicRO', 'Hash of the last applied update set.', {
      lifecycle: 'prototyped',
    }),
  ],
  messages: [
    call('get_servertime', {
      params: [param('host', t.ref('host'), 'The host.')],
      result: t.datetime,
      resultDoc: 'The current time.',
      role: 'read-only',
      doc: "Get the host's clock, in UTC.",
    }),
    call('get_server_localtime', {
      params: [param('host', t.ref('host'), 'The host.')],
      result: t.datetime,
      resultDoc: 'The current local time.',
      role: 'read-only',
      doc: "Get the host's clock, in its local time zone.",
    }),
    ...hostDataSourceMessages(),
    ...hostPowerMessages,
    ...hostMigrateMessages,
    ...hostCertificateMessages,
    ...hostFeatureMessages,
    ...hostSettingsMessages,
    createNewBlob('host', 'host', 'pool-operator'),
    call('list_methods', {
      result: t.set(t.string),
      resultDoc: 'The names.',
      role: 'read-only',
      doc: 'List the wire names of every message the server accepts.',
    }),
  ],
});

/** The host's performance data sources, answered by this host's rrdd. */
function hostDataSourceMessages() {
  const host = param('host', t.ref('host'), 'The host.');
  const ds = param('data_source', t.string, 'The data source name (e.g. memory_free_kib, cpu0).');
  const errors = ['INVALID_VALUE'];
  return [
    call('get_data_sources', {
      params: [host],
      result: t.set(t.record('data_source')),
      resultDoc: 'A set of data sources',
      errors,
      role: 'read-only',
      doc: 'The data sources of the host, recorded or available, with their latest values.',
    }),
    call('record_data_source', {
      params: [host, ds],
      errors,
      role: 'pool-operator',
      doc: 'Start recording a data source that is available but not recorded.',
    }),
    call('query_data_source', {
      params: [host, ds],
      result: t.float,
      resultDoc: 'The latest value, averaged over the last 5 seconds',
      errors,
      role: 'read-only',
      doc: 'The latest value of a recorded data source.',
    }),
    call('forget_data_source_archives', {
      params: [host, ds],
      errors,
      role: 'pool-operator',
      doc: "Drop a data source's recorded history.",
    }),
  ];
}
