// Generated from the datamodel by `npm run gen` — do not edit.

/** An object reference, `OpaqueRef:<uuid>` (`OpaqueRef:NULL` for none). */
export type Ref = string;

/** Values of the enum certificate_type. */
export type CertificateType = 'ca' | 'host' | 'host_internal';

/** Values of the enum cls. */
export type Cls = 'VM' | 'Host' | 'SR' | 'Pool' | 'VMPP' | 'VMSS' | 'PVS_proxy' | 'VDI' | 'Certificate';

/** Values of the enum console_protocol. */
export type ConsoleProtocol = 'vt100' | 'rfb' | 'rdp';

/** Values of the enum domain_type. */
export type DomainType = 'hvm' | 'pv' | 'pv_in_pvh' | 'pvh' | 'unspecified';

/** Values of the enum event_operation. */
export type EventOperation = 'add' | 'del' | 'mod';

/** Values of the enum host_allowed_operations. */
export type HostAllowedOperations =
  | 'provision'
  | 'evacuate'
  | 'shutdown'
  | 'reboot'
  | 'power_on'
  | 'vm_start'
  | 'vm_resume'
  | 'vm_migrate'
  | 'apply_updates'
  | 'enable';

/** Values of the enum host_display. */
export type HostDisplay = 'enabled' | 'disable_on_reboot' | 'disabled' | 'enable_on_reboot';

/** Values of the enum host_numa_affinity_policy. */
export type HostNumaAffinityPolicy = 'any' | 'best_effort' | 'default_policy';

/** Values of the enum host_sched_gran. */
export type HostSchedGran = 'core' | 'cpu' | 'socket';

/** Values of the enum ip_configuration_mode. */
export type IpConfigurationMode = 'None' | 'DHCP' | 'Static';

/** Values of the enum ipv6_configuration_mode. */
export type Ipv6ConfigurationMode = 'None' | 'DHCP' | 'Static' | 'Autoconf';

/** Values of the enum latest_synced_updates_applied_state. */
export type LatestSyncedUpdatesAppliedState = 'yes' | 'no' | 'unknown';

/** Values of the enum network_default_locking_mode. */
export type NetworkDefaultLockingMode = 'unlocked' | 'disabled';

/** Values of the enum network_operations. */
export type NetworkOperations = 'attaching';

/** Values of the enum network_purpose. */
export type NetworkPurpose = 'nbd' | 'insecure_nbd';

/** Values of the enum on_boot. */
export type OnBoot = 'reset' | 'persist';

/** Values of the enum on_crash_behaviour. */
export type OnCrashBehaviour =
  'destroy' | 'coredump_and_destroy' | 'restart' | 'coredump_and_restart' | 'preserve' | 'rename_restart';

/** Values of the enum on_normal_exit. */
export type OnNormalExit = 'destroy' | 'restart';

/** Values of the enum on_softreboot_behavior. */
export type OnSoftrebootBehavior = 'soft_reboot' | 'destroy' | 'restart' | 'preserve';

/** Values of the enum pif_igmp_status. */
export type PifIgmpStatus = 'enabled' | 'disabled' | 'unknown';

/** Values of the enum pool_allowed_operations. */
export type PoolAllowedOperations =
  | 'ha_enable'
  | 'ha_disable'
  | 'cluster_create'
  | 'designate_new_master'
  | 'configure_repositories'
  | 'sync_updates'
  | 'get_updates'
  | 'apply_updates'
  | 'tls_verification_enable'
  | 'cert_refresh'
  | 'exchange_certificates_on_join'
  | 'exchange_ca_certificates_on_join'
  | 'copy_primary_host_certs'
  | 'eject';

/** Values of the enum primary_address_type. */
export type PrimaryAddressType = 'IPv4' | 'IPv6';

/** Values of the enum sr_health. */
export type SrHealth = 'healthy' | 'recovering';

/** Values of the enum storage_operations. */
export type StorageOperations =
  | 'scan'
  | 'destroy'
  | 'forget'
  | 'plug'
  | 'unplug'
  | 'update'
  | 'vdi_create'
  | 'vdi_introduce'
  | 'vdi_destroy'
  | 'vdi_resize'
  | 'vdi_clone'
  | 'vdi_snapshot'
  | 'vdi_mirror'
  | 'vdi_enable_cbt'
  | 'vdi_disable_cbt'
  | 'vdi_data_destroy'
  | 'vdi_list_changed_blocks'
  | 'vdi_set_on_boot'
  | 'pbd_create'
  | 'pbd_destroy';

/** Values of the enum task_allowed_operations. */
export type TaskAllowedOperations = 'cancel' | 'destroy';

/** Values of the enum task_status_type. */
export type TaskStatusType = 'pending' | 'success' | 'failure' | 'cancelling' | 'cancelled';

/** Values of the enum telemetry_frequency. */
export type TelemetryFrequency = 'daily' | 'weekly' | 'monthly';

/** Values of the enum tristate_type. */
export type TristateType = 'yes' | 'no' | 'unspecified';

/** Values of the enum update_guidances. */
export type UpdateGuidances =
  | 'reboot_host'
  | 'reboot_host_on_livepatch_failure'
  | 'reboot_host_on_kernel_livepatch_failure'
  | 'reboot_host_on_xen_livepatch_failure'
  | 'restart_toolstack'
  | 'restart_device_model'
  | 'restart_vm';

/** Values of the enum update_sync_frequency. */
export type UpdateSyncFrequency = 'daily' | 'weekly';

/** Values of the enum vbd_mode. */
export type VbdMode = 'RO' | 'RW';

/** Values of the enum vbd_operations. */
export type VbdOperations =
  'attach' | 'eject' | 'insert' | 'plug' | 'unplug' | 'unplug_force' | 'pause' | 'unpause';

/** Values of the enum vbd_type. */
export type VbdType = 'CD' | 'Disk' | 'Floppy';

/** Values of the enum vdi_operations. */
export type VdiOperations =
  | 'clone'
  | 'copy'
  | 'resize'
  | 'resize_online'
  | 'snapshot'
  | 'mirror'
  | 'destroy'
  | 'forget'
  | 'update'
  | 'force_unlock'
  | 'generate_config'
  | 'enable_cbt'
  | 'disable_cbt'
  | 'data_destroy'
  | 'list_changed_blocks'
  | 'set_on_boot'
  | 'blocked';

/** Values of the enum vdi_type. */
export type VdiType =
  | 'system'
  | 'user'
  | 'ephemeral'
  | 'suspend'
  | 'crashdump'
  | 'ha_statefile'
  | 'metadata'
  | 'redo_log'
  | 'rrd'
  | 'pvs_cache'
  | 'cbt_metadata';

/** Values of the enum vif_ipv4_configuration_mode. */
export type VifIpv4ConfigurationMode = 'None' | 'Static';

/** Values of the enum vif_ipv6_configuration_mode. */
export type VifIpv6ConfigurationMode = 'None' | 'Static';

/** Values of the enum vif_locking_mode. */
export type VifLockingMode = 'network_default' | 'locked' | 'unlocked' | 'disabled';

/** Values of the enum vif_operations. */
export type VifOperations = 'attach' | 'plug' | 'unplug';

/** Values of the enum vm_operations. */
export type VmOperations =
  | 'snapshot'
  | 'clone'
  | 'copy'
  | 'create_template'
  | 'revert'
  | 'checkpoint'
  | 'snapshot_with_quiesce'
  | 'provision'
  | 'start'
  | 'start_on'
  | 'pause'
  | 'unpause'
  | 'clean_shutdown'
  | 'clean_reboot'
  | 'hard_shutdown'
  | 'power_state_reset'
  | 'hard_reboot'
  | 'suspend'
  | 'csvm'
  | 'resume'
  | 'resume_on'
  | 'pool_migrate'
  | 'migrate_send'
  | 'get_boot_record'
  | 'send_sysrq'
  | 'send_trigger'
  | 'query_services'
  | 'shutdown'
  | 'call_plugin'
  | 'changing_memory_live'
  | 'awaiting_memory_live'
  | 'changing_dynamic_range'
  | 'changing_static_range'
  | 'changing_memory_limits'
  | 'changing_shadow_memory'
  | 'changing_shadow_memory_live'
  | 'changing_VCPUs'
  | 'changing_VCPUs_live'
  | 'changing_NVRAM'
  | 'assert_operation_valid'
  | 'data_source_op'
  | 'update_allowed_operations'
  | 'make_into_template'
  | 'import'
  | 'export'
  | 'metadata_export'
  | 'reverting'
  | 'destroy'
  | 'create_vtpm';

