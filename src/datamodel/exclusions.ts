// The XenAPI messages of the core classes that xapi-ts deliberately does not
// declare yet, each with the feature area it belongs to. They are left to the
// work on that area; everything else of those classes in the reference is
// declared (the completeness test checks both directions, see
// test/xapi-completeness.test.ts). Messages of features this toolstack does
// not have at all (WLB, licensing, external authentication, update
// repositories, ...) are not here: they are declared and answer what a xapi
// without the feature answers.

/** The open feature areas an excluded message waits for. */
export type ExclusionArea =
  'pools' | 'HA' | 'DR' | 'import/export' | 'networking' | 'vApps' | 'snapshot schedules';

export interface Exclusion {
  readonly area: ExclusionArea;
  readonly reason: string;
}

const PIF_REASON = 'PIFs are managed by the network manager (physical, VLAN and bond interfaces).';
const HA_REASON = 'High availability (statefile, heartbeats, fencing and failover planning).';

/** Excluded messages by wire name `Class.message`. */
export const EXCLUDED_MESSAGES: ReadonlyMap<string, Exclusion> = new Map<string, Exclusion>([
  // pools: the life of member hosts
  ['host.declare_dead', { area: 'pools', reason: 'Declaring an unreachable pool member dead.' }],
  ['host.destroy', { area: 'pools', reason: 'Forgetting an ejected or dead pool member.' }],
  ['VDI.pool_migrate', { area: 'pools', reason: 'Live storage migration of a running VM disk between SRs.' }],
  // HA
  ['pool.enable_ha', { area: 'HA', reason: HA_REASON }],
  ['pool.disable_ha', { area: 'HA', reason: HA_REASON }],
  ['pool.set_ha_host_failures_to_tolerate', { area: 'HA', reason: HA_REASON }],
  ['pool.ha_compute_max_host_failures_to_tolerate', { area: 'HA', reason: HA_REASON }],
  ['pool.ha_compute_hypothetical_max_host_failures_to_tolerate', { area: 'HA', reason: HA_REASON }],
  ['pool.ha_compute_vm_failover_plan', { area: 'HA', reason: HA_REASON }],
  ['pool.ha_failover_plan_exists', { area: 'HA', reason: HA_REASON }],
  ['pool.ha_prevent_restarts_for', { area: 'HA', reason: HA_REASON }],
  ['VM.set_ha_always_run', { area: 'HA', reason: HA_REASON }],
  ['VM.set_ha_restart_priority', { area: 'HA', reason: HA_REASON }],
  ['host.emergency_ha_disable', { area: 'HA', reason: HA_REASON }],
  ['SR.assert_can_host_ha_statefile', { area: 'HA', reason: HA_REASON }],
  // DR: metadata replicated to SRs and recovered from them
  [
    'session.create_from_db_file',
    { area: 'DR', reason: 'Opening a foreign pool database read from a metadata VDI.' },
  ],
  ['VM.recover', { area: 'DR', reason: 'Recovering VMs from a foreign pool database.' }],
  [
    'VM.get_SRs_required_for_recovery',
    { area: 'DR', reason: 'Recovering VMs from a foreign pool database.' },
  ],
  ['VM.assert_can_be_recovered', { area: 'DR', reason: 'Recovering VMs from a foreign pool database.' }],
  ['VDI.open_database', { area: 'DR', reason: 'Reading a pool database from a metadata VDI.' }],
  ['VDI.read_database_pool_uuid', { area: 'DR', reason: 'Reading a pool database from a metadata VDI.' }],
  [
    'SR.enable_database_replication',
    { area: 'DR', reason: 'Replicating the pool database to a metadata VDI.' },
  ],
  [
    'SR.disable_database_replication',
    { area: 'DR', reason: 'Replicating the pool database to a metadata VDI.' },
  ],
  [
    'SR.assert_supports_database_replication',
    { area: 'DR', reason: 'Replicating the pool database to a metadata VDI.' },
  ],
  [
    'pool.enable_redo_log',
    { area: 'DR', reason: 'The database redo log on a shared VDI, used by DR and HA.' },
  ],
  [
    'pool.disable_redo_log',
    { area: 'DR', reason: 'The database redo log on a shared VDI, used by DR and HA.' },
  ],
  // import/export
  ['VM.import', { area: 'import/export', reason: 'XVA import from a URL.' }],
  ['VM.import_convert', { area: 'import/export', reason: 'Conversion of foreign VM images on import.' }],
  ['VDI.enable_cbt', { area: 'import/export', reason: 'Changed block tracking for incremental export.' }],
  ['VDI.disable_cbt', { area: 'import/export', reason: 'Changed block tracking for incremental export.' }],
  [
    'VDI.list_changed_blocks',
    { area: 'import/export', reason: 'Changed block tracking for incremental export.' },
  ],
  [
    'VDI.data_destroy',
    { area: 'import/export', reason: 'Changed block tracking: keeping only the metadata.' },
  ],
  ['VDI.get_nbd_info', { area: 'import/export', reason: 'Disk export over NBD.' }],
  // networking
  ['PIF.create_VLAN', { area: 'networking', reason: PIF_REASON }],
  ['PIF.destroy', { area: 'networking', reason: PIF_REASON }],
  ['PIF.reconfigure_ip', { area: 'networking', reason: PIF_REASON }],
  ['PIF.reconfigure_ipv6', { area: 'networking', reason: PIF_REASON }],
  ['PIF.set_primary_address_type', { area: 'networking', reason: PIF_REASON }],
  ['PIF.scan', { area: 'networking', reason: PIF_REASON }],
  ['PIF.introduce', { area: 'networking', reason: PIF_REASON }],
  ['PIF.forget', { area: 'networking', reason: PIF_REASON }],
  ['PIF.unplug', { area: 'networking', reason: PIF_REASON }],
  ['PIF.set_disallow_unplug', { area: 'networking', reason: PIF_REASON }],
  ['PIF.plug', { area: 'networking', reason: PIF_REASON }],
  ['PIF.db_introduce', { area: 'networking', reason: PIF_REASON }],
  ['PIF.db_forget', { area: 'networking', reason: PIF_REASON }],
  ['PIF.set_property', { area: 'networking', reason: PIF_REASON }],
  ['pool.create_VLAN', { area: 'networking', reason: 'VLANs on every host of the pool.' }],
  ['pool.create_VLAN_from_PIF', { area: 'networking', reason: 'VLANs on every host of the pool.' }],
  [
    'pool.set_igmp_snooping_enabled',
    { area: 'networking', reason: 'IGMP snooping on the bridges of every host.' },
  ],
  [
    'pool.management_reconfigure',
    { area: 'networking', reason: 'Moving the management interface of every host to another network.' },
  ],
  // vApps and snapshot schedules: classes of their own (VM_appliance, VMSS)
  ['VM.set_appliance', { area: 'vApps', reason: 'VM_appliance (vApp) objects.' }],
  ['VM.set_snapshot_schedule', { area: 'snapshot schedules', reason: 'VMSS snapshot schedule objects.' }],
]);
