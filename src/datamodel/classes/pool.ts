import { call, defineClass, enumOf, field, t, uid } from '../build.js';
import { poolMembershipMessages } from './pool-messages.js';
import { poolFeatureMessages } from './pool-feature-messages.js';
import { poolSettingsMessages } from './pool-settings-messages.js';
import { poolTrustMessages } from './pool-trust-messages.js';

export const pool = defineClass({
  name: 'pool',
  doc: 'The pool of hosts sharing one database; exactly one exists.',
  writeRole: 'pool-operator',
  enums: [
    enumOf('pool_allowed_operations', [
      ['ha_enable', 'Turning high availability on.'],
      ['ha_disable', 'Turning high availability off.'],
      ['cluster_create', 'Creating a cluster.'],
      ['designate_new_master', 'Handing the coordinator role to another host.'],
      ['configure_repositories', 'Changing the update repositories.'],
      ['sync_updates', 'Synchronising updates from the repositories.'],
      ['get_updates', 'Listing available updates.'],
      ['apply_updates', 'Applying updates.'],
      ['tls_verification_enable', 'Turning TLS verification on.'],
      ['cert_refresh', 'Renewing a host certificate.'],
      ['exchange_certificates_on_join', 'Exchanging certificates while a host joins.'],
      ['exchange_ca_certificates_on_join', 'Exchanging CA certificates while a host joins.'],
      ['copy_primary_host_certs', "Copying the coordinator's certificates to members."],
      ['eject', 'Removing a host from the pool.'],
    ]),
    enumOf('telemetry_frequency', [
      ['daily', 'Once a day.'],
      ['weekly', 'Once a week.'],
      ['monthly', 'Once a month.'],
    ]),
    enumOf('update_sync_frequency', [
      ['daily', 'Once a day.'],
      ['weekly', 'Once a week.'],
    ]),
  ],
  fields: [
    uid(),
    field('name_label', t.string, 'RW', 'A human-readable name.'),
    field('name_description', t.string, 'RW', 'A human-readable description.'),
    field('master', t.ref('host'), 'DynamicRO', 'The host acting as pool coordinator.'),
    field('default_SR', t.ref('SR'), 'RW', 'SR used when no other is specified.'),
    field('suspend_image_SR', t.ref('SR'), 'RW', 'SR that receives suspend images.'),
    field('crash_dump_SR', t.ref('SR'), 'RW', 'SR that receives crash dumps.'),
    field('other_config', t.smap, 'RW', 'Additional configuration.'),
    field('ha_enabled', t.bool, 'DynamicRO', 'True when high availability is on.'),
    field('ha_configuration', t.smap, 'DynamicRO', 'Settings high availability was enabled with.'),
    field('ha_statefiles', t.set(t.string), 'DynamicRO', 'VDIs used as HA state files.'),
    field('ha_host_failures_to_tolerate', t.int, 'DynamicRO', 'Number of host failures HA plans to survive.'),
    field('ha_plan_exists_for', t.int, 'DynamicRO', 'Number of host failures the current HA plan covers.'),
    field(
      'ha_allow_overcommit',
      t.bool,
      'RW',
      'Whether operations may leave the pool without a failover plan.',
      { default: false },
    ),
    field(
      'ha_overcommitted',
      t.bool,
      'DynamicRO',
      'True when the pool has no failover plan for the configured failures.',
    ),
    field('blobs', t.map(t.string, t.ref('blob')), 'DynamicRO', 'Binary objects attached, by name.'),
    field('tags', t.set(t.string), 'RW', 'User-defined tags for grouping and searching.', {
      default: [],
      writeRole: 'vm-operator',
    }),
    field('gui_config', t.smap, 'RW', 'Settings stored on behalf of user interfaces.', {
      default: {},
      writeRole: 'vm-operator',
    }),
    field('health_check_config', t.smap, 'RW', 'Settings of the health-check service.', { default: {} }),
    field('wlb_url', t.string, 'DynamicRO', 'Address of the workload balancing server.'),
    field('wlb_username', t.string, 'DynamicRO', 'User name for the workload balancing server.'),
    field('wlb_enabled', t.bool, 'RW', 'Whether workload balancing recommendations are used.', {
      default: false,
    }),
    field(
      'wlb_verify_cert',
      t.bool,
      'RW',
      "Whether the workload balancing server's certificate is checked.",
      { default: false, lifecycle: 'deprecated' },
    ),
    field('redo_log_enabled', t.bool, 'DynamicRO', 'Whether the database redo log is on.'),
    field('redo_log_vdi', t.ref('VDI'), 'DynamicRO', 'The VDI holding the redo log.'),
    field(
      'vswitch_controller',
      t.string,
      'DynamicRO',
      'Address of the vswitch controller (superseded by SDN controllers).',
      { lifecycle: 'deprecated' },
    ),
    field('restrictions', t.smap, 'DynamicRO', 'Features restricted by the licence, by key.'),
    field('metadata_VDIs', t.set(t.ref('VDI')), 'DynamicRO', 'VDIs holding pool metadata.'),
    field('ha_cluster_stack', t.string, 'DynamicRO', 'Cluster stack used by high availability.'),
    field(
      'allowed_operations',
      t.set(t.enum('pool_allowed_operations')),
      'DynamicRO',
      'Operations allowed in the current state (advisory).',
    ),
    field(
      'current_operations',
      t.map(t.string, t.enum('pool_allowed_operations')),
      'DynamicRO',
      'Operations in progress on the object, by the task that runs them.',
    ),
    field('guest_agent_config', t.smap, 'DynamicRO', 'Settings pushed to guest agents.'),
    field('cpu_info', t.smap, 'DynamicRO', 'CPU facts common to the pool (vendor, features, counts).'),
    field('policy_no_vendor_device', t.bool, 'RW', 'Whether new VMs get no vendor device by default.', {
      default: false,
    }),
    field('live_patching_disabled', t.bool, 'RW', 'Whether live patching is turned off.', { default: false }),
    field('igmp_snooping_enabled', t.bool, 'DynamicRO', 'Whether IGMP snooping is on for the pool.'),
    field(
      'uefi_certificates',
      t.string,
      'StaticRO',
      'UEFI certificates supplied to guests that use secure boot.',
      { default: '' },
    ),
    field('custom_uefi_certificates', t.string, 'StaticRO', 'Administrator-supplied UEFI certificates.', {
      default: '',
      lifecycle: 'prototyped',
    }),
    field('is_psr_pending', t.bool, 'RW', 'True while a pool secret rotation is unfinished.', {
      default: false,
    }),
    field(
      'tls_verification_enabled',
      t.bool,
      'DynamicRO',
      "Whether hosts verify each other's TLS certificates.",
    ),
    field(
      'repositories',
      t.set(t.ref('Repository')),
      'DynamicRO',
      'Update repositories enabled for the pool.',
    ),
    field(
      'client_certificate_auth_enabled',
      t.bool,
      'DynamicRO',
      'Whether clients may log in with certificates.',
    ),
    field('client_certificate_auth_name', t.string, 'DynamicRO', 'Name a client certificate must carry.'),
    field('repository_proxy_url', t.string, 'DynamicRO', 'Proxy used to reach update repositories.'),
    field('repository_proxy_username', t.string, 'DynamicRO', 'User name for the repository proxy.'),
    field(
      'repository_proxy_password',
      t.ref('secret'),
      'DynamicRO',
      'Secret holding the repository proxy password.',
    ),
    field('migration_compression', t.bool, 'RW', 'Whether migration streams are compressed by default.', {
      default: false,
      lifecycle: 'prototyped',
    }),
    field('coordinator_bias', t.bool, 'RW', 'Whether the coordinator is avoided when placing VMs.', {
      default: true,
    }),
    field('local_auth_max_threads', t.int, 'StaticRO', 'Limit on concurrent local authentications.', {
      default: 8,
      lifecycle: 'prototyped',
    }),
    field('ext_auth_max_threads', t.int, 'StaticRO', 'Limit on concurrent external authentications.', {
      default: 1,
      lifecycle: 'prototyped',
    }),
    field('telemetry_uuid', t.ref('secret'), 'DynamicRO', 'Secret holding the telemetry identifier.', {
      lifecycle: 'prototyped',
    }),
    field(
      'telemetry_frequency',
      t.enum('telemetry_frequency'),
      'DynamicRO',
      'How often telemetry is collected.',
      { default: 'weekly', lifecycle: 'prototyped' },
    ),
    field(
      'telemetry_next_collection',
      t.datetime,
      'DynamicRO',
      'Earliest time of the next telemetry collection.',
      { lifecycle: 'prototyped' },
    ),
    field('last_update_sync', t.datetime, 'DynamicRO', 'When updates were last synchronised.', {
      lifecycle: 'prototyped',
    }),
    field(
      'update_sync_frequency',
      t.enum('update_sync_frequency'),
      'DynamicRO',
      'How often updates are synchronised.',
      { default: 'weekly', lifecycle: 'prototyped' },
    ),
    field('update_sync_day', t.int, 'DynamicRO', 'Day on which periodic update synchronisation runs.', {
      lifecycle: 'prototyped',
    }),
    field('update_sync_enabled', t.bool, 'DynamicRO', 'Whether periodic update synchronisation is on.', {
      lifecycle: 'prototyped',
    }),
  ],
  messages: [
    call('sync_database', {
      role: 'pool-operator',
      async: true,
      doc:
        'Write the pool database durably to disk now. (In a multi-host pool xapi also pushes it to every ' +
        'member; pools here have one host.)',
    }),
    ...poolMembershipMessages,
    ...poolFeatureMessages,
    ...poolSettingsMessages,
    ...poolTrustMessages,
  ],
});