/** Values of the enum vm_power_state. */
export type VmPowerState = 'Halted' | 'Paused' | 'Running' | 'Suspended';

/** A session: the authenticated context every API call runs in. */
export type SessionRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** The host the session was opened on. (DynamicRO) */
  readonly this_host: Ref;
  /** The user the session belongs to. (DynamicRO) */
  readonly this_user: Ref;
  /** When the session was last used. (DynamicRO) */
  readonly last_active: string;
  /** True for sessions between pool members. (DynamicRO) */
  readonly pool: boolean;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
  /** True if the session was opened by the local root user. (DynamicRO) */
  readonly is_local_superuser: boolean;
  /** The external subject that opened the session, if any. (DynamicRO) */
  readonly subject: Ref;
  /** When the external subject was last validated. (DynamicRO) */
  readonly validation_time: string;
  /** Security identifier of the user. (DynamicRO) */
  readonly auth_user_sid: string;
  /** Name of the user. (DynamicRO) */
  readonly auth_user_name: string;
  /** Permissions granted to the session. (StaticRO) */
  readonly rbac_permissions: readonly string[];
  /** Tasks created under this session. (DynamicRO) */
  readonly tasks: readonly Ref[];
  /** The session that created this one, if any. (StaticRO) */
  readonly parent: Ref;
  /** The client-supplied name of the program that logged in. (DynamicRO) */
  readonly originator: string;
  /** True if the client authenticated with a certificate. (DynamicRO) */
  readonly client_certificate: boolean;
};

/** External authentication: queries about users and groups of the directory the pool is joined to. */
export type AuthRecord = Record<string, never>;

/** A user or group of an external directory that is allowed to log in, with the roles it holds. */
export type SubjectRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** Identifier of the user or group in the external directory. (StaticRO) */
  readonly subject_identifier: string;
  /** Additional configuration. (StaticRO) */
  readonly other_config: Readonly<Record<string, string>>;
  /** Roles granted to the subject. (DynamicRO) */
  readonly roles: readonly Ref[];
};

/** A role or a permission; roles are sets of permissions and other roles. */
export type RoleRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** A human-readable name. (StaticRO) */
  readonly name_label: string;
  /** A human-readable description. (StaticRO) */
  readonly name_description: string;
  /** Roles and permissions this role contains. (StaticRO) */
  readonly subroles: readonly Ref[];
  /** True for roles used only inside the toolstack. (DynamicRO) */
  readonly is_internal: boolean;
};

/** A long-running asynchronous operation, which clients can watch and cancel. */
export type TaskRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** A human-readable name. (DynamicRO) */
  readonly name_label: string;
  /** A human-readable description. (DynamicRO) */
  readonly name_description: string;
  /** Operations allowed in the current state (advisory). (DynamicRO) */
  readonly allowed_operations: readonly TaskAllowedOperations[];
  /** Operations in progress on the task, by the task that runs them. (DynamicRO) */
  readonly current_operations: Readonly<Record<string, TaskAllowedOperations>>;
  /** When the task was created. (DynamicRO) */
  readonly created: string;
  /** When the task finished (unset while pending). (DynamicRO) */
  readonly finished: string;
  /** Current status. (DynamicRO) */
  readonly status: TaskStatusType;
  /** The host running the task. (DynamicRO) */
  readonly resident_on: Ref;
  /** Progress between 0 and 1. (DynamicRO) */
  readonly progress: number;
  /** Type of the result, if the task produces one. (DynamicRO) */
  readonly type: string;
  /** The result as an XML-RPC value fragment, on success. (DynamicRO) */
  readonly result: string;
  /** The error code and its parameters, on failure. (DynamicRO) */
  readonly error_info: readonly string[];
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
  /** The parent task, if any. (DynamicRO) */
  readonly subtask_of: Ref;
  /** The child tasks. (DynamicRO) */
  readonly subtasks: readonly Ref[];
  /** Where the task failed, for debugging. (DynamicRO) */
  readonly backtrace: string;
};

/** Notifications of changes to objects, and the calls that deliver them. */
export type EventRecord = {
  /** The full record of the object after the change (absent for deletions). (DynamicRO) */
  readonly snapshot: unknown;
  /** Sequence number of the event. (StaticRO) */
  readonly id: number;
  /** When the event was generated. (StaticRO) */
  readonly timestamp: string;
  /** Lower-case name of the class of the changed object. (StaticRO) */
  readonly class: string;
  /** Whether the object was created, modified or deleted. (StaticRO) */
  readonly operation: EventOperation;
  /** Reference of the changed object. (StaticRO) */
  readonly ref: string;
  /** UUID of the changed object. (StaticRO) */
  readonly obj_uuid: string;
};

/** The pool of hosts sharing one database; exactly one exists. */
export type PoolRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** A human-readable name. (RW) */
  readonly name_label: string;
  /** A human-readable description. (RW) */
  readonly name_description: string;
  /** The host acting as pool coordinator. (DynamicRO) */
  readonly master: Ref;
  /** SR used when no other is specified. (RW) */
  readonly default_SR: Ref;
  /** SR that receives suspend images. (RW) */
  readonly suspend_image_SR: Ref;
  /** SR that receives crash dumps. (RW) */
  readonly crash_dump_SR: Ref;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
  /** True when high availability is on. (DynamicRO) */
  readonly ha_enabled: boolean;
  /** Settings high availability was enabled with. (DynamicRO) */
  readonly ha_configuration: Readonly<Record<string, string>>;
  /** VDIs used as HA state files. (DynamicRO) */
  readonly ha_statefiles: readonly string[];
  /** Number of host failures HA plans to survive. (DynamicRO) */
  readonly ha_host_failures_to_tolerate: number;
  /** Number of host failures the current HA plan covers. (DynamicRO) */
  readonly ha_plan_exists_for: number;
  /** Whether operations may leave the pool without a failover plan. (RW) */
  readonly ha_allow_overcommit: boolean;
  /** True when the pool has no failover plan for the configured failures. (DynamicRO) */
  readonly ha_overcommitted: boolean;
  /** Binary objects attached, by name. (DynamicRO) */
  readonly blobs: Readonly<Record<string, Ref>>;
  /** User-defined tags for grouping and searching. (RW) */
  readonly tags: readonly string[];
  /** Settings stored on behalf of user interfaces. (RW) */
  readonly gui_config: Readonly<Record<string, string>>;
  /** Settings of the health-check service. (RW) */
  readonly health_check_config: Readonly<Record<string, string>>;
  /** Address of the workload balancing server. (DynamicRO) */
  readonly wlb_url: string;
  /** User name for the workload balancing server. (DynamicRO) */
  readonly wlb_username: string;
  /** Whether workload balancing recommendations are used. (RW) */
  readonly wlb_enabled: boolean;
  /** Whether the workload balancing server's certificate is checked. (RW) */
  readonly wlb_verify_cert: boolean;
  /** Whether the database redo log is on. (DynamicRO) */
  readonly redo_log_enabled: boolean;
  /** The VDI holding the redo log. (DynamicRO) */
  readonly redo_log_vdi: Ref;
  /** Address of the vswitch controller (superseded by SDN controllers). (DynamicRO) */
  readonly vswitch_controller: string;
  /** Features restricted by the licence, by key. (DynamicRO) */
  readonly restrictions: Readonly<Record<string, string>>;
  /** VDIs holding pool metadata. (DynamicRO) */
  readonly metadata_VDIs: readonly Ref[];
  /** Cluster stack used by high availability. (DynamicRO) */
  readonly ha_cluster_stack: string;
  /** Operations allowed in the current state (advisory). (DynamicRO) */
  readonly allowed_operations: readonly PoolAllowedOperations[];
  /** Operations in progress on the object, by the task that runs them. (DynamicRO) */
  readonly current_operations: Readonly<Record<string, PoolAllowedOperations>>;
  /** Settings pushed to guest agents. (DynamicRO) */
  readonly guest_agent_config: Readonly<Record<string, string>>;
  /** CPU facts common to the pool (vendor, features, counts). (DynamicRO) */
  readonly cpu_info: Readonly<Record<string, string>>;
  /** Whether new VMs get no vendor device by default. (RW) */
  readonly policy_no_vendor_device: boolean;
  /** Whether live patching is turned off. (RW) */
  readonly live_patching_disabled: boolean;
  /** Whether IGMP snooping is on for the pool. (DynamicRO) */
  readonly igmp_snooping_enabled: boolean;
  /** UEFI certificates supplied to guests that use secure boot. (StaticRO) */
  readonly uefi_certificates: string;
  /** Administrator-supplied UEFI certificates. (StaticRO) */
  readonly custom_uefi_certificates: string;
  /** True while a pool secret rotation is unfinished. (RW) */
  readonly is_psr_pending: boolean;
  /** Whether hosts verify each other's TLS certificates. (DynamicRO) */
  readonly tls_verification_enabled: boolean;
  /** Update repositories enabled for the pool. (DynamicRO) */
  readonly repositories: readonly Ref[];
  /** Whether clients may log in with certificates. (DynamicRO) */
  readonly client_certificate_auth_enabled: boolean;
  /** Name a client certificate must carry. (DynamicRO) */
  readonly client_certificate_auth_name: string;
  /** Proxy used to reach update repositories. (DynamicRO) */
  readonly repository_proxy_url: string;
  /** User name for the repository proxy. (DynamicRO) */
  readonly repository_proxy_username: string;
  /** Secret holding the repository proxy password. (DynamicRO) */
  readonly repository_proxy_password: Ref;
  /** Whether migration streams are compressed by default. (RW) */
  readonly migration_compression: boolean;
  /** Whether the coordinator is avoided when placing VMs. (RW) */
  readonly coordinator_bias: boolean;
  /** Limit on concurrent local authentications. (StaticRO) */
  readonly local_auth_max_threads: number;
  /** Limit on concurrent external authentications. (StaticRO) */
  readonly ext_auth_max_threads: number;
  /** Secret holding the telemetry identifier. (DynamicRO) */
  readonly telemetry_uuid: Ref;
  /** How often telemetry is collected. (DynamicRO) */
  readonly telemetry_frequency: TelemetryFrequency;
  /** Earliest time of the next telemetry collection. (DynamicRO) */
  readonly telemetry_next_collection: string;
  /** When updates were last synchronised. (DynamicRO) */
  readonly last_update_sync: string;
  /** How often updates are synchronised. (DynamicRO) */
  readonly update_sync_frequency: UpdateSyncFrequency;
  /** Day on which periodic update synchronisation runs. (DynamicRO) */
  readonly update_sync_day: number;
  /** Whether periodic update synchronisation is on. (DynamicRO) */
  readonly update_sync_enabled: boolean;
};

