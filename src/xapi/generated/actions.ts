// Generated from the datamodel by `npm run gen` — do not edit.
import type * as T from '../../generated/api-types.js';
import type { CallContext } from '../context.js';

/** Every hand-written message, by class. */
export interface CustomActions {
  readonly session: {
    login_with_password(
      ctx: CallContext,
      uname: string,
      pwd: string,
      version: string,
      originator: string,
    ): Promise<T.Ref>;
    slave_local_login_with_password(ctx: CallContext, uname: string, pwd: string): Promise<T.Ref>;
    slave_login(ctx: CallContext, host: T.Ref, psecret: string): Promise<T.Ref>;
    logout(ctx: CallContext): Promise<void>;
    local_logout(ctx: CallContext): Promise<void>;
    change_password(ctx: CallContext, old_pwd: string, new_pwd: string): Promise<void>;
    get_all_subject_identifiers(ctx: CallContext): Promise<readonly string[]>;
    logout_subject_identifier(ctx: CallContext, subject_identifier: string): Promise<void>;
  };
  readonly subject: {
    add_to_roles(ctx: CallContext, self: T.Ref, role: T.Ref): Promise<void>;
    remove_from_roles(ctx: CallContext, self: T.Ref, role: T.Ref): Promise<void>;
    get_permissions_name_label(ctx: CallContext, self: T.Ref): Promise<readonly string[]>;
    set_local_password(ctx: CallContext, self: T.Ref, password: string): Promise<void>;
  };
  readonly role: {
    get_permissions(ctx: CallContext, self: T.Ref): Promise<readonly T.Ref[]>;
    get_permissions_name_label(ctx: CallContext, self: T.Ref): Promise<readonly string[]>;
    get_by_permission(ctx: CallContext, permission: T.Ref): Promise<readonly T.Ref[]>;
    get_by_permission_name_label(ctx: CallContext, label: string): Promise<readonly T.Ref[]>;
  };
  readonly task: {
    create(ctx: CallContext, label: string, description: string): Promise<T.Ref>;
    destroy(ctx: CallContext, self: T.Ref): Promise<void>;
    cancel(ctx: CallContext, task: T.Ref): Promise<void>;
    set_status(ctx: CallContext, self: T.Ref, value: T.TaskStatusType): Promise<void>;
    set_progress(ctx: CallContext, self: T.Ref, value: number): Promise<void>;
    set_result(ctx: CallContext, self: T.Ref, value: string): Promise<void>;
    set_error_info(ctx: CallContext, self: T.Ref, value: readonly string[]): Promise<void>;
  };
  readonly event: {
    from(
      ctx: CallContext,
      classes: readonly string[],
      token: string,
      timeout: number,
    ): Promise<{
      readonly events: readonly {
        readonly id: string;
        readonly timestamp: string;
        readonly class: string;
        readonly operation: string;
        readonly ref: string;
        readonly snapshot: unknown;
      }[];
      readonly valid_ref_counts: Readonly<Record<string, number>>;
      readonly token: string;
    }>;
    inject(ctx: CallContext, class_: string, ref: string): Promise<string>;
    get_current_id(ctx: CallContext): Promise<number>;
    register(ctx: CallContext, classes: readonly string[]): Promise<void>;
    unregister(ctx: CallContext, classes: readonly string[]): Promise<void>;
    next(ctx: CallContext): Promise<readonly T.EventRecord[]>;
  };
  readonly pool: {
    sync_database(ctx: CallContext): Promise<void>;
    join(
      ctx: CallContext,
      master_address: string,
      master_username: string,
      master_password: string,
    ): Promise<void>;
    join_force(
      ctx: CallContext,
      master_address: string,
      master_username: string,
      master_password: string,
    ): Promise<void>;
    eject(ctx: CallContext, host: T.Ref): Promise<void>;
    designate_new_master(ctx: CallContext, host: T.Ref): Promise<void>;
    emergency_transition_to_master(ctx: CallContext): Promise<void>;
    emergency_reset_master(ctx: CallContext, master_address: string): Promise<void>;
    recover_slaves(ctx: CallContext): Promise<readonly T.Ref[]>;
    rotate_secret(ctx: CallContext): Promise<void>;
    initialize_wlb(
      ctx: CallContext,
      wlb_url: string,
      wlb_username: string,
      wlb_password: string,
      xenserver_username: string,
      xenserver_password: string,
    ): Promise<void>;
    deconfigure_wlb(ctx: CallContext): Promise<void>;
    send_wlb_configuration(ctx: CallContext, config: Readonly<Record<string, string>>): Promise<void>;
    retrieve_wlb_configuration(ctx: CallContext): Promise<Readonly<Record<string, string>>>;
    retrieve_wlb_recommendations(ctx: CallContext): Promise<Readonly<Record<string, readonly string[]>>>;
    get_license_state(ctx: CallContext, self: T.Ref): Promise<Readonly<Record<string, string>>>;
    apply_edition(ctx: CallContext, self: T.Ref, edition: string): Promise<void>;
    enable_external_auth(
      ctx: CallContext,
      pool: T.Ref,
      config: Readonly<Record<string, string>>,
      service_name: string,
      auth_type: string,
    ): Promise<void>;
    disable_external_auth(
      ctx: CallContext,
      pool: T.Ref,
      config: Readonly<Record<string, string>>,
    ): Promise<void>;
    detect_nonhomogeneous_external_auth(ctx: CallContext, pool: T.Ref): Promise<void>;
    set_repositories(ctx: CallContext, self: T.Ref, value: readonly T.Ref[]): Promise<void>;
    add_repository(ctx: CallContext, self: T.Ref, value: T.Ref): Promise<void>;
    remove_repository(ctx: CallContext, self: T.Ref, value: T.Ref): Promise<void>;
    sync_updates(
      ctx: CallContext,
      self: T.Ref,
      force: boolean,
      token: string,
      token_id: string,
    ): Promise<string>;
    check_update_readiness(
      ctx: CallContext,
      self: T.Ref,
      requires_reboot: boolean,
    ): Promise<readonly (readonly string[])[]>;
    set_update_sync_enabled(ctx: CallContext, self: T.Ref, value: boolean): Promise<void>;
    enable_local_storage_caching(ctx: CallContext, self: T.Ref): Promise<void>;
    disable_local_storage_caching(ctx: CallContext, self: T.Ref): Promise<void>;
    set_vswitch_controller(ctx: CallContext, address: string): Promise<void>;
    test_archive_target(
      ctx: CallContext,
      self: T.Ref,
      config: Readonly<Record<string, string>>,
    ): Promise<string>;
    enable_ssl_legacy(ctx: CallContext, self: T.Ref): Promise<void>;
    disable_ssl_legacy(ctx: CallContext, self: T.Ref): Promise<void>;
    set_uefi_certificates(ctx: CallContext, self: T.Ref, value: string): Promise<void>;
    set_custom_uefi_certificates(ctx: CallContext, self: T.Ref, value: string): Promise<void>;
    has_extension(ctx: CallContext, self: T.Ref, name: string): Promise<boolean>;
    set_local_auth_max_threads(ctx: CallContext, self: T.Ref, value: number): Promise<void>;
    set_ext_auth_max_threads(ctx: CallContext, self: T.Ref, value: number): Promise<void>;
    add_to_guest_agent_config(ctx: CallContext, self: T.Ref, key: string, value: string): Promise<void>;
    remove_from_guest_agent_config(ctx: CallContext, self: T.Ref, key: string): Promise<void>;
    set_https_only(ctx: CallContext, self: T.Ref, value: boolean): Promise<void>;
    reset_telemetry_uuid(ctx: CallContext, self: T.Ref): Promise<void>;
    set_telemetry_next_collection(ctx: CallContext, self: T.Ref, value: string): Promise<void>;
    configure_repository_proxy(
      ctx: CallContext,
      self: T.Ref,
      url: string,
      username: string,
      password: string,
    ): Promise<void>;
    disable_repository_proxy(ctx: CallContext, self: T.Ref): Promise<void>;
    configure_update_sync(
      ctx: CallContext,
      self: T.Ref,
      update_sync_frequency: T.UpdateSyncFrequency,
      update_sync_day: number,
    ): Promise<void>;
    enable_client_certificate_auth(ctx: CallContext, self: T.Ref, name: string): Promise<void>;
    disable_client_certificate_auth(ctx: CallContext, self: T.Ref): Promise<void>;
    install_ca_certificate(ctx: CallContext, name: string, cert: string): Promise<void>;
    uninstall_ca_certificate(ctx: CallContext, name: string): Promise<void>;
    certificate_install(ctx: CallContext, name: string, cert: string): Promise<void>;
    certificate_uninstall(ctx: CallContext, name: string): Promise<void>;
    certificate_list(ctx: CallContext): Promise<readonly string[]>;
    crl_install(ctx: CallContext, name: string, cert: string): Promise<void>;
    crl_uninstall(ctx: CallContext, name: string): Promise<void>;
    crl_list(ctx: CallContext): Promise<readonly string[]>;
    certificate_sync(ctx: CallContext): Promise<void>;
    enable_tls_verification(ctx: CallContext): Promise<void>;
    send_test_post(ctx: CallContext, host: string, port: number, body: string): Promise<string>;
    create_new_blob(
      ctx: CallContext,
      pool: T.Ref,
      name: string,
      mime_type: string,
      public_: boolean,
    ): Promise<T.Ref>;
  };
  readonly VM: {
    start(ctx: CallContext, vm: T.Ref, start_paused: boolean, force: boolean): Promise<void>;
    start_on(ctx: CallContext, vm: T.Ref, host: T.Ref, start_paused: boolean, force: boolean): Promise<void>;
    pause(ctx: CallContext, vm: T.Ref): Promise<void>;
    unpause(ctx: CallContext, vm: T.Ref): Promise<void>;
    clean_shutdown(ctx: CallContext, vm: T.Ref): Promise<void>;
    hard_shutdown(ctx: CallContext, vm: T.Ref): Promise<void>;
    shutdown(ctx: CallContext, vm: T.Ref): Promise<void>;
    clean_reboot(ctx: CallContext, vm: T.Ref): Promise<void>;
    hard_reboot(ctx: CallContext, vm: T.Ref): Promise<void>;
    suspend(ctx: CallContext, vm: T.Ref): Promise<void>;
    resume(ctx: CallContext, vm: T.Ref, start_paused: boolean, force: boolean): Promise<void>;
    resume_on(ctx: CallContext, vm: T.Ref, host: T.Ref, start_paused: boolean, force: boolean): Promise<void>;
    set_VCPUs_number_live(ctx: CallContext, self: T.Ref, nvcpu: number): Promise<void>;
    set_memory_dynamic_range(ctx: CallContext, self: T.Ref, min: number, max: number): Promise<void>;
    clone(ctx: CallContext, vm: T.Ref, new_name: string): Promise<T.Ref>;
    copy(ctx: CallContext, vm: T.Ref, new_name: string, sr: T.Ref): Promise<T.Ref>;
    snapshot(ctx: CallContext, vm: T.Ref, new_name: string, ignore_vdis: readonly T.Ref[]): Promise<T.Ref>;
    checkpoint(ctx: CallContext, vm: T.Ref, new_name: string): Promise<T.Ref>;
    revert(ctx: CallContext, snapshot: T.Ref): Promise<void>;
    provision(ctx: CallContext, vm: T.Ref): Promise<void>;
    destroy(ctx: CallContext, self: T.Ref): Promise<void>;
    power_state_reset(ctx: CallContext, vm: T.Ref): Promise<void>;
    get_allowed_VBD_devices(ctx: CallContext, vm: T.Ref): Promise<readonly string[]>;
    get_allowed_VIF_devices(ctx: CallContext, vm: T.Ref): Promise<readonly string[]>;
    assert_operation_valid(ctx: CallContext, self: T.Ref, op: T.VmOperations): Promise<void>;
    update_allowed_operations(ctx: CallContext, self: T.Ref): Promise<void>;
    get_data_sources(ctx: CallContext, self: T.Ref): Promise<readonly T.DataSourceRecord[]>;
    record_data_source(ctx: CallContext, self: T.Ref, data_source: string): Promise<void>;
    query_data_source(ctx: CallContext, self: T.Ref, data_source: string): Promise<number>;
    forget_data_source_archives(ctx: CallContext, self: T.Ref, data_source: string): Promise<void>;
    pool_migrate(
      ctx: CallContext,
      vm: T.Ref,
      host: T.Ref,
      options: Readonly<Record<string, string>>,
    ): Promise<void>;
    migrate_send(
      ctx: CallContext,
      vm: T.Ref,
      dest: Readonly<Record<string, string>>,
      live: boolean,
      vdi_map: Readonly<Record<string, T.Ref>>,
      vif_map: Readonly<Record<string, T.Ref>>,
      options: Readonly<Record<string, string>>,
      vgpu_map: Readonly<Record<string, T.Ref>>,
    ): Promise<T.Ref>;
    assert_can_migrate(
      ctx: CallContext,
      vm: T.Ref,
      dest: Readonly<Record<string, string>>,
      live: boolean,
      vdi_map: Readonly<Record<string, T.Ref>>,
      vif_map: Readonly<Record<string, T.Ref>>,
      options: Readonly<Record<string, string>>,
      vgpu_map: Readonly<Record<string, T.Ref>>,
    ): Promise<void>;
    pool_migrate_complete(ctx: CallContext, vm: T.Ref, host: T.Ref): Promise<void>;
    add_to_VCPUs_params_live(ctx: CallContext, self: T.Ref, key: string, value: string): Promise<void>;
    set_VCPUs_max(ctx: CallContext, self: T.Ref, value: number): Promise<void>;
    set_VCPUs_at_startup(ctx: CallContext, self: T.Ref, value: number): Promise<void>;
    set_memory(ctx: CallContext, self: T.Ref, value: number): Promise<void>;
    set_memory_limits(
      ctx: CallContext,
      self: T.Ref,
      static_min: number,
      static_max: number,
      dynamic_min: number,
      dynamic_max: number,
    ): Promise<void>;
    set_memory_static_range(ctx: CallContext, self: T.Ref, min: number, max: number): Promise<void>;
    set_memory_static_min(ctx: CallContext, self: T.Ref, value: number): Promise<void>;
    set_memory_static_max(ctx: CallContext, self: T.Ref, value: number): Promise<void>;
    set_memory_dynamic_min(ctx: CallContext, self: T.Ref, value: number): Promise<void>;
    set_memory_dynamic_max(ctx: CallContext, self: T.Ref, value: number): Promise<void>;
    compute_memory_overhead(ctx: CallContext, vm: T.Ref): Promise<number>;
    maximise_memory(ctx: CallContext, self: T.Ref, total: number, approximate: boolean): Promise<number>;
    set_actions_after_crash(ctx: CallContext, self: T.Ref, value: T.OnCrashBehaviour): Promise<void>;
    set_HVM_boot_policy(ctx: CallContext, self: T.Ref, value: string): Promise<void>;
    set_domain_type(ctx: CallContext, self: T.Ref, value: T.DomainType): Promise<void>;
    set_order(ctx: CallContext, self: T.Ref, value: number): Promise<void>;
    set_start_delay(ctx: CallContext, self: T.Ref, value: number): Promise<void>;
    set_shutdown_delay(ctx: CallContext, self: T.Ref, value: number): Promise<void>;
    set_bios_strings(ctx: CallContext, self: T.Ref, value: Readonly<Record<string, string>>): Promise<void>;
    copy_bios_strings(ctx: CallContext, vm: T.Ref, host: T.Ref): Promise<void>;
    set_suspend_VDI(ctx: CallContext, self: T.Ref, value: T.Ref): Promise<void>;
    retrieve_wlb_recommendations(
      ctx: CallContext,
      vm: T.Ref,
    ): Promise<Readonly<Record<string, readonly string[]>>>;
    set_protection_policy(ctx: CallContext, self: T.Ref, value: T.Ref): Promise<void>;
    send_sysrq(ctx: CallContext, vm: T.Ref, key: string): Promise<void>;
    send_trigger(ctx: CallContext, vm: T.Ref, trigger: string): Promise<void>;
    set_NVRAM(ctx: CallContext, self: T.Ref, value: Readonly<Record<string, string>>): Promise<void>;
    add_to_NVRAM(ctx: CallContext, self: T.Ref, key: string, value: string): Promise<void>;
    remove_from_NVRAM(ctx: CallContext, self: T.Ref, key: string): Promise<void>;
    query_services(ctx: CallContext, self: T.Ref): Promise<Readonly<Record<string, string>>>;
    call_plugin(
      ctx: CallContext,
      vm: T.Ref,
      plugin: string,
      fn: string,
      args: Readonly<Record<string, string>>,
    ): Promise<string>;
    get_boot_record(ctx: CallContext, self: T.Ref): Promise<T.VMRecord>;
    get_cooperative(ctx: CallContext, self: T.Ref): Promise<boolean>;
    set_shadow_multiplier_live(ctx: CallContext, self: T.Ref, multiplier: number): Promise<void>;
    set_HVM_shadow_multiplier(ctx: CallContext, self: T.Ref, value: number): Promise<void>;
    set_memory_target_live(ctx: CallContext, self: T.Ref, target: number): Promise<void>;
    wait_memory_target_live(ctx: CallContext, self: T.Ref): Promise<void>;
    snapshot_with_quiesce(ctx: CallContext, vm: T.Ref, new_name: string): Promise<T.Ref>;
    restart_device_models(ctx: CallContext, self: T.Ref): Promise<void>;
    set_has_vendor_device(ctx: CallContext, self: T.Ref, value: boolean): Promise<void>;
    assert_agile(ctx: CallContext, self: T.Ref): Promise<void>;
    create_new_blob(
      ctx: CallContext,
      vm: T.Ref,
      name: string,
      mime_type: string,
      public_: boolean,
    ): Promise<T.Ref>;
    assert_can_boot_here(ctx: CallContext, self: T.Ref, host: T.Ref): Promise<void>;
    get_possible_hosts(ctx: CallContext, vm: T.Ref): Promise<readonly T.Ref[]>;
  };
  readonly host: {
    get_servertime(ctx: CallContext, host: T.Ref): Promise<string>;
    get_server_localtime(ctx: CallContext, host: T.Ref): Promise<string>;
    get_data_sources(ctx: CallContext, host: T.Ref): Promise<readonly T.DataSourceRecord[]>;
    record_data_source(ctx: CallContext, host: T.Ref, data_source: string): Promise<void>;
    query_data_source(ctx: CallContext, host: T.Ref, data_source: string): Promise<number>;
    forget_data_source_archives(ctx: CallContext, host: T.Ref, data_source: string): Promise<void>;
    disable(ctx: CallContext, host: T.Ref): Promise<void>;
    enable(ctx: CallContext, host: T.Ref): Promise<void>;
    shutdown(ctx: CallContext, host: T.Ref): Promise<void>;
    reboot(ctx: CallContext, host: T.Ref): Promise<void>;
    evacuate(ctx: CallContext, host: T.Ref, network: T.Ref, evacuate_batch_size: number): Promise<void>;
    get_vms_which_prevent_evacuation(
      ctx: CallContext,
      self: T.Ref,
    ): Promise<Readonly<Record<string, readonly string[]>>>;
    assert_can_evacuate(ctx: CallContext, host: T.Ref): Promise<void>;
    dmesg(ctx: CallContext, host: T.Ref): Promise<string>;
    migrate_receive(
      ctx: CallContext,
      host: T.Ref,
      network: T.Ref,
      options: Readonly<Record<string, string>>,
    ): Promise<Readonly<Record<string, string>>>;
    install_server_certificate(
      ctx: CallContext,
      host: T.Ref,
      certificate: string,
      private_key: string,
      certificate_chain: string,
    ): Promise<void>;
    reset_server_certificate(ctx: CallContext, host: T.Ref): Promise<void>;
    get_server_certificate(ctx: CallContext, host: T.Ref): Promise<string>;
    call_plugin(
      ctx: CallContext,
      host: T.Ref,
      plugin: string,
      fn: string,
      args: Readonly<Record<string, string>>,
    ): Promise<string>;
    restart_agent(ctx: CallContext, host: T.Ref): Promise<void>;
    shutdown_agent(ctx: CallContext): Promise<void>;
    management_reconfigure(ctx: CallContext, pif: T.Ref): Promise<void>;
    local_management_reconfigure(ctx: CallContext, interface_: string): Promise<void>;
    management_disable(ctx: CallContext): Promise<void>;
    get_management_interface(ctx: CallContext, host: T.Ref): Promise<T.Ref>;
    compute_free_memory(ctx: CallContext, host: T.Ref): Promise<number>;
    compute_memory_overhead(ctx: CallContext, host: T.Ref): Promise<number>;
    get_log(ctx: CallContext, host: T.Ref): Promise<string>;
    sync_data(ctx: CallContext, host: T.Ref): Promise<void>;
    backup_rrds(ctx: CallContext, host: T.Ref, delay: number): Promise<void>;
    set_hostname_live(ctx: CallContext, host: T.Ref, hostname: string): Promise<void>;
    syslog_reconfigure(ctx: CallContext, host: T.Ref): Promise<void>;
    dmesg_clear(ctx: CallContext, host: T.Ref): Promise<string>;
    send_debug_keys(ctx: CallContext, host: T.Ref, keys: string): Promise<void>;
    get_system_status_capabilities(ctx: CallContext, host: T.Ref): Promise<string>;
    get_uncooperative_resident_VMs(ctx: CallContext, self: T.Ref): Promise<readonly T.Ref[]>;
    bugreport_upload(
      ctx: CallContext,
      host: T.Ref,
      url: string,
      options: Readonly<Record<string, string>>,
    ): Promise<void>;
    set_power_on_mode(
      ctx: CallContext,
      self: T.Ref,
      power_on_mode: string,
      power_on_config: Readonly<Record<string, string>>,
    ): Promise<void>;
    power_on(ctx: CallContext, host: T.Ref): Promise<void>;
    retrieve_wlb_evacuate_recommendations(
      ctx: CallContext,
      self: T.Ref,
    ): Promise<Readonly<Record<string, readonly string[]>>>;
    apply_edition(ctx: CallContext, host: T.Ref, edition: string, force: boolean): Promise<void>;
    license_add(ctx: CallContext, host: T.Ref, contents: string): Promise<void>;
    license_remove(ctx: CallContext, host: T.Ref): Promise<void>;
    license_apply(ctx: CallContext, host: T.Ref, contents: string): Promise<void>;
    refresh_pack_info(ctx: CallContext, host: T.Ref): Promise<void>;
    enable_external_auth(
      ctx: CallContext,
      host: T.Ref,
      config: Readonly<Record<string, string>>,
      service_name: string,
      auth_type: string,
    ): Promise<void>;
    disable_external_auth(
      ctx: CallContext,
      host: T.Ref,
      config: Readonly<Record<string, string>>,
    ): Promise<void>;
    apply_updates(ctx: CallContext, self: T.Ref, hash: string): Promise<readonly (readonly string[])[]>;
    emergency_clear_mandatory_guidance(ctx: CallContext): Promise<void>;
    apply_recommended_guidances(ctx: CallContext, self: T.Ref): Promise<void>;
    set_cpu_features(ctx: CallContext, host: T.Ref, features: string): Promise<void>;
    reset_cpu_features(ctx: CallContext, host: T.Ref): Promise<void>;
    call_extension(ctx: CallContext, host: T.Ref, call: string): Promise<string>;
    has_extension(ctx: CallContext, host: T.Ref, name: string): Promise<boolean>;
    set_ssl_legacy(ctx: CallContext, self: T.Ref, value: boolean): Promise<void>;
    set_uefi_certificates(ctx: CallContext, host: T.Ref, value: string): Promise<void>;
    set_https_only(ctx: CallContext, self: T.Ref, value: boolean): Promise<void>;
    emergency_disable_tls_verification(ctx: CallContext): Promise<void>;
    emergency_reenable_tls_verification(ctx: CallContext): Promise<void>;
    emergency_reset_server_certificate(ctx: CallContext): Promise<void>;
    refresh_server_certificate(ctx: CallContext, host: T.Ref): Promise<void>;
    enable_display(ctx: CallContext, host: T.Ref): Promise<T.HostDisplay>;
    disable_display(ctx: CallContext, host: T.Ref): Promise<T.HostDisplay>;
    set_iscsi_iqn(ctx: CallContext, host: T.Ref, value: string): Promise<void>;
    set_multipathing(ctx: CallContext, host: T.Ref, value: boolean): Promise<void>;
    set_numa_affinity_policy(ctx: CallContext, self: T.Ref, value: T.HostNumaAffinityPolicy): Promise<void>;
    get_sched_gran(ctx: CallContext, self: T.Ref): Promise<T.HostSchedGran>;
    set_sched_gran(ctx: CallContext, self: T.Ref, value: T.HostSchedGran): Promise<void>;
    enable_local_storage_caching(ctx: CallContext, host: T.Ref, sr: T.Ref): Promise<void>;
    disable_local_storage_caching(ctx: CallContext, host: T.Ref): Promise<void>;
    create_new_blob(
      ctx: CallContext,
      host: T.Ref,
      name: string,
      mime_type: string,
      public_: boolean,
    ): Promise<T.Ref>;
    list_methods(ctx: CallContext): Promise<readonly string[]>;
  };
  readonly network: {
    set_default_locking_mode(
      ctx: CallContext,
      network: T.Ref,
      value: T.NetworkDefaultLockingMode,
    ): Promise<void>;
    add_purpose(ctx: CallContext, self: T.Ref, value: T.NetworkPurpose): Promise<void>;
    remove_purpose(ctx: CallContext, self: T.Ref, value: T.NetworkPurpose): Promise<void>;
    create_new_blob(
      ctx: CallContext,
      network: T.Ref,
      name: string,
      mime_type: string,
      public_: boolean,
    ): Promise<T.Ref>;
  };
  readonly VIF: {
    create(ctx: CallContext, args: T.VIFRecord): Promise<T.Ref>;
    plug(ctx: CallContext, self: T.Ref): Promise<void>;
    unplug(ctx: CallContext, self: T.Ref): Promise<void>;
    unplug_force(ctx: CallContext, self: T.Ref): Promise<void>;
    set_locking_mode(ctx: CallContext, self: T.Ref, value: T.VifLockingMode): Promise<void>;
    set_ipv4_allowed(ctx: CallContext, self: T.Ref, value: readonly string[]): Promise<void>;
    add_ipv4_allowed(ctx: CallContext, self: T.Ref, value: string): Promise<void>;
    remove_ipv4_allowed(ctx: CallContext, self: T.Ref, value: string): Promise<void>;
    set_ipv6_allowed(ctx: CallContext, self: T.Ref, value: readonly string[]): Promise<void>;
    add_ipv6_allowed(ctx: CallContext, self: T.Ref, value: string): Promise<void>;
    remove_ipv6_allowed(ctx: CallContext, self: T.Ref, value: string): Promise<void>;
    move(ctx: CallContext, self: T.Ref, network: T.Ref): Promise<void>;
    configure_ipv4(
      ctx: CallContext,
      self: T.Ref,
      mode: T.VifIpv4ConfigurationMode,
      address: string,
      gateway: string,
    ): Promise<void>;
    configure_ipv6(
      ctx: CallContext,
      self: T.Ref,
      mode: T.VifIpv6ConfigurationMode,
      address: string,
      gateway: string,
    ): Promise<void>;
  };
  readonly SR: {
    create_new_blob(
      ctx: CallContext,
      sr: T.Ref,
      name: string,
      mime_type: string,
      public_: boolean,
    ): Promise<T.Ref>;
    probe(
      ctx: CallContext,
      host: T.Ref,
      device_config: Readonly<Record<string, string>>,
      type: string,
      sm_config: Readonly<Record<string, string>>,
    ): Promise<string>;
    probe_ext(
      ctx: CallContext,
      host: T.Ref,
      device_config: Readonly<Record<string, string>>,
      type: string,
      sm_config: Readonly<Record<string, string>>,
    ): Promise<readonly T.ProbeResultRecord[]>;
    make(
      ctx: CallContext,
      host: T.Ref,
      device_config: Readonly<Record<string, string>>,
      physical_size: number,
      name_label: string,
      name_description: string,
      type: string,
      content_type: string,
      sm_config: Readonly<Record<string, string>>,
    ): Promise<string>;
    get_data_sources(ctx: CallContext, sr: T.Ref): Promise<readonly T.DataSourceRecord[]>;
    record_data_source(ctx: CallContext, sr: T.Ref, data_source: string): Promise<void>;
    query_data_source(ctx: CallContext, sr: T.Ref, data_source: string): Promise<number>;
    forget_data_source_archives(ctx: CallContext, sr: T.Ref, data_source: string): Promise<void>;
    create(
      ctx: CallContext,
      host: T.Ref,
      device_config: Readonly<Record<string, string>>,
      physical_size: number,
      name_label: string,
      name_description: string,
      type: string,
      content_type: string,
      shared: boolean,
      sm_config: Readonly<Record<string, string>>,
    ): Promise<T.Ref>;
    introduce(
      ctx: CallContext,
      uuid: string,
      name_label: string,
      name_description: string,
      type: string,
      content_type: string,
      shared: boolean,
      sm_config: Readonly<Record<string, string>>,
    ): Promise<T.Ref>;
    forget(ctx: CallContext, sr: T.Ref): Promise<void>;
    destroy(ctx: CallContext, sr: T.Ref): Promise<void>;
    scan(ctx: CallContext, sr: T.Ref): Promise<void>;
    update(ctx: CallContext, sr: T.Ref): Promise<void>;
    get_supported_types(ctx: CallContext): Promise<readonly string[]>;
    set_name_label(ctx: CallContext, sr: T.Ref, value: string): Promise<void>;
    set_name_description(ctx: CallContext, sr: T.Ref, value: string): Promise<void>;
    set_shared(ctx: CallContext, sr: T.Ref, value: boolean): Promise<void>;
    set_physical_size(ctx: CallContext, self: T.Ref, value: number): Promise<void>;
  };
  readonly VDI: {
    resize_online(ctx: CallContext, vdi: T.Ref, size: number): Promise<void>;
    set_on_boot(ctx: CallContext, self: T.Ref, value: T.OnBoot): Promise<void>;
    set_allow_caching(ctx: CallContext, self: T.Ref, value: boolean): Promise<void>;
    create(ctx: CallContext, args: T.VDIRecord): Promise<T.Ref>;
    destroy(ctx: CallContext, self: T.Ref): Promise<void>;
    snapshot(ctx: CallContext, vdi: T.Ref, driver_params: Readonly<Record<string, string>>): Promise<T.Ref>;
    clone(ctx: CallContext, vdi: T.Ref, driver_params: Readonly<Record<string, string>>): Promise<T.Ref>;
    resize(ctx: CallContext, vdi: T.Ref, size: number): Promise<void>;
    copy(ctx: CallContext, vdi: T.Ref, sr: T.Ref, base_vdi: T.Ref, into_vdi: T.Ref): Promise<T.Ref>;
    forget(ctx: CallContext, vdi: T.Ref): Promise<void>;
    introduce(
      ctx: CallContext,
      uuid: string,
      name_label: string,
      name_description: string,
      SR: T.Ref,
      type: T.VdiType,
      sharable: boolean,
      read_only: boolean,
      other_config: Readonly<Record<string, string>>,
      location: string,
      xenstore_data: Readonly<Record<string, string>>,
      sm_config: Readonly<Record<string, string>>,
      managed: boolean,
      virtual_size: number,
      physical_utilisation: number,
      metadata_of_pool: T.Ref,
      is_a_snapshot: boolean,
      snapshot_time: string,
      snapshot_of: T.Ref,
    ): Promise<T.Ref>;
    update(ctx: CallContext, vdi: T.Ref): Promise<void>;
    set_name_label(ctx: CallContext, self: T.Ref, value: string): Promise<void>;
    set_name_description(ctx: CallContext, self: T.Ref, value: string): Promise<void>;
    set_read_only(ctx: CallContext, self: T.Ref, value: boolean): Promise<void>;
    set_sharable(ctx: CallContext, self: T.Ref, value: boolean): Promise<void>;
  };
  readonly VBD: {
    set_qos_algorithm_type(ctx: CallContext, self: T.Ref, value: string): Promise<void>;
    set_qos_algorithm_params(
      ctx: CallContext,
      self: T.Ref,
      value: Readonly<Record<string, string>>,
    ): Promise<void>;
    add_to_qos_algorithm_params(ctx: CallContext, self: T.Ref, key: string, value: string): Promise<void>;
    remove_from_qos_algorithm_params(ctx: CallContext, self: T.Ref, key: string): Promise<void>;
    set_mode(ctx: CallContext, self: T.Ref, value: T.VbdMode): Promise<void>;
    assert_attachable(ctx: CallContext, self: T.Ref): Promise<void>;
    plug(ctx: CallContext, self: T.Ref): Promise<void>;
    unplug(ctx: CallContext, self: T.Ref): Promise<void>;
    unplug_force(ctx: CallContext, self: T.Ref): Promise<void>;
    insert(ctx: CallContext, vbd: T.Ref, vdi: T.Ref): Promise<void>;
    eject(ctx: CallContext, vbd: T.Ref): Promise<void>;
  };
  readonly PBD: {
    plug(ctx: CallContext, self: T.Ref): Promise<void>;
    unplug(ctx: CallContext, self: T.Ref): Promise<void>;
    set_device_config(ctx: CallContext, self: T.Ref, value: Readonly<Record<string, string>>): Promise<void>;
    destroy(ctx: CallContext, self: T.Ref): Promise<void>;
  };
  readonly blob: {
    create(ctx: CallContext, mime_type: string, public_: boolean): Promise<T.Ref>;
    destroy(ctx: CallContext, self: T.Ref): Promise<void>;
  };
  readonly message: {
    create(
      ctx: CallContext,
      name: string,
      priority: number,
      cls: T.Cls,
      obj_uuid: string,
      body: string,
    ): Promise<T.Ref>;
    destroy(ctx: CallContext, self: T.Ref): Promise<void>;
    destroy_many(ctx: CallContext, messages: readonly T.Ref[]): Promise<void>;
    get(
      ctx: CallContext,
      cls: T.Cls,
      obj_uuid: string,
      since: string,
    ): Promise<Readonly<Record<string, T.MessageRecord>>>;
    get_since(ctx: CallContext, since: string): Promise<Readonly<Record<string, T.MessageRecord>>>;
    get_all(ctx: CallContext): Promise<readonly T.Ref[]>;
    get_all_records(ctx: CallContext): Promise<Readonly<Record<string, T.MessageRecord>>>;
    get_record(ctx: CallContext, self: T.Ref): Promise<T.MessageRecord>;
    get_by_uuid(ctx: CallContext, uuid: string): Promise<T.Ref>;
    get_all_records_where(ctx: CallContext, expr: string): Promise<Readonly<Record<string, T.MessageRecord>>>;
  };
  readonly secret: {
    introduce(
      ctx: CallContext,
      uuid: string,
      value: string,
      other_config: Readonly<Record<string, string>>,
    ): Promise<T.Ref>;
  };
}