/** A virtual machine, or a template or snapshot of one. */
export type VMRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** Operations allowed in the current state (advisory). (DynamicRO) */
  readonly allowed_operations: readonly VmOperations[];
  /** Operations in progress on the object, by the task that runs them. (DynamicRO) */
  readonly current_operations: Readonly<Record<string, VmOperations>>;
  /** A human-readable name. (RW) */
  readonly name_label: string;
  /** A human-readable description. (RW) */
  readonly name_description: string;
  /** Current power state. (StaticRO) */
  readonly power_state: VmPowerState;
  /** Version number chosen by the user. (RW) */
  readonly user_version: number;
  /** True if this is a template rather than a runnable VM. (RW) */
  readonly is_a_template: boolean;
  /** True for templates shipped with the toolstack. (DynamicRO) */
  readonly is_default_template: boolean;
  /** The VDI holding the memory image while suspended. (StaticRO) */
  readonly suspend_VDI: Ref;
  /** The host the VM is running on, if any. (DynamicRO) */
  readonly resident_on: Ref;
  /** The host the VM is about to start or migrate on. (DynamicRO) */
  readonly scheduled_to_be_resident_on: Ref;
  /** Preferred host for starting the VM. (RW) */
  readonly affinity: Ref;
  /** Memory used by the virtualisation layer for this VM, in bytes. (DynamicRO) */
  readonly memory_overhead: number;
  /** Memory the VM is asked to use, in bytes. (StaticRO) */
  readonly memory_target: number;
  /** Upper bound of memory, fixed while running, in bytes. (StaticRO) */
  readonly memory_static_max: number;
  /** Upper bound of ballooned memory, in bytes. (StaticRO) */
  readonly memory_dynamic_max: number;
  /** Lower bound of ballooned memory, in bytes. (StaticRO) */
  readonly memory_dynamic_min: number;
  /** Lower bound of memory, fixed while running, in bytes. (StaticRO) */
  readonly memory_static_min: number;
  /** Scheduler parameters for the virtual CPUs (weight, cap, mask). (RW) */
  readonly VCPUs_params: Readonly<Record<string, string>>;
  /** Maximum number of virtual CPUs. (StaticRO) */
  readonly VCPUs_max: number;
  /** Number of virtual CPUs at boot. (StaticRO) */
  readonly VCPUs_at_startup: number;
  /** What happens when the guest performs a soft reboot. (RW) */
  readonly actions_after_softreboot: OnSoftrebootBehavior;
  /** What happens when the guest shuts down. (RW) */
  readonly actions_after_shutdown: OnNormalExit;
  /** What happens when the guest reboots. (RW) */
  readonly actions_after_reboot: OnNormalExit;
  /** What happens when the guest crashes. (StaticRO) */
  readonly actions_after_crash: OnCrashBehaviour;
  /** Consoles of the VM. (DynamicRO) */
  readonly consoles: readonly Ref[];
  /** Virtual network interfaces. (DynamicRO) */
  readonly VIFs: readonly Ref[];
  /** Virtual block devices. (DynamicRO) */
  readonly VBDs: readonly Ref[];
  /** Virtual USB devices. (DynamicRO) */
  readonly VUSBs: readonly Ref[];
  /** Crash dumps of the VM. (DynamicRO) */
  readonly crash_dumps: readonly Ref[];
  /** Virtual TPMs. (DynamicRO) */
  readonly VTPMs: readonly Ref[];
  /** Bootloader used for paravirtualised boot. (RW) */
  readonly PV_bootloader: string;
  /** Path of the kernel for paravirtualised boot. (RW) */
  readonly PV_kernel: string;
  /** Path of the initrd for paravirtualised boot. (RW) */
  readonly PV_ramdisk: string;
  /** Kernel command line for paravirtualised boot. (RW) */
  readonly PV_args: string;
  /** Extra arguments for the bootloader. (RW) */
  readonly PV_bootloader_args: string;
  /** Arguments for legacy guests. (RW) */
  readonly PV_legacy_args: string;
  /** How the VM boots in HVM mode (empty string for PV). (StaticRO) */
  readonly HVM_boot_policy: string;
  /** Parameters of HVM boot (order, firmware). (RW) */
  readonly HVM_boot_params: Readonly<Record<string, string>>;
  /** Factor applied to the shadow memory allocation. (StaticRO) */
  readonly HVM_shadow_multiplier: number;
  /** Platform options (viridian, acpi, apic, pae, nx, ...). (RW) */
  readonly platform: Readonly<Record<string, string>>;
  /** PCI bus path of passed-through devices. (RW) */
  readonly PCI_bus: string;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
  /** Xen domain id while running, -1 otherwise. (DynamicRO) */
  readonly domid: number;
  /** Architecture of the running domain. (DynamicRO) */
  readonly domarch: string;
  /** CPU features the VM saw at its last boot. (StaticRO) */
  readonly last_boot_CPU_flags: Readonly<Record<string, string>>;
  /** True for a host's control domain (dom0). (DynamicRO) */
  readonly is_control_domain: boolean;
  /** Metrics of the VM. (DynamicRO) */
  readonly metrics: Ref;
  /** Metrics reported by the guest agent. (DynamicRO) */
  readonly guest_metrics: Ref;
  /** Snapshot of the VM record taken at boot. (StaticRO) */
  readonly last_booted_record: string;
  /** Template recommendations, as an XML document. (RW) */
  readonly recommendations: string;
  /** Keys written into the VM's xenstore tree at start. (RW) */
  readonly xenstore_data: Readonly<Record<string, string>>;
  /** Whether HA keeps the VM running. (StaticRO) */
  readonly ha_always_run: boolean;
  /** Restart priority under HA. (StaticRO) */
  readonly ha_restart_priority: string;
  /** True if this VM is a snapshot. (DynamicRO) */
  readonly is_a_snapshot: boolean;
  /** The VM this snapshot was taken from. (DynamicRO) */
  readonly snapshot_of: Ref;
  /** Snapshots taken of this VM. (DynamicRO) */
  readonly snapshots: readonly Ref[];
  /** When the snapshot was taken. (DynamicRO) */
  readonly snapshot_time: string;
  /** Identifier of the snapshot, stable across exports. (DynamicRO) */
  readonly transportable_snapshot_id: string;
  /** Binary objects attached, by name. (DynamicRO) */
  readonly blobs: Readonly<Record<string, Ref>>;
  /** User-defined tags for grouping and searching. (RW) */
  readonly tags: readonly string[];
  /** Operations refused, with the error code to return. (RW) */
  readonly blocked_operations: Readonly<Record<string, string>>;
  /** Information about the snapshot (quiescing, etc.). (DynamicRO) */
  readonly snapshot_info: Readonly<Record<string, string>>;
  /** Encoded metadata of the snapshot. (DynamicRO) */
  readonly snapshot_metadata: string;
  /** The snapshot this VM was reverted from or derived from. (DynamicRO) */
  readonly parent: Ref;
  /** VMs whose parent is this VM. (DynamicRO) */
  readonly children: readonly Ref[];
  /** SMBIOS strings presented to the guest. (DynamicRO) */
  readonly bios_strings: Readonly<Record<string, string>>;
  /** Legacy protection policy (removed). (StaticRO) */
  readonly protection_policy: Ref;
  /** True if created by a legacy protection policy. (StaticRO) */
  readonly is_snapshot_from_vmpp: boolean;
  /** The snapshot schedule that covers the VM. (StaticRO) */
  readonly snapshot_schedule: Ref;
  /** True if created by a snapshot schedule. (StaticRO) */
  readonly is_vmss_snapshot: boolean;
  /** The appliance the VM belongs to. (StaticRO) */
  readonly appliance: Ref;
  /** Seconds to wait after starting the VM in an ordered start. (StaticRO) */
  readonly start_delay: number;
  /** Seconds to wait after stopping the VM in an ordered shutdown. (StaticRO) */
  readonly shutdown_delay: number;
  /** Position of the VM in ordered start and shutdown. (StaticRO) */
  readonly order: number;
  /** Virtual GPUs. (DynamicRO) */
  readonly VGPUs: readonly Ref[];
  /** PCI devices passed through to the VM. (DynamicRO) */
  readonly attached_PCIs: readonly Ref[];
  /** SR to place the suspend image on. (RW) */
  readonly suspend_SR: Ref;
  /** Number of times the VM was reverted. (StaticRO) */
  readonly version: number;
  /** Windows generation id, changed when the VM is cloned or reverted. (StaticRO) */
  readonly generation_id: string;
  /** Version of the virtual hardware platform. (RW) */
  readonly hardware_platform_version: number;
  /** Whether the VM gets the vendor PCI device. (StaticRO) */
  readonly has_vendor_device: boolean;
  /** True if a change only takes effect after a reboot. (DynamicRO) */
  readonly requires_reboot: boolean;
  /** Label of the template this VM came from. (StaticRO) */
  readonly reference_label: string;
  /** Virtualisation mode of the VM. (StaticRO) */
  readonly domain_type: DomainType;
  /** Non-volatile variables of the firmware (e.g. UEFI). (StaticRO) */
  readonly NVRAM: Readonly<Record<string, string>>;
  /** Actions needed to apply installed updates. (DynamicRO) */
  readonly pending_guidances: readonly UpdateGuidances[];
  /** Recommended actions to apply installed updates. (DynamicRO) */
  readonly pending_guidances_recommended: readonly UpdateGuidances[];
  /** Every action needed to fully apply installed updates. (DynamicRO) */
  readonly pending_guidances_full: readonly UpdateGuidances[];
};

/** Figures about a running VM, kept by the toolstack. */
export type VMMetricsRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** Memory currently allocated to the domain, in bytes. (DynamicRO) */
  readonly memory_actual: number;
  /** Number of virtual CPUs the domain has now. (DynamicRO) */
  readonly VCPUs_number: number;
  /** Per-CPU utilisation (removed; use RRDs). (DynamicRO) */
  readonly VCPUs_utilisation: Readonly<Record<string, number>>;
  /** Physical CPU each virtual CPU runs on. (DynamicRO) */
  readonly VCPUs_CPU: Readonly<Record<string, number>>;
  /** Scheduler parameters in effect. (DynamicRO) */
  readonly VCPUs_params: Readonly<Record<string, string>>;
  /** Flags of each virtual CPU. (DynamicRO) */
  readonly VCPUs_flags: Readonly<Record<string, readonly string[]>>;
  /** Run-state flags of the domain. (DynamicRO) */
  readonly state: readonly string[];
  /** When the VM last started. (DynamicRO) */
  readonly start_time: string;
  /** When the VM was created. (DynamicRO) */
  readonly install_time: string;
  /** When the metrics were last updated. (DynamicRO) */
  readonly last_updated: string;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
  /** True if the domain is HVM. (DynamicRO) */
  readonly hvm: boolean;
  /** True if nested virtualisation is on for the domain. (DynamicRO) */
  readonly nested_virt: boolean;
  /** True if the domain cannot be migrated. (DynamicRO) */
  readonly nomigrate: boolean;
  /** Virtualisation mode the domain is running in. (DynamicRO) */
  readonly current_domain_type: DomainType;
};

/** Facts reported by the agent running inside a VM. */
export type VMGuestMetricsRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** Operating system facts (name, distro, version, uname). (DynamicRO) */
  readonly os_version: Readonly<Record<string, string>>;
  /** Version of the guest drivers. (DynamicRO) */
  readonly PV_drivers_version: Readonly<Record<string, string>>;
  /** Whether the guest drivers are current (deprecated). (DynamicRO) */
  readonly PV_drivers_up_to_date: boolean;
  /** Guest memory figures (removed). (DynamicRO) */
  readonly memory: Readonly<Record<string, string>>;
  /** Guest disk figures (removed). (DynamicRO) */
  readonly disks: Readonly<Record<string, string>>;
  /** Guest network addresses, by interface. (DynamicRO) */
  readonly networks: Readonly<Record<string, string>>;
  /** Other facts from the agent, e.g. feature flags. (DynamicRO) */
  readonly other: Readonly<Record<string, string>>;
  /** When the agent last reported. (DynamicRO) */
  readonly last_updated: string;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
  /** True while the agent is reporting. (DynamicRO) */
  readonly live: boolean;
  /** Whether disks can be hot-plugged. (DynamicRO) */
  readonly can_use_hotplug_vbd: TristateType;
  /** Whether network interfaces can be hot-plugged. (DynamicRO) */
  readonly can_use_hotplug_vif: TristateType;
  /** True once guest drivers have been seen. (DynamicRO) */
  readonly PV_drivers_detected: boolean;
};

/** A physical host. */
export type HostRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** A human-readable name. (RW) */
  readonly name_label: string;
  /** A human-readable description. (RW) */
  readonly name_description: string;
  /** Memory used by the virtualisation layer on the host, in bytes. (DynamicRO) */
  readonly memory_overhead: number;
  /** Operations allowed in the current state (advisory). (DynamicRO) */
  readonly allowed_operations: readonly HostAllowedOperations[];
  /** Operations in progress on the object, by the task that runs them. (DynamicRO) */
  readonly current_operations: Readonly<Record<string, HostAllowedOperations>>;
  /** Major version of the API. (DynamicRO) */
  readonly API_version_major: number;
  /** Minor version of the API. (DynamicRO) */
  readonly API_version_minor: number;
  /** Vendor of the API implementation. (DynamicRO) */
  readonly API_version_vendor: string;
  /** Details of the vendor's implementation. (DynamicRO) */
  readonly API_version_vendor_implementation: Readonly<Record<string, string>>;
  /** False while the host is disabled for new VMs. (DynamicRO) */
  readonly enabled: boolean;
  /** Versions of the software installed. (StaticRO) */
  readonly software_version: Readonly<Record<string, string>>;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
  /** Guest types the host can run. (StaticRO) */
  readonly capabilities: readonly string[];
  /** CPU configuration (removed). (DynamicRO) */
  readonly cpu_configuration: Readonly<Record<string, string>>;
  /** Scheduler policy of the hypervisor. (DynamicRO) */
  readonly sched_policy: string;
  /** Bootloaders available for PV guests. (DynamicRO) */
  readonly supported_bootloaders: readonly string[];
  /** VMs running on the host. (DynamicRO) */
  readonly resident_VMs: readonly Ref[];
  /** Logging configuration. (RW) */
  readonly logging: Readonly<Record<string, string>>;
  /** Physical network interfaces. (DynamicRO) */
  readonly PIFs: readonly Ref[];
  /** SR for suspend images of VMs on this host. (RW) */
  readonly suspend_image_sr: Ref;
  /** SR for crash dumps of VMs on this host. (RW) */
  readonly crash_dump_sr: Ref;
  /** Crash dumps of the host. (DynamicRO) */
  readonly crashdumps: readonly Ref[];
  /** Patches applied (deprecated). (DynamicRO) */
  readonly patches: readonly Ref[];
  /** Updates applied. (DynamicRO) */
  readonly updates: readonly Ref[];
  /** Storage connections of the host. (DynamicRO) */
  readonly PBDs: readonly Ref[];
  /** Physical CPUs (deprecated). (DynamicRO) */
  readonly host_CPUs: readonly Ref[];
  /** CPU facts (vendor, model, counts, features). (DynamicRO) */
  readonly cpu_info: Readonly<Record<string, string>>;
  /** Host name. (RW) */
  readonly hostname: string;
  /** Management IP address. (RW) */
  readonly address: string;
  /** Metrics of the host. (DynamicRO) */
  readonly metrics: Ref;
  /** Parameters of the licence. (DynamicRO) */
  readonly license_params: Readonly<Record<string, string>>;
  /** HA state files in use by this host. (DynamicRO) */
  readonly ha_statefiles: readonly string[];
  /** Hosts this one can reach over the HA network. (DynamicRO) */
  readonly ha_network_peers: readonly string[];
  /** Binary objects attached, by name. (DynamicRO) */
  readonly blobs: Readonly<Record<string, Ref>>;
  /** User-defined tags for grouping and searching. (RW) */
  readonly tags: readonly string[];
  /** Kind of external authentication in use. (DynamicRO) */
  readonly external_auth_type: string;
  /** Name of the external authentication service. (DynamicRO) */
  readonly external_auth_service_name: string;
  /** Settings of external authentication. (DynamicRO) */
  readonly external_auth_configuration: Readonly<Record<string, string>>;
  /** Product edition. (DynamicRO) */
  readonly edition: string;
  /** Address and port of the licence server. (RW) */
  readonly license_server: Readonly<Record<string, string>>;
  /** SMBIOS strings of the host. (DynamicRO) */
  readonly bios_strings: Readonly<Record<string, string>>;
  /** How the host is powered on remotely. (DynamicRO) */
  readonly power_on_mode: string;
  /** Settings of remote power-on. (DynamicRO) */
  readonly power_on_config: Readonly<Record<string, string>>;
  /** SR used as local cache. (StaticRO) */
  readonly local_cache_sr: Ref;
  /** Chipset facts (e.g. IOMMU). (DynamicRO) */
  readonly chipset_info: Readonly<Record<string, string>>;
  /** PCI devices. (DynamicRO) */
  readonly PCIs: readonly Ref[];
  /** Physical GPUs. (DynamicRO) */
  readonly PGPUs: readonly Ref[];
  /** Physical USB devices. (DynamicRO) */
  readonly PUSBs: readonly Ref[];
  /** Whether legacy SSL protocols are accepted (removed). (StaticRO) */
  readonly ssl_legacy: boolean;
  /** Scheduler parameters for guest virtual CPUs. (RW) */
  readonly guest_VCPUs_params: Readonly<Record<string, string>>;
  /** Whether the host's console display is enabled. (RW) */
  readonly display: HostDisplay;
  /** Virtual hardware platform versions the host supports. (DynamicRO) */
  readonly virtual_hardware_platform_versions: readonly number[];
  /** The host's control domain. (DynamicRO) */
  readonly control_domain: Ref;
  /** Updates waiting for a reboot. (DynamicRO) */
  readonly updates_requiring_reboot: readonly Ref[];
  /** Features of the host. (DynamicRO) */
  readonly features: readonly Ref[];
  /** iSCSI initiator name. (StaticRO) */
  readonly iscsi_iqn: string;
  /** Whether storage multipathing is on. (StaticRO) */
  readonly multipathing: boolean;
  /** UEFI certificates of the host. (StaticRO) */
  readonly uefi_certificates: string;
  /** TLS certificates of the host. (DynamicRO) */
  readonly certificates: readonly Ref[];
  /** Editions the host may run. (DynamicRO) */
  readonly editions: readonly string[];
  /** Actions needed to apply installed updates. (DynamicRO) */
  readonly pending_guidances: readonly UpdateGuidances[];
  /** Whether the host verifies TLS certificates of its peers. (DynamicRO) */
  readonly tls_verification_enabled: boolean;
  /** When software was last updated. (DynamicRO) */
  readonly last_software_update: string;
  /** Whether only HTTPS is served. (DynamicRO) */
  readonly https_only: boolean;
  /** Whether the latest synchronised updates are applied. (DynamicRO) */
  readonly latest_synced_updates_applied: LatestSyncedUpdatesAppliedState;
  /** NUMA placement policy for VMs. (DynamicRO) */
  readonly numa_affinity_policy: HostNumaAffinityPolicy;
  /** Recommended actions to apply installed updates. (DynamicRO) */
  readonly pending_guidances_recommended: readonly UpdateGuidances[];
  /** Every action needed to fully apply installed updates. (DynamicRO) */
  readonly pending_guidances_full: readonly UpdateGuidances[];
  /** Hash of the last applied update set. (DynamicRO) */
  readonly last_update_hash: string;
};

/** Figures about a host. */
export type HostMetricsRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** Total memory, in bytes. (DynamicRO) */
  readonly memory_total: number;
  /** Free memory, in bytes (removed from the API, still maintained). (DynamicRO) */
  readonly memory_free: number;
  /** True while the host is reachable. (DynamicRO) */
  readonly live: boolean;
  /** When the metrics were last updated. (DynamicRO) */
  readonly last_updated: string;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
};

/** A physical CPU of a host (deprecated). */
export type HostCpuRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** The host the CPU belongs to. (DynamicRO) */
  readonly host: Ref;
  /** Index of the CPU within the host. (DynamicRO) */
  readonly number: number;
  /** CPU vendor. (DynamicRO) */
  readonly vendor: string;
  /** Clock speed, in MHz. (DynamicRO) */
  readonly speed: number;
  /** Model name. (DynamicRO) */
  readonly modelname: string;
  /** CPU family. (DynamicRO) */
  readonly family: number;
  /** CPU model. (DynamicRO) */
  readonly model: number;
  /** CPU stepping. (DynamicRO) */
  readonly stepping: string;
  /** Feature flags as reported by the kernel. (DynamicRO) */
  readonly flags: string;
  /** Feature bits. (DynamicRO) */
  readonly features: string;
  /** Current load, 0 to 1. (DynamicRO) */
  readonly utilisation: number;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
};

/** A virtual network: a bridge on each host. */
export type NetworkRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** A human-readable name. (RW) */
  readonly name_label: string;
  /** A human-readable description. (RW) */
  readonly name_description: string;
  /** Operations allowed in the current state (advisory). (DynamicRO) */
  readonly allowed_operations: readonly NetworkOperations[];
  /** Operations in progress on the object, by the task that runs them. (DynamicRO) */
  readonly current_operations: Readonly<Record<string, NetworkOperations>>;
  /** Virtual interfaces connected to the network. (DynamicRO) */
  readonly VIFs: readonly Ref[];
  /** Physical interfaces connected to the network. (DynamicRO) */
  readonly PIFs: readonly Ref[];
  /** Maximum transmission unit, in bytes. (RW) */
  readonly MTU: number;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
  /** Name of the bridge on each host. (StaticRO) */
  readonly bridge: string;
  /** True if the toolstack creates the bridge. (StaticRO) */
  readonly managed: boolean;
  /** Binary objects attached, by name. (DynamicRO) */
  readonly blobs: Readonly<Record<string, Ref>>;
  /** User-defined tags for grouping and searching. (RW) */
  readonly tags: readonly string[];
  /** Locking mode of VIFs that use the network default. (DynamicRO) */
  readonly default_locking_mode: NetworkDefaultLockingMode;
  /** Addresses handed to VIFs by the toolstack. (DynamicRO) */
  readonly assigned_ips: Readonly<Record<string, string>>;
  /** Special uses of the network (e.g. NBD). (DynamicRO) */
  readonly purpose: readonly NetworkPurpose[];
};

/** A virtual network interface of a VM. */
export type VIFRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** Operations allowed in the current state (advisory). (DynamicRO) */
  readonly allowed_operations: readonly VifOperations[];
  /** Operations in progress on the object, by the task that runs them. (DynamicRO) */
  readonly current_operations: Readonly<Record<string, VifOperations>>;
  /** Order of the interface in the guest ("0", "1", ...). (StaticRO) */
  readonly device: string;
  /** The network it connects to. (StaticRO) */
  readonly network: Ref;
  /** The VM it belongs to. (StaticRO) */
  readonly VM: Ref;
  /** Ethernet address (empty to have one generated). (StaticRO) */
  readonly MAC: string;
  /** Maximum transmission unit, in bytes. (StaticRO) */
  readonly MTU: number;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
  /** True while the device is plugged. (StaticRO) */
  readonly currently_attached: boolean;
  /** Error code of the last attach attempt. (DynamicRO) */
  readonly status_code: number;
  /** Error message of the last attach attempt. (DynamicRO) */
  readonly status_detail: string;
  /** Properties of the plugged device. (DynamicRO) */
  readonly runtime_properties: Readonly<Record<string, string>>;
  /** Quality-of-service algorithm. (RW) */
  readonly qos_algorithm_type: string;
  /** Parameters of the quality-of-service algorithm. (RW) */
  readonly qos_algorithm_params: Readonly<Record<string, string>>;
  /** Quality-of-service algorithms available. (DynamicRO) */
  readonly qos_supported_algorithms: readonly string[];
  /** Metrics (removed). (DynamicRO) */
  readonly metrics: Ref;
  /** True if the MAC was generated. (DynamicRO) */
  readonly MAC_autogenerated: boolean;
  /** Which traffic the VIF may send. (StaticRO) */
  readonly locking_mode: VifLockingMode;
  /** IPv4 addresses the VIF may use when locked. (StaticRO) */
  readonly ipv4_allowed: readonly string[];
  /** IPv6 addresses the VIF may use when locked. (StaticRO) */
  readonly ipv6_allowed: readonly string[];
  /** How the guest's IPv4 address is set. (DynamicRO) */
  readonly ipv4_configuration_mode: VifIpv4ConfigurationMode;
  /** IPv4 addresses with prefix length, when set statically. (DynamicRO) */
  readonly ipv4_addresses: readonly string[];
  /** IPv4 gateway, when set statically. (DynamicRO) */
  readonly ipv4_gateway: string;
  /** How the guest's IPv6 address is set. (DynamicRO) */
  readonly ipv6_configuration_mode: VifIpv6ConfigurationMode;
  /** IPv6 addresses with prefix length, when set statically. (DynamicRO) */
  readonly ipv6_addresses: readonly string[];
  /** IPv6 gateway, when set statically. (DynamicRO) */
  readonly ipv6_gateway: string;
};

/** Figures about a virtual network interface (removed in favour of RRDs). */
export type VIFMetricsRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** Receive rate in KiB/s. (DynamicRO) */
  readonly io_read_kbs: number;
  /** Transmit rate in KiB/s. (DynamicRO) */
  readonly io_write_kbs: number;
  /** When the metrics were last updated. (DynamicRO) */
  readonly last_updated: string;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
};

/** A network interface of a host: physical, VLAN, bond or tunnel. */
export type PIFRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** Name of the interface (e.g. eth0). (StaticRO) */
  readonly device: string;
  /** The network it connects to. (StaticRO) */
  readonly network: Ref;
  /** The host it belongs to. (StaticRO) */
  readonly host: Ref;
  /** Ethernet address. (StaticRO) */
  readonly MAC: string;
  /** Maximum transmission unit, in bytes. (StaticRO) */
  readonly MTU: number;
  /** VLAN tag, or -1 when untagged. (StaticRO) */
  readonly VLAN: number;
  /** Metrics of the interface. (DynamicRO) */
  readonly metrics: Ref;
  /** True for a physical device, false for a VLAN, bond or tunnel. (DynamicRO) */
  readonly physical: boolean;
  /** True while the interface is up. (DynamicRO) */
  readonly currently_attached: boolean;
  /** How the IPv4 address is obtained. (DynamicRO) */
  readonly ip_configuration_mode: IpConfigurationMode;
  /** IPv4 address. (DynamicRO) */
  readonly IP: string;
  /** IPv4 netmask. (DynamicRO) */
  readonly netmask: string;
  /** IPv4 gateway. (DynamicRO) */
  readonly gateway: string;
  /** Name servers, comma-separated. (DynamicRO) */
  readonly DNS: string;
  /** The bond this interface is a member of. (DynamicRO) */
  readonly bond_slave_of: Ref;
  /** Bonds this interface is the master of. (DynamicRO) */
  readonly bond_master_of: readonly Ref[];
  /** The VLAN this interface carries. (DynamicRO) */
  readonly VLAN_master_of: Ref;
  /** VLANs built on this interface. (DynamicRO) */
  readonly VLAN_slave_of: readonly Ref[];
  /** True for the management interface. (DynamicRO) */
  readonly management: boolean;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
  /** Prevents the interface from being unplugged. (DynamicRO) */
  readonly disallow_unplug: boolean;
  /** Tunnels this is the access interface of. (DynamicRO) */
  readonly tunnel_access_PIF_of: readonly Ref[];
  /** Tunnels this is the transport interface of. (DynamicRO) */
  readonly tunnel_transport_PIF_of: readonly Ref[];
  /** How the IPv6 addresses are obtained. (DynamicRO) */
  readonly ipv6_configuration_mode: Ipv6ConfigurationMode;
  /** IPv6 addresses. (DynamicRO) */
  readonly IPv6: readonly string[];
  /** IPv6 gateway. (DynamicRO) */
  readonly ipv6_gateway: string;
  /** Address family used for management. (DynamicRO) */
  readonly primary_address_type: PrimaryAddressType;
  /** True if the toolstack manages the interface. (StaticRO) */
  readonly managed: boolean;
  /** Additional properties (e.g. GRO). (DynamicRO) */
  readonly properties: Readonly<Record<string, string>>;
  /** Capabilities of the device. (DynamicRO) */
  readonly capabilities: readonly string[];
  /** Whether IGMP snooping is active on the interface. (DynamicRO) */
  readonly igmp_snooping_status: PifIgmpStatus;
  /** SR-IOV networks that use this physical interface. (DynamicRO) */
  readonly sriov_physical_PIF_of: readonly Ref[];
  /** SR-IOV networks this interface is the logical side of. (DynamicRO) */
  readonly sriov_logical_PIF_of: readonly Ref[];
  /** The PCI device behind the interface. (DynamicRO) */
  readonly PCI: Ref;
};

/** Figures about a host network interface. */
export type PIFMetricsRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** Read rate in KiB/s (removed). (DynamicRO) */
  readonly io_read_kbs: number;
  /** Write rate in KiB/s (removed). (DynamicRO) */
  readonly io_write_kbs: number;
  /** True when a link is detected. (DynamicRO) */
  readonly carrier: boolean;
  /** PCI vendor id. (DynamicRO) */
  readonly vendor_id: string;
  /** PCI vendor name. (DynamicRO) */
  readonly vendor_name: string;
  /** PCI device id. (DynamicRO) */
  readonly device_id: string;
  /** PCI device name. (DynamicRO) */
  readonly device_name: string;
  /** Link speed, in Mbit/s. (DynamicRO) */
  readonly speed: number;
  /** True for full duplex. (DynamicRO) */
  readonly duplex: boolean;
  /** PCI bus path. (DynamicRO) */
  readonly pci_bus_path: string;
  /** When the metrics were last updated. (DynamicRO) */
  readonly last_updated: string;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
};

/** A storage plugin and what it can do. */
export type SMRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** A human-readable name. (DynamicRO) */
  readonly name_label: string;
  /** A human-readable description. (DynamicRO) */
  readonly name_description: string;
  /** Storage type the plugin handles. (DynamicRO) */
  readonly type: string;
  /** Plugin vendor. (DynamicRO) */
  readonly vendor: string;
  /** Plugin copyright. (DynamicRO) */
  readonly copyright: string;
  /** Plugin version. (DynamicRO) */
  readonly version: string;
  /** Storage API version the plugin needs. (DynamicRO) */
  readonly required_api_version: string;
  /** Configuration keys the plugin accepts, with their meaning. (DynamicRO) */
  readonly configuration: Readonly<Record<string, string>>;
  /** Capabilities of the plugin (deprecated; see features). (DynamicRO) */
  readonly capabilities: readonly string[];
  /** Features of the plugin, with their versions. (DynamicRO) */
  readonly features: Readonly<Record<string, number>>;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
  /** Path of the plugin executable. (DynamicRO) */
  readonly driver_filename: string;
  /** Cluster stacks the plugin needs. (DynamicRO) */
  readonly required_cluster_stack: readonly string[];
};

/** A storage repository: a place where disks are kept. */
export type SRRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** A human-readable name. (StaticRO) */
  readonly name_label: string;
  /** A human-readable description. (StaticRO) */
  readonly name_description: string;
  /** Operations allowed in the current state (advisory). (DynamicRO) */
  readonly allowed_operations: readonly StorageOperations[];
  /** Operations in progress on the object, by the task that runs them. (DynamicRO) */
  readonly current_operations: Readonly<Record<string, StorageOperations>>;
  /** Disks in the SR. (DynamicRO) */
  readonly VDIs: readonly Ref[];
  /** Connections of the SR to hosts. (DynamicRO) */
  readonly PBDs: readonly Ref[];
  /** Sum of the virtual sizes of the disks, in bytes. (DynamicRO) */
  readonly virtual_allocation: number;
  /** Space in use, in bytes. (DynamicRO) */
  readonly physical_utilisation: number;
  /** Total space, in bytes. (StaticRO) */
  readonly physical_size: number;
  /** Storage type (lvm, ext, nfs, iso, ...). (StaticRO) */
  readonly type: string;
  /** Kind of content (user, iso, disk, ...). (StaticRO) */
  readonly content_type: string;
  /** True if several hosts can use the SR at once. (DynamicRO) */
  readonly shared: boolean;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
  /** User-defined tags for grouping and searching. (RW) */
  readonly tags: readonly string[];
  /** Settings for the storage plugin. (RW) */
  readonly sm_config: Readonly<Record<string, string>>;
  /** Binary objects attached, by name. (DynamicRO) */
  readonly blobs: Readonly<Record<string, Ref>>;
  /** Whether the SR is used as local cache. (DynamicRO) */
  readonly local_cache_enabled: boolean;
  /** The disaster-recovery task that introduced the SR. (DynamicRO) */
  readonly introduced_by: Ref;
  /** True if the SR needs a cluster. (DynamicRO) */
  readonly clustered: boolean;
  /** True for the SR holding the guest tools. (DynamicRO) */
  readonly is_tools_sr: boolean;
};

/** A virtual disk. */
export type VDIRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** A human-readable name. (StaticRO) */
  readonly name_label: string;
  /** A human-readable description. (StaticRO) */
  readonly name_description: string;
  /** Operations allowed in the current state (advisory). (DynamicRO) */
  readonly allowed_operations: readonly VdiOperations[];
  /** Operations in progress on the object, by the task that runs them. (DynamicRO) */
  readonly current_operations: Readonly<Record<string, VdiOperations>>;
  /** The SR holding the disk. (StaticRO) */
  readonly SR: Ref;
  /** Attachments of the disk to VMs. (DynamicRO) */
  readonly VBDs: readonly Ref[];
  /** Crash dumps stored on the disk. (DynamicRO) */
  readonly crash_dumps: readonly Ref[];
  /** Size seen by the guest, in bytes. (StaticRO) */
  readonly virtual_size: number;
  /** Space used on the SR, in bytes. (DynamicRO) */
  readonly physical_utilisation: number;
  /** Kind of disk. (StaticRO) */
  readonly type: VdiType;
  /** True if several VMs may attach the disk at once. (StaticRO) */
  readonly sharable: boolean;
  /** True if the disk can only be read. (StaticRO) */
  readonly read_only: boolean;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
  /** True while the storage backend holds a lock on the disk. (DynamicRO) */
  readonly storage_lock: boolean;
  /** Location of the disk within the SR. (DynamicRO) */
  readonly location: string;
  /** False for disks hidden from clients (e.g. snapshot parents). (DynamicRO) */
  readonly managed: boolean;
  /** True if the disk was not found by the last scan. (DynamicRO) */
  readonly missing: boolean;
  /** Parent disk (deprecated). (DynamicRO) */
  readonly parent: Ref;
  /** Keys written into the guest's xenstore when attached. (RW) */
  readonly xenstore_data: Readonly<Record<string, string>>;
  /** Settings for the storage plugin. (RW) */
  readonly sm_config: Readonly<Record<string, string>>;
  /** True if the disk is a snapshot. (DynamicRO) */
  readonly is_a_snapshot: boolean;
  /** The disk this snapshot was taken from. (DynamicRO) */
  readonly snapshot_of: Ref;
  /** Snapshots of the disk. (DynamicRO) */
  readonly snapshots: readonly Ref[];
  /** When the snapshot was taken. (DynamicRO) */
  readonly snapshot_time: string;
  /** User-defined tags for grouping and searching. (RW) */
  readonly tags: readonly string[];
  /** Whether the disk may be cached locally. (DynamicRO) */
  readonly allow_caching: boolean;
  /** What happens to the contents when the VM boots. (DynamicRO) */
  readonly on_boot: OnBoot;
  /** The pool whose metadata the disk holds. (DynamicRO) */
  readonly metadata_of_pool: Ref;
  /** True if the disk holds the newest pool metadata. (DynamicRO) */
  readonly metadata_latest: boolean;
  /** True for the guest tools ISO. (DynamicRO) */
  readonly is_tools_iso: boolean;
  /** True if changed-block tracking is on. (DynamicRO) */
  readonly cbt_enabled: boolean;
};

/** A virtual block device: the attachment of a disk (or an empty drive) to a VM. */
export type VBDRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** Operations allowed in the current state (advisory). (DynamicRO) */
  readonly allowed_operations: readonly VbdOperations[];
  /** Operations in progress on the object, by the task that runs them. (DynamicRO) */
  readonly current_operations: Readonly<Record<string, VbdOperations>>;
  /** The VM the device belongs to. (StaticRO) */
  readonly VM: Ref;
  /** The disk attached (null for an empty drive). (StaticRO) */
  readonly VDI: Ref;
  /** Device name in the guest (e.g. xvda), set when plugged. (StaticRO) */
  readonly device: string;
  /** Position of the device ("0", "1", ...). (RW) */
  readonly userdevice: string;
  /** True if the VM may boot from it. (RW) */
  readonly bootable: boolean;
  /** Read-only or read-write. (StaticRO) */
  readonly mode: VbdMode;
  /** Kind of device. (RW) */
  readonly type: VbdType;
  /** True if the device may be hot-unplugged. (RW) */
  readonly unpluggable: boolean;
  /** True while the storage backend holds a lock for the device. (DynamicRO) */
  readonly storage_lock: boolean;
  /** True for an empty removable drive. (StaticRO) */
  readonly empty: boolean;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
  /** True while the device is plugged. (StaticRO) */
  readonly currently_attached: boolean;
  /** Error code of the last attach attempt. (DynamicRO) */
  readonly status_code: number;
  /** Error message of the last attach attempt. (DynamicRO) */
  readonly status_detail: string;
  /** Properties of the plugged device. (DynamicRO) */
  readonly runtime_properties: Readonly<Record<string, string>>;
  /** Quality-of-service algorithm. (RW) */
  readonly qos_algorithm_type: string;
  /** Parameters of the quality-of-service algorithm. (RW) */
  readonly qos_algorithm_params: Readonly<Record<string, string>>;
  /** Quality-of-service algorithms available. (DynamicRO) */
  readonly qos_supported_algorithms: readonly string[];
  /** Metrics (removed). (DynamicRO) */
  readonly metrics: Ref;
};

/** Figures about a virtual block device (removed). */
export type VBDMetricsRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** Read rate in KiB/s. (DynamicRO) */
  readonly io_read_kbs: number;
  /** Write rate in KiB/s. (DynamicRO) */
  readonly io_write_kbs: number;
  /** When the metrics were last updated. (DynamicRO) */
  readonly last_updated: string;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
};

/** The connection of a storage repository to a host. */
export type PBDRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** The host side of the connection. (StaticRO) */
  readonly host: Ref;
  /** The SR side of the connection. (StaticRO) */
  readonly SR: Ref;
  /** Settings the storage plugin uses to connect. (StaticRO) */
  readonly device_config: Readonly<Record<string, string>>;
  /** True while the SR is attached on the host. (DynamicRO) */
  readonly currently_attached: boolean;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
};

/** A console of a VM. */
export type ConsoleRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** Protocol spoken on the console. (DynamicRO) */
  readonly protocol: ConsoleProtocol;
  /** URL to connect to the console. (DynamicRO) */
  readonly location: string;
  /** The VM the console belongs to. (DynamicRO) */
  readonly VM: Ref;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
};

/** A local user (deprecated). */
export type UserRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** Short name of the user. (StaticRO) */
  readonly short_name: string;
  /** Full name of the user. (RW) */
  readonly fullname: string;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
};

/** A performance metric recorded for an object. */
export type DataSourceRecord = {
  /** A human-readable name. (DynamicRO) */
  readonly name_label: string;
  /** A human-readable description. (DynamicRO) */
  readonly name_description: string;
  /** True if the data source is being recorded. (DynamicRO) */
  readonly enabled: boolean;
  /** True if the data source is recorded by default. (DynamicRO) */
  readonly standard: boolean;
  /** Units of the value. (DynamicRO) */
  readonly units: string;
  /** Smallest value expected. (DynamicRO) */
  readonly min: number;
  /** Largest value expected. (DynamicRO) */
  readonly max: number;
  /** Latest value. (DynamicRO) */
  readonly value: number;
};

/** A named binary object attached to another object. */
export type BlobRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** A human-readable name. (RW) */
  readonly name_label: string;
  /** A human-readable description. (RW) */
  readonly name_description: string;
  /** Size in bytes. (DynamicRO) */
  readonly size: number;
  /** True if the blob can be read without a session. (RW) */
  readonly public: boolean;
  /** When the contents were last written. (StaticRO) */
  readonly last_updated: string;
  /** Media type of the contents. (StaticRO) */
  readonly mime_type: string;
};

/** An alert about an object, kept outside the object database. */
export type MessageRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** Name of the message (e.g. VM_STARTED). (DynamicRO) */
  readonly name: string;
  /** Priority, 1 (highest) to 5. (DynamicRO) */
  readonly priority: number;
  /** Class of the object the message is about. (DynamicRO) */
  readonly cls: Cls;
  /** UUID of the object the message is about. (DynamicRO) */
  readonly obj_uuid: string;
  /** When the message was created. (DynamicRO) */
  readonly timestamp: string;
  /** Text of the message. (DynamicRO) */
  readonly body: string;
};

/** A secret value, such as a password, referred to by other objects. */
export type SecretRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** The secret itself. (RW) */
  readonly value: string;
  /** Additional configuration. (RW) */
  readonly other_config: Readonly<Record<string, string>>;
};

/** An X509 certificate used for TLS connections. */
export type CertificateRecord = {
  /** Unique identifier of the object. (DynamicRO) */
  readonly uuid: string;
  /** The name of the certificate, only present on certificates of type ca. (DynamicRO) */
  readonly name: string;
  /** The type of the certificate. (DynamicRO) */
  readonly type: CertificateType;
  /** The host where the certificate is installed. (StaticRO) */
  readonly host: Ref;
  /** Date after which the certificate is valid. (StaticRO) */
  readonly not_before: string;
  /** Date before which the certificate is valid. (StaticRO) */
  readonly not_after: string;
  /** The certificate's SHA-256 fingerprint (colon-separated hex). (StaticRO) */
  readonly fingerprint: string;
};

/** A set of high-level properties associated with an SR. */
export type SrStatRecord = {
  /** Uuid that uniquely identifies this SR, if one is available. (DynamicRO) */
  readonly uuid?: string;
  /** Short, human-readable label for the SR. (DynamicRO) */
  readonly name_label: string;
  /** Longer, human-readable description of the SR. (DynamicRO) */
  readonly name_description: string;
  /** Number of bytes free on the backing storage (in bytes) (DynamicRO) */
  readonly free_space: number;
  /** Total physical size of the backing storage (in bytes) (DynamicRO) */
  readonly total_space: number;
  /** Indicates whether the SR uses clustered local storage. (DynamicRO) */
  readonly clustered: boolean;
  /** The health status of the SR. (DynamicRO) */
  readonly health: SrHealth;
};

/** One result of SR.probe_ext: a configuration, whether it is complete, and the SR found there. */
export type ProbeResultRecord = {
  /** Where and how to find the storage (the device_config of SR.create). (DynamicRO) */
  readonly configuration: Readonly<Record<string, string>>;
  /** True if the configuration can be given to SR.create as it is. (DynamicRO) */
  readonly complete: boolean;
  /** Existing SR found for this configuration (DynamicRO) */
  readonly sr?: SrStatRecord;
  /** Additional plug-in-specific information about this configuration. (DynamicRO) */
  readonly extra_info: Readonly<Record<string, string>>;
};

/** Record type of each class, by class name. */
export interface RecordOf {
  session: SessionRecord;
  auth: AuthRecord;
  subject: SubjectRecord;
  role: RoleRecord;
  task: TaskRecord;
  event: EventRecord;
  pool: PoolRecord;
  VM: VMRecord;
  VM_metrics: VMMetricsRecord;
  VM_guest_metrics: VMGuestMetricsRecord;
  host: HostRecord;
  host_metrics: HostMetricsRecord;
  host_cpu: HostCpuRecord;
  network: NetworkRecord;
  VIF: VIFRecord;
  VIF_metrics: VIFMetricsRecord;
  PIF: PIFRecord;
  PIF_metrics: PIFMetricsRecord;
  SM: SMRecord;
  SR: SRRecord;
  VDI: VDIRecord;
  VBD: VBDRecord;
  VBD_metrics: VBDMetricsRecord;
  PBD: PBDRecord;
  console: ConsoleRecord;
  user: UserRecord;
  data_source: DataSourceRecord;
  blob: BlobRecord;
  message: MessageRecord;
  secret: SecretRecord;
  Certificate: CertificateRecord;
  sr_stat: SrStatRecord;
  probe_result: ProbeResultRecord;
}

/** The classes whose objects the object database holds. */
export type DbClass =
  | 'session'
  | 'subject'
  | 'role'
  | 'task'
  | 'pool'
  | 'VM'
  | 'VM_metrics'
  | 'VM_guest_metrics'
  | 'host'
  | 'host_metrics'
  | 'host_cpu'
  | 'network'
  | 'VIF'
  | 'VIF_metrics'
  | 'PIF'
  | 'PIF_metrics'
  | 'SM'
  | 'SR'
  | 'VDI'
  | 'VBD'
  | 'VBD_metrics'
  | 'PBD'
  | 'console'
  | 'user'
  | 'blob'
  | 'secret'
  | 'Certificate';

/** Record type of each database class, by class name. */
export type DbRecordOf = Pick<RecordOf, DbClass>;
