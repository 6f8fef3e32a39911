// Generated from the datamodel by `npm run gen` — do not edit.
import type * as T from '../generated/api-types.js';
import { ClientBase } from './base.js';

/** A typed XenAPI client; every method sends the session of the client. */
export class XapiClient extends ClientBase {
  readonly session = {
    /** Log in with a user name and password and open a session. */
    login_with_password: (uname: string, pwd: string, version: string, originator: string): Promise<T.Ref> =>
      this.callNoSession('session.login_with_password', [uname, pwd, version, originator]) as Promise<T.Ref>,
    /** Log in locally, without contacting the pool master (emergency mode). */
    slave_local_login_with_password: (uname: string, pwd: string): Promise<T.Ref> =>
      this.callNoSession('session.slave_local_login_with_password', [uname, pwd]) as Promise<T.Ref>,
    /** Open an intra-pool session with the pool secret: the session a member uses to call another. */
    slave_login: (host: T.Ref, psecret: string): Promise<T.Ref> =>
      this.callNoSession('session.slave_login', [host, psecret]) as Promise<T.Ref>,
    /** Log out of the session; blocked event calls on it fail with SESSION_INVALID. */
    logout: (): Promise<void> => this.call('session.logout', []) as Promise<void>,
    /** Log out of a session opened with slave_local_login_with_password. */
    local_logout: (): Promise<void> => this.call('session.local_logout', []) as Promise<void>,
    /** Change the password of the session's user. */
    change_password: (old_pwd: string, new_pwd: string): Promise<void> =>
      this.call('session.change_password', [old_pwd, new_pwd]) as Promise<void>,
    /** List the identifiers of all external subjects that have an open session. */
    get_all_subject_identifiers: (): Promise<readonly string[]> =>
      this.call('session.get_all_subject_identifiers', []) as Promise<readonly string[]>,
    /** Close every session opened by the given external subject. */
    logout_subject_identifier: (subject_identifier: string): Promise<void> =>
      this.call('session.logout_subject_identifier', [subject_identifier]) as Promise<void>,
    /** Get a record containing the current state of the given session. */
    get_record: (self: T.Ref): Promise<T.SessionRecord> =>
      this.call('session.get_record', [self]) as Promise<T.SessionRecord>,
    /** Get a reference to the session with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('session.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** Get the uuid field of the given session. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('session.get_uuid', [self]) as Promise<string>,
    /** Get the this_host field of the given session. */
    get_this_host: (self: T.Ref): Promise<T.Ref> =>
      this.call('session.get_this_host', [self]) as Promise<T.Ref>,
    /** Get the this_user field of the given session. */
    get_this_user: (self: T.Ref): Promise<T.Ref> =>
      this.call('session.get_this_user', [self]) as Promise<T.Ref>,
    /** Get the last_active field of the given session. */
    get_last_active: (self: T.Ref): Promise<string> =>
      this.call('session.get_last_active', [self]) as Promise<string>,
    /** Get the pool field of the given session. */
    get_pool: (self: T.Ref): Promise<boolean> => this.call('session.get_pool', [self]) as Promise<boolean>,
    /** Get the other_config field of the given session. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('session.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given session. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('session.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given session; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('session.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given session (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('session.remove_from_other_config', [self, key]) as Promise<void>,
    /** Get the is_local_superuser field of the given session. */
    get_is_local_superuser: (self: T.Ref): Promise<boolean> =>
      this.call('session.get_is_local_superuser', [self]) as Promise<boolean>,
    /** Get the subject field of the given session. */
    get_subject: (self: T.Ref): Promise<T.Ref> => this.call('session.get_subject', [self]) as Promise<T.Ref>,
    /** Get the validation_time field of the given session. */
    get_validation_time: (self: T.Ref): Promise<string> =>
      this.call('session.get_validation_time', [self]) as Promise<string>,
    /** Get the auth_user_sid field of the given session. */
    get_auth_user_sid: (self: T.Ref): Promise<string> =>
      this.call('session.get_auth_user_sid', [self]) as Promise<string>,
    /** Get the auth_user_name field of the given session. */
    get_auth_user_name: (self: T.Ref): Promise<string> =>
      this.call('session.get_auth_user_name', [self]) as Promise<string>,
    /** Get the rbac_permissions field of the given session. */
    get_rbac_permissions: (self: T.Ref): Promise<readonly string[]> =>
      this.call('session.get_rbac_permissions', [self]) as Promise<readonly string[]>,
    /** Get the tasks field of the given session. */
    get_tasks: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('session.get_tasks', [self]) as Promise<readonly T.Ref[]>,
    /** Get the parent field of the given session. */
    get_parent: (self: T.Ref): Promise<T.Ref> => this.call('session.get_parent', [self]) as Promise<T.Ref>,
    /** Get the originator field of the given session. */
    get_originator: (self: T.Ref): Promise<string> =>
      this.call('session.get_originator', [self]) as Promise<string>,
    /** Get the client_certificate field of the given session. */
    get_client_certificate: (self: T.Ref): Promise<boolean> =>
      this.call('session.get_client_certificate', [self]) as Promise<boolean>,
  };
  readonly auth = {};
  readonly subject = {
    /** Grant a role to the subject. */
    add_to_roles: (self: T.Ref, role: T.Ref): Promise<void> =>
      this.call('subject.add_to_roles', [self, role]) as Promise<void>,
    /** Withdraw a role from the subject. */
    remove_from_roles: (self: T.Ref, role: T.Ref): Promise<void> =>
      this.call('subject.remove_from_roles', [self, role]) as Promise<void>,
    /** List the names of every permission the subject holds through its roles. */
    get_permissions_name_label: (self: T.Ref): Promise<readonly string[]> =>
      this.call('subject.get_permissions_name_label', [self]) as Promise<readonly string[]>,
    /** Set the password of a local user; the user logs in with the name after `local:`. Open sessions of the user are closed. */
    set_local_password: (self: T.Ref, password: string): Promise<void> =>
      this.call('subject.set_local_password', [self, password]) as Promise<void>,
    /** Get a record containing the current state of the given subject. */
    get_record: (self: T.Ref): Promise<T.SubjectRecord> =>
      this.call('subject.get_record', [self]) as Promise<T.SubjectRecord>,
    /** Get a reference to the subject with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('subject.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** Create a new subject instance and return its reference. */
    create: (args: Partial<T.SubjectRecord>): Promise<T.Ref> =>
      this.call('subject.create', [args]) as Promise<T.Ref>,
    /** Destroy the given subject instance. */
    destroy: (self: T.Ref): Promise<void> => this.call('subject.destroy', [self]) as Promise<void>,
    /** List all subject instances. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('subject.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all subject instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.SubjectRecord>>> =>
      this.call('subject.get_all_records', []) as Promise<Readonly<Record<string, T.SubjectRecord>>>,
    /** Get the records of the subject instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.SubjectRecord>>> =>
      this.call('subject.get_all_records_where', [expr]) as Promise<
        Readonly<Record<string, T.SubjectRecord>>
      >,
    /** Get references to the subject instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('subject.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given subject. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('subject.get_uuid', [self]) as Promise<string>,
    /** Get the subject_identifier field of the given subject. */
    get_subject_identifier: (self: T.Ref): Promise<string> =>
      this.call('subject.get_subject_identifier', [self]) as Promise<string>,
    /** Get the other_config field of the given subject. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('subject.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the roles field of the given subject. */
    get_roles: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('subject.get_roles', [self]) as Promise<readonly T.Ref[]>,
  };
  readonly role = {
    /** List every permission the role contains, directly or through its subroles. */
    get_permissions: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('role.get_permissions', [self]) as Promise<readonly T.Ref[]>,
    /** List the names of every permission the role contains. */
    get_permissions_name_label: (self: T.Ref): Promise<readonly string[]> =>
      this.call('role.get_permissions_name_label', [self]) as Promise<readonly string[]>,
    /** List the roles that contain the given permission. */
    get_by_permission: (permission: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('role.get_by_permission', [permission]) as Promise<readonly T.Ref[]>,
    /** List the roles that contain the permission with the given name. */
    get_by_permission_name_label: (label: string): Promise<readonly T.Ref[]> =>
      this.call('role.get_by_permission_name_label', [label]) as Promise<readonly T.Ref[]>,
    /** Get a record containing the current state of the given role. */
    get_record: (self: T.Ref): Promise<T.RoleRecord> =>
      this.call('role.get_record', [self]) as Promise<T.RoleRecord>,
    /** Get a reference to the role with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('role.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** Get all the role instances with the given label. */
    get_by_name_label: (label: string): Promise<readonly T.Ref[]> =>
      this.call('role.get_by_name_label', [label]) as Promise<readonly T.Ref[]>,
    /** List all role instances. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('role.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all role instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.RoleRecord>>> =>
      this.call('role.get_all_records', []) as Promise<Readonly<Record<string, T.RoleRecord>>>,
    /** Get the records of the role instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.RoleRecord>>> =>
      this.call('role.get_all_records_where', [expr]) as Promise<Readonly<Record<string, T.RoleRecord>>>,
    /** Get references to the role instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('role.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given role. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('role.get_uuid', [self]) as Promise<string>,
    /** Get the name_label field of the given role. */
    get_name_label: (self: T.Ref): Promise<string> =>
      this.call('role.get_name_label', [self]) as Promise<string>,
    /** Get the name_description field of the given role. */
    get_name_description: (self: T.Ref): Promise<string> =>
      this.call('role.get_name_description', [self]) as Promise<string>,
    /** Get the subroles field of the given role. */
    get_subroles: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('role.get_subroles', [self]) as Promise<readonly T.Ref[]>,
    /** Get the is_internal field of the given role. */
    get_is_internal: (self: T.Ref): Promise<boolean> =>
      this.call('role.get_is_internal', [self]) as Promise<boolean>,
  };
  readonly task = {
    /** Create a task owned by the client, e.g. to follow an HTTP transfer. */
    create: (label: string, description: string): Promise<T.Ref> =>
      this.call('task.create', [label, description]) as Promise<T.Ref>,
    /** Destroy the task; a pending one is cancelled first. */
    destroy: (self: T.Ref): Promise<void> => this.call('task.destroy', [self]) as Promise<void>,
    /** Ask the task to stop; it ends with status cancelled if the operation can be stopped. */
    cancel: (task: T.Ref): Promise<void> => this.call('task.cancel', [task]) as Promise<void>,
    /** Set the status of a client-owned task. */
    set_status: (self: T.Ref, value: T.TaskStatusType): Promise<void> =>
      this.call('task.set_status', [self, value]) as Promise<void>,
    /** Set the progress of a client-owned task. */
    set_progress: (self: T.Ref, value: number): Promise<void> =>
      this.call('task.set_progress', [self, value]) as Promise<void>,
    /** Set the result of a client-owned task. */
    set_result: (self: T.Ref, value: string): Promise<void> =>
      this.call('task.set_result', [self, value]) as Promise<void>,
    /** Set the error of a client-owned task. */
    set_error_info: (self: T.Ref, value: readonly string[]): Promise<void> =>
      this.call('task.set_error_info', [self, value]) as Promise<void>,
    /** Get a record containing the current state of the given task. */
    get_record: (self: T.Ref): Promise<T.TaskRecord> =>
      this.call('task.get_record', [self]) as Promise<T.TaskRecord>,
    /** Get a reference to the task with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('task.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** Get all the task instances with the given label. */
    get_by_name_label: (label: string): Promise<readonly T.Ref[]> =>
      this.call('task.get_by_name_label', [label]) as Promise<readonly T.Ref[]>,
    /** List all task instances. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('task.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all task instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.TaskRecord>>> =>
      this.call('task.get_all_records', []) as Promise<Readonly<Record<string, T.TaskRecord>>>,
    /** Get the records of the task instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.TaskRecord>>> =>
      this.call('task.get_all_records_where', [expr]) as Promise<Readonly<Record<string, T.TaskRecord>>>,
    /** Get references to the task instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('task.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given task. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('task.get_uuid', [self]) as Promise<string>,
    /** Get the name_label field of the given task. */
    get_name_label: (self: T.Ref): Promise<string> =>
      this.call('task.get_name_label', [self]) as Promise<string>,
    /** Get the name_description field of the given task. */
    get_name_description: (self: T.Ref): Promise<string> =>
      this.call('task.get_name_description', [self]) as Promise<string>,
    /** Get the allowed_operations field of the given task. */
    get_allowed_operations: (self: T.Ref): Promise<readonly T.TaskAllowedOperations[]> =>
      this.call('task.get_allowed_operations', [self]) as Promise<readonly T.TaskAllowedOperations[]>,
    /** Get the current_operations field of the given task. */
    get_current_operations: (self: T.Ref): Promise<Readonly<Record<string, T.TaskAllowedOperations>>> =>
      this.call('task.get_current_operations', [self]) as Promise<
        Readonly<Record<string, T.TaskAllowedOperations>>
      >,
    /** Get the created field of the given task. */
    get_created: (self: T.Ref): Promise<string> => this.call('task.get_created', [self]) as Promise<string>,
    /** Get the finished field of the given task. */
    get_finished: (self: T.Ref): Promise<string> => this.call('task.get_finished', [self]) as Promise<string>,
    /** Get the status field of the given task. */
    get_status: (self: T.Ref): Promise<T.TaskStatusType> =>
      this.call('task.get_status', [self]) as Promise<T.TaskStatusType>,
    /** Get the resident_on field of the given task. */
    get_resident_on: (self: T.Ref): Promise<T.Ref> =>
      this.call('task.get_resident_on', [self]) as Promise<T.Ref>,
    /** Get the progress field of the given task. */
    get_progress: (self: T.Ref): Promise<number> => this.call('task.get_progress', [self]) as Promise<number>,
    /** Get the type field of the given task. */
    get_type: (self: T.Ref): Promise<string> => this.call('task.get_type', [self]) as Promise<string>,
    /** Get the result field of the given task. */
    get_result: (self: T.Ref): Promise<string> => this.call('task.get_result', [self]) as Promise<string>,
    /** Get the error_info field of the given task. */
    get_error_info: (self: T.Ref): Promise<readonly string[]> =>
      this.call('task.get_error_info', [self]) as Promise<readonly string[]>,
    /** Get the other_config field of the given task. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('task.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given task. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('task.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given task; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('task.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given task (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('task.remove_from_other_config', [self, key]) as Promise<void>,
    /** Get the subtask_of field of the given task. */
    get_subtask_of: (self: T.Ref): Promise<T.Ref> =>
      this.call('task.get_subtask_of', [self]) as Promise<T.Ref>,
    /** Get the subtasks field of the given task. */
    get_subtasks: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('task.get_subtasks', [self]) as Promise<readonly T.Ref[]>,
    /** Get the backtrace field of the given task. */
    get_backtrace: (self: T.Ref): Promise<string> =>
      this.call('task.get_backtrace', [self]) as Promise<string>,
  };
  readonly event = {
    /** Wait for changes to objects of the given classes after the token and return them, coalesced per object, with a new token. */
    from: (
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
    }> =>
      this.call('event.from', [classes, token, timeout]) as Promise<{
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
      }>,
    /** Generate a modification event on an object and return a token placed just before it. */
    inject: (class_: string, ref: string): Promise<string> =>
      this.call('event.inject', [class_, ref]) as Promise<string>,
    /** Return the current event counter. */
    get_current_id: (): Promise<number> => this.call('event.get_current_id', []) as Promise<number>,
    /** Subscribe the session to events of the given classes for event.next (deprecated). */
    register: (classes: readonly string[]): Promise<void> =>
      this.call('event.register', [classes]) as Promise<void>,
    /** Remove classes from the session's event.next subscription (deprecated). */
    unregister: (classes: readonly string[]): Promise<void> =>
      this.call('event.unregister', [classes]) as Promise<void>,
    /** Wait for and return the events queued for the session since the last call (deprecated; use event.from). */
    next: (): Promise<readonly T.EventRecord[]> =>
      this.call('event.next', []) as Promise<readonly T.EventRecord[]>,
  };
  readonly pool = {
    /** Write the pool database durably to disk now. (In a multi-host pool xapi also pushes it to every member; pools here have one host.) */
    sync_database: (): Promise<void> => this.call('pool.sync_database', []) as Promise<void>,
    /** Instruct host to join a new pool. Called on the joining host, which logs in to the master, runs the pre-join checks and gives up its own database. */
    join: (master_address: string, master_username: string, master_password: string): Promise<void> =>
      this.call('pool.join', [master_address, master_username, master_password]) as Promise<void>,
    /** Instruct host to join a new pool, skipping the check that the hosts are homogeneous. */
    join_force: (master_address: string, master_username: string, master_password: string): Promise<void> =>
      this.call('pool.join_force', [master_address, master_username, master_password]) as Promise<void>,
    /** Instruct a pool master to eject a host from the pool. */
    eject: (host: T.Ref): Promise<void> => this.call('pool.eject', [host]) as Promise<void>,
    /** Perform an orderly handover of the role of master to the referenced host. */
    designate_new_master: (host: T.Ref): Promise<void> =>
      this.call('pool.designate_new_master', [host]) as Promise<void>,
    /** Instruct host that's currently a slave to transition to being master. */
    emergency_transition_to_master: (): Promise<void> =>
      this.call('pool.emergency_transition_to_master', []) as Promise<void>,
    /** Instruct a slave already in a pool that the master has changed. */
    emergency_reset_master: (master_address: string): Promise<void> =>
      this.call('pool.emergency_reset_master', [master_address]) as Promise<void>,
    /** Instruct a pool master, M, to try and contact its slaves and, if slaves are in emergency mode, reset their master address to M. */
    recover_slaves: (): Promise<readonly T.Ref[]> =>
      this.call('pool.recover_slaves', []) as Promise<readonly T.Ref[]>,
    /** Replace the pool secret that members use to authenticate to each other. */
    rotate_secret: (): Promise<void> => this.call('pool.rotate_secret', []) as Promise<void>,
    /** Initialize workload balancing for the pool. xapi-ts has no workload balancing: the call fails with LICENCE_RESTRICTION (WLB), as in an unlicensed xapi. */
    initialize_wlb: (
      wlb_url: string,
      wlb_username: string,
      wlb_password: string,
      xenserver_username: string,
      xenserver_password: string,
    ): Promise<void> =>
      this.call('pool.initialize_wlb', [
        wlb_url,
        wlb_username,
        wlb_password,
        xenserver_username,
        xenserver_password,
      ]) as Promise<void>,
    /** Forget the workload balancing server. No server is ever configured here: WLB_NOT_INITIALIZED. */
    deconfigure_wlb: (): Promise<void> => this.call('pool.deconfigure_wlb', []) as Promise<void>,
    /** Send the workload balancing configuration. xapi-ts has no workload balancing: the call fails with LICENCE_RESTRICTION (WLB), as in an unlicensed xapi. */
    send_wlb_configuration: (config: Readonly<Record<string, string>>): Promise<void> =>
      this.call('pool.send_wlb_configuration', [config]) as Promise<void>,
    /** Retrieve the workload balancing configuration. xapi-ts has no workload balancing: the call fails with LICENCE_RESTRICTION (WLB), as in an unlicensed xapi. */
    retrieve_wlb_configuration: (): Promise<Readonly<Record<string, string>>> =>
      this.call('pool.retrieve_wlb_configuration', []) as Promise<Readonly<Record<string, string>>>,
    /** Retrieve VM migrate recommendations for the pool. xapi-ts has no workload balancing: the call fails with LICENCE_RESTRICTION (WLB), as in an unlicensed xapi. */
    retrieve_wlb_recommendations: (): Promise<Readonly<Record<string, readonly string[]>>> =>
      this.call('pool.retrieve_wlb_recommendations', []) as Promise<
        Readonly<Record<string, readonly string[]>>
      >,
    /** The licence state of the pool: `edition` (the lowest of its hosts') and `expiry`; xapi-ts licences never expire. */
    get_license_state: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('pool.get_license_state', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Apply an edition to all hosts in the pool. The only edition is the hosts' own; any other: INVALID_EDITION. */
    apply_edition: (self: T.Ref, edition: string): Promise<void> =>
      this.call('pool.apply_edition', [self, edition]) as Promise<void>,
    /** Enable external authentication on every host. xapi-ts has no external authentication plugin: every type is AUTH_UNKNOWN_TYPE. */
    enable_external_auth: (
      pool: T.Ref,
      config: Readonly<Record<string, string>>,
      service_name: string,
      auth_type: string,
    ): Promise<void> =>
      this.call('pool.enable_external_auth', [pool, config, service_name, auth_type]) as Promise<void>,
    /** Disable external authentication on every host. None is ever enabled, so there is nothing to do, as in xapi. */
    disable_external_auth: (pool: T.Ref, config: Readonly<Record<string, string>>): Promise<void> =>
      this.call('pool.disable_external_auth', [pool, config]) as Promise<void>,
    /** Raise an alert when the hosts of the pool differ in external authentication. Every host has none: nothing to report. */
    detect_nonhomogeneous_external_auth: (pool: T.Ref): Promise<void> =>
      this.call('pool.detect_nonhomogeneous_external_auth', [pool]) as Promise<void>,
    /** Set the enabled update repositories. xapi-ts has no update repositories: the only valid set is the empty one. */
    set_repositories: (self: T.Ref, value: readonly T.Ref[]): Promise<void> =>
      this.call('pool.set_repositories', [self, value]) as Promise<void>,
    /** Add a repository to the enabled set. xapi-ts has no update repositories: every reference is HANDLE_INVALID. */
    add_repository: (self: T.Ref, value: T.Ref): Promise<void> =>
      this.call('pool.add_repository', [self, value]) as Promise<void>,
    /** Remove a repository from the enabled set. xapi-ts has no update repositories: every reference is HANDLE_INVALID. */
    remove_repository: (self: T.Ref, value: T.Ref): Promise<void> =>
      this.call('pool.remove_repository', [self, value]) as Promise<void>,
    /** Sync with the enabled repositories. xapi-ts has no update repositories: LICENCE_RESTRICTION (Updates), as in a xapi unlicensed for updates. */
    sync_updates: (self: T.Ref, force: boolean, token: string, token_id: string): Promise<string> =>
      this.call('pool.sync_updates', [self, force, token, token_id]) as Promise<string>,
    /** Check that updates could be applied. xapi-ts has no update repositories: LICENCE_RESTRICTION (Updates), as in a xapi unlicensed for updates. */
    check_update_readiness: (
      self: T.Ref,
      requires_reboot: boolean,
    ): Promise<readonly (readonly string[])[]> =>
      this.call('pool.check_update_readiness', [self, requires_reboot]) as Promise<
        readonly (readonly string[])[]
      >,
    /** Turn periodic update synchronisation on or off. xapi-ts has no update repositories: turning it on is NO_REPOSITORIES_CONFIGURED; off is recorded. */
    set_update_sync_enabled: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('pool.set_update_sync_enabled', [self, value]) as Promise<void>,
    /** Enable local storage caching on every host with a suitable SR. No SR driver here can cache: every host fails. */
    enable_local_storage_caching: (self: T.Ref): Promise<void> =>
      this.call('pool.enable_local_storage_caching', [self]) as Promise<void>,
    /** Disable local storage caching on every host (host.disable_local_storage_caching on each). */
    disable_local_storage_caching: (self: T.Ref): Promise<void> =>
      this.call('pool.disable_local_storage_caching', [self]) as Promise<void>,
    /** Set the IP address of the vswitch controller. Hosts here use Linux bridges, not Open vSwitch: OPERATION_NOT_ALLOWED. */
    set_vswitch_controller: (address: string): Promise<void> =>
      this.call('pool.set_vswitch_controller', [address]) as Promise<void>,
    /** Test an archive target (removed in xapi with VM protection policies): MESSAGE_REMOVED. */
    test_archive_target: (self: T.Ref, config: Readonly<Record<string, string>>): Promise<string> =>
      this.call('pool.test_archive_target', [self, config]) as Promise<string>,
    /** Legacy SSL support has been removed: MESSAGE_REMOVED. */
    enable_ssl_legacy: (self: T.Ref): Promise<void> =>
      this.call('pool.enable_ssl_legacy', [self]) as Promise<void>,
    /** Legacy SSL is never on: nothing to do, as in xapi. */
    disable_ssl_legacy: (self: T.Ref): Promise<void> =>
      this.call('pool.disable_ssl_legacy', [self]) as Promise<void>,
    /** Deprecated in xapi for set_custom_uefi_certificates: OPERATION_NOT_ALLOWED. */
    set_uefi_certificates: (self: T.Ref, value: string): Promise<void> =>
      this.call('pool.set_uefi_certificates', [self, value]) as Promise<void>,
    /** Set custom UEFI certificates. UEFI guests here boot with the firmware's own variable store, as xapi does when allow_custom_uefi_certs is false (its default): OPERATION_NOT_ALLOWED. */
    set_custom_uefi_certificates: (self: T.Ref, value: string): Promise<void> =>
      this.call('pool.set_custom_uefi_certificates', [self, value]) as Promise<void>,
    /** Whether every host of the pool has the named API extension. No extensions are installed: false. */
    has_extension: (self: T.Ref, name: string): Promise<boolean> =>
      this.call('pool.has_extension', [self, name]) as Promise<boolean>,
    /** Set how many local password checks (logins) may run at once; later logins wait their turn. Takes effect at once. */
    set_local_auth_max_threads: (self: T.Ref, value: number): Promise<void> =>
      this.call('pool.set_local_auth_max_threads', [self, value]) as Promise<void>,
    /** Set how many external authentications may run at once. Stored only: xapi-ts has no external authentication, so the limit bounds nothing yet. */
    set_ext_auth_max_threads: (self: T.Ref, value: number): Promise<void> =>
      this.call('pool.set_ext_auth_max_threads', [self, value]) as Promise<void>,
    /** Add a key-value pair to the pool-wide guest agent configuration, checked as xapi checks it (auto_update_enabled a boolean, auto_update_url an http(s) URL). Stored for guest agents; xapi-ts has no xenstore to publish it to guests. */
    add_to_guest_agent_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('pool.add_to_guest_agent_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the pool-wide guest agent configuration. */
    remove_from_guest_agent_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('pool.remove_from_guest_agent_config', [self, key]) as Promise<void>,
    /** host.set_https_only on every host of the pool (so only a pool of one host can turn it on). */
    set_https_only: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('pool.set_https_only', [self, value]) as Promise<void>,
    /** Replace the telemetry UUID by a new one, kept in a new secret (the old secret is destroyed). */
    reset_telemetry_uuid: (self: T.Ref): Promise<void> =>
      this.call('pool.reset_telemetry_uuid', [self]) as Promise<void>,
    /** Set the time of the next telemetry collection, no later than two intervals from now. Stored only: xapi-ts collects no telemetry. */
    set_telemetry_next_collection: (self: T.Ref, value: string): Promise<void> =>
      this.call('pool.set_telemetry_next_collection', [self, value]) as Promise<void>,
    /** Configure the proxy used to reach update repositories, validated as xapi does; the password goes to a new secret. Stored only: xapi-ts has no update repositories. */
    configure_repository_proxy: (
      self: T.Ref,
      url: string,
      username: string,
      password: string,
    ): Promise<void> =>
      this.call('pool.configure_repository_proxy', [self, url, username, password]) as Promise<void>,
    /** Forget the repository proxy and destroy its password secret. */
    disable_repository_proxy: (self: T.Ref): Promise<void> =>
      this.call('pool.disable_repository_proxy', [self]) as Promise<void>,
    /** Configure the schedule of periodic update synchronisation (a daily schedule stores day 0). Stored only: synchronisation cannot be turned on without repositories. */
    configure_update_sync: (
      self: T.Ref,
      update_sync_frequency: T.UpdateSyncFrequency,
      update_sync_day: number,
    ): Promise<void> =>
      this.call('pool.configure_update_sync', [
        self,
        update_sync_frequency,
        update_sync_day,
      ]) as Promise<void>,
    /** Record that clients may log in with a certificate of this name. Stored only, as in xapi (which records the setting without checking client certificates yet). */
    enable_client_certificate_auth: (self: T.Ref, name: string): Promise<void> =>
      this.call('pool.enable_client_certificate_auth', [self, name]) as Promise<void>,
    /** Record that clients may not log in with certificates. */
    disable_client_certificate_auth: (self: T.Ref): Promise<void> =>
      this.call('pool.disable_client_certificate_auth', [self]) as Promise<void>,
    /** Install a TLS CA certificate, pool-wide: trusted when hosts verify TLS peers (see send_test_post). */
    install_ca_certificate: (name: string, cert: string): Promise<void> =>
      this.call('pool.install_ca_certificate', [name, cert]) as Promise<void>,
    /** Uninstall a pool-wide TLS CA certificate. */
    uninstall_ca_certificate: (name: string): Promise<void> =>
      this.call('pool.uninstall_ca_certificate', [name]) as Promise<void>,
    /** Install a TLS CA certificate, pool-wide (the old name of install_ca_certificate). */
    certificate_install: (name: string, cert: string): Promise<void> =>
      this.call('pool.certificate_install', [name, cert]) as Promise<void>,
    /** Uninstall a pool-wide TLS CA certificate (the old name of uninstall_ca_certificate). */
    certificate_uninstall: (name: string): Promise<void> =>
      this.call('pool.certificate_uninstall', [name]) as Promise<void>,
    /** List the names of all installed TLS CA certificates. */
    certificate_list: (): Promise<readonly string[]> =>
      this.call('pool.certificate_list', []) as Promise<readonly string[]>,
    /** Install a TLS certificate revocation list, pool-wide: applied when hosts verify TLS peers. */
    crl_install: (name: string, cert: string): Promise<void> =>
      this.call('pool.crl_install', [name, cert]) as Promise<void>,
    /** Uninstall a pool-wide TLS certificate revocation list. */
    crl_uninstall: (name: string): Promise<void> => this.call('pool.crl_uninstall', [name]) as Promise<void>,
    /** List the names of all installed TLS certificate revocation lists. */
    crl_list: (): Promise<readonly string[]> => this.call('pool.crl_list', []) as Promise<readonly string[]>,
    /** Make the Certificate records of type ca match the CA files of the coordinator's trust store (the files are the truth: a file added or removed by hand is recorded or forgotten). */
    certificate_sync: (): Promise<void> => this.call('pool.certificate_sync', []) as Promise<void>,
    /** Turn on TLS verification: the pool and every host record it, and TLS peers are verified from then on. */
    enable_tls_verification: (): Promise<void> =>
      this.call('pool.enable_tls_verification', []) as Promise<void>,
    /** POST the body to https://host:port/ and return the response body. The peer is verified against the installed CA certificates (and CRLs) when TLS verification is on, as xapi verifies pool peers. */
    send_test_post: (host: string, port: number, body: string): Promise<string> =>
      this.call('pool.send_test_post', [host, port, body]) as Promise<string>,
    /** Create a placeholder for a named binary blob of data associated with this pool; its data is written with HTTP PUT to /blob?ref=<blob>. */
    create_new_blob: (pool: T.Ref, name: string, mime_type: string, public_: boolean): Promise<T.Ref> =>
      this.call('pool.create_new_blob', [pool, name, mime_type, public_]) as Promise<T.Ref>,
    /** Get a record containing the current state of the given pool. */
    get_record: (self: T.Ref): Promise<T.PoolRecord> =>
      this.call('pool.get_record', [self]) as Promise<T.PoolRecord>,
    /** Get a reference to the pool with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('pool.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** List all pool instances. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('pool.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all pool instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.PoolRecord>>> =>
      this.call('pool.get_all_records', []) as Promise<Readonly<Record<string, T.PoolRecord>>>,
    /** Get the records of the pool instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.PoolRecord>>> =>
      this.call('pool.get_all_records_where', [expr]) as Promise<Readonly<Record<string, T.PoolRecord>>>,
    /** Get references to the pool instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('pool.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given pool. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('pool.get_uuid', [self]) as Promise<string>,
    /** Get the name_label field of the given pool. */
    get_name_label: (self: T.Ref): Promise<string> =>
      this.call('pool.get_name_label', [self]) as Promise<string>,
    /** Set the name_label field of the given pool. */
    set_name_label: (self: T.Ref, value: string): Promise<void> =>
      this.call('pool.set_name_label', [self, value]) as Promise<void>,
    /** Get the name_description field of the given pool. */
    get_name_description: (self: T.Ref): Promise<string> =>
      this.call('pool.get_name_description', [self]) as Promise<string>,
    /** Set the name_description field of the given pool. */
    set_name_description: (self: T.Ref, value: string): Promise<void> =>
      this.call('pool.set_name_description', [self, value]) as Promise<void>,
    /** Get the master field of the given pool. */
    get_master: (self: T.Ref): Promise<T.Ref> => this.call('pool.get_master', [self]) as Promise<T.Ref>,
    /** Get the default_SR field of the given pool. */
    get_default_SR: (self: T.Ref): Promise<T.Ref> =>
      this.call('pool.get_default_SR', [self]) as Promise<T.Ref>,
    /** Set the default_SR field of the given pool. */
    set_default_SR: (self: T.Ref, value: T.Ref): Promise<void> =>
      this.call('pool.set_default_SR', [self, value]) as Promise<void>,
    /** Get the suspend_image_SR field of the given pool. */
    get_suspend_image_SR: (self: T.Ref): Promise<T.Ref> =>
      this.call('pool.get_suspend_image_SR', [self]) as Promise<T.Ref>,
    /** Set the suspend_image_SR field of the given pool. */
    set_suspend_image_SR: (self: T.Ref, value: T.Ref): Promise<void> =>
      this.call('pool.set_suspend_image_SR', [self, value]) as Promise<void>,
    /** Get the crash_dump_SR field of the given pool. */
    get_crash_dump_SR: (self: T.Ref): Promise<T.Ref> =>
      this.call('pool.get_crash_dump_SR', [self]) as Promise<T.Ref>,
    /** Set the crash_dump_SR field of the given pool. */
    set_crash_dump_SR: (self: T.Ref, value: T.Ref): Promise<void> =>
      this.call('pool.set_crash_dump_SR', [self, value]) as Promise<void>,
    /** Get the other_config field of the given pool. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('pool.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given pool. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('pool.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given pool; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('pool.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given pool (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('pool.remove_from_other_config', [self, key]) as Promise<void>,
    /** Get the ha_enabled field of the given pool. */
    get_ha_enabled: (self: T.Ref): Promise<boolean> =>
      this.call('pool.get_ha_enabled', [self]) as Promise<boolean>,
    /** Get the ha_configuration field of the given pool. */
    get_ha_configuration: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('pool.get_ha_configuration', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the ha_statefiles field of the given pool. */
    get_ha_statefiles: (self: T.Ref): Promise<readonly string[]> =>
      this.call('pool.get_ha_statefiles', [self]) as Promise<readonly string[]>,
    /** Get the ha_host_failures_to_tolerate field of the given pool. */
    get_ha_host_failures_to_tolerate: (self: T.Ref): Promise<number> =>
      this.call('pool.get_ha_host_failures_to_tolerate', [self]) as Promise<number>,
    /** Get the ha_plan_exists_for field of the given pool. */
    get_ha_plan_exists_for: (self: T.Ref): Promise<number> =>
      this.call('pool.get_ha_plan_exists_for', [self]) as Promise<number>,
    /** Get the ha_allow_overcommit field of the given pool. */
    get_ha_allow_overcommit: (self: T.Ref): Promise<boolean> =>
      this.call('pool.get_ha_allow_overcommit', [self]) as Promise<boolean>,
    /** Set the ha_allow_overcommit field of the given pool. */
    set_ha_allow_overcommit: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('pool.set_ha_allow_overcommit', [self, value]) as Promise<void>,
    /** Get the ha_overcommitted field of the given pool. */
    get_ha_overcommitted: (self: T.Ref): Promise<boolean> =>
      this.call('pool.get_ha_overcommitted', [self]) as Promise<boolean>,
    /** Get the blobs field of the given pool. */
    get_blobs: (self: T.Ref): Promise<Readonly<Record<string, T.Ref>>> =>
      this.call('pool.get_blobs', [self]) as Promise<Readonly<Record<string, T.Ref>>>,
    /** Get the tags field of the given pool. */
    get_tags: (self: T.Ref): Promise<readonly string[]> =>
      this.call('pool.get_tags', [self]) as Promise<readonly string[]>,
    /** Set the tags field of the given pool. */
    set_tags: (self: T.Ref, value: readonly string[]): Promise<void> =>
      this.call('pool.set_tags', [self, value]) as Promise<void>,
    /** Add a value to the tags set of the given pool (no change if present). */
    add_tags: (self: T.Ref, value: string): Promise<void> =>
      this.call('pool.add_tags', [self, value]) as Promise<void>,
    /** Remove a value from the tags set of the given pool (no change if absent). */
    remove_tags: (self: T.Ref, value: string): Promise<void> =>
      this.call('pool.remove_tags', [self, value]) as Promise<void>,
    /** Get the gui_config field of the given pool. */
    get_gui_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('pool.get_gui_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the gui_config field of the given pool. */
    set_gui_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('pool.set_gui_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the gui_config map of the given pool; MAP_DUPLICATE_KEY if the key exists. */
    add_to_gui_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('pool.add_to_gui_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the gui_config map of the given pool (no change if absent). */
    remove_from_gui_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('pool.remove_from_gui_config', [self, key]) as Promise<void>,
    /** Get the health_check_config field of the given pool. */
    get_health_check_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('pool.get_health_check_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the health_check_config field of the given pool. */
    set_health_check_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('pool.set_health_check_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the health_check_config map of the given pool; MAP_DUPLICATE_KEY if the key exists. */
    add_to_health_check_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('pool.add_to_health_check_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the health_check_config map of the given pool (no change if absent). */
    remove_from_health_check_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('pool.remove_from_health_check_config', [self, key]) as Promise<void>,
    /** Get the wlb_url field of the given pool. */
    get_wlb_url: (self: T.Ref): Promise<string> => this.call('pool.get_wlb_url', [self]) as Promise<string>,
    /** Get the wlb_username field of the given pool. */
    get_wlb_username: (self: T.Ref): Promise<string> =>
      this.call('pool.get_wlb_username', [self]) as Promise<string>,
    /** Get the wlb_enabled field of the given pool. */
    get_wlb_enabled: (self: T.Ref): Promise<boolean> =>
      this.call('pool.get_wlb_enabled', [self]) as Promise<boolean>,
    /** Set the wlb_enabled field of the given pool. */
    set_wlb_enabled: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('pool.set_wlb_enabled', [self, value]) as Promise<void>,
    /** Get the wlb_verify_cert field of the given pool. */
    get_wlb_verify_cert: (self: T.Ref): Promise<boolean> =>
      this.call('pool.get_wlb_verify_cert', [self]) as Promise<boolean>,
    /** Set the wlb_verify_cert field of the given pool. */
    set_wlb_verify_cert: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('pool.set_wlb_verify_cert', [self, value]) as Promise<void>,
    /** Get the redo_log_enabled field of the given pool. */
    get_redo_log_enabled: (self: T.Ref): Promise<boolean> =>
      this.call('pool.get_redo_log_enabled', [self]) as Promise<boolean>,
    /** Get the redo_log_vdi field of the given pool. */
    get_redo_log_vdi: (self: T.Ref): Promise<T.Ref> =>
      this.call('pool.get_redo_log_vdi', [self]) as Promise<T.Ref>,
    /** Get the vswitch_controller field of the given pool. */
    get_vswitch_controller: (self: T.Ref): Promise<string> =>
      this.call('pool.get_vswitch_controller', [self]) as Promise<string>,
    /** Get the restrictions field of the given pool. */
    get_restrictions: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('pool.get_restrictions', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the metadata_VDIs field of the given pool. */
    get_metadata_VDIs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('pool.get_metadata_VDIs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the ha_cluster_stack field of the given pool. */
    get_ha_cluster_stack: (self: T.Ref): Promise<string> =>
      this.call('pool.get_ha_cluster_stack', [self]) as Promise<string>,
    /** Get the allowed_operations field of the given pool. */
    get_allowed_operations: (self: T.Ref): Promise<readonly T.PoolAllowedOperations[]> =>
      this.call('pool.get_allowed_operations', [self]) as Promise<readonly T.PoolAllowedOperations[]>,
    /** Get the current_operations field of the given pool. */
    get_current_operations: (self: T.Ref): Promise<Readonly<Record<string, T.PoolAllowedOperations>>> =>
      this.call('pool.get_current_operations', [self]) as Promise<
        Readonly<Record<string, T.PoolAllowedOperations>>
      >,
    /** Get the guest_agent_config field of the given pool. */
    get_guest_agent_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('pool.get_guest_agent_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the cpu_info field of the given pool. */
    get_cpu_info: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('pool.get_cpu_info', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the policy_no_vendor_device field of the given pool. */
    get_policy_no_vendor_device: (self: T.Ref): Promise<boolean> =>
      this.call('pool.get_policy_no_vendor_device', [self]) as Promise<boolean>,
    /** Set the policy_no_vendor_device field of the given pool. */
    set_policy_no_vendor_device: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('pool.set_policy_no_vendor_device', [self, value]) as Promise<void>,
    /** Get the live_patching_disabled field of the given pool. */
    get_live_patching_disabled: (self: T.Ref): Promise<boolean> =>
      this.call('pool.get_live_patching_disabled', [self]) as Promise<boolean>,
    /** Set the live_patching_disabled field of the given pool. */
    set_live_patching_disabled: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('pool.set_live_patching_disabled', [self, value]) as Promise<void>,
    /** Get the igmp_snooping_enabled field of the given pool. */
    get_igmp_snooping_enabled: (self: T.Ref): Promise<boolean> =>
      this.call('pool.get_igmp_snooping_enabled', [self]) as Promise<boolean>,
    /** Get the uefi_certificates field of the given pool. */
    get_uefi_certificates: (self: T.Ref): Promise<string> =>
      this.call('pool.get_uefi_certificates', [self]) as Promise<string>,
    /** Get the custom_uefi_certificates field of the given pool. */
    get_custom_uefi_certificates: (self: T.Ref): Promise<string> =>
      this.call('pool.get_custom_uefi_certificates', [self]) as Promise<string>,
    /** Get the is_psr_pending field of the given pool. */
    get_is_psr_pending: (self: T.Ref): Promise<boolean> =>
      this.call('pool.get_is_psr_pending', [self]) as Promise<boolean>,
    /** Set the is_psr_pending field of the given pool. */
    set_is_psr_pending: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('pool.set_is_psr_pending', [self, value]) as Promise<void>,
    /** Get the tls_verification_enabled field of the given pool. */
    get_tls_verification_enabled: (self: T.Ref): Promise<boolean> =>
      this.call('pool.get_tls_verification_enabled', [self]) as Promise<boolean>,
    /** Get the repositories field of the given pool. */
    get_repositories: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('pool.get_repositories', [self]) as Promise<readonly T.Ref[]>,
    /** Get the client_certificate_auth_enabled field of the given pool. */
    get_client_certificate_auth_enabled: (self: T.Ref): Promise<boolean> =>
      this.call('pool.get_client_certificate_auth_enabled', [self]) as Promise<boolean>,
    /** Get the client_certificate_auth_name field of the given pool. */
    get_client_certificate_auth_name: (self: T.Ref): Promise<string> =>
      this.call('pool.get_client_certificate_auth_name', [self]) as Promise<string>,
    /** Get the repository_proxy_url field of the given pool. */
    get_repository_proxy_url: (self: T.Ref): Promise<string> =>
      this.call('pool.get_repository_proxy_url', [self]) as Promise<string>,
    /** Get the repository_proxy_username field of the given pool. */
    get_repository_proxy_username: (self: T.Ref): Promise<string> =>
      this.call('pool.get_repository_proxy_username', [self]) as Promise<string>,
    /** Get the repository_proxy_password field of the given pool. */
    get_repository_proxy_password: (self: T.Ref): Promise<T.Ref> =>
      this.call('pool.get_repository_proxy_password', [self]) as Promise<T.Ref>,
    /** Get the migration_compression field of the given pool. */
    get_migration_compression: (self: T.Ref): Promise<boolean> =>
      this.call('pool.get_migration_compression', [self]) as Promise<boolean>,
    /** Set the migration_compression field of the given pool. */
    set_migration_compression: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('pool.set_migration_compression', [self, value]) as Promise<void>,
    /** Get the coordinator_bias field of the given pool. */
    get_coordinator_bias: (self: T.Ref): Promise<boolean> =>
      this.call('pool.get_coordinator_bias', [self]) as Promise<boolean>,
    /** Set the coordinator_bias field of the given pool. */
    set_coordinator_bias: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('pool.set_coordinator_bias', [self, value]) as Promise<void>,
    /** Get the local_auth_max_threads field of the given pool. */
    get_local_auth_max_threads: (self: T.Ref): Promise<number> =>
      this.call('pool.get_local_auth_max_threads', [self]) as Promise<number>,
    /** Get the ext_auth_max_threads field of the given pool. */
    get_ext_auth_max_threads: (self: T.Ref): Promise<number> =>
      this.call('pool.get_ext_auth_max_threads', [self]) as Promise<number>,
    /** Get the telemetry_uuid field of the given pool. */
    get_telemetry_uuid: (self: T.Ref): Promise<T.Ref> =>
      this.call('pool.get_telemetry_uuid', [self]) as Promise<T.Ref>,
    /** Get the telemetry_frequency field of the given pool. */
    get_telemetry_frequency: (self: T.Ref): Promise<T.TelemetryFrequency> =>
      this.call('pool.get_telemetry_frequency', [self]) as Promise<T.TelemetryFrequency>,
    /** Get the telemetry_next_collection field of the given pool. */
    get_telemetry_next_collection: (self: T.Ref): Promise<string> =>
      this.call('pool.get_telemetry_next_collection', [self]) as Promise<string>,
    /** Get the last_update_sync field of the given pool. */
    get_last_update_sync: (self: T.Ref): Promise<string> =>
      this.call('pool.get_last_update_sync', [self]) as Promise<string>,
    /** Get the update_sync_frequency field of the given pool. */
    get_update_sync_frequency: (self: T.Ref): Promise<T.UpdateSyncFrequency> =>
      this.call('pool.get_update_sync_frequency', [self]) as Promise<T.UpdateSyncFrequency>,
    /** Get the update_sync_day field of the given pool. */
    get_update_sync_day: (self: T.Ref): Promise<number> =>
      this.call('pool.get_update_sync_day', [self]) as Promise<number>,
    /** Get the update_sync_enabled field of the given pool. */
    get_update_sync_enabled: (self: T.Ref): Promise<boolean> =>
      this.call('pool.get_update_sync_enabled', [self]) as Promise<boolean>,
  };
  readonly VM = {
    /** Start a halted VM: its disks are attached and xenopsd builds and runs the domain. */
    start: (vm: T.Ref, start_paused: boolean, force: boolean): Promise<void> =>
      this.call('VM.start', [vm, start_paused, force]) as Promise<void>,
    /** Start a halted VM on the given host. */
    start_on: (vm: T.Ref, host: T.Ref, start_paused: boolean, force: boolean): Promise<void> =>
      this.call('VM.start_on', [vm, host, start_paused, force]) as Promise<void>,
    /** Pause a running VM: it keeps its memory but its vCPUs stop. */
    pause: (vm: T.Ref): Promise<void> => this.call('VM.pause', [vm]) as Promise<void>,
    /** Let a paused VM run again. */
    unpause: (vm: T.Ref): Promise<void> => this.call('VM.unpause', [vm]) as Promise<void>,
    /** Ask the guest to shut down (ACPI power button) and wait for it to halt. */
    clean_shutdown: (vm: T.Ref): Promise<void> => this.call('VM.clean_shutdown', [vm]) as Promise<void>,
    /** Stop the VM at once, like pulling the power cord. A suspended VM loses its saved state. */
    hard_shutdown: (vm: T.Ref): Promise<void> => this.call('VM.hard_shutdown', [vm]) as Promise<void>,
    /** Shut the VM down cleanly if the guest cooperates in time, else hard. */
    shutdown: (vm: T.Ref): Promise<void> => this.call('VM.shutdown', [vm]) as Promise<void>,
    /** Ask the guest to reboot and wait for it to come back. */
    clean_reboot: (vm: T.Ref): Promise<void> => this.call('VM.clean_reboot', [vm]) as Promise<void>,
    /** Reset the VM at once, like pressing the reset button. */
    hard_reboot: (vm: T.Ref): Promise<void> => this.call('VM.hard_reboot', [vm]) as Promise<void>,
    /** Save the VM's memory to a new disk (its suspend_VDI) and stop it. */
    suspend: (vm: T.Ref): Promise<void> => this.call('VM.suspend', [vm]) as Promise<void>,
    /** Restore a suspended VM from its suspend_VDI, which is then destroyed. */
    resume: (vm: T.Ref, start_paused: boolean, force: boolean): Promise<void> =>
      this.call('VM.resume', [vm, start_paused, force]) as Promise<void>,
    /** Restore a suspended VM on the given host. */
    resume_on: (vm: T.Ref, host: T.Ref, start_paused: boolean, force: boolean): Promise<void> =>
      this.call('VM.resume_on', [vm, host, start_paused, force]) as Promise<void>,
    /** Change the number of online vCPUs of a running VM, between 1 and VCPUs_max. */
    set_VCPUs_number_live: (self: T.Ref, nvcpu: number): Promise<void> =>
      this.call('VM.set_VCPUs_number_live', [self, nvcpu]) as Promise<void>,
    /** Change the balloon range; a running VM is given the new range at once. */
    set_memory_dynamic_range: (self: T.Ref, min: number, max: number): Promise<void> =>
      this.call('VM.set_memory_dynamic_range', [self, min, max]) as Promise<void>,
    /** Clone a halted VM or template: a new VM whose disks are fast (copy-on-write) clones of the original ones. */
    clone: (vm: T.Ref, new_name: string): Promise<T.Ref> =>
      this.call('VM.clone', [vm, new_name]) as Promise<T.Ref>,
    /** Copy a halted VM or template: a new VM whose disks are full copies, not part of a copy-on-write chain. */
    copy: (vm: T.Ref, new_name: string, sr: T.Ref): Promise<T.Ref> =>
      this.call('VM.copy', [vm, new_name, sr]) as Promise<T.Ref>,
    /** Take a snapshot of the VM: a template-like VM record whose disks are snapshots of the VM's disks. */
    snapshot: (vm: T.Ref, new_name: string, ignore_vdis: readonly T.Ref[]): Promise<T.Ref> =>
      this.call('VM.snapshot', [vm, new_name, ignore_vdis]) as Promise<T.Ref>,
    /** Take a snapshot of the VM with its memory: a Suspended snapshot whose disks are snapshots of the VM's and whose suspend image is a copy of its memory; reverting to it and resuming continues the guest from that moment. */
    checkpoint: (vm: T.Ref, new_name: string): Promise<T.Ref> =>
      this.call('VM.checkpoint', [vm, new_name]) as Promise<T.Ref>,
    /** Bring the snapshotted VM back to the snapshot's state: its disks and configuration. */
    revert: (snapshot: T.Ref): Promise<void> => this.call('VM.revert', [snapshot]) as Promise<void>,
    /** Create the disks described in other_config:disks of a template (with their VBDs), then make it a VM. */
    provision: (vm: T.Ref): Promise<void> => this.call('VM.provision', [vm]) as Promise<void>,
    /** Remove a halted or suspended VM with its devices and metrics; its disks are kept. */
    destroy: (self: T.Ref): Promise<void> => this.call('VM.destroy', [self]) as Promise<void>,
    /** Record the VM as Halted in the database only (recovery after a lost host); use with care. */
    power_state_reset: (vm: T.Ref): Promise<void> => this.call('VM.power_state_reset', [vm]) as Promise<void>,
    /** The userdevice values a new VBD of the VM may take. */
    get_allowed_VBD_devices: (vm: T.Ref): Promise<readonly string[]> =>
      this.call('VM.get_allowed_VBD_devices', [vm]) as Promise<readonly string[]>,
    /** The device values a new VIF of the VM may take. */
    get_allowed_VIF_devices: (vm: T.Ref): Promise<readonly string[]> =>
      this.call('VM.get_allowed_VIF_devices', [vm]) as Promise<readonly string[]>,
    /** Fail with the reason the operation is not acceptable in the current state, if any. */
    assert_operation_valid: (self: T.Ref, op: T.VmOperations): Promise<void> =>
      this.call('VM.assert_operation_valid', [self, op]) as Promise<void>,
    /** Recompute the list of acceptable operations. */
    update_allowed_operations: (self: T.Ref): Promise<void> =>
      this.call('VM.update_allowed_operations', [self]) as Promise<void>,
    /** The data sources of the VM, recorded or available, with their latest values. */
    get_data_sources: (self: T.Ref): Promise<readonly T.DataSourceRecord[]> =>
      this.call('VM.get_data_sources', [self]) as Promise<readonly T.DataSourceRecord[]>,
    /** Start recording a data source that is available but not recorded. */
    record_data_source: (self: T.Ref, data_source: string): Promise<void> =>
      this.call('VM.record_data_source', [self, data_source]) as Promise<void>,
    /** The latest value of a recorded data source. */
    query_data_source: (self: T.Ref, data_source: string): Promise<number> =>
      this.call('VM.query_data_source', [self, data_source]) as Promise<number>,
    /** Drop a data source's recorded history. */
    forget_data_source_archives: (self: T.Ref, data_source: string): Promise<void> =>
      this.call('VM.forget_data_source_archives', [self, data_source]) as Promise<void>,
    /** Move a running VM to another host of the pool; it keeps running throughout. */
    pool_migrate: (vm: T.Ref, host: T.Ref, options: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VM.pool_migrate', [vm, host, options]) as Promise<void>,
    /** Move the VM to the host of another pool described by dest, with its disks (to the SRs of vdi_map) and network interfaces (to the networks of vif_map). */
    migrate_send: (
      vm: T.Ref,
      dest: Readonly<Record<string, string>>,
      live: boolean,
      vdi_map: Readonly<Record<string, T.Ref>>,
      vif_map: Readonly<Record<string, T.Ref>>,
      options: Readonly<Record<string, string>>,
      vgpu_map: Readonly<Record<string, T.Ref>>,
    ): Promise<T.Ref> =>
      this.call('VM.migrate_send', [vm, dest, live, vdi_map, vif_map, options, vgpu_map]) as Promise<T.Ref>,
    /** Fail with the reason VM.migrate_send with these arguments would be refused, if any. */
    assert_can_migrate: (
      vm: T.Ref,
      dest: Readonly<Record<string, string>>,
      live: boolean,
      vdi_map: Readonly<Record<string, T.Ref>>,
      vif_map: Readonly<Record<string, T.Ref>>,
      options: Readonly<Record<string, string>>,
      vgpu_map: Readonly<Record<string, T.Ref>>,
    ): Promise<void> =>
      this.call('VM.assert_can_migrate', [
        vm,
        dest,
        live,
        vdi_map,
        vif_map,
        options,
        vgpu_map,
      ]) as Promise<void>,
    /** Called by the source of a migration on the destination when it is over, whichever way: the VM record made for it is released and shows what xenopsd reports. */
    pool_migrate_complete: (vm: T.Ref, host: T.Ref): Promise<void> =>
      this.call('VM.pool_migrate_complete', [vm, host]) as Promise<void>,
    /** Add the given key-value pair to VM.VCPUs_params, and apply that value on the running VM. */
    add_to_VCPUs_params_live: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('VM.add_to_VCPUs_params_live', [self, key, value]) as Promise<void>,
    /** Set the maximum number of vCPUs of a halted VM (at least VCPUs_at_startup). */
    set_VCPUs_max: (self: T.Ref, value: number): Promise<void> =>
      this.call('VM.set_VCPUs_max', [self, value]) as Promise<void>,
    /** Set the number of vCPUs the VM boots with, between 1 and VCPUs_max. */
    set_VCPUs_at_startup: (self: T.Ref, value: number): Promise<void> =>
      this.call('VM.set_VCPUs_at_startup', [self, value]) as Promise<void>,
    /** Set memory_static_max, memory_dynamic_min and memory_dynamic_max of a halted VM to one value; memory_static_min stays. */
    set_memory: (self: T.Ref, value: number): Promise<void> =>
      this.call('VM.set_memory', [self, value]) as Promise<void>,
    /** Set the four memory limits of a halted VM at once. */
    set_memory_limits: (
      self: T.Ref,
      static_min: number,
      static_max: number,
      dynamic_min: number,
      dynamic_max: number,
    ): Promise<void> =>
      this.call('VM.set_memory_limits', [
        self,
        static_min,
        static_max,
        dynamic_min,
        dynamic_max,
      ]) as Promise<void>,
    /** Set the static (boot-time) memory range of a halted VM. */
    set_memory_static_range: (self: T.Ref, min: number, max: number): Promise<void> =>
      this.call('VM.set_memory_static_range', [self, min, max]) as Promise<void>,
    /** Set memory_static_min of a halted VM. */
    set_memory_static_min: (self: T.Ref, value: number): Promise<void> =>
      this.call('VM.set_memory_static_min', [self, value]) as Promise<void>,
    /** Set memory_static_max of a halted VM. */
    set_memory_static_max: (self: T.Ref, value: number): Promise<void> =>
      this.call('VM.set_memory_static_max', [self, value]) as Promise<void>,
    /** Set memory_dynamic_min; a running VM is given the new balloon range at once. */
    set_memory_dynamic_min: (self: T.Ref, value: number): Promise<void> =>
      this.call('VM.set_memory_dynamic_min', [self, value]) as Promise<void>,
    /** Set memory_dynamic_max; a running VM is given the new balloon range at once. */
    set_memory_dynamic_max: (self: T.Ref, value: number): Promise<void> =>
      this.call('VM.set_memory_dynamic_max', [self, value]) as Promise<void>,
    /** Compute the memory the virtualisation layer needs for the VM, from its static_max, vCPUs and shadow multiplier. */
    compute_memory_overhead: (vm: T.Ref): Promise<number> =>
      this.call('VM.compute_memory_overhead', [vm]) as Promise<number>,
    /** The largest guest memory which, with its overheads, fits in the given physical memory. */
    maximise_memory: (self: T.Ref, total: number, approximate: boolean): Promise<number> =>
      this.call('VM.maximise_memory', [self, total, approximate]) as Promise<number>,
    /** Set what happens when the guest crashes. */
    set_actions_after_crash: (self: T.Ref, value: T.OnCrashBehaviour): Promise<void> =>
      this.call('VM.set_actions_after_crash', [self, value]) as Promise<void>,
    /** Set HVM_boot_policy, and domain_type with it (hvm, or pv for ""); takes effect at the next start. */
    set_HVM_boot_policy: (self: T.Ref, value: string): Promise<void> =>
      this.call('VM.set_HVM_boot_policy', [self, value]) as Promise<void>,
    /** Set domain_type, and HVM_boot_policy with it; takes effect at the next start. */
    set_domain_type: (self: T.Ref, value: T.DomainType): Promise<void> =>
      this.call('VM.set_domain_type', [self, value]) as Promise<void>,
    /** Set the VM's position in ordered start and shutdown (stored for appliance and HA planning). */
    set_order: (self: T.Ref, value: number): Promise<void> =>
      this.call('VM.set_order', [self, value]) as Promise<void>,
    /** Set the seconds to wait after starting the VM in an ordered start (stored for appliance and HA planning). */
    set_start_delay: (self: T.Ref, value: number): Promise<void> =>
      this.call('VM.set_start_delay', [self, value]) as Promise<void>,
    /** Set the seconds to wait after stopping the VM in an ordered shutdown (stored for appliance and HA planning). */
    set_shutdown_delay: (self: T.Ref, value: number): Promise<void> =>
      this.call('VM.set_shutdown_delay', [self, value]) as Promise<void>,
    /** Give a VM without BIOS strings the generic set with the given keys overridden (bios-vendor, bios-version, system-*, baseboard-*, enclosure-asset-tag). */
    set_bios_strings: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VM.set_bios_strings', [self, value]) as Promise<void>,
    /** Give a VM without BIOS strings the host's, and make the host its affinity. */
    copy_bios_strings: (vm: T.Ref, host: T.Ref): Promise<void> =>
      this.call('VM.copy_bios_strings', [vm, host]) as Promise<void>,
    /** Replace a suspended VM's suspend VDI by one holding the same image. */
    set_suspend_VDI: (self: T.Ref, value: T.Ref): Promise<void> =>
      this.call('VM.set_suspend_VDI', [self, value]) as Promise<void>,
    /** Workload balancing placement advice. xapi-ts has no WLB: LICENCE_RESTRICTION (WLB). */
    retrieve_wlb_recommendations: (vm: T.Ref): Promise<Readonly<Record<string, readonly string[]>>> =>
      this.call('VM.retrieve_wlb_recommendations', [vm]) as Promise<
        Readonly<Record<string, readonly string[]>>
      >,
    /** VM protection policies were removed from the XenAPI: MESSAGE_REMOVED. */
    set_protection_policy: (self: T.Ref, value: T.Ref): Promise<void> =>
      this.call('VM.set_protection_policy', [self, value]) as Promise<void>,
    /** Send the given key as a SysRq to a running VM. */
    send_sysrq: (vm: T.Ref, key: string): Promise<void> =>
      this.call('VM.send_sysrq', [vm, key]) as Promise<void>,
    /** Send the named hardware trigger to a running VM. */
    send_trigger: (vm: T.Ref, trigger: string): Promise<void> =>
      this.call('VM.send_trigger', [vm, trigger]) as Promise<void>,
    /** Set the firmware variables of a halted VM (key EFI-variables: the UEFI variable store, base64). */
    set_NVRAM: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VM.set_NVRAM', [self, value]) as Promise<void>,
    /** Add a key-value pair to the firmware variables of a halted VM. */
    add_to_NVRAM: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('VM.add_to_NVRAM', [self, key, value]) as Promise<void>,
    /** Remove a key from the firmware variables of a halted VM. */
    remove_from_NVRAM: (self: T.Ref, key: string): Promise<void> =>
      this.call('VM.remove_from_NVRAM', [self, key]) as Promise<void>,
    /** The system services a system domain advertises. */
    query_services: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM.query_services', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Call a guest-agent plugin of a running VM. */
    call_plugin: (
      vm: T.Ref,
      plugin: string,
      fn: string,
      args: Readonly<Record<string, string>>,
    ): Promise<string> => this.call('VM.call_plugin', [vm, plugin, fn, args]) as Promise<string>,
    /** The VM's record (the boot-time record is gone: this is the current one). */
    get_boot_record: (self: T.Ref): Promise<T.VMRecord> =>
      this.call('VM.get_boot_record', [self]) as Promise<T.VMRecord>,
    /** Whether the VM is expected to reach its balloon target and has done so (always true). */
    get_cooperative: (self: T.Ref): Promise<boolean> =>
      this.call('VM.get_cooperative', [self]) as Promise<boolean>,
    /** Set the shadow memory multiplier of a running HVM guest. */
    set_shadow_multiplier_live: (self: T.Ref, multiplier: number): Promise<void> =>
      this.call('VM.set_shadow_multiplier_live', [self, multiplier]) as Promise<void>,
    /** Set the shadow memory multiplier of a halted VM. */
    set_HVM_shadow_multiplier: (self: T.Ref, value: number): Promise<void> =>
      this.call('VM.set_HVM_shadow_multiplier', [self, value]) as Promise<void>,
    /** Set the balloon target of a running VM, within its dynamic range. */
    set_memory_target_live: (self: T.Ref, target: number): Promise<void> =>
      this.call('VM.set_memory_target_live', [self, target]) as Promise<void>,
    /** Wait for a running VM to reach its memory target. */
    wait_memory_target_live: (self: T.Ref): Promise<void> =>
      this.call('VM.wait_memory_target_live', [self]) as Promise<void>,
    /** Snapshot the VM with its guest's disks quiesced (needs the guest's VSS agent). */
    snapshot_with_quiesce: (vm: T.Ref, new_name: string): Promise<T.Ref> =>
      this.call('VM.snapshot_with_quiesce', [vm, new_name]) as Promise<T.Ref>,
    /** Restart the device models of a running VM. */
    restart_device_models: (self: T.Ref): Promise<void> =>
      this.call('VM.restart_device_models', [self]) as Promise<void>,
    /** Whether the VM, started in HVM mode, gets the vendor PCI device (takes effect at the next start). */
    set_has_vendor_device: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('VM.set_has_vendor_device', [self, value]) as Promise<void>,
    /** Fails unless the VM can run on any host of the pool: every disk on a shared SR, every NIC on a pool-wide network. */
    assert_agile: (self: T.Ref): Promise<void> => this.call('VM.assert_agile', [self]) as Promise<void>,
    /** Create a placeholder for a named binary blob of data associated with this VM; its data is written with HTTP PUT to /blob?ref=<blob>. */
    create_new_blob: (vm: T.Ref, name: string, mime_type: string, public_: boolean): Promise<T.Ref> =>
      this.call('VM.create_new_blob', [vm, name, mime_type, public_]) as Promise<T.Ref>,
    /** Fail with the reason the VM could not boot on the host now (liveness, enabled, SRs of its disks plugged there, networks of its VIFs, free memory), in xapi’s order. */
    assert_can_boot_here: (self: T.Ref, host: T.Ref): Promise<void> =>
      this.call('VM.assert_can_boot_here', [self, host]) as Promise<void>,
    /** The live hosts the VM could boot on now (only its scheduled host while it is being started or moved). */
    get_possible_hosts: (vm: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('VM.get_possible_hosts', [vm]) as Promise<readonly T.Ref[]>,
    /** Get a record containing the current state of the given VM. */
    get_record: (self: T.Ref): Promise<T.VMRecord> =>
      this.call('VM.get_record', [self]) as Promise<T.VMRecord>,
    /** Get a reference to the VM with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('VM.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** Get all the VM instances with the given label. */
    get_by_name_label: (label: string): Promise<readonly T.Ref[]> =>
      this.call('VM.get_by_name_label', [label]) as Promise<readonly T.Ref[]>,
    /** Create a new VM instance and return its reference. */
    create: (args: Partial<T.VMRecord>): Promise<T.Ref> => this.call('VM.create', [args]) as Promise<T.Ref>,
    /** List all VM instances. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('VM.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all VM instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.VMRecord>>> =>
      this.call('VM.get_all_records', []) as Promise<Readonly<Record<string, T.VMRecord>>>,
    /** Get the records of the VM instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.VMRecord>>> =>
      this.call('VM.get_all_records_where', [expr]) as Promise<Readonly<Record<string, T.VMRecord>>>,
    /** Get references to the VM instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('VM.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given VM. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('VM.get_uuid', [self]) as Promise<string>,
    /** Get the allowed_operations field of the given VM. */
    get_allowed_operations: (self: T.Ref): Promise<readonly T.VmOperations[]> =>
      this.call('VM.get_allowed_operations', [self]) as Promise<readonly T.VmOperations[]>,
    /** Get the current_operations field of the given VM. */
    get_current_operations: (self: T.Ref): Promise<Readonly<Record<string, T.VmOperations>>> =>
      this.call('VM.get_current_operations', [self]) as Promise<Readonly<Record<string, T.VmOperations>>>,
    /** Get the name_label field of the given VM. */
    get_name_label: (self: T.Ref): Promise<string> =>
      this.call('VM.get_name_label', [self]) as Promise<string>,
    /** Set the name_label field of the given VM. */
    set_name_label: (self: T.Ref, value: string): Promise<void> =>
      this.call('VM.set_name_label', [self, value]) as Promise<void>,
    /** Get the name_description field of the given VM. */
    get_name_description: (self: T.Ref): Promise<string> =>
      this.call('VM.get_name_description', [self]) as Promise<string>,
    /** Set the name_description field of the given VM. */
    set_name_description: (self: T.Ref, value: string): Promise<void> =>
      this.call('VM.set_name_description', [self, value]) as Promise<void>,
    /** Get the power_state field of the given VM. */
    get_power_state: (self: T.Ref): Promise<T.VmPowerState> =>
      this.call('VM.get_power_state', [self]) as Promise<T.VmPowerState>,
    /** Get the user_version field of the given VM. */
    get_user_version: (self: T.Ref): Promise<number> =>
      this.call('VM.get_user_version', [self]) as Promise<number>,
    /** Set the user_version field of the given VM. */
    set_user_version: (self: T.Ref, value: number): Promise<void> =>
      this.call('VM.set_user_version', [self, value]) as Promise<void>,
    /** Get the is_a_template field of the given VM. */
    get_is_a_template: (self: T.Ref): Promise<boolean> =>
      this.call('VM.get_is_a_template', [self]) as Promise<boolean>,
    /** Set the is_a_template field of the given VM. */
    set_is_a_template: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('VM.set_is_a_template', [self, value]) as Promise<void>,
    /** Get the is_default_template field of the given VM. */
    get_is_default_template: (self: T.Ref): Promise<boolean> =>
      this.call('VM.get_is_default_template', [self]) as Promise<boolean>,
    /** Get the suspend_VDI field of the given VM. */
    get_suspend_VDI: (self: T.Ref): Promise<T.Ref> =>
      this.call('VM.get_suspend_VDI', [self]) as Promise<T.Ref>,
    /** Get the resident_on field of the given VM. */
    get_resident_on: (self: T.Ref): Promise<T.Ref> =>
      this.call('VM.get_resident_on', [self]) as Promise<T.Ref>,
    /** Get the scheduled_to_be_resident_on field of the given VM. */
    get_scheduled_to_be_resident_on: (self: T.Ref): Promise<T.Ref> =>
      this.call('VM.get_scheduled_to_be_resident_on', [self]) as Promise<T.Ref>,
    /** Get the affinity field of the given VM. */
    get_affinity: (self: T.Ref): Promise<T.Ref> => this.call('VM.get_affinity', [self]) as Promise<T.Ref>,
    /** Set the affinity field of the given VM. */
    set_affinity: (self: T.Ref, value: T.Ref): Promise<void> =>
      this.call('VM.set_affinity', [self, value]) as Promise<void>,
    /** Get the memory_overhead field of the given VM. */
    get_memory_overhead: (self: T.Ref): Promise<number> =>
      this.call('VM.get_memory_overhead', [self]) as Promise<number>,
    /** Get the memory_target field of the given VM. */
    get_memory_target: (self: T.Ref): Promise<number> =>
      this.call('VM.get_memory_target', [self]) as Promise<number>,
    /** Get the memory_static_max field of the given VM. */
    get_memory_static_max: (self: T.Ref): Promise<number> =>
      this.call('VM.get_memory_static_max', [self]) as Promise<number>,
    /** Get the memory_dynamic_max field of the given VM. */
    get_memory_dynamic_max: (self: T.Ref): Promise<number> =>
      this.call('VM.get_memory_dynamic_max', [self]) as Promise<number>,
    /** Get the memory_dynamic_min field of the given VM. */
    get_memory_dynamic_min: (self: T.Ref): Promise<number> =>
      this.call('VM.get_memory_dynamic_min', [self]) as Promise<number>,
    /** Get the memory_static_min field of the given VM. */
    get_memory_static_min: (self: T.Ref): Promise<number> =>
      this.call('VM.get_memory_static_min', [self]) as Promise<number>,
    /** Get the VCPUs_params field of the given VM. */
    get_VCPUs_params: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM.get_VCPUs_params', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the VCPUs_params field of the given VM. */
    set_VCPUs_params: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VM.set_VCPUs_params', [self, value]) as Promise<void>,
    /** Add a key-value pair to the VCPUs_params map of the given VM; MAP_DUPLICATE_KEY if the key exists. */
    add_to_VCPUs_params: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('VM.add_to_VCPUs_params', [self, key, value]) as Promise<void>,
    /** Remove a key from the VCPUs_params map of the given VM (no change if absent). */
    remove_from_VCPUs_params: (self: T.Ref, key: string): Promise<void> =>
      this.call('VM.remove_from_VCPUs_params', [self, key]) as Promise<void>,
    /** Get the VCPUs_max field of the given VM. */
    get_VCPUs_max: (self: T.Ref): Promise<number> => this.call('VM.get_VCPUs_max', [self]) as Promise<number>,
    /** Get the VCPUs_at_startup field of the given VM. */
    get_VCPUs_at_startup: (self: T.Ref): Promise<number> =>
      this.call('VM.get_VCPUs_at_startup', [self]) as Promise<number>,
    /** Get the actions_after_softreboot field of the given VM. */
    get_actions_after_softreboot: (self: T.Ref): Promise<T.OnSoftrebootBehavior> =>
      this.call('VM.get_actions_after_softreboot', [self]) as Promise<T.OnSoftrebootBehavior>,
    /** Set the actions_after_softreboot field of the given VM. */
    set_actions_after_softreboot: (self: T.Ref, value: T.OnSoftrebootBehavior): Promise<void> =>
      this.call('VM.set_actions_after_softreboot', [self, value]) as Promise<void>,
    /** Get the actions_after_shutdown field of the given VM. */
    get_actions_after_shutdown: (self: T.Ref): Promise<T.OnNormalExit> =>
      this.call('VM.get_actions_after_shutdown', [self]) as Promise<T.OnNormalExit>,
    /** Set the actions_after_shutdown field of the given VM. */
    set_actions_after_shutdown: (self: T.Ref, value: T.OnNormalExit): Promise<void> =>
      this.call('VM.set_actions_after_shutdown', [self, value]) as Promise<void>,
    /** Get the actions_after_reboot field of the given VM. */
    get_actions_after_reboot: (self: T.Ref): Promise<T.OnNormalExit> =>
      this.call('VM.get_actions_after_reboot', [self]) as Promise<T.OnNormalExit>,
    /** Set the actions_after_reboot field of the given VM. */
    set_actions_after_reboot: (self: T.Ref, value: T.OnNormalExit): Promise<void> =>
      this.call('VM.set_actions_after_reboot', [self, value]) as Promise<void>,
    /** Get the actions_after_crash field of the given VM. */
    get_actions_after_crash: (self: T.Ref): Promise<T.OnCrashBehaviour> =>
      this.call('VM.get_actions_after_crash', [self]) as Promise<T.OnCrashBehaviour>,
    /** Get the consoles field of the given VM. */
    get_consoles: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('VM.get_consoles', [self]) as Promise<readonly T.Ref[]>,
    /** Get the VIFs field of the given VM. */
    get_VIFs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('VM.get_VIFs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the VBDs field of the given VM. */
    get_VBDs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('VM.get_VBDs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the VUSBs field of the given VM. */
    get_VUSBs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('VM.get_VUSBs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the crash_dumps field of the given VM. */
    get_crash_dumps: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('VM.get_crash_dumps', [self]) as Promise<readonly T.Ref[]>,
    /** Get the VTPMs field of the given VM. */
    get_VTPMs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('VM.get_VTPMs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the PV_bootloader field of the given VM. */
    get_PV_bootloader: (self: T.Ref): Promise<string> =>
      this.call('VM.get_PV_bootloader', [self]) as Promise<string>,
    /** Set the PV_bootloader field of the given VM. */
    set_PV_bootloader: (self: T.Ref, value: string): Promise<void> =>
      this.call('VM.set_PV_bootloader', [self, value]) as Promise<void>,
    /** Get the PV_kernel field of the given VM. */
    get_PV_kernel: (self: T.Ref): Promise<string> => this.call('VM.get_PV_kernel', [self]) as Promise<string>,
    /** Set the PV_kernel field of the given VM. */
    set_PV_kernel: (self: T.Ref, value: string): Promise<void> =>
      this.call('VM.set_PV_kernel', [self, value]) as Promise<void>,
    /** Get the PV_ramdisk field of the given VM. */
    get_PV_ramdisk: (self: T.Ref): Promise<string> =>
      this.call('VM.get_PV_ramdisk', [self]) as Promise<string>,
    /** Set the PV_ramdisk field of the given VM. */
    set_PV_ramdisk: (self: T.Ref, value: string): Promise<void> =>
      this.call('VM.set_PV_ramdisk', [self, value]) as Promise<void>,
    /** Get the PV_args field of the given VM. */
    get_PV_args: (self: T.Ref): Promise<string> => this.call('VM.get_PV_args', [self]) as Promise<string>,
    /** Set the PV_args field of the given VM. */
    set_PV_args: (self: T.Ref, value: string): Promise<void> =>
      this.call('VM.set_PV_args', [self, value]) as Promise<void>,
    /** Get the PV_bootloader_args field of the given VM. */
    get_PV_bootloader_args: (self: T.Ref): Promise<string> =>
      this.call('VM.get_PV_bootloader_args', [self]) as Promise<string>,
    /** Set the PV_bootloader_args field of the given VM. */
    set_PV_bootloader_args: (self: T.Ref, value: string): Promise<void> =>
      this.call('VM.set_PV_bootloader_args', [self, value]) as Promise<void>,
    /** Get the PV_legacy_args field of the given VM. */
    get_PV_legacy_args: (self: T.Ref): Promise<string> =>
      this.call('VM.get_PV_legacy_args', [self]) as Promise<string>,
    /** Set the PV_legacy_args field of the given VM. */
    set_PV_legacy_args: (self: T.Ref, value: string): Promise<void> =>
      this.call('VM.set_PV_legacy_args', [self, value]) as Promise<void>,
    /** Get the HVM_boot_policy field of the given VM. */
    get_HVM_boot_policy: (self: T.Ref): Promise<string> =>
      this.call('VM.get_HVM_boot_policy', [self]) as Promise<string>,
    /** Get the HVM_boot_params field of the given VM. */
    get_HVM_boot_params: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM.get_HVM_boot_params', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the HVM_boot_params field of the given VM. */
    set_HVM_boot_params: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VM.set_HVM_boot_params', [self, value]) as Promise<void>,
    /** Add a key-value pair to the HVM_boot_params map of the given VM; MAP_DUPLICATE_KEY if the key exists. */
    add_to_HVM_boot_params: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('VM.add_to_HVM_boot_params', [self, key, value]) as Promise<void>,
    /** Remove a key from the HVM_boot_params map of the given VM (no change if absent). */
    remove_from_HVM_boot_params: (self: T.Ref, key: string): Promise<void> =>
      this.call('VM.remove_from_HVM_boot_params', [self, key]) as Promise<void>,
    /** Get the HVM_shadow_multiplier field of the given VM. */
    get_HVM_shadow_multiplier: (self: T.Ref): Promise<number> =>
      this.call('VM.get_HVM_shadow_multiplier', [self]) as Promise<number>,
    /** Get the platform field of the given VM. */
    get_platform: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM.get_platform', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the platform field of the given VM. */
    set_platform: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VM.set_platform', [self, value]) as Promise<void>,
    /** Add a key-value pair to the platform map of the given VM; MAP_DUPLICATE_KEY if the key exists. */
    add_to_platform: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('VM.add_to_platform', [self, key, value]) as Promise<void>,
    /** Remove a key from the platform map of the given VM (no change if absent). */
    remove_from_platform: (self: T.Ref, key: string): Promise<void> =>
      this.call('VM.remove_from_platform', [self, key]) as Promise<void>,
    /** Get the PCI_bus field of the given VM. */
    get_PCI_bus: (self: T.Ref): Promise<string> => this.call('VM.get_PCI_bus', [self]) as Promise<string>,
    /** Set the PCI_bus field of the given VM. */
    set_PCI_bus: (self: T.Ref, value: string): Promise<void> =>
      this.call('VM.set_PCI_bus', [self, value]) as Promise<void>,
    /** Get the other_config field of the given VM. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given VM. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VM.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given VM; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('VM.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given VM (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('VM.remove_from_other_config', [self, key]) as Promise<void>,
    /** Get the domid field of the given VM. */
    get_domid: (self: T.Ref): Promise<number> => this.call('VM.get_domid', [self]) as Promise<number>,
    /** Get the domarch field of the given VM. */
    get_domarch: (self: T.Ref): Promise<string> => this.call('VM.get_domarch', [self]) as Promise<string>,
    /** Get the last_boot_CPU_flags field of the given VM. */
    get_last_boot_CPU_flags: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM.get_last_boot_CPU_flags', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the is_control_domain field of the given VM. */
    get_is_control_domain: (self: T.Ref): Promise<boolean> =>
      this.call('VM.get_is_control_domain', [self]) as Promise<boolean>,
    /** Get the metrics field of the given VM. */
    get_metrics: (self: T.Ref): Promise<T.Ref> => this.call('VM.get_metrics', [self]) as Promise<T.Ref>,
    /** Get the guest_metrics field of the given VM. */
    get_guest_metrics: (self: T.Ref): Promise<T.Ref> =>
      this.call('VM.get_guest_metrics', [self]) as Promise<T.Ref>,
    /** Get the last_booted_record field of the given VM. */
    get_last_booted_record: (self: T.Ref): Promise<string> =>
      this.call('VM.get_last_booted_record', [self]) as Promise<string>,
    /** Get the recommendations field of the given VM. */
    get_recommendations: (self: T.Ref): Promise<string> =>
      this.call('VM.get_recommendations', [self]) as Promise<string>,
    /** Set the recommendations field of the given VM. */
    set_recommendations: (self: T.Ref, value: string): Promise<void> =>
      this.call('VM.set_recommendations', [self, value]) as Promise<void>,
    /** Get the xenstore_data field of the given VM. */
    get_xenstore_data: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM.get_xenstore_data', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the xenstore_data field of the given VM. */
    set_xenstore_data: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VM.set_xenstore_data', [self, value]) as Promise<void>,
    /** Add a key-value pair to the xenstore_data map of the given VM; MAP_DUPLICATE_KEY if the key exists. */
    add_to_xenstore_data: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('VM.add_to_xenstore_data', [self, key, value]) as Promise<void>,
    /** Remove a key from the xenstore_data map of the given VM (no change if absent). */
    remove_from_xenstore_data: (self: T.Ref, key: string): Promise<void> =>
      this.call('VM.remove_from_xenstore_data', [self, key]) as Promise<void>,
    /** Get the ha_always_run field of the given VM. */
    get_ha_always_run: (self: T.Ref): Promise<boolean> =>
      this.call('VM.get_ha_always_run', [self]) as Promise<boolean>,
    /** Get the ha_restart_priority field of the given VM. */
    get_ha_restart_priority: (self: T.Ref): Promise<string> =>
      this.call('VM.get_ha_restart_priority', [self]) as Promise<string>,
    /** Get the is_a_snapshot field of the given VM. */
    get_is_a_snapshot: (self: T.Ref): Promise<boolean> =>
      this.call('VM.get_is_a_snapshot', [self]) as Promise<boolean>,
    /** Get the snapshot_of field of the given VM. */
    get_snapshot_of: (self: T.Ref): Promise<T.Ref> =>
      this.call('VM.get_snapshot_of', [self]) as Promise<T.Ref>,
    /** Get the snapshots field of the given VM. */
    get_snapshots: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('VM.get_snapshots', [self]) as Promise<readonly T.Ref[]>,
    /** Get the snapshot_time field of the given VM. */
    get_snapshot_time: (self: T.Ref): Promise<string> =>
      this.call('VM.get_snapshot_time', [self]) as Promise<string>,
    /** Get the transportable_snapshot_id field of the given VM. */
    get_transportable_snapshot_id: (self: T.Ref): Promise<string> =>
      this.call('VM.get_transportable_snapshot_id', [self]) as Promise<string>,
    /** Get the blobs field of the given VM. */
    get_blobs: (self: T.Ref): Promise<Readonly<Record<string, T.Ref>>> =>
      this.call('VM.get_blobs', [self]) as Promise<Readonly<Record<string, T.Ref>>>,
    /** Get the tags field of the given VM. */
    get_tags: (self: T.Ref): Promise<readonly string[]> =>
      this.call('VM.get_tags', [self]) as Promise<readonly string[]>,
    /** Set the tags field of the given VM. */
    set_tags: (self: T.Ref, value: readonly string[]): Promise<void> =>
      this.call('VM.set_tags', [self, value]) as Promise<void>,
    /** Add a value to the tags set of the given VM (no change if present). */
    add_tags: (self: T.Ref, value: string): Promise<void> =>
      this.call('VM.add_tags', [self, value]) as Promise<void>,
    /** Remove a value from the tags set of the given VM (no change if absent). */
    remove_tags: (self: T.Ref, value: string): Promise<void> =>
      this.call('VM.remove_tags', [self, value]) as Promise<void>,
    /** Get the blocked_operations field of the given VM. */
    get_blocked_operations: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM.get_blocked_operations', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the blocked_operations field of the given VM. */
    set_blocked_operations: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VM.set_blocked_operations', [self, value]) as Promise<void>,
    /** Add a key-value pair to the blocked_operations map of the given VM; MAP_DUPLICATE_KEY if the key exists. */
    add_to_blocked_operations: (self: T.Ref, key: T.VmOperations, value: string): Promise<void> =>
      this.call('VM.add_to_blocked_operations', [self, key, value]) as Promise<void>,
    /** Remove a key from the blocked_operations map of the given VM (no change if absent). */
    remove_from_blocked_operations: (self: T.Ref, key: T.VmOperations): Promise<void> =>
      this.call('VM.remove_from_blocked_operations', [self, key]) as Promise<void>,
    /** Get the snapshot_info field of the given VM. */
    get_snapshot_info: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM.get_snapshot_info', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the snapshot_metadata field of the given VM. */
    get_snapshot_metadata: (self: T.Ref): Promise<string> =>
      this.call('VM.get_snapshot_metadata', [self]) as Promise<string>,
    /** Get the parent field of the given VM. */
    get_parent: (self: T.Ref): Promise<T.Ref> => this.call('VM.get_parent', [self]) as Promise<T.Ref>,
    /** Get the children field of the given VM. */
    get_children: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('VM.get_children', [self]) as Promise<readonly T.Ref[]>,
    /** Get the bios_strings field of the given VM. */
    get_bios_strings: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM.get_bios_strings', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the protection_policy field of the given VM. */
    get_protection_policy: (self: T.Ref): Promise<T.Ref> =>
      this.call('VM.get_protection_policy', [self]) as Promise<T.Ref>,
    /** Get the is_snapshot_from_vmpp field of the given VM. */
    get_is_snapshot_from_vmpp: (self: T.Ref): Promise<boolean> =>
      this.call('VM.get_is_snapshot_from_vmpp', [self]) as Promise<boolean>,
    /** Get the snapshot_schedule field of the given VM. */
    get_snapshot_schedule: (self: T.Ref): Promise<T.Ref> =>
      this.call('VM.get_snapshot_schedule', [self]) as Promise<T.Ref>,
    /** Get the is_vmss_snapshot field of the given VM. */
    get_is_vmss_snapshot: (self: T.Ref): Promise<boolean> =>
      this.call('VM.get_is_vmss_snapshot', [self]) as Promise<boolean>,
    /** Get the appliance field of the given VM. */
    get_appliance: (self: T.Ref): Promise<T.Ref> => this.call('VM.get_appliance', [self]) as Promise<T.Ref>,
    /** Get the start_delay field of the given VM. */
    get_start_delay: (self: T.Ref): Promise<number> =>
      this.call('VM.get_start_delay', [self]) as Promise<number>,
    /** Get the shutdown_delay field of the given VM. */
    get_shutdown_delay: (self: T.Ref): Promise<number> =>
      this.call('VM.get_shutdown_delay', [self]) as Promise<number>,
    /** Get the order field of the given VM. */
    get_order: (self: T.Ref): Promise<number> => this.call('VM.get_order', [self]) as Promise<number>,
    /** Get the VGPUs field of the given VM. */
    get_VGPUs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('VM.get_VGPUs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the attached_PCIs field of the given VM. */
    get_attached_PCIs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('VM.get_attached_PCIs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the suspend_SR field of the given VM. */
    get_suspend_SR: (self: T.Ref): Promise<T.Ref> => this.call('VM.get_suspend_SR', [self]) as Promise<T.Ref>,
    /** Set the suspend_SR field of the given VM. */
    set_suspend_SR: (self: T.Ref, value: T.Ref): Promise<void> =>
      this.call('VM.set_suspend_SR', [self, value]) as Promise<void>,
    /** Get the version field of the given VM. */
    get_version: (self: T.Ref): Promise<number> => this.call('VM.get_version', [self]) as Promise<number>,
    /** Get the generation_id field of the given VM. */
    get_generation_id: (self: T.Ref): Promise<string> =>
      this.call('VM.get_generation_id', [self]) as Promise<string>,
    /** Get the hardware_platform_version field of the given VM. */
    get_hardware_platform_version: (self: T.Ref): Promise<number> =>
      this.call('VM.get_hardware_platform_version', [self]) as Promise<number>,
    /** Set the hardware_platform_version field of the given VM. */
    set_hardware_platform_version: (self: T.Ref, value: number): Promise<void> =>
      this.call('VM.set_hardware_platform_version', [self, value]) as Promise<void>,
    /** Get the has_vendor_device field of the given VM. */
    get_has_vendor_device: (self: T.Ref): Promise<boolean> =>
      this.call('VM.get_has_vendor_device', [self]) as Promise<boolean>,
    /** Get the requires_reboot field of the given VM. */
    get_requires_reboot: (self: T.Ref): Promise<boolean> =>
      this.call('VM.get_requires_reboot', [self]) as Promise<boolean>,
    /** Get the reference_label field of the given VM. */
    get_reference_label: (self: T.Ref): Promise<string> =>
      this.call('VM.get_reference_label', [self]) as Promise<string>,
    /** Get the domain_type field of the given VM. */
    get_domain_type: (self: T.Ref): Promise<T.DomainType> =>
      this.call('VM.get_domain_type', [self]) as Promise<T.DomainType>,
    /** Get the NVRAM field of the given VM. */
    get_NVRAM: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM.get_NVRAM', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the pending_guidances field of the given VM. */
    get_pending_guidances: (self: T.Ref): Promise<readonly T.UpdateGuidances[]> =>
      this.call('VM.get_pending_guidances', [self]) as Promise<readonly T.UpdateGuidances[]>,
    /** Get the pending_guidances_recommended field of the given VM. */
    get_pending_guidances_recommended: (self: T.Ref): Promise<readonly T.UpdateGuidances[]> =>
      this.call('VM.get_pending_guidances_recommended', [self]) as Promise<readonly T.UpdateGuidances[]>,
    /** Get the pending_guidances_full field of the given VM. */
    get_pending_guidances_full: (self: T.Ref): Promise<readonly T.UpdateGuidances[]> =>
      this.call('VM.get_pending_guidances_full', [self]) as Promise<readonly T.UpdateGuidances[]>,
  };
  readonly VM_metrics = {
    /** Get a record containing the current state of the given VM_metrics. */
    get_record: (self: T.Ref): Promise<T.VMMetricsRecord> =>
      this.call('VM_metrics.get_record', [self]) as Promise<T.VMMetricsRecord>,
    /** Get a reference to the VM_metrics with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> =>
      this.call('VM_metrics.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** List all VM_metrics instances. */
    get_all: (): Promise<readonly T.Ref[]> =>
      this.call('VM_metrics.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all VM_metrics instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.VMMetricsRecord>>> =>
      this.call('VM_metrics.get_all_records', []) as Promise<Readonly<Record<string, T.VMMetricsRecord>>>,
    /** Get the records of the VM_metrics instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.VMMetricsRecord>>> =>
      this.call('VM_metrics.get_all_records_where', [expr]) as Promise<
        Readonly<Record<string, T.VMMetricsRecord>>
      >,
    /** Get references to the VM_metrics instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('VM_metrics.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given VM_metrics. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('VM_metrics.get_uuid', [self]) as Promise<string>,
    /** Get the memory_actual field of the given VM_metrics. */
    get_memory_actual: (self: T.Ref): Promise<number> =>
      this.call('VM_metrics.get_memory_actual', [self]) as Promise<number>,
    /** Get the VCPUs_number field of the given VM_metrics. */
    get_VCPUs_number: (self: T.Ref): Promise<number> =>
      this.call('VM_metrics.get_VCPUs_number', [self]) as Promise<number>,
    /** Get the VCPUs_utilisation field of the given VM_metrics. */
    get_VCPUs_utilisation: (self: T.Ref): Promise<Readonly<Record<string, number>>> =>
      this.call('VM_metrics.get_VCPUs_utilisation', [self]) as Promise<Readonly<Record<string, number>>>,
    /** Get the VCPUs_CPU field of the given VM_metrics. */
    get_VCPUs_CPU: (self: T.Ref): Promise<Readonly<Record<string, number>>> =>
      this.call('VM_metrics.get_VCPUs_CPU', [self]) as Promise<Readonly<Record<string, number>>>,
    /** Get the VCPUs_params field of the given VM_metrics. */
    get_VCPUs_params: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM_metrics.get_VCPUs_params', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the VCPUs_flags field of the given VM_metrics. */
    get_VCPUs_flags: (self: T.Ref): Promise<Readonly<Record<string, readonly string[]>>> =>
      this.call('VM_metrics.get_VCPUs_flags', [self]) as Promise<Readonly<Record<string, readonly string[]>>>,
    /** Get the state field of the given VM_metrics. */
    get_state: (self: T.Ref): Promise<readonly string[]> =>
      this.call('VM_metrics.get_state', [self]) as Promise<readonly string[]>,
    /** Get the start_time field of the given VM_metrics. */
    get_start_time: (self: T.Ref): Promise<string> =>
      this.call('VM_metrics.get_start_time', [self]) as Promise<string>,
    /** Get the install_time field of the given VM_metrics. */
    get_install_time: (self: T.Ref): Promise<string> =>
      this.call('VM_metrics.get_install_time', [self]) as Promise<string>,
    /** Get the last_updated field of the given VM_metrics. */
    get_last_updated: (self: T.Ref): Promise<string> =>
      this.call('VM_metrics.get_last_updated', [self]) as Promise<string>,
    /** Get the other_config field of the given VM_metrics. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM_metrics.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given VM_metrics. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VM_metrics.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given VM_metrics; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('VM_metrics.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given VM_metrics (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('VM_metrics.remove_from_other_config', [self, key]) as Promise<void>,
    /** Get the hvm field of the given VM_metrics. */
    get_hvm: (self: T.Ref): Promise<boolean> => this.call('VM_metrics.get_hvm', [self]) as Promise<boolean>,
    /** Get the nested_virt field of the given VM_metrics. */
    get_nested_virt: (self: T.Ref): Promise<boolean> =>
      this.call('VM_metrics.get_nested_virt', [self]) as Promise<boolean>,
    /** Get the nomigrate field of the given VM_metrics. */
    get_nomigrate: (self: T.Ref): Promise<boolean> =>
      this.call('VM_metrics.get_nomigrate', [self]) as Promise<boolean>,
    /** Get the current_domain_type field of the given VM_metrics. */
    get_current_domain_type: (self: T.Ref): Promise<T.DomainType> =>
      this.call('VM_metrics.get_current_domain_type', [self]) as Promise<T.DomainType>,
  };
  readonly VM_guest_metrics = {
    /** Get a record containing the current state of the given VM_guest_metrics. */
    get_record: (self: T.Ref): Promise<T.VMGuestMetricsRecord> =>
      this.call('VM_guest_metrics.get_record', [self]) as Promise<T.VMGuestMetricsRecord>,
    /** Get a reference to the VM_guest_metrics with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> =>
      this.call('VM_guest_metrics.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** List all VM_guest_metrics instances. */
    get_all: (): Promise<readonly T.Ref[]> =>
      this.call('VM_guest_metrics.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all VM_guest_metrics instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.VMGuestMetricsRecord>>> =>
      this.call('VM_guest_metrics.get_all_records', []) as Promise<
        Readonly<Record<string, T.VMGuestMetricsRecord>>
      >,
    /** Get the records of the VM_guest_metrics instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.VMGuestMetricsRecord>>> =>
      this.call('VM_guest_metrics.get_all_records_where', [expr]) as Promise<
        Readonly<Record<string, T.VMGuestMetricsRecord>>
      >,
    /** Get references to the VM_guest_metrics instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('VM_guest_metrics.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given VM_guest_metrics. */
    get_uuid: (self: T.Ref): Promise<string> =>
      this.call('VM_guest_metrics.get_uuid', [self]) as Promise<string>,
    /** Get the os_version field of the given VM_guest_metrics. */
    get_os_version: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM_guest_metrics.get_os_version', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the PV_drivers_version field of the given VM_guest_metrics. */
    get_PV_drivers_version: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM_guest_metrics.get_PV_drivers_version', [self]) as Promise<
        Readonly<Record<string, string>>
      >,
    /** Get the PV_drivers_up_to_date field of the given VM_guest_metrics. */
    get_PV_drivers_up_to_date: (self: T.Ref): Promise<boolean> =>
      this.call('VM_guest_metrics.get_PV_drivers_up_to_date', [self]) as Promise<boolean>,
    /** Get the memory field of the given VM_guest_metrics. */
    get_memory: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM_guest_metrics.get_memory', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the disks field of the given VM_guest_metrics. */
    get_disks: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM_guest_metrics.get_disks', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the networks field of the given VM_guest_metrics. */
    get_networks: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM_guest_metrics.get_networks', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the other field of the given VM_guest_metrics. */
    get_other: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM_guest_metrics.get_other', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the last_updated field of the given VM_guest_metrics. */
    get_last_updated: (self: T.Ref): Promise<string> =>
      this.call('VM_guest_metrics.get_last_updated', [self]) as Promise<string>,
    /** Get the other_config field of the given VM_guest_metrics. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VM_guest_metrics.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given VM_guest_metrics. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VM_guest_metrics.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given VM_guest_metrics; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('VM_guest_metrics.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given VM_guest_metrics (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('VM_guest_metrics.remove_from_other_config', [self, key]) as Promise<void>,
    /** Get the live field of the given VM_guest_metrics. */
    get_live: (self: T.Ref): Promise<boolean> =>
      this.call('VM_guest_metrics.get_live', [self]) as Promise<boolean>,
    /** Get the can_use_hotplug_vbd field of the given VM_guest_metrics. */
    get_can_use_hotplug_vbd: (self: T.Ref): Promise<T.TristateType> =>
      this.call('VM_guest_metrics.get_can_use_hotplug_vbd', [self]) as Promise<T.TristateType>,
    /** Get the can_use_hotplug_vif field of the given VM_guest_metrics. */
    get_can_use_hotplug_vif: (self: T.Ref): Promise<T.TristateType> =>
      this.call('VM_guest_metrics.get_can_use_hotplug_vif', [self]) as Promise<T.TristateType>,
    /** Get the PV_drivers_detected field of the given VM_guest_metrics. */
    get_PV_drivers_detected: (self: T.Ref): Promise<boolean> =>
      this.call('VM_guest_metrics.get_PV_drivers_detected', [self]) as Promise<boolean>,
  };
  readonly host = {
    /** Get the host's clock, in UTC. */
    get_servertime: (host: T.Ref): Promise<string> =>
      this.call('host.get_servertime', [host]) as Promise<string>,
    /** Get the host's clock, in its local time zone. */
    get_server_localtime: (host: T.Ref): Promise<string> =>
      this.call('host.get_server_localtime', [host]) as Promise<string>,
    /** The data sources of the host, recorded or available, with their latest values. */
    get_data_sources: (host: T.Ref): Promise<readonly T.DataSourceRecord[]> =>
      this.call('host.get_data_sources', [host]) as Promise<readonly T.DataSourceRecord[]>,
    /** Start recording a data source that is available but not recorded. */
    record_data_source: (host: T.Ref, data_source: string): Promise<void> =>
      this.call('host.record_data_source', [host, data_source]) as Promise<void>,
    /** The latest value of a recorded data source. */
    query_data_source: (host: T.Ref, data_source: string): Promise<number> =>
      this.call('host.query_data_source', [host, data_source]) as Promise<number>,
    /** Drop a data source's recorded history. */
    forget_data_source_archives: (host: T.Ref, data_source: string): Promise<void> =>
      this.call('host.forget_data_source_archives', [host, data_source]) as Promise<void>,
    /** Stop new VMs from starting on the host; VMs already running carry on. */
    disable: (host: T.Ref): Promise<void> => this.call('host.disable', [host]) as Promise<void>,
    /** Let new VMs start on the host again. */
    enable: (host: T.Ref): Promise<void> => this.call('host.enable', [host]) as Promise<void>,
    /** Power the host off. The host must be disabled first. The call returns once the shutdown is under way: VMs still running are shut down (cleanly, else forcibly), the database is flushed, the power-off command runs and the toolstack exits. */
    shutdown: (host: T.Ref): Promise<void> => this.call('host.shutdown', [host]) as Promise<void>,
    /** Reboot the host. The host must be disabled first. The call returns once the reboot is under way: VMs still running are shut down (cleanly, else forcibly), the database is flushed, the reboot command runs and the toolstack exits. */
    reboot: (host: T.Ref): Promise<void> => this.call('host.reboot', [host]) as Promise<void>,
    /** Migrate every VM running on the host to other hosts of the pool. Fails, moving nothing, if some VM has nowhere to go (in a one-host pool: whenever a VM is running). */
    evacuate: (host: T.Ref, network: T.Ref, evacuate_batch_size: number): Promise<void> =>
      this.call('host.evacuate', [host, network, evacuate_batch_size]) as Promise<void>,
    /** The VMs that keep the host from being evacuated, with the reason for each. */
    get_vms_which_prevent_evacuation: (self: T.Ref): Promise<Readonly<Record<string, readonly string[]>>> =>
      this.call('host.get_vms_which_prevent_evacuation', [self]) as Promise<
        Readonly<Record<string, readonly string[]>>
      >,
    /** Fail with CANNOT_EVACUATE_HOST unless every VM on the host can be migrated elsewhere. */
    assert_can_evacuate: (host: T.Ref): Promise<void> =>
      this.call('host.assert_can_evacuate', [host]) as Promise<void>,
    /** The hypervisor's message log: on these hosts the Linux kernel's ring buffer, as dmesg prints it. */
    dmesg: (host: T.Ref): Promise<string> => this.call('host.dmesg', [host]) as Promise<string>,
    /** Prepare to receive a VM: the URLs and the session the source needs to reach this host. */
    migrate_receive: (
      host: T.Ref,
      network: T.Ref,
      options: Readonly<Record<string, string>>,
    ): Promise<Readonly<Record<string, string>>> =>
      this.call('host.migrate_receive', [host, network, options]) as Promise<
        Readonly<Record<string, string>>
      >,
    /** Install the TLS server certificate. HTTPS serves it to new connections at once, without a restart; the host's Certificate record is replaced. */
    install_server_certificate: (
      host: T.Ref,
      certificate: string,
      private_key: string,
      certificate_chain: string,
    ): Promise<void> =>
      this.call('host.install_server_certificate', [
        host,
        certificate,
        private_key,
        certificate_chain,
      ]) as Promise<void>,
    /** Delete the current TLS server certificate and replace it by a new, self-signed one. */
    reset_server_certificate: (host: T.Ref): Promise<void> =>
      this.call('host.reset_server_certificate', [host]) as Promise<void>,
    /** Get the installed server public TLS certificate. */
    get_server_certificate: (host: T.Ref): Promise<string> =>
      this.call('host.get_server_certificate', [host]) as Promise<string>,
    /** Run a function of an executable plug-in from the host's plug-in directory, as xapi does: the plug-in gets an XML-RPC methodCall (session, argument struct) as its one argument and writes an XML-RPC methodResponse on stdout. */
    call_plugin: (
      host: T.Ref,
      plugin: string,
      fn: string,
      args: Readonly<Record<string, string>>,
    ): Promise<string> => this.call('host.call_plugin', [host, plugin, fn, args]) as Promise<string>,
    /** Restart the toolstack (xapi) after a short pause, having answered first. Operations in progress are aborted; VMs keep running. */
    restart_agent: (host: T.Ref): Promise<void> => this.call('host.restart_agent', [host]) as Promise<void>,
    /** Stop the toolstack (xapi) after a short pause, having answered first; the supervisor does not start it again. VMs keep running. */
    shutdown_agent: (): Promise<void> => this.call('host.shutdown_agent', []) as Promise<void>,
    /** Make the PIF the host's management interface: the host's address becomes the PIF's and the network listeners move to it. */
    management_reconfigure: (pif: T.Ref): Promise<void> =>
      this.call('host.management_reconfigure', [pif]) as Promise<void>,
    /** Change the management interface by device name; only in emergency mode, when management_reconfigure cannot be used. */
    local_management_reconfigure: (interface_: string): Promise<void> =>
      this.call('host.local_management_reconfigure', [interface_]) as Promise<void>,
    /** Stop serving on the management interface: the network listeners move to the loopback address. */
    management_disable: (): Promise<void> => this.call('host.management_disable', []) as Promise<void>,
    /** The host's management PIF. */
    get_management_interface: (host: T.Ref): Promise<T.Ref> =>
      this.call('host.get_management_interface', [host]) as Promise<T.Ref>,
    /** Bytes of host memory a new VM could be given: the host's free memory less what resident VMs may still claim. */
    compute_free_memory: (host: T.Ref): Promise<number> =>
      this.call('host.compute_free_memory', [host]) as Promise<number>,
    /** Bytes of memory the virtualisation layer uses on the host. */
    compute_memory_overhead: (host: T.Ref): Promise<number> =>
      this.call('host.compute_memory_overhead', [host]) as Promise<number>,
    /** Not implemented, as in xapi: fails with NOT_IMPLEMENTED. */
    get_log: (host: T.Ref): Promise<string> => this.call('host.get_log', [host]) as Promise<string>,
    /** Bring the host's copies of the non-database data (RRDs) up to date: they are written to disk now. */
    sync_data: (host: T.Ref): Promise<void> => this.call('host.sync_data', [host]) as Promise<void>,
    /** Write the host's RRDs to disk after the given delay; the call answers at once. */
    backup_rrds: (host: T.Ref, delay: number): Promise<void> =>
      this.call('host.backup_rrds', [host, delay]) as Promise<void>,
    /** Set the host's name. The record changes; the machine's own host name is changed only when the toolstack is told it manages it (XAPI_TS_MANAGE_HOSTNAME=1). */
    set_hostname_live: (host: T.Ref, hostname: string): Promise<void> =>
      this.call('host.set_hostname_live', [host, hostname]) as Promise<void>,
    /** Apply host.logging:syslog_destination (empty: local only) to the toolstack's log forwarding. */
    syslog_reconfigure: (host: T.Ref): Promise<void> =>
      this.call('host.syslog_reconfigure', [host]) as Promise<void>,
    /** Not implemented, as in xapi: fails with NOT_IMPLEMENTED. */
    dmesg_clear: (host: T.Ref): Promise<string> => this.call('host.dmesg_clear', [host]) as Promise<string>,
    /** Send debug keys to the hypervisor. These hosts have no Xen hypervisor: fails with NOT_IMPLEMENTED. */
    send_debug_keys: (host: T.Ref, keys: string): Promise<void> =>
      this.call('host.send_debug_keys', [host, keys]) as Promise<void>,
    /** What a status report of the host can contain, in the XML of xen-bugtool --capabilities. */
    get_system_status_capabilities: (host: T.Ref): Promise<string> =>
      this.call('host.get_system_status_capabilities', [host]) as Promise<string>,
    /** Deprecated; always empty, as in xapi. */
    get_uncooperative_resident_VMs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('host.get_uncooperative_resident_VMs', [self]) as Promise<readonly T.Ref[]>,
    /** Run the host's bug-report upload command (host-bugreport-upload) with the URL and proxy in its environment. */
    bugreport_upload: (host: T.Ref, url: string, options: Readonly<Record<string, string>>): Promise<void> =>
      this.call('host.bugreport_upload', [host, url, options]) as Promise<void>,
    /** Set how the host is powered on remotely and its settings. Secrets named by the old settings (keys ending in password_secret) are destroyed. */
    set_power_on_mode: (
      self: T.Ref,
      power_on_mode: string,
      power_on_config: Readonly<Record<string, string>>,
    ): Promise<void> =>
      this.call('host.set_power_on_mode', [self, power_on_mode, power_on_config]) as Promise<void>,
    /** Power on a host that is down, with the power-on-host plug-in (function main, argument remote_host_uuid), which must answer True. */
    power_on: (host: T.Ref): Promise<void> => this.call('host.power_on', [host]) as Promise<void>,
    /** Workload balancing evacuation advice. xapi-ts has no WLB: LICENCE_RESTRICTION (WLB). */
    retrieve_wlb_evacuate_recommendations: (
      self: T.Ref,
    ): Promise<Readonly<Record<string, readonly string[]>>> =>
      this.call('host.retrieve_wlb_evacuate_recommendations', [self]) as Promise<
        Readonly<Record<string, readonly string[]>>
      >,
    /** Change the host's edition. The only edition is the host's own (host.edition); any other: INVALID_EDITION. */
    apply_edition: (host: T.Ref, edition: string, force: boolean): Promise<void> =>
      this.call('host.apply_edition', [host, edition, force]) as Promise<void>,
    /** Apply a licence file. xapi-ts has no licence daemon to read one: LICENSE_PROCESSING_ERROR. */
    license_add: (host: T.Ref, contents: string): Promise<void> =>
      this.call('host.license_add', [host, contents]) as Promise<void>,
    /** Remove any licence file. None can be installed here, so there is nothing to remove. */
    license_remove: (host: T.Ref): Promise<void> => this.call('host.license_remove', [host]) as Promise<void>,
    /** Removed from the XenAPI (use license_add): MESSAGE_REMOVED. */
    license_apply: (host: T.Ref, contents: string): Promise<void> =>
      this.call('host.license_apply', [host, contents]) as Promise<void>,
    /** Refresh host.software_version from this host's facts. */
    refresh_pack_info: (host: T.Ref): Promise<void> =>
      this.call('host.refresh_pack_info', [host]) as Promise<void>,
    /** Enable external authentication. xapi-ts has no external authentication plugin: every type is AUTH_UNKNOWN_TYPE. */
    enable_external_auth: (
      host: T.Ref,
      config: Readonly<Record<string, string>>,
      service_name: string,
      auth_type: string,
    ): Promise<void> =>
      this.call('host.enable_external_auth', [host, config, service_name, auth_type]) as Promise<void>,
    /** Disable external authentication. None is ever enabled: nothing to do, as in xapi. */
    disable_external_auth: (host: T.Ref, config: Readonly<Record<string, string>>): Promise<void> =>
      this.call('host.disable_external_auth', [host, config]) as Promise<void>,
    /** Apply updates from the enabled repository. xapi-ts has no update repositories: LICENCE_RESTRICTION (Updates). */
    apply_updates: (self: T.Ref, hash: string): Promise<readonly (readonly string[])[]> =>
      this.call('host.apply_updates', [self, hash]) as Promise<readonly (readonly string[])[]>,
    /** Clear this host's pending mandatory guidances (host.pending_guidances). */
    emergency_clear_mandatory_guidance: (): Promise<void> =>
      this.call('host.emergency_clear_mandatory_guidance', []) as Promise<void>,
    /** Removed from the XenAPI: MESSAGE_REMOVED. */
    apply_recommended_guidances: (self: T.Ref): Promise<void> =>
      this.call('host.apply_recommended_guidances', [self]) as Promise<void>,
    /** Removed from the XenAPI (CPU levelling is automatic): MESSAGE_REMOVED. */
    set_cpu_features: (host: T.Ref, features: string): Promise<void> =>
      this.call('host.set_cpu_features', [host, features]) as Promise<void>,
    /** Removed from the XenAPI (CPU levelling is automatic): MESSAGE_REMOVED. */
    reset_cpu_features: (host: T.Ref): Promise<void> =>
      this.call('host.reset_cpu_features', [host]) as Promise<void>,
    /** Call an API extension on this host. No extensions are installed: MESSAGE_METHOD_UNKNOWN with the call's method name. */
    call_extension: (host: T.Ref, call: string): Promise<string> =>
      this.call('host.call_extension', [host, call]) as Promise<string>,
    /** Whether the host has the named API extension. No extensions are installed: false. */
    has_extension: (host: T.Ref, name: string): Promise<boolean> =>
      this.call('host.has_extension', [host, name]) as Promise<boolean>,
    /** Legacy SSL support has been removed: true is VALUE_NOT_SUPPORTED; false leaves it off. */
    set_ssl_legacy: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('host.set_ssl_legacy', [self, value]) as Promise<void>,
    /** Deprecated in xapi for pool.set_custom_uefi_certificates: OPERATION_NOT_ALLOWED. */
    set_uefi_certificates: (host: T.Ref, value: string): Promise<void> =>
      this.call('host.set_uefi_certificates', [host, value]) as Promise<void>,
    /** Serve the XenAPI over HTTPS only (true) or over plain HTTP too (false). Takes effect at once: with true, the plain HTTP TCP port drops every request (the local Unix socket is unaffected). Refused in a pool of several hosts, whose members call each other over plain HTTP. */
    set_https_only: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('host.set_https_only', [self, value]) as Promise<void>,
    /** Turn off TLS verification of peers on this host (host.tls_verification_enabled). */
    emergency_disable_tls_verification: (): Promise<void> =>
      this.call('host.emergency_disable_tls_verification', []) as Promise<void>,
    /** Turn TLS verification back on after emergency_disable_tls_verification; the pool must have it on. */
    emergency_reenable_tls_verification: (): Promise<void> =>
      this.call('host.emergency_reenable_tls_verification', []) as Promise<void>,
    /** Replace this host's TLS server certificate by a new self-signed one, served at once. */
    emergency_reset_server_certificate: (): Promise<void> =>
      this.call('host.emergency_reset_server_certificate', []) as Promise<void>,
    /** Replace the host's self-signed TLS server certificate by a new one, as xapi renews its internal certificate (here the one HTTPS serves); the Certificate record follows. */
    refresh_server_certificate: (host: T.Ref): Promise<void> =>
      this.call('host.refresh_server_certificate', [host]) as Promise<void>,
    /** Enable the host's console display, moving host.display as xapi does (disabled → enable_on_reboot, disable_on_reboot → enabled). Stored only: xapi-ts hosts have no display of their own to switch. */
    enable_display: (host: T.Ref): Promise<T.HostDisplay> =>
      this.call('host.enable_display', [host]) as Promise<T.HostDisplay>,
    /** Disable the host's console display. Needs integrated GPU passthrough, which xapi-ts has not: FEATURE_RESTRICTED. */
    disable_display: (host: T.Ref): Promise<T.HostDisplay> =>
      this.call('host.disable_display', [host]) as Promise<T.HostDisplay>,
    /** Set the host's iSCSI initiator name (iscsi_iqn and, as in xapi, other_config:iscsi_iqn). Stored only: no SR driver here is iSCSI. */
    set_iscsi_iqn: (host: T.Ref, value: string): Promise<void> =>
      this.call('host.set_iscsi_iqn', [host, value]) as Promise<void>,
    /** Turn storage multipathing on or off (multipathing and, as in xapi, other_config:multipathing). Stored only: no SR driver here has multiple paths. */
    set_multipathing: (host: T.Ref, value: boolean): Promise<void> =>
      this.call('host.set_multipathing', [host, value]) as Promise<void>,
    /** Set the NUMA placement policy for VMs started on this host. Stored only: VMs here are not NUMA-placed. */
    set_numa_affinity_policy: (self: T.Ref, value: T.HostNumaAffinityPolicy): Promise<void> =>
      this.call('host.set_numa_affinity_policy', [self, value]) as Promise<void>,
    /** The scheduling granularity of the host: cpu (VCPUs are scheduled on logical CPUs). */
    get_sched_gran: (self: T.Ref): Promise<T.HostSchedGran> =>
      this.call('host.get_sched_gran', [self]) as Promise<T.HostSchedGran>,
    /** Set the scheduling granularity: disabled, as in xapi's default configuration (OPERATION_NOT_ALLOWED). */
    set_sched_gran: (self: T.Ref, value: T.HostSchedGran): Promise<void> =>
      this.call('host.set_sched_gran', [self, value]) as Promise<void>,
    /** Use an SR as local cache. The host must be disabled with no guest running; no SR driver here supports caching: SR_OPERATION_NOT_SUPPORTED. */
    enable_local_storage_caching: (host: T.Ref, sr: T.Ref): Promise<void> =>
      this.call('host.enable_local_storage_caching', [host, sr]) as Promise<void>,
    /** Stop using a local cache SR (host.local_cache_sr becomes null). The host must be disabled with no guest running. */
    disable_local_storage_caching: (host: T.Ref): Promise<void> =>
      this.call('host.disable_local_storage_caching', [host]) as Promise<void>,
    /** Create a placeholder for a named binary blob of data associated with this host; its data is written with HTTP PUT to /blob?ref=<blob>. */
    create_new_blob: (host: T.Ref, name: string, mime_type: string, public_: boolean): Promise<T.Ref> =>
      this.call('host.create_new_blob', [host, name, mime_type, public_]) as Promise<T.Ref>,
    /** List the wire names of every message the server accepts. */
    list_methods: (): Promise<readonly string[]> =>
      this.call('host.list_methods', []) as Promise<readonly string[]>,
    /** Get a record containing the current state of the given host. */
    get_record: (self: T.Ref): Promise<T.HostRecord> =>
      this.call('host.get_record', [self]) as Promise<T.HostRecord>,
    /** Get a reference to the host with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('host.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** Get all the host instances with the given label. */
    get_by_name_label: (label: string): Promise<readonly T.Ref[]> =>
      this.call('host.get_by_name_label', [label]) as Promise<readonly T.Ref[]>,
    /** List all host instances. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('host.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all host instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.HostRecord>>> =>
      this.call('host.get_all_records', []) as Promise<Readonly<Record<string, T.HostRecord>>>,
    /** Get the records of the host instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.HostRecord>>> =>
      this.call('host.get_all_records_where', [expr]) as Promise<Readonly<Record<string, T.HostRecord>>>,
    /** Get references to the host instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('host.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given host. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('host.get_uuid', [self]) as Promise<string>,
    /** Get the name_label field of the given host. */
    get_name_label: (self: T.Ref): Promise<string> =>
      this.call('host.get_name_label', [self]) as Promise<string>,
    /** Set the name_label field of the given host. */
    set_name_label: (self: T.Ref, value: string): Promise<void> =>
      this.call('host.set_name_label', [self, value]) as Promise<void>,
    /** Get the name_description field of the given host. */
    get_name_description: (self: T.Ref): Promise<string> =>
      this.call('host.get_name_description', [self]) as Promise<string>,
    /** Set the name_description field of the given host. */
    set_name_description: (self: T.Ref, value: string): Promise<void> =>
      this.call('host.set_name_description', [self, value]) as Promise<void>,
    /** Get the memory_overhead field of the given host. */
    get_memory_overhead: (self: T.Ref): Promise<number> =>
      this.call('host.get_memory_overhead', [self]) as Promise<number>,
    /** Get the allowed_operations field of the given host. */
    get_allowed_operations: (self: T.Ref): Promise<readonly T.HostAllowedOperations[]> =>
      this.call('host.get_allowed_operations', [self]) as Promise<readonly T.HostAllowedOperations[]>,
    /** Get the current_operations field of the given host. */
    get_current_operations: (self: T.Ref): Promise<Readonly<Record<string, T.HostAllowedOperations>>> =>
      this.call('host.get_current_operations', [self]) as Promise<
        Readonly<Record<string, T.HostAllowedOperations>>
      >,
    /** Get the API_version_major field of the given host. */
    get_API_version_major: (self: T.Ref): Promise<number> =>
      this.call('host.get_API_version_major', [self]) as Promise<number>,
    /** Get the API_version_minor field of the given host. */
    get_API_version_minor: (self: T.Ref): Promise<number> =>
      this.call('host.get_API_version_minor', [self]) as Promise<number>,
    /** Get the API_version_vendor field of the given host. */
    get_API_version_vendor: (self: T.Ref): Promise<string> =>
      this.call('host.get_API_version_vendor', [self]) as Promise<string>,
    /** Get the API_version_vendor_implementation field of the given host. */
    get_API_version_vendor_implementation: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('host.get_API_version_vendor_implementation', [self]) as Promise<
        Readonly<Record<string, string>>
      >,
    /** Get the enabled field of the given host. */
    get_enabled: (self: T.Ref): Promise<boolean> => this.call('host.get_enabled', [self]) as Promise<boolean>,
    /** Get the software_version field of the given host. */
    get_software_version: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('host.get_software_version', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the other_config field of the given host. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('host.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given host. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('host.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given host; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('host.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given host (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('host.remove_from_other_config', [self, key]) as Promise<void>,
    /** Get the capabilities field of the given host. */
    get_capabilities: (self: T.Ref): Promise<readonly string[]> =>
      this.call('host.get_capabilities', [self]) as Promise<readonly string[]>,
    /** Get the cpu_configuration field of the given host. */
    get_cpu_configuration: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('host.get_cpu_configuration', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the sched_policy field of the given host. */
    get_sched_policy: (self: T.Ref): Promise<string> =>
      this.call('host.get_sched_policy', [self]) as Promise<string>,
    /** Get the supported_bootloaders field of the given host. */
    get_supported_bootloaders: (self: T.Ref): Promise<readonly string[]> =>
      this.call('host.get_supported_bootloaders', [self]) as Promise<readonly string[]>,
    /** Get the resident_VMs field of the given host. */
    get_resident_VMs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('host.get_resident_VMs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the logging field of the given host. */
    get_logging: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('host.get_logging', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the logging field of the given host. */
    set_logging: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('host.set_logging', [self, value]) as Promise<void>,
    /** Add a key-value pair to the logging map of the given host; MAP_DUPLICATE_KEY if the key exists. */
    add_to_logging: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('host.add_to_logging', [self, key, value]) as Promise<void>,
    /** Remove a key from the logging map of the given host (no change if absent). */
    remove_from_logging: (self: T.Ref, key: string): Promise<void> =>
      this.call('host.remove_from_logging', [self, key]) as Promise<void>,
    /** Get the PIFs field of the given host. */
    get_PIFs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('host.get_PIFs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the suspend_image_sr field of the given host. */
    get_suspend_image_sr: (self: T.Ref): Promise<T.Ref> =>
      this.call('host.get_suspend_image_sr', [self]) as Promise<T.Ref>,
    /** Set the suspend_image_sr field of the given host. */
    set_suspend_image_sr: (self: T.Ref, value: T.Ref): Promise<void> =>
      this.call('host.set_suspend_image_sr', [self, value]) as Promise<void>,
    /** Get the crash_dump_sr field of the given host. */
    get_crash_dump_sr: (self: T.Ref): Promise<T.Ref> =>
      this.call('host.get_crash_dump_sr', [self]) as Promise<T.Ref>,
    /** Set the crash_dump_sr field of the given host. */
    set_crash_dump_sr: (self: T.Ref, value: T.Ref): Promise<void> =>
      this.call('host.set_crash_dump_sr', [self, value]) as Promise<void>,
    /** Get the crashdumps field of the given host. */
    get_crashdumps: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('host.get_crashdumps', [self]) as Promise<readonly T.Ref[]>,
    /** Get the patches field of the given host. */
    get_patches: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('host.get_patches', [self]) as Promise<readonly T.Ref[]>,
    /** Get the updates field of the given host. */
    get_updates: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('host.get_updates', [self]) as Promise<readonly T.Ref[]>,
    /** Get the PBDs field of the given host. */
    get_PBDs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('host.get_PBDs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the host_CPUs field of the given host. */
    get_host_CPUs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('host.get_host_CPUs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the cpu_info field of the given host. */
    get_cpu_info: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('host.get_cpu_info', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the hostname field of the given host. */
    get_hostname: (self: T.Ref): Promise<string> => this.call('host.get_hostname', [self]) as Promise<string>,
    /** Set the hostname field of the given host. */
    set_hostname: (self: T.Ref, value: string): Promise<void> =>
      this.call('host.set_hostname', [self, value]) as Promise<void>,
    /** Get the address field of the given host. */
    get_address: (self: T.Ref): Promise<string> => this.call('host.get_address', [self]) as Promise<string>,
    /** Set the address field of the given host. */
    set_address: (self: T.Ref, value: string): Promise<void> =>
      this.call('host.set_address', [self, value]) as Promise<void>,
    /** Get the metrics field of the given host. */
    get_metrics: (self: T.Ref): Promise<T.Ref> => this.call('host.get_metrics', [self]) as Promise<T.Ref>,
    /** Get the license_params field of the given host. */
    get_license_params: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('host.get_license_params', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the ha_statefiles field of the given host. */
    get_ha_statefiles: (self: T.Ref): Promise<readonly string[]> =>
      this.call('host.get_ha_statefiles', [self]) as Promise<readonly string[]>,
    /** Get the ha_network_peers field of the given host. */
    get_ha_network_peers: (self: T.Ref): Promise<readonly string[]> =>
      this.call('host.get_ha_network_peers', [self]) as Promise<readonly string[]>,
    /** Get the blobs field of the given host. */
    get_blobs: (self: T.Ref): Promise<Readonly<Record<string, T.Ref>>> =>
      this.call('host.get_blobs', [self]) as Promise<Readonly<Record<string, T.Ref>>>,
    /** Get the tags field of the given host. */
    get_tags: (self: T.Ref): Promise<readonly string[]> =>
      this.call('host.get_tags', [self]) as Promise<readonly string[]>,
    /** Set the tags field of the given host. */
    set_tags: (self: T.Ref, value: readonly string[]): Promise<void> =>
      this.call('host.set_tags', [self, value]) as Promise<void>,
    /** Add a value to the tags set of the given host (no change if present). */
    add_tags: (self: T.Ref, value: string): Promise<void> =>
      this.call('host.add_tags', [self, value]) as Promise<void>,
    /** Remove a value from the tags set of the given host (no change if absent). */
    remove_tags: (self: T.Ref, value: string): Promise<void> =>
      this.call('host.remove_tags', [self, value]) as Promise<void>,
    /** Get the external_auth_type field of the given host. */
    get_external_auth_type: (self: T.Ref): Promise<string> =>
      this.call('host.get_external_auth_type', [self]) as Promise<string>,
    /** Get the external_auth_service_name field of the given host. */
    get_external_auth_service_name: (self: T.Ref): Promise<string> =>
      this.call('host.get_external_auth_service_name', [self]) as Promise<string>,
    /** Get the external_auth_configuration field of the given host. */
    get_external_auth_configuration: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('host.get_external_auth_configuration', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the edition field of the given host. */
    get_edition: (self: T.Ref): Promise<string> => this.call('host.get_edition', [self]) as Promise<string>,
    /** Get the license_server field of the given host. */
    get_license_server: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('host.get_license_server', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the license_server field of the given host. */
    set_license_server: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('host.set_license_server', [self, value]) as Promise<void>,
    /** Add a key-value pair to the license_server map of the given host; MAP_DUPLICATE_KEY if the key exists. */
    add_to_license_server: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('host.add_to_license_server', [self, key, value]) as Promise<void>,
    /** Remove a key from the license_server map of the given host (no change if absent). */
    remove_from_license_server: (self: T.Ref, key: string): Promise<void> =>
      this.call('host.remove_from_license_server', [self, key]) as Promise<void>,
    /** Get the bios_strings field of the given host. */
    get_bios_strings: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('host.get_bios_strings', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the power_on_mode field of the given host. */
    get_power_on_mode: (self: T.Ref): Promise<string> =>
      this.call('host.get_power_on_mode', [self]) as Promise<string>,
    /** Get the power_on_config field of the given host. */
    get_power_on_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('host.get_power_on_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the local_cache_sr field of the given host. */
    get_local_cache_sr: (self: T.Ref): Promise<T.Ref> =>
      this.call('host.get_local_cache_sr', [self]) as Promise<T.Ref>,
    /** Get the chipset_info field of the given host. */
    get_chipset_info: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('host.get_chipset_info', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the PCIs field of the given host. */
    get_PCIs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('host.get_PCIs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the PGPUs field of the given host. */
    get_PGPUs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('host.get_PGPUs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the PUSBs field of the given host. */
    get_PUSBs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('host.get_PUSBs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the ssl_legacy field of the given host. */
    get_ssl_legacy: (self: T.Ref): Promise<boolean> =>
      this.call('host.get_ssl_legacy', [self]) as Promise<boolean>,
    /** Get the guest_VCPUs_params field of the given host. */
    get_guest_VCPUs_params: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('host.get_guest_VCPUs_params', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the guest_VCPUs_params field of the given host. */
    set_guest_VCPUs_params: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('host.set_guest_VCPUs_params', [self, value]) as Promise<void>,
    /** Add a key-value pair to the guest_VCPUs_params map of the given host; MAP_DUPLICATE_KEY if the key exists. */
    add_to_guest_VCPUs_params: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('host.add_to_guest_VCPUs_params', [self, key, value]) as Promise<void>,
    /** Remove a key from the guest_VCPUs_params map of the given host (no change if absent). */
    remove_from_guest_VCPUs_params: (self: T.Ref, key: string): Promise<void> =>
      this.call('host.remove_from_guest_VCPUs_params', [self, key]) as Promise<void>,
    /** Get the display field of the given host. */
    get_display: (self: T.Ref): Promise<T.HostDisplay> =>
      this.call('host.get_display', [self]) as Promise<T.HostDisplay>,
    /** Set the display field of the given host. */
    set_display: (self: T.Ref, value: T.HostDisplay): Promise<void> =>
      this.call('host.set_display', [self, value]) as Promise<void>,
    /** Get the virtual_hardware_platform_versions field of the given host. */
    get_virtual_hardware_platform_versions: (self: T.Ref): Promise<readonly number[]> =>
      this.call('host.get_virtual_hardware_platform_versions', [self]) as Promise<readonly number[]>,
    /** Get the control_domain field of the given host. */
    get_control_domain: (self: T.Ref): Promise<T.Ref> =>
      this.call('host.get_control_domain', [self]) as Promise<T.Ref>,
    /** Get the updates_requiring_reboot field of the given host. */
    get_updates_requiring_reboot: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('host.get_updates_requiring_reboot', [self]) as Promise<readonly T.Ref[]>,
    /** Get the features field of the given host. */
    get_features: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('host.get_features', [self]) as Promise<readonly T.Ref[]>,
    /** Get the iscsi_iqn field of the given host. */
    get_iscsi_iqn: (self: T.Ref): Promise<string> =>
      this.call('host.get_iscsi_iqn', [self]) as Promise<string>,
    /** Get the multipathing field of the given host. */
    get_multipathing: (self: T.Ref): Promise<boolean> =>
      this.call('host.get_multipathing', [self]) as Promise<boolean>,
    /** Get the uefi_certificates field of the given host. */
    get_uefi_certificates: (self: T.Ref): Promise<string> =>
      this.call('host.get_uefi_certificates', [self]) as Promise<string>,
    /** Get the certificates field of the given host. */
    get_certificates: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('host.get_certificates', [self]) as Promise<readonly T.Ref[]>,
    /** Get the editions field of the given host. */
    get_editions: (self: T.Ref): Promise<readonly string[]> =>
      this.call('host.get_editions', [self]) as Promise<readonly string[]>,
    /** Get the pending_guidances field of the given host. */
    get_pending_guidances: (self: T.Ref): Promise<readonly T.UpdateGuidances[]> =>
      this.call('host.get_pending_guidances', [self]) as Promise<readonly T.UpdateGuidances[]>,
    /** Get the tls_verification_enabled field of the given host. */
    get_tls_verification_enabled: (self: T.Ref): Promise<boolean> =>
      this.call('host.get_tls_verification_enabled', [self]) as Promise<boolean>,
    /** Get the last_software_update field of the given host. */
    get_last_software_update: (self: T.Ref): Promise<string> =>
      this.call('host.get_last_software_update', [self]) as Promise<string>,
    /** Get the https_only field of the given host. */
    get_https_only: (self: T.Ref): Promise<boolean> =>
      this.call('host.get_https_only', [self]) as Promise<boolean>,
    /** Get the latest_synced_updates_applied field of the given host. */
    get_latest_synced_updates_applied: (self: T.Ref): Promise<T.LatestSyncedUpdatesAppliedState> =>
      this.call('host.get_latest_synced_updates_applied', [
        self,
      ]) as Promise<T.LatestSyncedUpdatesAppliedState>,
    /** Get the numa_affinity_policy field of the given host. */
    get_numa_affinity_policy: (self: T.Ref): Promise<T.HostNumaAffinityPolicy> =>
      this.call('host.get_numa_affinity_policy', [self]) as Promise<T.HostNumaAffinityPolicy>,
    /** Get the pending_guidances_recommended field of the given host. */
    get_pending_guidances_recommended: (self: T.Ref): Promise<readonly T.UpdateGuidances[]> =>
      this.call('host.get_pending_guidances_recommended', [self]) as Promise<readonly T.UpdateGuidances[]>,
    /** Get the pending_guidances_full field of the given host. */
    get_pending_guidances_full: (self: T.Ref): Promise<readonly T.UpdateGuidances[]> =>
      this.call('host.get_pending_guidances_full', [self]) as Promise<readonly T.UpdateGuidances[]>,
    /** Get the last_update_hash field of the given host. */
    get_last_update_hash: (self: T.Ref): Promise<string> =>
      this.call('host.get_last_update_hash', [self]) as Promise<string>,
  };
  readonly host_metrics = {
    /** Get a record containing the current state of the given host_metrics. */
    get_record: (self: T.Ref): Promise<T.HostMetricsRecord> =>
      this.call('host_metrics.get_record', [self]) as Promise<T.HostMetricsRecord>,
    /** Get a reference to the host_metrics with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> =>
      this.call('host_metrics.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** List all host_metrics instances. */
    get_all: (): Promise<readonly T.Ref[]> =>
      this.call('host_metrics.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all host_metrics instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.HostMetricsRecord>>> =>
      this.call('host_metrics.get_all_records', []) as Promise<Readonly<Record<string, T.HostMetricsRecord>>>,
    /** Get the records of the host_metrics instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.HostMetricsRecord>>> =>
      this.call('host_metrics.get_all_records_where', [expr]) as Promise<
        Readonly<Record<string, T.HostMetricsRecord>>
      >,
    /** Get references to the host_metrics instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('host_metrics.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given host_metrics. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('host_metrics.get_uuid', [self]) as Promise<string>,
    /** Get the memory_total field of the given host_metrics. */
    get_memory_total: (self: T.Ref): Promise<number> =>
      this.call('host_metrics.get_memory_total', [self]) as Promise<number>,
    /** Get the memory_free field of the given host_metrics. */
    get_memory_free: (self: T.Ref): Promise<number> =>
      this.call('host_metrics.get_memory_free', [self]) as Promise<number>,
    /** Get the live field of the given host_metrics. */
    get_live: (self: T.Ref): Promise<boolean> =>
      this.call('host_metrics.get_live', [self]) as Promise<boolean>,
    /** Get the last_updated field of the given host_metrics. */
    get_last_updated: (self: T.Ref): Promise<string> =>
      this.call('host_metrics.get_last_updated', [self]) as Promise<string>,
    /** Get the other_config field of the given host_metrics. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('host_metrics.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given host_metrics. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('host_metrics.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given host_metrics; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('host_metrics.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given host_metrics (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('host_metrics.remove_from_other_config', [self, key]) as Promise<void>,
  };
  readonly host_cpu = {
    /** Get a record containing the current state of the given host_cpu. */
    get_record: (self: T.Ref): Promise<T.HostCpuRecord> =>
      this.call('host_cpu.get_record', [self]) as Promise<T.HostCpuRecord>,
    /** Get a reference to the host_cpu with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> =>
      this.call('host_cpu.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** List all host_cpu instances. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('host_cpu.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all host_cpu instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.HostCpuRecord>>> =>
      this.call('host_cpu.get_all_records', []) as Promise<Readonly<Record<string, T.HostCpuRecord>>>,
    /** Get the records of the host_cpu instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.HostCpuRecord>>> =>
      this.call('host_cpu.get_all_records_where', [expr]) as Promise<
        Readonly<Record<string, T.HostCpuRecord>>
      >,
    /** Get references to the host_cpu instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('host_cpu.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given host_cpu. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('host_cpu.get_uuid', [self]) as Promise<string>,
    /** Get the host field of the given host_cpu. */
    get_host: (self: T.Ref): Promise<T.Ref> => this.call('host_cpu.get_host', [self]) as Promise<T.Ref>,
    /** Get the number field of the given host_cpu. */
    get_number: (self: T.Ref): Promise<number> => this.call('host_cpu.get_number', [self]) as Promise<number>,
    /** Get the vendor field of the given host_cpu. */
    get_vendor: (self: T.Ref): Promise<string> => this.call('host_cpu.get_vendor', [self]) as Promise<string>,
    /** Get the speed field of the given host_cpu. */
    get_speed: (self: T.Ref): Promise<number> => this.call('host_cpu.get_speed', [self]) as Promise<number>,
    /** Get the modelname field of the given host_cpu. */
    get_modelname: (self: T.Ref): Promise<string> =>
      this.call('host_cpu.get_modelname', [self]) as Promise<string>,
    /** Get the family field of the given host_cpu. */
    get_family: (self: T.Ref): Promise<number> => this.call('host_cpu.get_family', [self]) as Promise<number>,
    /** Get the model field of the given host_cpu. */
    get_model: (self: T.Ref): Promise<number> => this.call('host_cpu.get_model', [self]) as Promise<number>,
    /** Get the stepping field of the given host_cpu. */
    get_stepping: (self: T.Ref): Promise<string> =>
      this.call('host_cpu.get_stepping', [self]) as Promise<string>,
    /** Get the flags field of the given host_cpu. */
    get_flags: (self: T.Ref): Promise<string> => this.call('host_cpu.get_flags', [self]) as Promise<string>,
    /** Get the features field of the given host_cpu. */
    get_features: (self: T.Ref): Promise<string> =>
      this.call('host_cpu.get_features', [self]) as Promise<string>,
    /** Get the utilisation field of the given host_cpu. */
    get_utilisation: (self: T.Ref): Promise<number> =>
      this.call('host_cpu.get_utilisation', [self]) as Promise<number>,
    /** Get the other_config field of the given host_cpu. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('host_cpu.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given host_cpu. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('host_cpu.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given host_cpu; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('host_cpu.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given host_cpu (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('host_cpu.remove_from_other_config', [self, key]) as Promise<void>,
  };
  readonly network = {
    /** Set the locking mode of the VIFs of this network whose own mode is network_default; refused while any VIF of the network is attached. */
    set_default_locking_mode: (network: T.Ref, value: T.NetworkDefaultLockingMode): Promise<void> =>
      this.call('network.set_default_locking_mode', [network, value]) as Promise<void>,
    /** Give the network a new purpose (if not present already); nbd and insecure_nbd exclude each other across all networks. */
    add_purpose: (self: T.Ref, value: T.NetworkPurpose): Promise<void> =>
      this.call('network.add_purpose', [self, value]) as Promise<void>,
    /** Remove a purpose from the network (if present). */
    remove_purpose: (self: T.Ref, value: T.NetworkPurpose): Promise<void> =>
      this.call('network.remove_purpose', [self, value]) as Promise<void>,
    /** Create a placeholder for a named binary blob of data associated with this network; its data is written with HTTP PUT to /blob?ref=<blob>. */
    create_new_blob: (network: T.Ref, name: string, mime_type: string, public_: boolean): Promise<T.Ref> =>
      this.call('network.create_new_blob', [network, name, mime_type, public_]) as Promise<T.Ref>,
    /** Get a record containing the current state of the given network. */
    get_record: (self: T.Ref): Promise<T.NetworkRecord> =>
      this.call('network.get_record', [self]) as Promise<T.NetworkRecord>,
    /** Get a reference to the network with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('network.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** Get all the network instances with the given label. */
    get_by_name_label: (label: string): Promise<readonly T.Ref[]> =>
      this.call('network.get_by_name_label', [label]) as Promise<readonly T.Ref[]>,
    /** Create a new network instance and return its reference. */
    create: (args: Partial<T.NetworkRecord>): Promise<T.Ref> =>
      this.call('network.create', [args]) as Promise<T.Ref>,
    /** Destroy the given network instance. */
    destroy: (self: T.Ref): Promise<void> => this.call('network.destroy', [self]) as Promise<void>,
    /** List all network instances. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('network.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all network instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.NetworkRecord>>> =>
      this.call('network.get_all_records', []) as Promise<Readonly<Record<string, T.NetworkRecord>>>,
    /** Get the records of the network instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.NetworkRecord>>> =>
      this.call('network.get_all_records_where', [expr]) as Promise<
        Readonly<Record<string, T.NetworkRecord>>
      >,
    /** Get references to the network instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('network.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given network. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('network.get_uuid', [self]) as Promise<string>,
    /** Get the name_label field of the given network. */
    get_name_label: (self: T.Ref): Promise<string> =>
      this.call('network.get_name_label', [self]) as Promise<string>,
    /** Set the name_label field of the given network. */
    set_name_label: (self: T.Ref, value: string): Promise<void> =>
      this.call('network.set_name_label', [self, value]) as Promise<void>,
    /** Get the name_description field of the given network. */
    get_name_description: (self: T.Ref): Promise<string> =>
      this.call('network.get_name_description', [self]) as Promise<string>,
    /** Set the name_description field of the given network. */
    set_name_description: (self: T.Ref, value: string): Promise<void> =>
      this.call('network.set_name_description', [self, value]) as Promise<void>,
    /** Get the allowed_operations field of the given network. */
    get_allowed_operations: (self: T.Ref): Promise<readonly T.NetworkOperations[]> =>
      this.call('network.get_allowed_operations', [self]) as Promise<readonly T.NetworkOperations[]>,
    /** Get the current_operations field of the given network. */
    get_current_operations: (self: T.Ref): Promise<Readonly<Record<string, T.NetworkOperations>>> =>
      this.call('network.get_current_operations', [self]) as Promise<
        Readonly<Record<string, T.NetworkOperations>>
      >,
    /** Get the VIFs field of the given network. */
    get_VIFs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('network.get_VIFs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the PIFs field of the given network. */
    get_PIFs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('network.get_PIFs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the MTU field of the given network. */
    get_MTU: (self: T.Ref): Promise<number> => this.call('network.get_MTU', [self]) as Promise<number>,
    /** Set the MTU field of the given network. */
    set_MTU: (self: T.Ref, value: number): Promise<void> =>
      this.call('network.set_MTU', [self, value]) as Promise<void>,
    /** Get the other_config field of the given network. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('network.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given network. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('network.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given network; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('network.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given network (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('network.remove_from_other_config', [self, key]) as Promise<void>,
    /** Get the bridge field of the given network. */
    get_bridge: (self: T.Ref): Promise<string> => this.call('network.get_bridge', [self]) as Promise<string>,
    /** Get the managed field of the given network. */
    get_managed: (self: T.Ref): Promise<boolean> =>
      this.call('network.get_managed', [self]) as Promise<boolean>,
    /** Get the blobs field of the given network. */
    get_blobs: (self: T.Ref): Promise<Readonly<Record<string, T.Ref>>> =>
      this.call('network.get_blobs', [self]) as Promise<Readonly<Record<string, T.Ref>>>,
    /** Get the tags field of the given network. */
    get_tags: (self: T.Ref): Promise<readonly string[]> =>
      this.call('network.get_tags', [self]) as Promise<readonly string[]>,
    /** Set the tags field of the given network. */
    set_tags: (self: T.Ref, value: readonly string[]): Promise<void> =>
      this.call('network.set_tags', [self, value]) as Promise<void>,
    /** Add a value to the tags set of the given network (no change if present). */
    add_tags: (self: T.Ref, value: string): Promise<void> =>
      this.call('network.add_tags', [self, value]) as Promise<void>,
    /** Remove a value from the tags set of the given network (no change if absent). */
    remove_tags: (self: T.Ref, value: string): Promise<void> =>
      this.call('network.remove_tags', [self, value]) as Promise<void>,
    /** Get the default_locking_mode field of the given network. */
    get_default_locking_mode: (self: T.Ref): Promise<T.NetworkDefaultLockingMode> =>
      this.call('network.get_default_locking_mode', [self]) as Promise<T.NetworkDefaultLockingMode>,
    /** Get the assigned_ips field of the given network. */
    get_assigned_ips: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('network.get_assigned_ips', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the purpose field of the given network. */
    get_purpose: (self: T.Ref): Promise<readonly T.NetworkPurpose[]> =>
      this.call('network.get_purpose', [self]) as Promise<readonly T.NetworkPurpose[]>,
  };
  readonly VIF = {
    /** Create a VIF; an empty MAC is derived from the VM's other_config:mac_seed and the device number. */
    create: (args: Partial<T.VIFRecord>): Promise<T.Ref> => this.call('VIF.create', [args]) as Promise<T.Ref>,
    /** Hot-plug the NIC into its running VM. */
    plug: (self: T.Ref): Promise<void> => this.call('VIF.plug', [self]) as Promise<void>,
    /** Hot-unplug the NIC from its running VM. */
    unplug: (self: T.Ref): Promise<void> => this.call('VIF.unplug', [self]) as Promise<void>,
    /** Hot-unplug the NIC without asking the guest. */
    unplug_force: (self: T.Ref): Promise<void> => this.call('VIF.unplug_force', [self]) as Promise<void>,
    /** Set the locking mode of this VIF; a plugged VIF's traffic filter changes at once. */
    set_locking_mode: (self: T.Ref, value: T.VifLockingMode): Promise<void> =>
      this.call('VIF.set_locking_mode', [self, value]) as Promise<void>,
    /** Set the IPv4 addresses to which traffic on this VIF is restricted when it is locked; applied at once to a plugged VIF. */
    set_ipv4_allowed: (self: T.Ref, value: readonly string[]): Promise<void> =>
      this.call('VIF.set_ipv4_allowed', [self, value]) as Promise<void>,
    /** Associate an IPv4 address with this VIF; applied at once to a plugged VIF. */
    add_ipv4_allowed: (self: T.Ref, value: string): Promise<void> =>
      this.call('VIF.add_ipv4_allowed', [self, value]) as Promise<void>,
    /** Remove an IPv4 address from this VIF (if present); applied at once to a plugged VIF. */
    remove_ipv4_allowed: (self: T.Ref, value: string): Promise<void> =>
      this.call('VIF.remove_ipv4_allowed', [self, value]) as Promise<void>,
    /** Set the IPv6 addresses to which traffic on this VIF is restricted when it is locked; applied at once to a plugged VIF. */
    set_ipv6_allowed: (self: T.Ref, value: readonly string[]): Promise<void> =>
      this.call('VIF.set_ipv6_allowed', [self, value]) as Promise<void>,
    /** Associate an IPv6 address with this VIF; applied at once to a plugged VIF. */
    add_ipv6_allowed: (self: T.Ref, value: string): Promise<void> =>
      this.call('VIF.add_ipv6_allowed', [self, value]) as Promise<void>,
    /** Remove an IPv6 address from this VIF (if present); applied at once to a plugged VIF. */
    remove_ipv6_allowed: (self: T.Ref, value: string): Promise<void> =>
      this.call('VIF.remove_ipv6_allowed', [self, value]) as Promise<void>,
    /** Move the VIF to another network, even while the VM is running (the host side of the NIC changes bridge; the guest's NIC stays). */
    move: (self: T.Ref, network: T.Ref): Promise<void> =>
      this.call('VIF.move', [self, network]) as Promise<void>,
    /** Configure IPv4 settings for this VIF. They are stored (ipv4_configuration_mode, ipv4_addresses, ipv4_gateway) and handed to the guest agent, which sets them in the guest: the toolstack never sets them itself; the guest must announce feature-static-ip-setting. */
    configure_ipv4: (
      self: T.Ref,
      mode: T.VifIpv4ConfigurationMode,
      address: string,
      gateway: string,
    ): Promise<void> => this.call('VIF.configure_ipv4', [self, mode, address, gateway]) as Promise<void>,
    /** Configure IPv6 settings for this VIF. They are stored (ipv6_configuration_mode, ipv6_addresses, ipv6_gateway) and handed to the guest agent, which sets them in the guest: the toolstack never sets them itself; the guest must announce feature-static-ip-setting. */
    configure_ipv6: (
      self: T.Ref,
      mode: T.VifIpv6ConfigurationMode,
      address: string,
      gateway: string,
    ): Promise<void> => this.call('VIF.configure_ipv6', [self, mode, address, gateway]) as Promise<void>,
    /** Get a record containing the current state of the given VIF. */
    get_record: (self: T.Ref): Promise<T.VIFRecord> =>
      this.call('VIF.get_record', [self]) as Promise<T.VIFRecord>,
    /** Get a reference to the VIF with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('VIF.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** Destroy the given VIF instance. */
    destroy: (self: T.Ref): Promise<void> => this.call('VIF.destroy', [self]) as Promise<void>,
    /** List all VIF instances. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('VIF.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all VIF instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.VIFRecord>>> =>
      this.call('VIF.get_all_records', []) as Promise<Readonly<Record<string, T.VIFRecord>>>,
    /** Get the records of the VIF instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.VIFRecord>>> =>
      this.call('VIF.get_all_records_where', [expr]) as Promise<Readonly<Record<string, T.VIFRecord>>>,
    /** Get references to the VIF instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('VIF.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given VIF. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('VIF.get_uuid', [self]) as Promise<string>,
    /** Get the allowed_operations field of the given VIF. */
    get_allowed_operations: (self: T.Ref): Promise<readonly T.VifOperations[]> =>
      this.call('VIF.get_allowed_operations', [self]) as Promise<readonly T.VifOperations[]>,
    /** Get the current_operations field of the given VIF. */
    get_current_operations: (self: T.Ref): Promise<Readonly<Record<string, T.VifOperations>>> =>
      this.call('VIF.get_current_operations', [self]) as Promise<Readonly<Record<string, T.VifOperations>>>,
    /** Get the device field of the given VIF. */
    get_device: (self: T.Ref): Promise<string> => this.call('VIF.get_device', [self]) as Promise<string>,
    /** Get the network field of the given VIF. */
    get_network: (self: T.Ref): Promise<T.Ref> => this.call('VIF.get_network', [self]) as Promise<T.Ref>,
    /** Get the VM field of the given VIF. */
    get_VM: (self: T.Ref): Promise<T.Ref> => this.call('VIF.get_VM', [self]) as Promise<T.Ref>,
    /** Get the MAC field of the given VIF. */
    get_MAC: (self: T.Ref): Promise<string> => this.call('VIF.get_MAC', [self]) as Promise<string>,
    /** Get the MTU field of the given VIF. */
    get_MTU: (self: T.Ref): Promise<number> => this.call('VIF.get_MTU', [self]) as Promise<number>,
    /** Get the other_config field of the given VIF. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VIF.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given VIF. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VIF.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given VIF; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('VIF.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given VIF (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('VIF.remove_from_other_config', [self, key]) as Promise<void>,
    /** Get the currently_attached field of the given VIF. */
    get_currently_attached: (self: T.Ref): Promise<boolean> =>
      this.call('VIF.get_currently_attached', [self]) as Promise<boolean>,
    /** Get the status_code field of the given VIF. */
    get_status_code: (self: T.Ref): Promise<number> =>
      this.call('VIF.get_status_code', [self]) as Promise<number>,
    /** Get the status_detail field of the given VIF. */
    get_status_detail: (self: T.Ref): Promise<string> =>
      this.call('VIF.get_status_detail', [self]) as Promise<string>,
    /** Get the runtime_properties field of the given VIF. */
    get_runtime_properties: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VIF.get_runtime_properties', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the qos_algorithm_type field of the given VIF. */
    get_qos_algorithm_type: (self: T.Ref): Promise<string> =>
      this.call('VIF.get_qos_algorithm_type', [self]) as Promise<string>,
    /** Set the qos_algorithm_type field of the given VIF. */
    set_qos_algorithm_type: (self: T.Ref, value: string): Promise<void> =>
      this.call('VIF.set_qos_algorithm_type', [self, value]) as Promise<void>,
    /** Get the qos_algorithm_params field of the given VIF. */
    get_qos_algorithm_params: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VIF.get_qos_algorithm_params', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the qos_algorithm_params field of the given VIF. */
    set_qos_algorithm_params: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VIF.set_qos_algorithm_params', [self, value]) as Promise<void>,
    /** Add a key-value pair to the qos_algorithm_params map of the given VIF; MAP_DUPLICATE_KEY if the key exists. */
    add_to_qos_algorithm_params: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('VIF.add_to_qos_algorithm_params', [self, key, value]) as Promise<void>,
    /** Remove a key from the qos_algorithm_params map of the given VIF (no change if absent). */
    remove_from_qos_algorithm_params: (self: T.Ref, key: string): Promise<void> =>
      this.call('VIF.remove_from_qos_algorithm_params', [self, key]) as Promise<void>,
    /** Get the qos_supported_algorithms field of the given VIF. */
    get_qos_supported_algorithms: (self: T.Ref): Promise<readonly string[]> =>
      this.call('VIF.get_qos_supported_algorithms', [self]) as Promise<readonly string[]>,
    /** Get the metrics field of the given VIF. */
    get_metrics: (self: T.Ref): Promise<T.Ref> => this.call('VIF.get_metrics', [self]) as Promise<T.Ref>,
    /** Get the MAC_autogenerated field of the given VIF. */
    get_MAC_autogenerated: (self: T.Ref): Promise<boolean> =>
      this.call('VIF.get_MAC_autogenerated', [self]) as Promise<boolean>,
    /** Get the locking_mode field of the given VIF. */
    get_locking_mode: (self: T.Ref): Promise<T.VifLockingMode> =>
      this.call('VIF.get_locking_mode', [self]) as Promise<T.VifLockingMode>,
    /** Get the ipv4_allowed field of the given VIF. */
    get_ipv4_allowed: (self: T.Ref): Promise<readonly string[]> =>
      this.call('VIF.get_ipv4_allowed', [self]) as Promise<readonly string[]>,
    /** Get the ipv6_allowed field of the given VIF. */
    get_ipv6_allowed: (self: T.Ref): Promise<readonly string[]> =>
      this.call('VIF.get_ipv6_allowed', [self]) as Promise<readonly string[]>,
    /** Get the ipv4_configuration_mode field of the given VIF. */
    get_ipv4_configuration_mode: (self: T.Ref): Promise<T.VifIpv4ConfigurationMode> =>
      this.call('VIF.get_ipv4_configuration_mode', [self]) as Promise<T.VifIpv4ConfigurationMode>,
    /** Get the ipv4_addresses field of the given VIF. */
    get_ipv4_addresses: (self: T.Ref): Promise<readonly string[]> =>
      this.call('VIF.get_ipv4_addresses', [self]) as Promise<readonly string[]>,
    /** Get the ipv4_gateway field of the given VIF. */
    get_ipv4_gateway: (self: T.Ref): Promise<string> =>
      this.call('VIF.get_ipv4_gateway', [self]) as Promise<string>,
    /** Get the ipv6_configuration_mode field of the given VIF. */
    get_ipv6_configuration_mode: (self: T.Ref): Promise<T.VifIpv6ConfigurationMode> =>
      this.call('VIF.get_ipv6_configuration_mode', [self]) as Promise<T.VifIpv6ConfigurationMode>,
    /** Get the ipv6_addresses field of the given VIF. */
    get_ipv6_addresses: (self: T.Ref): Promise<readonly string[]> =>
      this.call('VIF.get_ipv6_addresses', [self]) as Promise<readonly string[]>,
    /** Get the ipv6_gateway field of the given VIF. */
    get_ipv6_gateway: (self: T.Ref): Promise<string> =>
      this.call('VIF.get_ipv6_gateway', [self]) as Promise<string>,
  };
  readonly VIF_metrics = {
    /** Get a record containing the current state of the given VIF_metrics. */
    get_record: (self: T.Ref): Promise<T.VIFMetricsRecord> =>
      this.call('VIF_metrics.get_record', [self]) as Promise<T.VIFMetricsRecord>,
    /** Get a reference to the VIF_metrics with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> =>
      this.call('VIF_metrics.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** List all VIF_metrics instances. */
    get_all: (): Promise<readonly T.Ref[]> =>
      this.call('VIF_metrics.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all VIF_metrics instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.VIFMetricsRecord>>> =>
      this.call('VIF_metrics.get_all_records', []) as Promise<Readonly<Record<string, T.VIFMetricsRecord>>>,
    /** Get the records of the VIF_metrics instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.VIFMetricsRecord>>> =>
      this.call('VIF_metrics.get_all_records_where', [expr]) as Promise<
        Readonly<Record<string, T.VIFMetricsRecord>>
      >,
    /** Get references to the VIF_metrics instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('VIF_metrics.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given VIF_metrics. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('VIF_metrics.get_uuid', [self]) as Promise<string>,
    /** Get the io_read_kbs field of the given VIF_metrics. */
    get_io_read_kbs: (self: T.Ref): Promise<number> =>
      this.call('VIF_metrics.get_io_read_kbs', [self]) as Promise<number>,
    /** Get the io_write_kbs field of the given VIF_metrics. */
    get_io_write_kbs: (self: T.Ref): Promise<number> =>
      this.call('VIF_metrics.get_io_write_kbs', [self]) as Promise<number>,
    /** Get the last_updated field of the given VIF_metrics. */
    get_last_updated: (self: T.Ref): Promise<string> =>
      this.call('VIF_metrics.get_last_updated', [self]) as Promise<string>,
    /** Get the other_config field of the given VIF_metrics. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VIF_metrics.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given VIF_metrics. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VIF_metrics.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given VIF_metrics; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('VIF_metrics.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given VIF_metrics (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('VIF_metrics.remove_from_other_config', [self, key]) as Promise<void>,
  };
  readonly PIF = {
    /** Get a record containing the current state of the given PIF. */
    get_record: (self: T.Ref): Promise<T.PIFRecord> =>
      this.call('PIF.get_record', [self]) as Promise<T.PIFRecord>,
    /** Get a reference to the PIF with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('PIF.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** List all PIF instances. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('PIF.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all PIF instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.PIFRecord>>> =>
      this.call('PIF.get_all_records', []) as Promise<Readonly<Record<string, T.PIFRecord>>>,
    /** Get the records of the PIF instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.PIFRecord>>> =>
      this.call('PIF.get_all_records_where', [expr]) as Promise<Readonly<Record<string, T.PIFRecord>>>,
    /** Get references to the PIF instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('PIF.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given PIF. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('PIF.get_uuid', [self]) as Promise<string>,
    /** Get the device field of the given PIF. */
    get_device: (self: T.Ref): Promise<string> => this.call('PIF.get_device', [self]) as Promise<string>,
    /** Get the network field of the given PIF. */
    get_network: (self: T.Ref): Promise<T.Ref> => this.call('PIF.get_network', [self]) as Promise<T.Ref>,
    /** Get the host field of the given PIF. */
    get_host: (self: T.Ref): Promise<T.Ref> => this.call('PIF.get_host', [self]) as Promise<T.Ref>,
    /** Get the MAC field of the given PIF. */
    get_MAC: (self: T.Ref): Promise<string> => this.call('PIF.get_MAC', [self]) as Promise<string>,
    /** Get the MTU field of the given PIF. */
    get_MTU: (self: T.Ref): Promise<number> => this.call('PIF.get_MTU', [self]) as Promise<number>,
    /** Get the VLAN field of the given PIF. */
    get_VLAN: (self: T.Ref): Promise<number> => this.call('PIF.get_VLAN', [self]) as Promise<number>,
    /** Get the metrics field of the given PIF. */
    get_metrics: (self: T.Ref): Promise<T.Ref> => this.call('PIF.get_metrics', [self]) as Promise<T.Ref>,
    /** Get the physical field of the given PIF. */
    get_physical: (self: T.Ref): Promise<boolean> =>
      this.call('PIF.get_physical', [self]) as Promise<boolean>,
    /** Get the currently_attached field of the given PIF. */
    get_currently_attached: (self: T.Ref): Promise<boolean> =>
      this.call('PIF.get_currently_attached', [self]) as Promise<boolean>,
    /** Get the ip_configuration_mode field of the given PIF. */
    get_ip_configuration_mode: (self: T.Ref): Promise<T.IpConfigurationMode> =>
      this.call('PIF.get_ip_configuration_mode', [self]) as Promise<T.IpConfigurationMode>,
    /** Get the IP field of the given PIF. */
    get_IP: (self: T.Ref): Promise<string> => this.call('PIF.get_IP', [self]) as Promise<string>,
    /** Get the netmask field of the given PIF. */
    get_netmask: (self: T.Ref): Promise<string> => this.call('PIF.get_netmask', [self]) as Promise<string>,
    /** Get the gateway field of the given PIF. */
    get_gateway: (self: T.Ref): Promise<string> => this.call('PIF.get_gateway', [self]) as Promise<string>,
    /** Get the DNS field of the given PIF. */
    get_DNS: (self: T.Ref): Promise<string> => this.call('PIF.get_DNS', [self]) as Promise<string>,
    /** Get the bond_slave_of field of the given PIF. */
    get_bond_slave_of: (self: T.Ref): Promise<T.Ref> =>
      this.call('PIF.get_bond_slave_of', [self]) as Promise<T.Ref>,
    /** Get the bond_master_of field of the given PIF. */
    get_bond_master_of: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('PIF.get_bond_master_of', [self]) as Promise<readonly T.Ref[]>,
    /** Get the VLAN_master_of field of the given PIF. */
    get_VLAN_master_of: (self: T.Ref): Promise<T.Ref> =>
      this.call('PIF.get_VLAN_master_of', [self]) as Promise<T.Ref>,
    /** Get the VLAN_slave_of field of the given PIF. */
    get_VLAN_slave_of: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('PIF.get_VLAN_slave_of', [self]) as Promise<readonly T.Ref[]>,
    /** Get the management field of the given PIF. */
    get_management: (self: T.Ref): Promise<boolean> =>
      this.call('PIF.get_management', [self]) as Promise<boolean>,
    /** Get the other_config field of the given PIF. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('PIF.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given PIF. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('PIF.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given PIF; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('PIF.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given PIF (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('PIF.remove_from_other_config', [self, key]) as Promise<void>,
    /** Get the disallow_unplug field of the given PIF. */
    get_disallow_unplug: (self: T.Ref): Promise<boolean> =>
      this.call('PIF.get_disallow_unplug', [self]) as Promise<boolean>,
    /** Get the tunnel_access_PIF_of field of the given PIF. */
    get_tunnel_access_PIF_of: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('PIF.get_tunnel_access_PIF_of', [self]) as Promise<readonly T.Ref[]>,
    /** Get the tunnel_transport_PIF_of field of the given PIF. */
    get_tunnel_transport_PIF_of: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('PIF.get_tunnel_transport_PIF_of', [self]) as Promise<readonly T.Ref[]>,
    /** Get the ipv6_configuration_mode field of the given PIF. */
    get_ipv6_configuration_mode: (self: T.Ref): Promise<T.Ipv6ConfigurationMode> =>
      this.call('PIF.get_ipv6_configuration_mode', [self]) as Promise<T.Ipv6ConfigurationMode>,
    /** Get the IPv6 field of the given PIF. */
    get_IPv6: (self: T.Ref): Promise<readonly string[]> =>
      this.call('PIF.get_IPv6', [self]) as Promise<readonly string[]>,
    /** Get the ipv6_gateway field of the given PIF. */
    get_ipv6_gateway: (self: T.Ref): Promise<string> =>
      this.call('PIF.get_ipv6_gateway', [self]) as Promise<string>,
    /** Get the primary_address_type field of the given PIF. */
    get_primary_address_type: (self: T.Ref): Promise<T.PrimaryAddressType> =>
      this.call('PIF.get_primary_address_type', [self]) as Promise<T.PrimaryAddressType>,
    /** Get the managed field of the given PIF. */
    get_managed: (self: T.Ref): Promise<boolean> => this.call('PIF.get_managed', [self]) as Promise<boolean>,
    /** Get the properties field of the given PIF. */
    get_properties: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('PIF.get_properties', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the capabilities field of the given PIF. */
    get_capabilities: (self: T.Ref): Promise<readonly string[]> =>
      this.call('PIF.get_capabilities', [self]) as Promise<readonly string[]>,
    /** Get the igmp_snooping_status field of the given PIF. */
    get_igmp_snooping_status: (self: T.Ref): Promise<T.PifIgmpStatus> =>
      this.call('PIF.get_igmp_snooping_status', [self]) as Promise<T.PifIgmpStatus>,
    /** Get the sriov_physical_PIF_of field of the given PIF. */
    get_sriov_physical_PIF_of: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('PIF.get_sriov_physical_PIF_of', [self]) as Promise<readonly T.Ref[]>,
    /** Get the sriov_logical_PIF_of field of the given PIF. */
    get_sriov_logical_PIF_of: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('PIF.get_sriov_logical_PIF_of', [self]) as Promise<readonly T.Ref[]>,
    /** Get the PCI field of the given PIF. */
    get_PCI: (self: T.Ref): Promise<T.Ref> => this.call('PIF.get_PCI', [self]) as Promise<T.Ref>,
  };
  readonly PIF_metrics = {
    /** Get a record containing the current state of the given PIF_metrics. */
    get_record: (self: T.Ref): Promise<T.PIFMetricsRecord> =>
      this.call('PIF_metrics.get_record', [self]) as Promise<T.PIFMetricsRecord>,
    /** Get a reference to the PIF_metrics with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> =>
      this.call('PIF_metrics.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** List all PIF_metrics instances. */
    get_all: (): Promise<readonly T.Ref[]> =>
      this.call('PIF_metrics.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all PIF_metrics instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.PIFMetricsRecord>>> =>
      this.call('PIF_metrics.get_all_records', []) as Promise<Readonly<Record<string, T.PIFMetricsRecord>>>,
    /** Get the records of the PIF_metrics instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.PIFMetricsRecord>>> =>
      this.call('PIF_metrics.get_all_records_where', [expr]) as Promise<
        Readonly<Record<string, T.PIFMetricsRecord>>
      >,
    /** Get references to the PIF_metrics instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('PIF_metrics.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given PIF_metrics. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('PIF_metrics.get_uuid', [self]) as Promise<string>,
    /** Get the io_read_kbs field of the given PIF_metrics. */
    get_io_read_kbs: (self: T.Ref): Promise<number> =>
      this.call('PIF_metrics.get_io_read_kbs', [self]) as Promise<number>,
    /** Get the io_write_kbs field of the given PIF_metrics. */
    get_io_write_kbs: (self: T.Ref): Promise<number> =>
      this.call('PIF_metrics.get_io_write_kbs', [self]) as Promise<number>,
    /** Get the carrier field of the given PIF_metrics. */
    get_carrier: (self: T.Ref): Promise<boolean> =>
      this.call('PIF_metrics.get_carrier', [self]) as Promise<boolean>,
    /** Get the vendor_id field of the given PIF_metrics. */
    get_vendor_id: (self: T.Ref): Promise<string> =>
      this.call('PIF_metrics.get_vendor_id', [self]) as Promise<string>,
    /** Get the vendor_name field of the given PIF_metrics. */
    get_vendor_name: (self: T.Ref): Promise<string> =>
      this.call('PIF_metrics.get_vendor_name', [self]) as Promise<string>,
    /** Get the device_id field of the given PIF_metrics. */
    get_device_id: (self: T.Ref): Promise<string> =>
      this.call('PIF_metrics.get_device_id', [self]) as Promise<string>,
    /** Get the device_name field of the given PIF_metrics. */
    get_device_name: (self: T.Ref): Promise<string> =>
      this.call('PIF_metrics.get_device_name', [self]) as Promise<string>,
    /** Get the speed field of the given PIF_metrics. */
    get_speed: (self: T.Ref): Promise<number> =>
      this.call('PIF_metrics.get_speed', [self]) as Promise<number>,
    /** Get the duplex field of the given PIF_metrics. */
    get_duplex: (self: T.Ref): Promise<boolean> =>
      this.call('PIF_metrics.get_duplex', [self]) as Promise<boolean>,
    /** Get the pci_bus_path field of the given PIF_metrics. */
    get_pci_bus_path: (self: T.Ref): Promise<string> =>
      this.call('PIF_metrics.get_pci_bus_path', [self]) as Promise<string>,
    /** Get the last_updated field of the given PIF_metrics. */
    get_last_updated: (self: T.Ref): Promise<string> =>
      this.call('PIF_metrics.get_last_updated', [self]) as Promise<string>,
    /** Get the other_config field of the given PIF_metrics. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('PIF_metrics.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given PIF_metrics. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('PIF_metrics.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given PIF_metrics; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('PIF_metrics.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given PIF_metrics (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('PIF_metrics.remove_from_other_config', [self, key]) as Promise<void>,
  };
  readonly SM = {
    /** Get a record containing the current state of the given SM. */
    get_record: (self: T.Ref): Promise<T.SMRecord> =>
      this.call('SM.get_record', [self]) as Promise<T.SMRecord>,
    /** Get a reference to the SM with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('SM.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** Get all the SM instances with the given label. */
    get_by_name_label: (label: string): Promise<readonly T.Ref[]> =>
      this.call('SM.get_by_name_label', [label]) as Promise<readonly T.Ref[]>,
    /** List all SM instances. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('SM.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all SM instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.SMRecord>>> =>
      this.call('SM.get_all_records', []) as Promise<Readonly<Record<string, T.SMRecord>>>,
    /** Get the records of the SM instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.SMRecord>>> =>
      this.call('SM.get_all_records_where', [expr]) as Promise<Readonly<Record<string, T.SMRecord>>>,
    /** Get references to the SM instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('SM.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given SM. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('SM.get_uuid', [self]) as Promise<string>,
    /** Get the name_label field of the given SM. */
    get_name_label: (self: T.Ref): Promise<string> =>
      this.call('SM.get_name_label', [self]) as Promise<string>,
    /** Get the name_description field of the given SM. */
    get_name_description: (self: T.Ref): Promise<string> =>
      this.call('SM.get_name_description', [self]) as Promise<string>,
    /** Get the type field of the given SM. */
    get_type: (self: T.Ref): Promise<string> => this.call('SM.get_type', [self]) as Promise<string>,
    /** Get the vendor field of the given SM. */
    get_vendor: (self: T.Ref): Promise<string> => this.call('SM.get_vendor', [self]) as Promise<string>,
    /** Get the copyright field of the given SM. */
    get_copyright: (self: T.Ref): Promise<string> => this.call('SM.get_copyright', [self]) as Promise<string>,
    /** Get the version field of the given SM. */
    get_version: (self: T.Ref): Promise<string> => this.call('SM.get_version', [self]) as Promise<string>,
    /** Get the required_api_version field of the given SM. */
    get_required_api_version: (self: T.Ref): Promise<string> =>
      this.call('SM.get_required_api_version', [self]) as Promise<string>,
    /** Get the configuration field of the given SM. */
    get_configuration: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('SM.get_configuration', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the capabilities field of the given SM. */
    get_capabilities: (self: T.Ref): Promise<readonly string[]> =>
      this.call('SM.get_capabilities', [self]) as Promise<readonly string[]>,
    /** Get the features field of the given SM. */
    get_features: (self: T.Ref): Promise<Readonly<Record<string, number>>> =>
      this.call('SM.get_features', [self]) as Promise<Readonly<Record<string, number>>>,
    /** Get the other_config field of the given SM. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('SM.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given SM. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('SM.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given SM; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('SM.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given SM (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('SM.remove_from_other_config', [self, key]) as Promise<void>,
    /** Get the driver_filename field of the given SM. */
    get_driver_filename: (self: T.Ref): Promise<string> =>
      this.call('SM.get_driver_filename', [self]) as Promise<string>,
    /** Get the required_cluster_stack field of the given SM. */
    get_required_cluster_stack: (self: T.Ref): Promise<readonly string[]> =>
      this.call('SM.get_required_cluster_stack', [self]) as Promise<readonly string[]>,
  };
  readonly SR = {
    /** Create a placeholder for a named binary blob of data associated with this SR; its data is written with HTTP PUT to /blob?ref=<blob>. */
    create_new_blob: (sr: T.Ref, name: string, mime_type: string, public_: boolean): Promise<T.Ref> =>
      this.call('SR.create_new_blob', [sr, name, mime_type, public_]) as Promise<T.Ref>,
    /** List the SRs of the type found at device_config (for file and sim: the directory device_config:location), as xapi's XML: <SRlist><SR><size/><name_label/><name_description/><UUID/></SR>…</SRlist>. */
    probe: (
      host: T.Ref,
      device_config: Readonly<Record<string, string>>,
      type: string,
      sm_config: Readonly<Record<string, string>>,
    ): Promise<string> => this.call('SR.probe', [host, device_config, type, sm_config]) as Promise<string>,
    /** List what is found at device_config as probe_result records: the configuration and the SR there, if any. */
    probe_ext: (
      host: T.Ref,
      device_config: Readonly<Record<string, string>>,
      type: string,
      sm_config: Readonly<Record<string, string>>,
    ): Promise<readonly T.ProbeResultRecord[]> =>
      this.call('SR.probe_ext', [host, device_config, type, sm_config]) as Promise<
        readonly T.ProbeResultRecord[]
      >,
    /** Deprecated: use SR.create. Fails with MESSAGE_DEPRECATED, as xapi. */
    make: (
      host: T.Ref,
      device_config: Readonly<Record<string, string>>,
      physical_size: number,
      name_label: string,
      name_description: string,
      type: string,
      content_type: string,
      sm_config: Readonly<Record<string, string>>,
    ): Promise<string> =>
      this.call('SR.make', [
        host,
        device_config,
        physical_size,
        name_label,
        name_description,
        type,
        content_type,
        sm_config,
      ]) as Promise<string>,
    /** The data sources of the SR, recorded or available, with their latest values. */
    get_data_sources: (sr: T.Ref): Promise<readonly T.DataSourceRecord[]> =>
      this.call('SR.get_data_sources', [sr]) as Promise<readonly T.DataSourceRecord[]>,
    /** Start recording a data source that is available but not recorded. */
    record_data_source: (sr: T.Ref, data_source: string): Promise<void> =>
      this.call('SR.record_data_source', [sr, data_source]) as Promise<void>,
    /** The latest value of a recorded data source. */
    query_data_source: (sr: T.Ref, data_source: string): Promise<number> =>
      this.call('SR.query_data_source', [sr, data_source]) as Promise<number>,
    /** Drop a data source's recorded history. */
    forget_data_source_archives: (sr: T.Ref, data_source: string): Promise<void> =>
      this.call('SR.forget_data_source_archives', [sr, data_source]) as Promise<void>,
    /** Create a new SR on the storage, with a PBD connecting it to the host, and plug it. */
    create: (
      host: T.Ref,
      device_config: Readonly<Record<string, string>>,
      physical_size: number,
      name_label: string,
      name_description: string,
      type: string,
      content_type: string,
      shared: boolean,
      sm_config: Readonly<Record<string, string>>,
    ): Promise<T.Ref> =>
      this.call('SR.create', [
        host,
        device_config,
        physical_size,
        name_label,
        name_description,
        type,
        content_type,
        shared,
        sm_config,
      ]) as Promise<T.Ref>,
    /** Record an SR that already exists on storage; connect it with PBD.create and PBD.plug. */
    introduce: (
      uuid: string,
      name_label: string,
      name_description: string,
      type: string,
      content_type: string,
      shared: boolean,
      sm_config: Readonly<Record<string, string>>,
    ): Promise<T.Ref> =>
      this.call('SR.introduce', [
        uuid,
        name_label,
        name_description,
        type,
        content_type,
        shared,
        sm_config,
      ]) as Promise<T.Ref>,
    /** Remove the SR, its disks and PBDs from the database, leaving the storage untouched. */
    forget: (sr: T.Ref): Promise<void> => this.call('SR.forget', [sr]) as Promise<void>,
    /** Delete an empty SR from the storage and forget it; its PBDs must be unplugged. */
    destroy: (sr: T.Ref): Promise<void> => this.call('SR.destroy', [sr]) as Promise<void>,
    /** Bring the disk records and space figures of the SR in line with the storage. */
    scan: (sr: T.Ref): Promise<void> => this.call('SR.scan', [sr]) as Promise<void>,
    /** Refresh the SR's space figures from the storage. */
    update: (sr: T.Ref): Promise<void> => this.call('SR.update', [sr]) as Promise<void>,
    /** List the SR types (storage plugins) available. */
    get_supported_types: (): Promise<readonly string[]> =>
      this.call('SR.get_supported_types', []) as Promise<readonly string[]>,
    /** Set the name of the SR. */
    set_name_label: (sr: T.Ref, value: string): Promise<void> =>
      this.call('SR.set_name_label', [sr, value]) as Promise<void>,
    /** Set the description of the SR. */
    set_name_description: (sr: T.Ref, value: string): Promise<void> =>
      this.call('SR.set_name_description', [sr, value]) as Promise<void>,
    /** Record whether the SR is shared between hosts. */
    set_shared: (sr: T.Ref, value: boolean): Promise<void> =>
      this.call('SR.set_shared', [sr, value]) as Promise<void>,
    /** Set the recorded size of the SR (the next scan or update measures it again). */
    set_physical_size: (self: T.Ref, value: number): Promise<void> =>
      this.call('SR.set_physical_size', [self, value]) as Promise<void>,
    /** Get a record containing the current state of the given SR. */
    get_record: (self: T.Ref): Promise<T.SRRecord> =>
      this.call('SR.get_record', [self]) as Promise<T.SRRecord>,
    /** Get a reference to the SR with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('SR.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** Get all the SR instances with the given label. */
    get_by_name_label: (label: string): Promise<readonly T.Ref[]> =>
      this.call('SR.get_by_name_label', [label]) as Promise<readonly T.Ref[]>,
    /** List all SR instances. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('SR.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all SR instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.SRRecord>>> =>
      this.call('SR.get_all_records', []) as Promise<Readonly<Record<string, T.SRRecord>>>,
    /** Get the records of the SR instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.SRRecord>>> =>
      this.call('SR.get_all_records_where', [expr]) as Promise<Readonly<Record<string, T.SRRecord>>>,
    /** Get references to the SR instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('SR.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given SR. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('SR.get_uuid', [self]) as Promise<string>,
    /** Get the name_label field of the given SR. */
    get_name_label: (self: T.Ref): Promise<string> =>
      this.call('SR.get_name_label', [self]) as Promise<string>,
    /** Get the name_description field of the given SR. */
    get_name_description: (self: T.Ref): Promise<string> =>
      this.call('SR.get_name_description', [self]) as Promise<string>,
    /** Get the allowed_operations field of the given SR. */
    get_allowed_operations: (self: T.Ref): Promise<readonly T.StorageOperations[]> =>
      this.call('SR.get_allowed_operations', [self]) as Promise<readonly T.StorageOperations[]>,
    /** Get the current_operations field of the given SR. */
    get_current_operations: (self: T.Ref): Promise<Readonly<Record<string, T.StorageOperations>>> =>
      this.call('SR.get_current_operations', [self]) as Promise<
        Readonly<Record<string, T.StorageOperations>>
      >,
    /** Get the VDIs field of the given SR. */
    get_VDIs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('SR.get_VDIs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the PBDs field of the given SR. */
    get_PBDs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('SR.get_PBDs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the virtual_allocation field of the given SR. */
    get_virtual_allocation: (self: T.Ref): Promise<number> =>
      this.call('SR.get_virtual_allocation', [self]) as Promise<number>,
    /** Get the physical_utilisation field of the given SR. */
    get_physical_utilisation: (self: T.Ref): Promise<number> =>
      this.call('SR.get_physical_utilisation', [self]) as Promise<number>,
    /** Get the physical_size field of the given SR. */
    get_physical_size: (self: T.Ref): Promise<number> =>
      this.call('SR.get_physical_size', [self]) as Promise<number>,
    /** Get the type field of the given SR. */
    get_type: (self: T.Ref): Promise<string> => this.call('SR.get_type', [self]) as Promise<string>,
    /** Get the content_type field of the given SR. */
    get_content_type: (self: T.Ref): Promise<string> =>
      this.call('SR.get_content_type', [self]) as Promise<string>,
    /** Get the shared field of the given SR. */
    get_shared: (self: T.Ref): Promise<boolean> => this.call('SR.get_shared', [self]) as Promise<boolean>,
    /** Get the other_config field of the given SR. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('SR.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given SR. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('SR.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given SR; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('SR.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given SR (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('SR.remove_from_other_config', [self, key]) as Promise<void>,
    /** Get the tags field of the given SR. */
    get_tags: (self: T.Ref): Promise<readonly string[]> =>
      this.call('SR.get_tags', [self]) as Promise<readonly string[]>,
    /** Set the tags field of the given SR. */
    set_tags: (self: T.Ref, value: readonly string[]): Promise<void> =>
      this.call('SR.set_tags', [self, value]) as Promise<void>,
    /** Add a value to the tags set of the given SR (no change if present). */
    add_tags: (self: T.Ref, value: string): Promise<void> =>
      this.call('SR.add_tags', [self, value]) as Promise<void>,
    /** Remove a value from the tags set of the given SR (no change if absent). */
    remove_tags: (self: T.Ref, value: string): Promise<void> =>
      this.call('SR.remove_tags', [self, value]) as Promise<void>,
    /** Get the sm_config field of the given SR. */
    get_sm_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('SR.get_sm_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the sm_config field of the given SR. */
    set_sm_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('SR.set_sm_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the sm_config map of the given SR; MAP_DUPLICATE_KEY if the key exists. */
    add_to_sm_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('SR.add_to_sm_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the sm_config map of the given SR (no change if absent). */
    remove_from_sm_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('SR.remove_from_sm_config', [self, key]) as Promise<void>,
    /** Get the blobs field of the given SR. */
    get_blobs: (self: T.Ref): Promise<Readonly<Record<string, T.Ref>>> =>
      this.call('SR.get_blobs', [self]) as Promise<Readonly<Record<string, T.Ref>>>,
    /** Get the local_cache_enabled field of the given SR. */
    get_local_cache_enabled: (self: T.Ref): Promise<boolean> =>
      this.call('SR.get_local_cache_enabled', [self]) as Promise<boolean>,
    /** Get the introduced_by field of the given SR. */
    get_introduced_by: (self: T.Ref): Promise<T.Ref> =>
      this.call('SR.get_introduced_by', [self]) as Promise<T.Ref>,
    /** Get the clustered field of the given SR. */
    get_clustered: (self: T.Ref): Promise<boolean> =>
      this.call('SR.get_clustered', [self]) as Promise<boolean>,
    /** Get the is_tools_sr field of the given SR. */
    get_is_tools_sr: (self: T.Ref): Promise<boolean> =>
      this.call('SR.get_is_tools_sr', [self]) as Promise<boolean>,
  };
  readonly VDI = {
    /** Grow a disk that a running VM has attached: the image grows and the guest sees the new size (QEMU block_resize). A disk no running VM has attached is resized as VDI.resize does. */
    resize_online: (vdi: T.Ref, size: number): Promise<void> =>
      this.call('VDI.resize_online', [vdi, size]) as Promise<void>,
    /** persist: changes are kept. reset: each time a VM starts with the disk, its contents go back to what they were when reset was set (on file SRs; other SR types refuse). Not while a running VM has it attached. */
    set_on_boot: (self: T.Ref, value: T.OnBoot): Promise<void> =>
      this.call('VDI.set_on_boot', [self, value]) as Promise<void>,
    /** Allow the disk to be cached on the host's local cache SR. Not while a running VM has it attached. */
    set_allow_caching: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('VDI.set_allow_caching', [self, value]) as Promise<void>,
    /** Create a new disk in an SR (thin unless sm_config:allocation=thick; sm_config:image-format=raw|qcow2). */
    create: (args: Partial<T.VDIRecord>): Promise<T.Ref> => this.call('VDI.create', [args]) as Promise<T.Ref>,
    /** Delete the disk from its SR, with the VBDs that refer to it. */
    destroy: (self: T.Ref): Promise<void> => this.call('VDI.destroy', [self]) as Promise<void>,
    /** Take a point-in-time copy of the disk that shares its data (snapshots are not written). */
    snapshot: (vdi: T.Ref, driver_params: Readonly<Record<string, string>>): Promise<T.Ref> =>
      this.call('VDI.snapshot', [vdi, driver_params]) as Promise<T.Ref>,
    /** Make a writable copy of the disk that shares its data (a fast clone). */
    clone: (vdi: T.Ref, driver_params: Readonly<Record<string, string>>): Promise<T.Ref> =>
      this.call('VDI.clone', [vdi, driver_params]) as Promise<T.Ref>,
    /** Grow the disk while it is not in use. */
    resize: (vdi: T.Ref, size: number): Promise<void> =>
      this.call('VDI.resize', [vdi, size]) as Promise<void>,
    /** Copy the contents of the disk, its backing chain flattened, with progress; cancellable. */
    copy: (vdi: T.Ref, sr: T.Ref, base_vdi: T.Ref, into_vdi: T.Ref): Promise<T.Ref> =>
      this.call('VDI.copy', [vdi, sr, base_vdi, into_vdi]) as Promise<T.Ref>,
    /** Remove the disk record, leaving the storage untouched (the next scan finds it again). */
    forget: (vdi: T.Ref): Promise<void> => this.call('VDI.forget', [vdi]) as Promise<void>,
    /** Record a disk that exists in the SR but has no record. */
    introduce: (
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
    ): Promise<T.Ref> =>
      this.call('VDI.introduce', [
        uuid,
        name_label,
        name_description,
        SR,
        type,
        sharable,
        read_only,
        other_config,
        location,
        xenstore_data,
        sm_config,
        managed,
        virtual_size,
        physical_utilisation,
        metadata_of_pool,
        is_a_snapshot,
        snapshot_time,
        snapshot_of,
      ]) as Promise<T.Ref>,
    /** Refresh the disk's sizes from the storage. */
    update: (vdi: T.Ref): Promise<void> => this.call('VDI.update', [vdi]) as Promise<void>,
    /** Set the name of the disk. */
    set_name_label: (self: T.Ref, value: string): Promise<void> =>
      this.call('VDI.set_name_label', [self, value]) as Promise<void>,
    /** Set the description of the disk. */
    set_name_description: (self: T.Ref, value: string): Promise<void> =>
      this.call('VDI.set_name_description', [self, value]) as Promise<void>,
    /** Mark the disk read-only or writable while it is not attached. */
    set_read_only: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('VDI.set_read_only', [self, value]) as Promise<void>,
    /** Set whether several VMs may attach the disk at once. */
    set_sharable: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('VDI.set_sharable', [self, value]) as Promise<void>,
    /** Get a record containing the current state of the given VDI. */
    get_record: (self: T.Ref): Promise<T.VDIRecord> =>
      this.call('VDI.get_record', [self]) as Promise<T.VDIRecord>,
    /** Get a reference to the VDI with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('VDI.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** Get all the VDI instances with the given label. */
    get_by_name_label: (label: string): Promise<readonly T.Ref[]> =>
      this.call('VDI.get_by_name_label', [label]) as Promise<readonly T.Ref[]>,
    /** List all VDI instances. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('VDI.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all VDI instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.VDIRecord>>> =>
      this.call('VDI.get_all_records', []) as Promise<Readonly<Record<string, T.VDIRecord>>>,
    /** Get the records of the VDI instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.VDIRecord>>> =>
      this.call('VDI.get_all_records_where', [expr]) as Promise<Readonly<Record<string, T.VDIRecord>>>,
    /** Get references to the VDI instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('VDI.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given VDI. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('VDI.get_uuid', [self]) as Promise<string>,
    /** Get the name_label field of the given VDI. */
    get_name_label: (self: T.Ref): Promise<string> =>
      this.call('VDI.get_name_label', [self]) as Promise<string>,
    /** Get the name_description field of the given VDI. */
    get_name_description: (self: T.Ref): Promise<string> =>
      this.call('VDI.get_name_description', [self]) as Promise<string>,
    /** Get the allowed_operations field of the given VDI. */
    get_allowed_operations: (self: T.Ref): Promise<readonly T.VdiOperations[]> =>
      this.call('VDI.get_allowed_operations', [self]) as Promise<readonly T.VdiOperations[]>,
    /** Get the current_operations field of the given VDI. */
    get_current_operations: (self: T.Ref): Promise<Readonly<Record<string, T.VdiOperations>>> =>
      this.call('VDI.get_current_operations', [self]) as Promise<Readonly<Record<string, T.VdiOperations>>>,
    /** Get the SR field of the given VDI. */
    get_SR: (self: T.Ref): Promise<T.Ref> => this.call('VDI.get_SR', [self]) as Promise<T.Ref>,
    /** Get the VBDs field of the given VDI. */
    get_VBDs: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('VDI.get_VBDs', [self]) as Promise<readonly T.Ref[]>,
    /** Get the crash_dumps field of the given VDI. */
    get_crash_dumps: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('VDI.get_crash_dumps', [self]) as Promise<readonly T.Ref[]>,
    /** Get the virtual_size field of the given VDI. */
    get_virtual_size: (self: T.Ref): Promise<number> =>
      this.call('VDI.get_virtual_size', [self]) as Promise<number>,
    /** Get the physical_utilisation field of the given VDI. */
    get_physical_utilisation: (self: T.Ref): Promise<number> =>
      this.call('VDI.get_physical_utilisation', [self]) as Promise<number>,
    /** Get the type field of the given VDI. */
    get_type: (self: T.Ref): Promise<T.VdiType> => this.call('VDI.get_type', [self]) as Promise<T.VdiType>,
    /** Get the sharable field of the given VDI. */
    get_sharable: (self: T.Ref): Promise<boolean> =>
      this.call('VDI.get_sharable', [self]) as Promise<boolean>,
    /** Get the read_only field of the given VDI. */
    get_read_only: (self: T.Ref): Promise<boolean> =>
      this.call('VDI.get_read_only', [self]) as Promise<boolean>,
    /** Get the other_config field of the given VDI. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VDI.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given VDI. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VDI.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given VDI; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('VDI.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given VDI (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('VDI.remove_from_other_config', [self, key]) as Promise<void>,
    /** Get the storage_lock field of the given VDI. */
    get_storage_lock: (self: T.Ref): Promise<boolean> =>
      this.call('VDI.get_storage_lock', [self]) as Promise<boolean>,
    /** Get the location field of the given VDI. */
    get_location: (self: T.Ref): Promise<string> => this.call('VDI.get_location', [self]) as Promise<string>,
    /** Get the managed field of the given VDI. */
    get_managed: (self: T.Ref): Promise<boolean> => this.call('VDI.get_managed', [self]) as Promise<boolean>,
    /** Get the missing field of the given VDI. */
    get_missing: (self: T.Ref): Promise<boolean> => this.call('VDI.get_missing', [self]) as Promise<boolean>,
    /** Get the parent field of the given VDI. */
    get_parent: (self: T.Ref): Promise<T.Ref> => this.call('VDI.get_parent', [self]) as Promise<T.Ref>,
    /** Get the xenstore_data field of the given VDI. */
    get_xenstore_data: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VDI.get_xenstore_data', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the xenstore_data field of the given VDI. */
    set_xenstore_data: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VDI.set_xenstore_data', [self, value]) as Promise<void>,
    /** Add a key-value pair to the xenstore_data map of the given VDI; MAP_DUPLICATE_KEY if the key exists. */
    add_to_xenstore_data: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('VDI.add_to_xenstore_data', [self, key, value]) as Promise<void>,
    /** Remove a key from the xenstore_data map of the given VDI (no change if absent). */
    remove_from_xenstore_data: (self: T.Ref, key: string): Promise<void> =>
      this.call('VDI.remove_from_xenstore_data', [self, key]) as Promise<void>,
    /** Get the sm_config field of the given VDI. */
    get_sm_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VDI.get_sm_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the sm_config field of the given VDI. */
    set_sm_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VDI.set_sm_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the sm_config map of the given VDI; MAP_DUPLICATE_KEY if the key exists. */
    add_to_sm_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('VDI.add_to_sm_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the sm_config map of the given VDI (no change if absent). */
    remove_from_sm_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('VDI.remove_from_sm_config', [self, key]) as Promise<void>,
    /** Get the is_a_snapshot field of the given VDI. */
    get_is_a_snapshot: (self: T.Ref): Promise<boolean> =>
      this.call('VDI.get_is_a_snapshot', [self]) as Promise<boolean>,
    /** Get the snapshot_of field of the given VDI. */
    get_snapshot_of: (self: T.Ref): Promise<T.Ref> =>
      this.call('VDI.get_snapshot_of', [self]) as Promise<T.Ref>,
    /** Get the snapshots field of the given VDI. */
    get_snapshots: (self: T.Ref): Promise<readonly T.Ref[]> =>
      this.call('VDI.get_snapshots', [self]) as Promise<readonly T.Ref[]>,
    /** Get the snapshot_time field of the given VDI. */
    get_snapshot_time: (self: T.Ref): Promise<string> =>
      this.call('VDI.get_snapshot_time', [self]) as Promise<string>,
    /** Get the tags field of the given VDI. */
    get_tags: (self: T.Ref): Promise<readonly string[]> =>
      this.call('VDI.get_tags', [self]) as Promise<readonly string[]>,
    /** Set the tags field of the given VDI. */
    set_tags: (self: T.Ref, value: readonly string[]): Promise<void> =>
      this.call('VDI.set_tags', [self, value]) as Promise<void>,
    /** Add a value to the tags set of the given VDI (no change if present). */
    add_tags: (self: T.Ref, value: string): Promise<void> =>
      this.call('VDI.add_tags', [self, value]) as Promise<void>,
    /** Remove a value from the tags set of the given VDI (no change if absent). */
    remove_tags: (self: T.Ref, value: string): Promise<void> =>
      this.call('VDI.remove_tags', [self, value]) as Promise<void>,
    /** Get the allow_caching field of the given VDI. */
    get_allow_caching: (self: T.Ref): Promise<boolean> =>
      this.call('VDI.get_allow_caching', [self]) as Promise<boolean>,
    /** Get the on_boot field of the given VDI. */
    get_on_boot: (self: T.Ref): Promise<T.OnBoot> =>
      this.call('VDI.get_on_boot', [self]) as Promise<T.OnBoot>,
    /** Get the metadata_of_pool field of the given VDI. */
    get_metadata_of_pool: (self: T.Ref): Promise<T.Ref> =>
      this.call('VDI.get_metadata_of_pool', [self]) as Promise<T.Ref>,
    /** Get the metadata_latest field of the given VDI. */
    get_metadata_latest: (self: T.Ref): Promise<boolean> =>
      this.call('VDI.get_metadata_latest', [self]) as Promise<boolean>,
    /** Get the is_tools_iso field of the given VDI. */
    get_is_tools_iso: (self: T.Ref): Promise<boolean> =>
      this.call('VDI.get_is_tools_iso', [self]) as Promise<boolean>,
    /** Get the cbt_enabled field of the given VDI. */
    get_cbt_enabled: (self: T.Ref): Promise<boolean> =>
      this.call('VDI.get_cbt_enabled', [self]) as Promise<boolean>,
  };
  readonly VBD = {
    /** Set the disk QoS algorithm: "ionice" (params sched = rt|real-time|best-effort|idle, class = highest|high|normal|low|lowest|0..7) or "throttle" (params bps, bps_rd, bps_wr in bytes/s, iops, iops_rd, iops_wr in operations/s; a total excludes its read/write pair); "" for none. A backend that cannot apply it refuses it with VALUE_NOT_SUPPORTED. */
    set_qos_algorithm_type: (self: T.Ref, value: string): Promise<void> =>
      this.call('VBD.set_qos_algorithm_type', [self, value]) as Promise<void>,
    /** Set the parameters of the disk QoS algorithm (checked against the algorithm when it is not ""). */
    set_qos_algorithm_params: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VBD.set_qos_algorithm_params', [self, value]) as Promise<void>,
    /** Add a parameter of the disk QoS algorithm. */
    add_to_qos_algorithm_params: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('VBD.add_to_qos_algorithm_params', [self, key, value]) as Promise<void>,
    /** Remove a parameter of the disk QoS algorithm. */
    remove_from_qos_algorithm_params: (self: T.Ref, key: string): Promise<void> =>
      this.call('VBD.remove_from_qos_algorithm_params', [self, key]) as Promise<void>,
    /** Set the mode of the VBD; its VM must be halted. */
    set_mode: (self: T.Ref, value: T.VbdMode): Promise<void> =>
      this.call('VBD.set_mode', [self, value]) as Promise<void>,
    /** Fail with the reason the VBD could not be attached if its VM were running. */
    assert_attachable: (self: T.Ref): Promise<void> =>
      this.call('VBD.assert_attachable', [self]) as Promise<void>,
    /** Hot-plug the disk into its running VM. */
    plug: (self: T.Ref): Promise<void> => this.call('VBD.plug', [self]) as Promise<void>,
    /** Hot-unplug the disk from its running VM, with the guest agreeing. */
    unplug: (self: T.Ref): Promise<void> => this.call('VBD.unplug', [self]) as Promise<void>,
    /** Hot-unplug the disk from its running VM without asking the guest. */
    unplug_force: (self: T.Ref): Promise<void> => this.call('VBD.unplug_force', [self]) as Promise<void>,
    /** Insert media into an empty CD drive. */
    insert: (vbd: T.Ref, vdi: T.Ref): Promise<void> => this.call('VBD.insert', [vbd, vdi]) as Promise<void>,
    /** Eject the media of a CD drive. */
    eject: (vbd: T.Ref): Promise<void> => this.call('VBD.eject', [vbd]) as Promise<void>,
    /** Get a record containing the current state of the given VBD. */
    get_record: (self: T.Ref): Promise<T.VBDRecord> =>
      this.call('VBD.get_record', [self]) as Promise<T.VBDRecord>,
    /** Get a reference to the VBD with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('VBD.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** Create a new VBD instance and return its reference. */
    create: (args: Partial<T.VBDRecord>): Promise<T.Ref> => this.call('VBD.create', [args]) as Promise<T.Ref>,
    /** Destroy the given VBD instance. */
    destroy: (self: T.Ref): Promise<void> => this.call('VBD.destroy', [self]) as Promise<void>,
    /** List all VBD instances. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('VBD.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all VBD instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.VBDRecord>>> =>
      this.call('VBD.get_all_records', []) as Promise<Readonly<Record<string, T.VBDRecord>>>,
    /** Get the records of the VBD instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.VBDRecord>>> =>
      this.call('VBD.get_all_records_where', [expr]) as Promise<Readonly<Record<string, T.VBDRecord>>>,
    /** Get references to the VBD instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('VBD.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given VBD. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('VBD.get_uuid', [self]) as Promise<string>,
    /** Get the allowed_operations field of the given VBD. */
    get_allowed_operations: (self: T.Ref): Promise<readonly T.VbdOperations[]> =>
      this.call('VBD.get_allowed_operations', [self]) as Promise<readonly T.VbdOperations[]>,
    /** Get the current_operations field of the given VBD. */
    get_current_operations: (self: T.Ref): Promise<Readonly<Record<string, T.VbdOperations>>> =>
      this.call('VBD.get_current_operations', [self]) as Promise<Readonly<Record<string, T.VbdOperations>>>,
    /** Get the VM field of the given VBD. */
    get_VM: (self: T.Ref): Promise<T.Ref> => this.call('VBD.get_VM', [self]) as Promise<T.Ref>,
    /** Get the VDI field of the given VBD. */
    get_VDI: (self: T.Ref): Promise<T.Ref> => this.call('VBD.get_VDI', [self]) as Promise<T.Ref>,
    /** Get the device field of the given VBD. */
    get_device: (self: T.Ref): Promise<string> => this.call('VBD.get_device', [self]) as Promise<string>,
    /** Get the userdevice field of the given VBD. */
    get_userdevice: (self: T.Ref): Promise<string> =>
      this.call('VBD.get_userdevice', [self]) as Promise<string>,
    /** Set the userdevice field of the given VBD. */
    set_userdevice: (self: T.Ref, value: string): Promise<void> =>
      this.call('VBD.set_userdevice', [self, value]) as Promise<void>,
    /** Get the bootable field of the given VBD. */
    get_bootable: (self: T.Ref): Promise<boolean> =>
      this.call('VBD.get_bootable', [self]) as Promise<boolean>,
    /** Set the bootable field of the given VBD. */
    set_bootable: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('VBD.set_bootable', [self, value]) as Promise<void>,
    /** Get the mode field of the given VBD. */
    get_mode: (self: T.Ref): Promise<T.VbdMode> => this.call('VBD.get_mode', [self]) as Promise<T.VbdMode>,
    /** Get the type field of the given VBD. */
    get_type: (self: T.Ref): Promise<T.VbdType> => this.call('VBD.get_type', [self]) as Promise<T.VbdType>,
    /** Set the type field of the given VBD. */
    set_type: (self: T.Ref, value: T.VbdType): Promise<void> =>
      this.call('VBD.set_type', [self, value]) as Promise<void>,
    /** Get the unpluggable field of the given VBD. */
    get_unpluggable: (self: T.Ref): Promise<boolean> =>
      this.call('VBD.get_unpluggable', [self]) as Promise<boolean>,
    /** Set the unpluggable field of the given VBD. */
    set_unpluggable: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('VBD.set_unpluggable', [self, value]) as Promise<void>,
    /** Get the storage_lock field of the given VBD. */
    get_storage_lock: (self: T.Ref): Promise<boolean> =>
      this.call('VBD.get_storage_lock', [self]) as Promise<boolean>,
    /** Get the empty field of the given VBD. */
    get_empty: (self: T.Ref): Promise<boolean> => this.call('VBD.get_empty', [self]) as Promise<boolean>,
    /** Get the other_config field of the given VBD. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VBD.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given VBD. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VBD.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given VBD; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('VBD.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given VBD (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('VBD.remove_from_other_config', [self, key]) as Promise<void>,
    /** Get the currently_attached field of the given VBD. */
    get_currently_attached: (self: T.Ref): Promise<boolean> =>
      this.call('VBD.get_currently_attached', [self]) as Promise<boolean>,
    /** Get the status_code field of the given VBD. */
    get_status_code: (self: T.Ref): Promise<number> =>
      this.call('VBD.get_status_code', [self]) as Promise<number>,
    /** Get the status_detail field of the given VBD. */
    get_status_detail: (self: T.Ref): Promise<string> =>
      this.call('VBD.get_status_detail', [self]) as Promise<string>,
    /** Get the runtime_properties field of the given VBD. */
    get_runtime_properties: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VBD.get_runtime_properties', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the qos_algorithm_type field of the given VBD. */
    get_qos_algorithm_type: (self: T.Ref): Promise<string> =>
      this.call('VBD.get_qos_algorithm_type', [self]) as Promise<string>,
    /** Get the qos_algorithm_params field of the given VBD. */
    get_qos_algorithm_params: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VBD.get_qos_algorithm_params', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the qos_supported_algorithms field of the given VBD. */
    get_qos_supported_algorithms: (self: T.Ref): Promise<readonly string[]> =>
      this.call('VBD.get_qos_supported_algorithms', [self]) as Promise<readonly string[]>,
    /** Get the metrics field of the given VBD. */
    get_metrics: (self: T.Ref): Promise<T.Ref> => this.call('VBD.get_metrics', [self]) as Promise<T.Ref>,
  };
  readonly VBD_metrics = {
    /** Get a record containing the current state of the given VBD_metrics. */
    get_record: (self: T.Ref): Promise<T.VBDMetricsRecord> =>
      this.call('VBD_metrics.get_record', [self]) as Promise<T.VBDMetricsRecord>,
    /** Get a reference to the VBD_metrics with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> =>
      this.call('VBD_metrics.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** List all VBD_metrics instances. */
    get_all: (): Promise<readonly T.Ref[]> =>
      this.call('VBD_metrics.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all VBD_metrics instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.VBDMetricsRecord>>> =>
      this.call('VBD_metrics.get_all_records', []) as Promise<Readonly<Record<string, T.VBDMetricsRecord>>>,
    /** Get the records of the VBD_metrics instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.VBDMetricsRecord>>> =>
      this.call('VBD_metrics.get_all_records_where', [expr]) as Promise<
        Readonly<Record<string, T.VBDMetricsRecord>>
      >,
    /** Get references to the VBD_metrics instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('VBD_metrics.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given VBD_metrics. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('VBD_metrics.get_uuid', [self]) as Promise<string>,
    /** Get the io_read_kbs field of the given VBD_metrics. */
    get_io_read_kbs: (self: T.Ref): Promise<number> =>
      this.call('VBD_metrics.get_io_read_kbs', [self]) as Promise<number>,
    /** Get the io_write_kbs field of the given VBD_metrics. */
    get_io_write_kbs: (self: T.Ref): Promise<number> =>
      this.call('VBD_metrics.get_io_write_kbs', [self]) as Promise<number>,
    /** Get the last_updated field of the given VBD_metrics. */
    get_last_updated: (self: T.Ref): Promise<string> =>
      this.call('VBD_metrics.get_last_updated', [self]) as Promise<string>,
    /** Get the other_config field of the given VBD_metrics. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('VBD_metrics.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given VBD_metrics. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('VBD_metrics.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given VBD_metrics; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('VBD_metrics.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given VBD_metrics (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('VBD_metrics.remove_from_other_config', [self, key]) as Promise<void>,
  };
  readonly PBD = {
    /** Attach the SR on the host and scan it. */
    plug: (self: T.Ref): Promise<void> => this.call('PBD.plug', [self]) as Promise<void>,
    /** Detach the SR from the host; refused while one of its disks is in use. */
    unplug: (self: T.Ref): Promise<void> => this.call('PBD.unplug', [self]) as Promise<void>,
    /** Change the connection settings of an unplugged PBD. */
    set_device_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('PBD.set_device_config', [self, value]) as Promise<void>,
    /** Destroy an unplugged PBD. */
    destroy: (self: T.Ref): Promise<void> => this.call('PBD.destroy', [self]) as Promise<void>,
    /** Get a record containing the current state of the given PBD. */
    get_record: (self: T.Ref): Promise<T.PBDRecord> =>
      this.call('PBD.get_record', [self]) as Promise<T.PBDRecord>,
    /** Get a reference to the PBD with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('PBD.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** Create a new PBD instance and return its reference. */
    create: (args: Partial<T.PBDRecord>): Promise<T.Ref> => this.call('PBD.create', [args]) as Promise<T.Ref>,
    /** List all PBD instances. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('PBD.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all PBD instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.PBDRecord>>> =>
      this.call('PBD.get_all_records', []) as Promise<Readonly<Record<string, T.PBDRecord>>>,
    /** Get the records of the PBD instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.PBDRecord>>> =>
      this.call('PBD.get_all_records_where', [expr]) as Promise<Readonly<Record<string, T.PBDRecord>>>,
    /** Get references to the PBD instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('PBD.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given PBD. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('PBD.get_uuid', [self]) as Promise<string>,
    /** Get the host field of the given PBD. */
    get_host: (self: T.Ref): Promise<T.Ref> => this.call('PBD.get_host', [self]) as Promise<T.Ref>,
    /** Get the SR field of the given PBD. */
    get_SR: (self: T.Ref): Promise<T.Ref> => this.call('PBD.get_SR', [self]) as Promise<T.Ref>,
    /** Get the device_config field of the given PBD. */
    get_device_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('PBD.get_device_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Get the currently_attached field of the given PBD. */
    get_currently_attached: (self: T.Ref): Promise<boolean> =>
      this.call('PBD.get_currently_attached', [self]) as Promise<boolean>,
    /** Get the other_config field of the given PBD. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('PBD.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given PBD. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('PBD.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given PBD; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('PBD.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given PBD (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('PBD.remove_from_other_config', [self, key]) as Promise<void>,
  };
  readonly console = {
    /** Get a record containing the current state of the given console. */
    get_record: (self: T.Ref): Promise<T.ConsoleRecord> =>
      this.call('console.get_record', [self]) as Promise<T.ConsoleRecord>,
    /** Get a reference to the console with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('console.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** Create a new console instance and return its reference. */
    create: (args: Partial<T.ConsoleRecord>): Promise<T.Ref> =>
      this.call('console.create', [args]) as Promise<T.Ref>,
    /** Destroy the given console instance. */
    destroy: (self: T.Ref): Promise<void> => this.call('console.destroy', [self]) as Promise<void>,
    /** List all console instances. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('console.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all console instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.ConsoleRecord>>> =>
      this.call('console.get_all_records', []) as Promise<Readonly<Record<string, T.ConsoleRecord>>>,
    /** Get the records of the console instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.ConsoleRecord>>> =>
      this.call('console.get_all_records_where', [expr]) as Promise<
        Readonly<Record<string, T.ConsoleRecord>>
      >,
    /** Get references to the console instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('console.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given console. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('console.get_uuid', [self]) as Promise<string>,
    /** Get the protocol field of the given console. */
    get_protocol: (self: T.Ref): Promise<T.ConsoleProtocol> =>
      this.call('console.get_protocol', [self]) as Promise<T.ConsoleProtocol>,
    /** Get the location field of the given console. */
    get_location: (self: T.Ref): Promise<string> =>
      this.call('console.get_location', [self]) as Promise<string>,
    /** Get the VM field of the given console. */
    get_VM: (self: T.Ref): Promise<T.Ref> => this.call('console.get_VM', [self]) as Promise<T.Ref>,
    /** Get the other_config field of the given console. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('console.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given console. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('console.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given console; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('console.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given console (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('console.remove_from_other_config', [self, key]) as Promise<void>,
  };
  readonly user = {
    /** Get a record containing the current state of the given user. */
    get_record: (self: T.Ref): Promise<T.UserRecord> =>
      this.call('user.get_record', [self]) as Promise<T.UserRecord>,
    /** Get a reference to the user with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('user.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** Create a new user instance and return its reference. */
    create: (args: Partial<T.UserRecord>): Promise<T.Ref> =>
      this.call('user.create', [args]) as Promise<T.Ref>,
    /** Destroy the given user instance. */
    destroy: (self: T.Ref): Promise<void> => this.call('user.destroy', [self]) as Promise<void>,
    /** Get the uuid field of the given user. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('user.get_uuid', [self]) as Promise<string>,
    /** Get the short_name field of the given user. */
    get_short_name: (self: T.Ref): Promise<string> =>
      this.call('user.get_short_name', [self]) as Promise<string>,
    /** Get the fullname field of the given user. */
    get_fullname: (self: T.Ref): Promise<string> => this.call('user.get_fullname', [self]) as Promise<string>,
    /** Set the fullname field of the given user. */
    set_fullname: (self: T.Ref, value: string): Promise<void> =>
      this.call('user.set_fullname', [self, value]) as Promise<void>,
    /** Get the other_config field of the given user. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('user.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given user. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('user.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given user; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('user.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given user (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('user.remove_from_other_config', [self, key]) as Promise<void>,
  };
  readonly data_source = {};
  readonly blob = {
    /** Create a placeholder for a binary blob attached to nothing. */
    create: (mime_type: string, public_: boolean): Promise<T.Ref> =>
      this.call('blob.create', [mime_type, public_]) as Promise<T.Ref>,
    /** Destroy a blob and its data. */
    destroy: (self: T.Ref): Promise<void> => this.call('blob.destroy', [self]) as Promise<void>,
    /** Get a record containing the current state of the given blob. */
    get_record: (self: T.Ref): Promise<T.BlobRecord> =>
      this.call('blob.get_record', [self]) as Promise<T.BlobRecord>,
    /** Get a reference to the blob with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('blob.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** Get all the blob instances with the given label. */
    get_by_name_label: (label: string): Promise<readonly T.Ref[]> =>
      this.call('blob.get_by_name_label', [label]) as Promise<readonly T.Ref[]>,
    /** List all blob instances. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('blob.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all blob instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.BlobRecord>>> =>
      this.call('blob.get_all_records', []) as Promise<Readonly<Record<string, T.BlobRecord>>>,
    /** Get the records of the blob instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.BlobRecord>>> =>
      this.call('blob.get_all_records_where', [expr]) as Promise<Readonly<Record<string, T.BlobRecord>>>,
    /** Get references to the blob instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('blob.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given blob. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('blob.get_uuid', [self]) as Promise<string>,
    /** Get the name_label field of the given blob. */
    get_name_label: (self: T.Ref): Promise<string> =>
      this.call('blob.get_name_label', [self]) as Promise<string>,
    /** Set the name_label field of the given blob. */
    set_name_label: (self: T.Ref, value: string): Promise<void> =>
      this.call('blob.set_name_label', [self, value]) as Promise<void>,
    /** Get the name_description field of the given blob. */
    get_name_description: (self: T.Ref): Promise<string> =>
      this.call('blob.get_name_description', [self]) as Promise<string>,
    /** Set the name_description field of the given blob. */
    set_name_description: (self: T.Ref, value: string): Promise<void> =>
      this.call('blob.set_name_description', [self, value]) as Promise<void>,
    /** Get the size field of the given blob. */
    get_size: (self: T.Ref): Promise<number> => this.call('blob.get_size', [self]) as Promise<number>,
    /** Get the public field of the given blob. */
    get_public: (self: T.Ref): Promise<boolean> => this.call('blob.get_public', [self]) as Promise<boolean>,
    /** Set the public field of the given blob. */
    set_public: (self: T.Ref, value: boolean): Promise<void> =>
      this.call('blob.set_public', [self, value]) as Promise<void>,
    /** Get the last_updated field of the given blob. */
    get_last_updated: (self: T.Ref): Promise<string> =>
      this.call('blob.get_last_updated', [self]) as Promise<string>,
    /** Get the mime_type field of the given blob. */
    get_mime_type: (self: T.Ref): Promise<string> =>
      this.call('blob.get_mime_type', [self]) as Promise<string>,
  };
  readonly message = {
    /** Create a message about an object. */
    create: (name: string, priority: number, cls: T.Cls, obj_uuid: string, body: string): Promise<T.Ref> =>
      this.call('message.create', [name, priority, cls, obj_uuid, body]) as Promise<T.Ref>,
    /** Delete a message. */
    destroy: (self: T.Ref): Promise<void> => this.call('message.destroy', [self]) as Promise<void>,
    /** Delete several messages. */
    destroy_many: (messages: readonly T.Ref[]): Promise<void> =>
      this.call('message.destroy_many', [messages]) as Promise<void>,
    /** Get the messages about an object created after a given time. */
    get: (cls: T.Cls, obj_uuid: string, since: string): Promise<Readonly<Record<string, T.MessageRecord>>> =>
      this.call('message.get', [cls, obj_uuid, since]) as Promise<Readonly<Record<string, T.MessageRecord>>>,
    /** Get every message created after a given time. */
    get_since: (since: string): Promise<Readonly<Record<string, T.MessageRecord>>> =>
      this.call('message.get_since', [since]) as Promise<Readonly<Record<string, T.MessageRecord>>>,
    /** List all messages. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('message.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all messages. */
    get_all_records: (): Promise<Readonly<Record<string, T.MessageRecord>>> =>
      this.call('message.get_all_records', []) as Promise<Readonly<Record<string, T.MessageRecord>>>,
    /** Get the record of a message. */
    get_record: (self: T.Ref): Promise<T.MessageRecord> =>
      this.call('message.get_record', [self]) as Promise<T.MessageRecord>,
    /** Get a reference to the message with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('message.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** Get the records of the messages matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.MessageRecord>>> =>
      this.call('message.get_all_records_where', [expr]) as Promise<
        Readonly<Record<string, T.MessageRecord>>
      >,
  };
  readonly secret = {
    /** Create a secret with a given UUID (used when copying secrets between pools). */
    introduce: (
      uuid: string,
      value: string,
      other_config: Readonly<Record<string, string>>,
    ): Promise<T.Ref> => this.call('secret.introduce', [uuid, value, other_config]) as Promise<T.Ref>,
    /** Get a record containing the current state of the given secret. */
    get_record: (self: T.Ref): Promise<T.SecretRecord> =>
      this.call('secret.get_record', [self]) as Promise<T.SecretRecord>,
    /** Get a reference to the secret with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> => this.call('secret.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** Create a new secret instance and return its reference. */
    create: (args: Partial<T.SecretRecord>): Promise<T.Ref> =>
      this.call('secret.create', [args]) as Promise<T.Ref>,
    /** Destroy the given secret instance. */
    destroy: (self: T.Ref): Promise<void> => this.call('secret.destroy', [self]) as Promise<void>,
    /** List all secret instances. */
    get_all: (): Promise<readonly T.Ref[]> => this.call('secret.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all secret instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.SecretRecord>>> =>
      this.call('secret.get_all_records', []) as Promise<Readonly<Record<string, T.SecretRecord>>>,
    /** Get the records of the secret instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.SecretRecord>>> =>
      this.call('secret.get_all_records_where', [expr]) as Promise<Readonly<Record<string, T.SecretRecord>>>,
    /** Get references to the secret instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('secret.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given secret. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('secret.get_uuid', [self]) as Promise<string>,
    /** Get the value field of the given secret. */
    get_value: (self: T.Ref): Promise<string> => this.call('secret.get_value', [self]) as Promise<string>,
    /** Set the value field of the given secret. */
    set_value: (self: T.Ref, value: string): Promise<void> =>
      this.call('secret.set_value', [self, value]) as Promise<void>,
    /** Get the other_config field of the given secret. */
    get_other_config: (self: T.Ref): Promise<Readonly<Record<string, string>>> =>
      this.call('secret.get_other_config', [self]) as Promise<Readonly<Record<string, string>>>,
    /** Set the other_config field of the given secret. */
    set_other_config: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<void> =>
      this.call('secret.set_other_config', [self, value]) as Promise<void>,
    /** Add a key-value pair to the other_config map of the given secret; MAP_DUPLICATE_KEY if the key exists. */
    add_to_other_config: (self: T.Ref, key: string, value: string): Promise<void> =>
      this.call('secret.add_to_other_config', [self, key, value]) as Promise<void>,
    /** Remove a key from the other_config map of the given secret (no change if absent). */
    remove_from_other_config: (self: T.Ref, key: string): Promise<void> =>
      this.call('secret.remove_from_other_config', [self, key]) as Promise<void>,
  };
  readonly Certificate = {
    /** Get a record containing the current state of the given Certificate. */
    get_record: (self: T.Ref): Promise<T.CertificateRecord> =>
      this.call('Certificate.get_record', [self]) as Promise<T.CertificateRecord>,
    /** Get a reference to the Certificate with the given UUID. */
    get_by_uuid: (uuid: string): Promise<T.Ref> =>
      this.call('Certificate.get_by_uuid', [uuid]) as Promise<T.Ref>,
    /** List all Certificate instances. */
    get_all: (): Promise<readonly T.Ref[]> =>
      this.call('Certificate.get_all', []) as Promise<readonly T.Ref[]>,
    /** Get the records of all Certificate instances. */
    get_all_records: (): Promise<Readonly<Record<string, T.CertificateRecord>>> =>
      this.call('Certificate.get_all_records', []) as Promise<Readonly<Record<string, T.CertificateRecord>>>,
    /** Get the records of the Certificate instances matching an expression. */
    get_all_records_where: (expr: string): Promise<Readonly<Record<string, T.CertificateRecord>>> =>
      this.call('Certificate.get_all_records_where', [expr]) as Promise<
        Readonly<Record<string, T.CertificateRecord>>
      >,
    /** Get references to the Certificate instances matching an expression. */
    get_all_where: (expr: string): Promise<readonly T.Ref[]> =>
      this.call('Certificate.get_all_where', [expr]) as Promise<readonly T.Ref[]>,
    /** Get the uuid field of the given Certificate. */
    get_uuid: (self: T.Ref): Promise<string> => this.call('Certificate.get_uuid', [self]) as Promise<string>,
    /** Get the name field of the given Certificate. */
    get_name: (self: T.Ref): Promise<string> => this.call('Certificate.get_name', [self]) as Promise<string>,
    /** Get the type field of the given Certificate. */
    get_type: (self: T.Ref): Promise<T.CertificateType> =>
      this.call('Certificate.get_type', [self]) as Promise<T.CertificateType>,
    /** Get the host field of the given Certificate. */
    get_host: (self: T.Ref): Promise<T.Ref> => this.call('Certificate.get_host', [self]) as Promise<T.Ref>,
    /** Get the not_before field of the given Certificate. */
    get_not_before: (self: T.Ref): Promise<string> =>
      this.call('Certificate.get_not_before', [self]) as Promise<string>,
    /** Get the not_after field of the given Certificate. */
    get_not_after: (self: T.Ref): Promise<string> =>
      this.call('Certificate.get_not_after', [self]) as Promise<string>,
    /** Get the fingerprint field of the given Certificate. */
    get_fingerprint: (self: T.Ref): Promise<string> =>
      this.call('Certificate.get_fingerprint', [self]) as Promise<string>,
  };
  readonly sr_stat = {};
  readonly probe_result = {};
  readonly Async = {
    subject: {
      /** Create a new subject instance and return its reference. */
      create: (args: Partial<T.SubjectRecord>): Promise<T.Ref> =>
        this.call('Async.subject.create', [args]) as Promise<T.Ref>,
      /** Destroy the given subject instance. */
      destroy: (self: T.Ref): Promise<T.Ref> => this.call('Async.subject.destroy', [self]) as Promise<T.Ref>,
    },
    task: {
      /** Ask the task to stop; it ends with status cancelled if the operation can be stopped. */
      cancel: (task: T.Ref): Promise<T.Ref> => this.call('Async.task.cancel', [task]) as Promise<T.Ref>,
    },
    event: {
      /** Subscribe the session to events of the given classes for event.next (deprecated). */
      register: (classes: readonly string[]): Promise<T.Ref> =>
        this.call('Async.event.register', [classes]) as Promise<T.Ref>,
      /** Remove classes from the session's event.next subscription (deprecated). */
      unregister: (classes: readonly string[]): Promise<T.Ref> =>
        this.call('Async.event.unregister', [classes]) as Promise<T.Ref>,
    },
    pool: {
      /** Write the pool database durably to disk now. (In a multi-host pool xapi also pushes it to every member; pools here have one host.) */
      sync_database: (): Promise<T.Ref> => this.call('Async.pool.sync_database', []) as Promise<T.Ref>,
      /** Instruct host to join a new pool. Called on the joining host, which logs in to the master, runs the pre-join checks and gives up its own database. */
      join: (master_address: string, master_username: string, master_password: string): Promise<T.Ref> =>
        this.call('Async.pool.join', [master_address, master_username, master_password]) as Promise<T.Ref>,
      /** Instruct host to join a new pool, skipping the check that the hosts are homogeneous. */
      join_force: (
        master_address: string,
        master_username: string,
        master_password: string,
      ): Promise<T.Ref> =>
        this.call('Async.pool.join_force', [
          master_address,
          master_username,
          master_password,
        ]) as Promise<T.Ref>,
      /** Instruct a pool master to eject a host from the pool. */
      eject: (host: T.Ref): Promise<T.Ref> => this.call('Async.pool.eject', [host]) as Promise<T.Ref>,
      /** Perform an orderly handover of the role of master to the referenced host. */
      designate_new_master: (host: T.Ref): Promise<T.Ref> =>
        this.call('Async.pool.designate_new_master', [host]) as Promise<T.Ref>,
      /** Instruct a pool master, M, to try and contact its slaves and, if slaves are in emergency mode, reset their master address to M. */
      recover_slaves: (): Promise<T.Ref> => this.call('Async.pool.recover_slaves', []) as Promise<T.Ref>,
      /** Replace the pool secret that members use to authenticate to each other. */
      rotate_secret: (): Promise<T.Ref> => this.call('Async.pool.rotate_secret', []) as Promise<T.Ref>,
      /** Initialize workload balancing for the pool. xapi-ts has no workload balancing: the call fails with LICENCE_RESTRICTION (WLB), as in an unlicensed xapi. */
      initialize_wlb: (
        wlb_url: string,
        wlb_username: string,
        wlb_password: string,
        xenserver_username: string,
        xenserver_password: string,
      ): Promise<T.Ref> =>
        this.call('Async.pool.initialize_wlb', [
          wlb_url,
          wlb_username,
          wlb_password,
          xenserver_username,
          xenserver_password,
        ]) as Promise<T.Ref>,
      /** Forget the workload balancing server. No server is ever configured here: WLB_NOT_INITIALIZED. */
      deconfigure_wlb: (): Promise<T.Ref> => this.call('Async.pool.deconfigure_wlb', []) as Promise<T.Ref>,
      /** Send the workload balancing configuration. xapi-ts has no workload balancing: the call fails with LICENCE_RESTRICTION (WLB), as in an unlicensed xapi. */
      send_wlb_configuration: (config: Readonly<Record<string, string>>): Promise<T.Ref> =>
        this.call('Async.pool.send_wlb_configuration', [config]) as Promise<T.Ref>,
      /** Retrieve the workload balancing configuration. xapi-ts has no workload balancing: the call fails with LICENCE_RESTRICTION (WLB), as in an unlicensed xapi. */
      retrieve_wlb_configuration: (): Promise<T.Ref> =>
        this.call('Async.pool.retrieve_wlb_configuration', []) as Promise<T.Ref>,
      /** Retrieve VM migrate recommendations for the pool. xapi-ts has no workload balancing: the call fails with LICENCE_RESTRICTION (WLB), as in an unlicensed xapi. */
      retrieve_wlb_recommendations: (): Promise<T.Ref> =>
        this.call('Async.pool.retrieve_wlb_recommendations', []) as Promise<T.Ref>,
      /** The licence state of the pool: `edition` (the lowest of its hosts') and `expiry`; xapi-ts licences never expire. */
      get_license_state: (self: T.Ref): Promise<T.Ref> =>
        this.call('Async.pool.get_license_state', [self]) as Promise<T.Ref>,
      /** Sync with the enabled repositories. xapi-ts has no update repositories: LICENCE_RESTRICTION (Updates), as in a xapi unlicensed for updates. */
      sync_updates: (self: T.Ref, force: boolean, token: string, token_id: string): Promise<T.Ref> =>
        this.call('Async.pool.sync_updates', [self, force, token, token_id]) as Promise<T.Ref>,
      /** Check that updates could be applied. xapi-ts has no update repositories: LICENCE_RESTRICTION (Updates), as in a xapi unlicensed for updates. */
      check_update_readiness: (self: T.Ref, requires_reboot: boolean): Promise<T.Ref> =>
        this.call('Async.pool.check_update_readiness', [self, requires_reboot]) as Promise<T.Ref>,
      /** Enable local storage caching on every host with a suitable SR. No SR driver here can cache: every host fails. */
      enable_local_storage_caching: (self: T.Ref): Promise<T.Ref> =>
        this.call('Async.pool.enable_local_storage_caching', [self]) as Promise<T.Ref>,
      /** Disable local storage caching on every host (host.disable_local_storage_caching on each). */
      disable_local_storage_caching: (self: T.Ref): Promise<T.Ref> =>
        this.call('Async.pool.disable_local_storage_caching', [self]) as Promise<T.Ref>,
      /** Set the IP address of the vswitch controller. Hosts here use Linux bridges, not Open vSwitch: OPERATION_NOT_ALLOWED. */
      set_vswitch_controller: (address: string): Promise<T.Ref> =>
        this.call('Async.pool.set_vswitch_controller', [address]) as Promise<T.Ref>,
      /** Install a TLS CA certificate, pool-wide: trusted when hosts verify TLS peers (see send_test_post). */
      install_ca_certificate: (name: string, cert: string): Promise<T.Ref> =>
        this.call('Async.pool.install_ca_certificate', [name, cert]) as Promise<T.Ref>,
      /** Uninstall a pool-wide TLS CA certificate. */
      uninstall_ca_certificate: (name: string): Promise<T.Ref> =>
        this.call('Async.pool.uninstall_ca_certificate', [name]) as Promise<T.Ref>,
      /** Install a TLS CA certificate, pool-wide (the old name of install_ca_certificate). */
      certificate_install: (name: string, cert: string): Promise<T.Ref> =>
        this.call('Async.pool.certificate_install', [name, cert]) as Promise<T.Ref>,
      /** Uninstall a pool-wide TLS CA certificate (the old name of uninstall_ca_certificate). */
      certificate_uninstall: (name: string): Promise<T.Ref> =>
        this.call('Async.pool.certificate_uninstall', [name]) as Promise<T.Ref>,
      /** List the names of all installed TLS CA certificates. */
      certificate_list: (): Promise<T.Ref> => this.call('Async.pool.certificate_list', []) as Promise<T.Ref>,
      /** Install a TLS certificate revocation list, pool-wide: applied when hosts verify TLS peers. */
      crl_install: (name: string, cert: string): Promise<T.Ref> =>
        this.call('Async.pool.crl_install', [name, cert]) as Promise<T.Ref>,
      /** Uninstall a pool-wide TLS certificate revocation list. */
      crl_uninstall: (name: string): Promise<T.Ref> =>
        this.call('Async.pool.crl_uninstall', [name]) as Promise<T.Ref>,
      /** List the names of all installed TLS certificate revocation lists. */
      crl_list: (): Promise<T.Ref> => this.call('Async.pool.crl_list', []) as Promise<T.Ref>,
      /** Make the Certificate records of type ca match the CA files of the coordinator's trust store (the files are the truth: a file added or removed by hand is recorded or forgotten). */
      certificate_sync: (): Promise<T.Ref> => this.call('Async.pool.certificate_sync', []) as Promise<T.Ref>,
      /** POST the body to https://host:port/ and return the response body. The peer is verified against the installed CA certificates (and CRLs) when TLS verification is on, as xapi verifies pool peers. */
      send_test_post: (host: string, port: number, body: string): Promise<T.Ref> =>
        this.call('Async.pool.send_test_post', [host, port, body]) as Promise<T.Ref>,
      /** Create a placeholder for a named binary blob of data associated with this pool; its data is written with HTTP PUT to /blob?ref=<blob>. */
      create_new_blob: (pool: T.Ref, name: string, mime_type: string, public_: boolean): Promise<T.Ref> =>
        this.call('Async.pool.create_new_blob', [pool, name, mime_type, public_]) as Promise<T.Ref>,
    },
    VM: {
      /** Start a halted VM: its disks are attached and xenopsd builds and runs the domain. */
      start: (vm: T.Ref, start_paused: boolean, force: boolean): Promise<T.Ref> =>
        this.call('Async.VM.start', [vm, start_paused, force]) as Promise<T.Ref>,
      /** Start a halted VM on the given host. */
      start_on: (vm: T.Ref, host: T.Ref, start_paused: boolean, force: boolean): Promise<T.Ref> =>
        this.call('Async.VM.start_on', [vm, host, start_paused, force]) as Promise<T.Ref>,
      /** Pause a running VM: it keeps its memory but its vCPUs stop. */
      pause: (vm: T.Ref): Promise<T.Ref> => this.call('Async.VM.pause', [vm]) as Promise<T.Ref>,
      /** Let a paused VM run again. */
      unpause: (vm: T.Ref): Promise<T.Ref> => this.call('Async.VM.unpause', [vm]) as Promise<T.Ref>,
      /** Ask the guest to shut down (ACPI power button) and wait for it to halt. */
      clean_shutdown: (vm: T.Ref): Promise<T.Ref> =>
        this.call('Async.VM.clean_shutdown', [vm]) as Promise<T.Ref>,
      /** Stop the VM at once, like pulling the power cord. A suspended VM loses its saved state. */
      hard_shutdown: (vm: T.Ref): Promise<T.Ref> =>
        this.call('Async.VM.hard_shutdown', [vm]) as Promise<T.Ref>,
      /** Shut the VM down cleanly if the guest cooperates in time, else hard. */
      shutdown: (vm: T.Ref): Promise<T.Ref> => this.call('Async.VM.shutdown', [vm]) as Promise<T.Ref>,
      /** Ask the guest to reboot and wait for it to come back. */
      clean_reboot: (vm: T.Ref): Promise<T.Ref> => this.call('Async.VM.clean_reboot', [vm]) as Promise<T.Ref>,
      /** Reset the VM at once, like pressing the reset button. */
      hard_reboot: (vm: T.Ref): Promise<T.Ref> => this.call('Async.VM.hard_reboot', [vm]) as Promise<T.Ref>,
      /** Save the VM's memory to a new disk (its suspend_VDI) and stop it. */
      suspend: (vm: T.Ref): Promise<T.Ref> => this.call('Async.VM.suspend', [vm]) as Promise<T.Ref>,
      /** Restore a suspended VM from its suspend_VDI, which is then destroyed. */
      resume: (vm: T.Ref, start_paused: boolean, force: boolean): Promise<T.Ref> =>
        this.call('Async.VM.resume', [vm, start_paused, force]) as Promise<T.Ref>,
      /** Restore a suspended VM on the given host. */
      resume_on: (vm: T.Ref, host: T.Ref, start_paused: boolean, force: boolean): Promise<T.Ref> =>
        this.call('Async.VM.resume_on', [vm, host, start_paused, force]) as Promise<T.Ref>,
      /** Change the number of online vCPUs of a running VM, between 1 and VCPUs_max. */
      set_VCPUs_number_live: (self: T.Ref, nvcpu: number): Promise<T.Ref> =>
        this.call('Async.VM.set_VCPUs_number_live', [self, nvcpu]) as Promise<T.Ref>,
      /** Change the balloon range; a running VM is given the new range at once. */
      set_memory_dynamic_range: (self: T.Ref, min: number, max: number): Promise<T.Ref> =>
        this.call('Async.VM.set_memory_dynamic_range', [self, min, max]) as Promise<T.Ref>,
      /** Clone a halted VM or template: a new VM whose disks are fast (copy-on-write) clones of the original ones. */
      clone: (vm: T.Ref, new_name: string): Promise<T.Ref> =>
        this.call('Async.VM.clone', [vm, new_name]) as Promise<T.Ref>,
      /** Copy a halted VM or template: a new VM whose disks are full copies, not part of a copy-on-write chain. */
      copy: (vm: T.Ref, new_name: string, sr: T.Ref): Promise<T.Ref> =>
        this.call('Async.VM.copy', [vm, new_name, sr]) as Promise<T.Ref>,
      /** Take a snapshot of the VM: a template-like VM record whose disks are snapshots of the VM's disks. */
      snapshot: (vm: T.Ref, new_name: string, ignore_vdis: readonly T.Ref[]): Promise<T.Ref> =>
        this.call('Async.VM.snapshot', [vm, new_name, ignore_vdis]) as Promise<T.Ref>,
      /** Take a snapshot of the VM with its memory: a Suspended snapshot whose disks are snapshots of the VM's and whose suspend image is a copy of its memory; reverting to it and resuming continues the guest from that moment. */
      checkpoint: (vm: T.Ref, new_name: string): Promise<T.Ref> =>
        this.call('Async.VM.checkpoint', [vm, new_name]) as Promise<T.Ref>,
      /** Bring the snapshotted VM back to the snapshot's state: its disks and configuration. */
      revert: (snapshot: T.Ref): Promise<T.Ref> => this.call('Async.VM.revert', [snapshot]) as Promise<T.Ref>,
      /** Create the disks described in other_config:disks of a template (with their VBDs), then make it a VM. */
      provision: (vm: T.Ref): Promise<T.Ref> => this.call('Async.VM.provision', [vm]) as Promise<T.Ref>,
      /** Remove a halted or suspended VM with its devices and metrics; its disks are kept. */
      destroy: (self: T.Ref): Promise<T.Ref> => this.call('Async.VM.destroy', [self]) as Promise<T.Ref>,
      /** Record the VM as Halted in the database only (recovery after a lost host); use with care. */
      power_state_reset: (vm: T.Ref): Promise<T.Ref> =>
        this.call('Async.VM.power_state_reset', [vm]) as Promise<T.Ref>,
      /** The userdevice values a new VBD of the VM may take. */
      get_allowed_VBD_devices: (vm: T.Ref): Promise<T.Ref> =>
        this.call('Async.VM.get_allowed_VBD_devices', [vm]) as Promise<T.Ref>,
      /** The device values a new VIF of the VM may take. */
      get_allowed_VIF_devices: (vm: T.Ref): Promise<T.Ref> =>
        this.call('Async.VM.get_allowed_VIF_devices', [vm]) as Promise<T.Ref>,
      /** Fail with the reason the operation is not acceptable in the current state, if any. */
      assert_operation_valid: (self: T.Ref, op: T.VmOperations): Promise<T.Ref> =>
        this.call('Async.VM.assert_operation_valid', [self, op]) as Promise<T.Ref>,
      /** Recompute the list of acceptable operations. */
      update_allowed_operations: (self: T.Ref): Promise<T.Ref> =>
        this.call('Async.VM.update_allowed_operations', [self]) as Promise<T.Ref>,
      /** Move a running VM to another host of the pool; it keeps running throughout. */
      pool_migrate: (vm: T.Ref, host: T.Ref, options: Readonly<Record<string, string>>): Promise<T.Ref> =>
        this.call('Async.VM.pool_migrate', [vm, host, options]) as Promise<T.Ref>,
      /** Move the VM to the host of another pool described by dest, with its disks (to the SRs of vdi_map) and network interfaces (to the networks of vif_map). */
      migrate_send: (
        vm: T.Ref,
        dest: Readonly<Record<string, string>>,
        live: boolean,
        vdi_map: Readonly<Record<string, T.Ref>>,
        vif_map: Readonly<Record<string, T.Ref>>,
        options: Readonly<Record<string, string>>,
        vgpu_map: Readonly<Record<string, T.Ref>>,
      ): Promise<T.Ref> =>
        this.call('Async.VM.migrate_send', [
          vm,
          dest,
          live,
          vdi_map,
          vif_map,
          options,
          vgpu_map,
        ]) as Promise<T.Ref>,
      /** Fail with the reason VM.migrate_send with these arguments would be refused, if any. */
      assert_can_migrate: (
        vm: T.Ref,
        dest: Readonly<Record<string, string>>,
        live: boolean,
        vdi_map: Readonly<Record<string, T.Ref>>,
        vif_map: Readonly<Record<string, T.Ref>>,
        options: Readonly<Record<string, string>>,
        vgpu_map: Readonly<Record<string, T.Ref>>,
      ): Promise<T.Ref> =>
        this.call('Async.VM.assert_can_migrate', [
          vm,
          dest,
          live,
          vdi_map,
          vif_map,
          options,
          vgpu_map,
        ]) as Promise<T.Ref>,
      /** Set memory_static_max, memory_dynamic_min and memory_dynamic_max of a halted VM to one value; memory_static_min stays. */
      set_memory: (self: T.Ref, value: number): Promise<T.Ref> =>
        this.call('Async.VM.set_memory', [self, value]) as Promise<T.Ref>,
      /** Set the four memory limits of a halted VM at once. */
      set_memory_limits: (
        self: T.Ref,
        static_min: number,
        static_max: number,
        dynamic_min: number,
        dynamic_max: number,
      ): Promise<T.Ref> =>
        this.call('Async.VM.set_memory_limits', [
          self,
          static_min,
          static_max,
          dynamic_min,
          dynamic_max,
        ]) as Promise<T.Ref>,
      /** Set the static (boot-time) memory range of a halted VM. */
      set_memory_static_range: (self: T.Ref, min: number, max: number): Promise<T.Ref> =>
        this.call('Async.VM.set_memory_static_range', [self, min, max]) as Promise<T.Ref>,
      /** Compute the memory the virtualisation layer needs for the VM, from its static_max, vCPUs and shadow multiplier. */
      compute_memory_overhead: (vm: T.Ref): Promise<T.Ref> =>
        this.call('Async.VM.compute_memory_overhead', [vm]) as Promise<T.Ref>,
      /** The largest guest memory which, with its overheads, fits in the given physical memory. */
      maximise_memory: (self: T.Ref, total: number, approximate: boolean): Promise<T.Ref> =>
        this.call('Async.VM.maximise_memory', [self, total, approximate]) as Promise<T.Ref>,
      /** Set what happens when the guest crashes. */
      set_actions_after_crash: (self: T.Ref, value: T.OnCrashBehaviour): Promise<T.Ref> =>
        this.call('Async.VM.set_actions_after_crash', [self, value]) as Promise<T.Ref>,
      /** Set the VM's position in ordered start and shutdown (stored for appliance and HA planning). */
      set_order: (self: T.Ref, value: number): Promise<T.Ref> =>
        this.call('Async.VM.set_order', [self, value]) as Promise<T.Ref>,
      /** Set the seconds to wait after starting the VM in an ordered start (stored for appliance and HA planning). */
      set_start_delay: (self: T.Ref, value: number): Promise<T.Ref> =>
        this.call('Async.VM.set_start_delay', [self, value]) as Promise<T.Ref>,
      /** Set the seconds to wait after stopping the VM in an ordered shutdown (stored for appliance and HA planning). */
      set_shutdown_delay: (self: T.Ref, value: number): Promise<T.Ref> =>
        this.call('Async.VM.set_shutdown_delay', [self, value]) as Promise<T.Ref>,
      /** Give a VM without BIOS strings the generic set with the given keys overridden (bios-vendor, bios-version, system-*, baseboard-*, enclosure-asset-tag). */
      set_bios_strings: (self: T.Ref, value: Readonly<Record<string, string>>): Promise<T.Ref> =>
        this.call('Async.VM.set_bios_strings', [self, value]) as Promise<T.Ref>,
      /** Give a VM without BIOS strings the host's, and make the host its affinity. */
      copy_bios_strings: (vm: T.Ref, host: T.Ref): Promise<T.Ref> =>
        this.call('Async.VM.copy_bios_strings', [vm, host]) as Promise<T.Ref>,
      /** Replace a suspended VM's suspend VDI by one holding the same image. */
      set_suspend_VDI: (self: T.Ref, value: T.Ref): Promise<T.Ref> =>
        this.call('Async.VM.set_suspend_VDI', [self, value]) as Promise<T.Ref>,
      /** Workload balancing placement advice. xapi-ts has no WLB: LICENCE_RESTRICTION (WLB). */
      retrieve_wlb_recommendations: (vm: T.Ref): Promise<T.Ref> =>
        this.call('Async.VM.retrieve_wlb_recommendations', [vm]) as Promise<T.Ref>,
      /** Send the given key as a SysRq to a running VM. */
      send_sysrq: (vm: T.Ref, key: string): Promise<T.Ref> =>
        this.call('Async.VM.send_sysrq', [vm, key]) as Promise<T.Ref>,
      /** Send the named hardware trigger to a running VM. */
      send_trigger: (vm: T.Ref, trigger: string): Promise<T.Ref> =>
        this.call('Async.VM.send_trigger', [vm, trigger]) as Promise<T.Ref>,
      /** The system services a system domain advertises. */
      query_services: (self: T.Ref): Promise<T.Ref> =>
        this.call('Async.VM.query_services', [self]) as Promise<T.Ref>,
      /** Call a guest-agent plugin of a running VM. */
      call_plugin: (
        vm: T.Ref,
        plugin: string,
        fn: string,
        args: Readonly<Record<string, string>>,
      ): Promise<T.Ref> => this.call('Async.VM.call_plugin', [vm, plugin, fn, args]) as Promise<T.Ref>,
      /** Set the shadow memory multiplier of a running HVM guest. */
      set_shadow_multiplier_live: (self: T.Ref, multiplier: number): Promise<T.Ref> =>
        this.call('Async.VM.set_shadow_multiplier_live', [self, multiplier]) as Promise<T.Ref>,
      /** Set the balloon target of a running VM, within its dynamic range. */
      set_memory_target_live: (self: T.Ref, target: number): Promise<T.Ref> =>
        this.call('Async.VM.set_memory_target_live', [self, target]) as Promise<T.Ref>,
      /** Wait for a running VM to reach its memory target. */
      wait_memory_target_live: (self: T.Ref): Promise<T.Ref> =>
        this.call('Async.VM.wait_memory_target_live', [self]) as Promise<T.Ref>,
      /** Snapshot the VM with its guest's disks quiesced (needs the guest's VSS agent). */
      snapshot_with_quiesce: (vm: T.Ref, new_name: string): Promise<T.Ref> =>
        this.call('Async.VM.snapshot_with_quiesce', [vm, new_name]) as Promise<T.Ref>,
      /** Restart the device models of a running VM. */
      restart_device_models: (self: T.Ref): Promise<T.Ref> =>
        this.call('Async.VM.restart_device_models', [self]) as Promise<T.Ref>,
      /** Fails unless the VM can run on any host of the pool: every disk on a shared SR, every NIC on a pool-wide network. */
      assert_agile: (self: T.Ref): Promise<T.Ref> =>
        this.call('Async.VM.assert_agile', [self]) as Promise<T.Ref>,
      /** Create a placeholder for a named binary blob of data associated with this VM; its data is written with HTTP PUT to /blob?ref=<blob>. */
      create_new_blob: (vm: T.Ref, name: string, mime_type: string, public_: boolean): Promise<T.Ref> =>
        this.call('Async.VM.create_new_blob', [vm, name, mime_type, public_]) as Promise<T.Ref>,
      /** Fail with the reason the VM could not boot on the host now (liveness, enabled, SRs of its disks plugged there, networks of its VIFs, free memory), in xapi’s order. */
      assert_can_boot_here: (self: T.Ref, host: T.Ref): Promise<T.Ref> =>
        this.call('Async.VM.assert_can_boot_here', [self, host]) as Promise<T.Ref>,
      /** The live hosts the VM could boot on now (only its scheduled host while it is being started or moved). */
      get_possible_hosts: (vm: T.Ref): Promise<T.Ref> =>
        this.call('Async.VM.get_possible_hosts', [vm]) as Promise<T.Ref>,
      /** Create a new VM instance and return its reference. */
      create: (args: Partial<T.VMRecord>): Promise<T.Ref> =>
        this.call('Async.VM.create', [args]) as Promise<T.Ref>,
    },
    host: {
      /** Stop new VMs from starting on the host; VMs already running carry on. */
      disable: (host: T.Ref): Promise<T.Ref> => this.call('Async.host.disable', [host]) as Promise<T.Ref>,
      /** Let new VMs start on the host again. */
      enable: (host: T.Ref): Promise<T.Ref> => this.call('Async.host.enable', [host]) as Promise<T.Ref>,
      /** Power the host off. The host must be disabled first. The call returns once the shutdown is under way: VMs still running are shut down (cleanly, else forcibly), the database is flushed, the power-off command runs and the toolstack exits. */
      shutdown: (host: T.Ref): Promise<T.Ref> => this.call('Async.host.shutdown', [host]) as Promise<T.Ref>,
      /** Reboot the host. The host must be disabled first. The call returns once the reboot is under way: VMs still running are shut down (cleanly, else forcibly), the database is flushed, the reboot command runs and the toolstack exits. */
      reboot: (host: T.Ref): Promise<T.Ref> => this.call('Async.host.reboot', [host]) as Promise<T.Ref>,
      /** Migrate every VM running on the host to other hosts of the pool. Fails, moving nothing, if some VM has nowhere to go (in a one-host pool: whenever a VM is running). */
      evacuate: (host: T.Ref, network: T.Ref, evacuate_batch_size: number): Promise<T.Ref> =>
        this.call('Async.host.evacuate', [host, network, evacuate_batch_size]) as Promise<T.Ref>,
      /** The VMs that keep the host from being evacuated, with the reason for each. */
      get_vms_which_prevent_evacuation: (self: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.get_vms_which_prevent_evacuation', [self]) as Promise<T.Ref>,
      /** Fail with CANNOT_EVACUATE_HOST unless every VM on the host can be migrated elsewhere. */
      assert_can_evacuate: (host: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.assert_can_evacuate', [host]) as Promise<T.Ref>,
      /** The hypervisor's message log: on these hosts the Linux kernel's ring buffer, as dmesg prints it. */
      dmesg: (host: T.Ref): Promise<T.Ref> => this.call('Async.host.dmesg', [host]) as Promise<T.Ref>,
      /** Prepare to receive a VM: the URLs and the session the source needs to reach this host. */
      migrate_receive: (
        host: T.Ref,
        network: T.Ref,
        options: Readonly<Record<string, string>>,
      ): Promise<T.Ref> =>
        this.call('Async.host.migrate_receive', [host, network, options]) as Promise<T.Ref>,
      /** Install the TLS server certificate. HTTPS serves it to new connections at once, without a restart; the host's Certificate record is replaced. */
      install_server_certificate: (
        host: T.Ref,
        certificate: string,
        private_key: string,
        certificate_chain: string,
      ): Promise<T.Ref> =>
        this.call('Async.host.install_server_certificate', [
          host,
          certificate,
          private_key,
          certificate_chain,
        ]) as Promise<T.Ref>,
      /** Delete the current TLS server certificate and replace it by a new, self-signed one. */
      reset_server_certificate: (host: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.reset_server_certificate', [host]) as Promise<T.Ref>,
      /** Get the installed server public TLS certificate. */
      get_server_certificate: (host: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.get_server_certificate', [host]) as Promise<T.Ref>,
      /** Run a function of an executable plug-in from the host's plug-in directory, as xapi does: the plug-in gets an XML-RPC methodCall (session, argument struct) as its one argument and writes an XML-RPC methodResponse on stdout. */
      call_plugin: (
        host: T.Ref,
        plugin: string,
        fn: string,
        args: Readonly<Record<string, string>>,
      ): Promise<T.Ref> => this.call('Async.host.call_plugin', [host, plugin, fn, args]) as Promise<T.Ref>,
      /** Restart the toolstack (xapi) after a short pause, having answered first. Operations in progress are aborted; VMs keep running. */
      restart_agent: (host: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.restart_agent', [host]) as Promise<T.Ref>,
      /** Make the PIF the host's management interface: the host's address becomes the PIF's and the network listeners move to it. */
      management_reconfigure: (pif: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.management_reconfigure', [pif]) as Promise<T.Ref>,
      /** The host's management PIF. */
      get_management_interface: (host: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.get_management_interface', [host]) as Promise<T.Ref>,
      /** Bytes of host memory a new VM could be given: the host's free memory less what resident VMs may still claim. */
      compute_free_memory: (host: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.compute_free_memory', [host]) as Promise<T.Ref>,
      /** Bytes of memory the virtualisation layer uses on the host. */
      compute_memory_overhead: (host: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.compute_memory_overhead', [host]) as Promise<T.Ref>,
      /** Not implemented, as in xapi: fails with NOT_IMPLEMENTED. */
      get_log: (host: T.Ref): Promise<T.Ref> => this.call('Async.host.get_log', [host]) as Promise<T.Ref>,
      /** Apply host.logging:syslog_destination (empty: local only) to the toolstack's log forwarding. */
      syslog_reconfigure: (host: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.syslog_reconfigure', [host]) as Promise<T.Ref>,
      /** Not implemented, as in xapi: fails with NOT_IMPLEMENTED. */
      dmesg_clear: (host: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.dmesg_clear', [host]) as Promise<T.Ref>,
      /** Send debug keys to the hypervisor. These hosts have no Xen hypervisor: fails with NOT_IMPLEMENTED. */
      send_debug_keys: (host: T.Ref, keys: string): Promise<T.Ref> =>
        this.call('Async.host.send_debug_keys', [host, keys]) as Promise<T.Ref>,
      /** Deprecated; always empty, as in xapi. */
      get_uncooperative_resident_VMs: (self: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.get_uncooperative_resident_VMs', [self]) as Promise<T.Ref>,
      /** Run the host's bug-report upload command (host-bugreport-upload) with the URL and proxy in its environment. */
      bugreport_upload: (
        host: T.Ref,
        url: string,
        options: Readonly<Record<string, string>>,
      ): Promise<T.Ref> => this.call('Async.host.bugreport_upload', [host, url, options]) as Promise<T.Ref>,
      /** Set how the host is powered on remotely and its settings. Secrets named by the old settings (keys ending in password_secret) are destroyed. */
      set_power_on_mode: (
        self: T.Ref,
        power_on_mode: string,
        power_on_config: Readonly<Record<string, string>>,
      ): Promise<T.Ref> =>
        this.call('Async.host.set_power_on_mode', [self, power_on_mode, power_on_config]) as Promise<T.Ref>,
      /** Power on a host that is down, with the power-on-host plug-in (function main, argument remote_host_uuid), which must answer True. */
      power_on: (host: T.Ref): Promise<T.Ref> => this.call('Async.host.power_on', [host]) as Promise<T.Ref>,
      /** Workload balancing evacuation advice. xapi-ts has no WLB: LICENCE_RESTRICTION (WLB). */
      retrieve_wlb_evacuate_recommendations: (self: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.retrieve_wlb_evacuate_recommendations', [self]) as Promise<T.Ref>,
      /** Apply a licence file. xapi-ts has no licence daemon to read one: LICENSE_PROCESSING_ERROR. */
      license_add: (host: T.Ref, contents: string): Promise<T.Ref> =>
        this.call('Async.host.license_add', [host, contents]) as Promise<T.Ref>,
      /** Remove any licence file. None can be installed here, so there is nothing to remove. */
      license_remove: (host: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.license_remove', [host]) as Promise<T.Ref>,
      /** Removed from the XenAPI (use license_add): MESSAGE_REMOVED. */
      license_apply: (host: T.Ref, contents: string): Promise<T.Ref> =>
        this.call('Async.host.license_apply', [host, contents]) as Promise<T.Ref>,
      /** Refresh host.software_version from this host's facts. */
      refresh_pack_info: (host: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.refresh_pack_info', [host]) as Promise<T.Ref>,
      /** Apply updates from the enabled repository. xapi-ts has no update repositories: LICENCE_RESTRICTION (Updates). */
      apply_updates: (self: T.Ref, hash: string): Promise<T.Ref> =>
        this.call('Async.host.apply_updates', [self, hash]) as Promise<T.Ref>,
      /** Removed from the XenAPI: MESSAGE_REMOVED. */
      apply_recommended_guidances: (self: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.apply_recommended_guidances', [self]) as Promise<T.Ref>,
      /** Replace the host's self-signed TLS server certificate by a new one, as xapi renews its internal certificate (here the one HTTPS serves); the Certificate record follows. */
      refresh_server_certificate: (host: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.refresh_server_certificate', [host]) as Promise<T.Ref>,
      /** Enable the host's console display, moving host.display as xapi does (disabled → enable_on_reboot, disable_on_reboot → enabled). Stored only: xapi-ts hosts have no display of their own to switch. */
      enable_display: (host: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.enable_display', [host]) as Promise<T.Ref>,
      /** Disable the host's console display. Needs integrated GPU passthrough, which xapi-ts has not: FEATURE_RESTRICTED. */
      disable_display: (host: T.Ref): Promise<T.Ref> =>
        this.call('Async.host.disable_display', [host]) as Promise<T.Ref>,
      /** Create a placeholder for a named binary blob of data associated with this host; its data is written with HTTP PUT to /blob?ref=<blob>. */
      create_new_blob: (host: T.Ref, name: string, mime_type: string, public_: boolean): Promise<T.Ref> =>
        this.call('Async.host.create_new_blob', [host, name, mime_type, public_]) as Promise<T.Ref>,
    },
    network: {
      /** Set the locking mode of the VIFs of this network whose own mode is network_default; refused while any VIF of the network is attached. */
      set_default_locking_mode: (network: T.Ref, value: T.NetworkDefaultLockingMode): Promise<T.Ref> =>
        this.call('Async.network.set_default_locking_mode', [network, value]) as Promise<T.Ref>,
      /** Give the network a new purpose (if not present already); nbd and insecure_nbd exclude each other across all networks. */
      add_purpose: (self: T.Ref, value: T.NetworkPurpose): Promise<T.Ref> =>
        this.call('Async.network.add_purpose', [self, value]) as Promise<T.Ref>,
      /** Remove a purpose from the network (if present). */
      remove_purpose: (self: T.Ref, value: T.NetworkPurpose): Promise<T.Ref> =>
        this.call('Async.network.remove_purpose', [self, value]) as Promise<T.Ref>,
      /** Create a placeholder for a named binary blob of data associated with this network; its data is written with HTTP PUT to /blob?ref=<blob>. */
      create_new_blob: (network: T.Ref, name: string, mime_type: string, public_: boolean): Promise<T.Ref> =>
        this.call('Async.network.create_new_blob', [network, name, mime_type, public_]) as Promise<T.Ref>,
      /** Create a new network instance and return its reference. */
      create: (args: Partial<T.NetworkRecord>): Promise<T.Ref> =>
        this.call('Async.network.create', [args]) as Promise<T.Ref>,
      /** Destroy the given network instance. */
      destroy: (self: T.Ref): Promise<T.Ref> => this.call('Async.network.destroy', [self]) as Promise<T.Ref>,
    },
    VIF: {
      /** Create a VIF; an empty MAC is derived from the VM's other_config:mac_seed and the device number. */
      create: (args: Partial<T.VIFRecord>): Promise<T.Ref> =>
        this.call('Async.VIF.create', [args]) as Promise<T.Ref>,
      /** Hot-plug the NIC into its running VM. */
      plug: (self: T.Ref): Promise<T.Ref> => this.call('Async.VIF.plug', [self]) as Promise<T.Ref>,
      /** Hot-unplug the NIC from its running VM. */
      unplug: (self: T.Ref): Promise<T.Ref> => this.call('Async.VIF.unplug', [self]) as Promise<T.Ref>,
      /** Hot-unplug the NIC without asking the guest. */
      unplug_force: (self: T.Ref): Promise<T.Ref> =>
        this.call('Async.VIF.unplug_force', [self]) as Promise<T.Ref>,
      /** Set the locking mode of this VIF; a plugged VIF's traffic filter changes at once. */
      set_locking_mode: (self: T.Ref, value: T.VifLockingMode): Promise<T.Ref> =>
        this.call('Async.VIF.set_locking_mode', [self, value]) as Promise<T.Ref>,
      /** Set the IPv4 addresses to which traffic on this VIF is restricted when it is locked; applied at once to a plugged VIF. */
      set_ipv4_allowed: (self: T.Ref, value: readonly string[]): Promise<T.Ref> =>
        this.call('Async.VIF.set_ipv4_allowed', [self, value]) as Promise<T.Ref>,
      /** Associate an IPv4 address with this VIF; applied at once to a plugged VIF. */
      add_ipv4_allowed: (self: T.Ref, value: string): Promise<T.Ref> =>
        this.call('Async.VIF.add_ipv4_allowed', [self, value]) as Promise<T.Ref>,
      /** Remove an IPv4 address from this VIF (if present); applied at once to a plugged VIF. */
      remove_ipv4_allowed: (self: T.Ref, value: string): Promise<T.Ref> =>
        this.call('Async.VIF.remove_ipv4_allowed', [self, value]) as Promise<T.Ref>,
      /** Set the IPv6 addresses to which traffic on this VIF is restricted when it is locked; applied at once to a plugged VIF. */
      set_ipv6_allowed: (self: T.Ref, value: readonly string[]): Promise<T.Ref> =>
        this.call('Async.VIF.set_ipv6_allowed', [self, value]) as Promise<T.Ref>,
      /** Associate an IPv6 address with this VIF; applied at once to a plugged VIF. */
      add_ipv6_allowed: (self: T.Ref, value: string): Promise<T.Ref> =>
        this.call('Async.VIF.add_ipv6_allowed', [self, value]) as Promise<T.Ref>,
      /** Remove an IPv6 address from this VIF (if present); applied at once to a plugged VIF. */
      remove_ipv6_allowed: (self: T.Ref, value: string): Promise<T.Ref> =>
        this.call('Async.VIF.remove_ipv6_allowed', [self, value]) as Promise<T.Ref>,
      /** Move the VIF to another network, even while the VM is running (the host side of the NIC changes bridge; the guest's NIC stays). */
      move: (self: T.Ref, network: T.Ref): Promise<T.Ref> =>
        this.call('Async.VIF.move', [self, network]) as Promise<T.Ref>,
      /** Configure IPv4 settings for this VIF. They are stored (ipv4_configuration_mode, ipv4_addresses, ipv4_gateway) and handed to the guest agent, which sets them in the guest: the toolstack never sets them itself; the guest must announce feature-static-ip-setting. */
      configure_ipv4: (
        self: T.Ref,
        mode: T.VifIpv4ConfigurationMode,
        address: string,
        gateway: string,
      ): Promise<T.Ref> =>
        this.call('Async.VIF.configure_ipv4', [self, mode, address, gateway]) as Promise<T.Ref>,
      /** Configure IPv6 settings for this VIF. They are stored (ipv6_configuration_mode, ipv6_addresses, ipv6_gateway) and handed to the guest agent, which sets them in the guest: the toolstack never sets them itself; the guest must announce feature-static-ip-setting. */
      configure_ipv6: (
        self: T.Ref,
        mode: T.VifIpv6ConfigurationMode,
        address: string,
        gateway: string,
      ): Promise<T.Ref> =>
        this.call('Async.VIF.configure_ipv6', [self, mode, address, gateway]) as Promise<T.Ref>,
      /** Destroy the given VIF instance. */
      destroy: (self: T.Ref): Promise<T.Ref> => this.call('Async.VIF.destroy', [self]) as Promise<T.Ref>,
    },
    SR: {
      /** Create a placeholder for a named binary blob of data associated with this SR; its data is written with HTTP PUT to /blob?ref=<blob>. */
      create_new_blob: (sr: T.Ref, name: string, mime_type: string, public_: boolean): Promise<T.Ref> =>
        this.call('Async.SR.create_new_blob', [sr, name, mime_type, public_]) as Promise<T.Ref>,
      /** List the SRs of the type found at device_config (for file and sim: the directory device_config:location), as xapi's XML: <SRlist><SR><size/><name_label/><name_description/><UUID/></SR>…</SRlist>. */
      probe: (
        host: T.Ref,
        device_config: Readonly<Record<string, string>>,
        type: string,
        sm_config: Readonly<Record<string, string>>,
      ): Promise<T.Ref> =>
        this.call('Async.SR.probe', [host, device_config, type, sm_config]) as Promise<T.Ref>,
      /** List what is found at device_config as probe_result records: the configuration and the SR there, if any. */
      probe_ext: (
        host: T.Ref,
        device_config: Readonly<Record<string, string>>,
        type: string,
        sm_config: Readonly<Record<string, string>>,
      ): Promise<T.Ref> =>
        this.call('Async.SR.probe_ext', [host, device_config, type, sm_config]) as Promise<T.Ref>,
      /** Deprecated: use SR.create. Fails with MESSAGE_DEPRECATED, as xapi. */
      make: (
        host: T.Ref,
        device_config: Readonly<Record<string, string>>,
        physical_size: number,
        name_label: string,
        name_description: string,
        type: string,
        content_type: string,
        sm_config: Readonly<Record<string, string>>,
      ): Promise<T.Ref> =>
        this.call('Async.SR.make', [
          host,
          device_config,
          physical_size,
          name_label,
          name_description,
          type,
          content_type,
          sm_config,
        ]) as Promise<T.Ref>,
      /** Create a new SR on the storage, with a PBD connecting it to the host, and plug it. */
      create: (
        host: T.Ref,
        device_config: Readonly<Record<string, string>>,
        physical_size: number,
        name_label: string,
        name_description: string,
        type: string,
        content_type: string,
        shared: boolean,
        sm_config: Readonly<Record<string, string>>,
      ): Promise<T.Ref> =>
        this.call('Async.SR.create', [
          host,
          device_config,
          physical_size,
          name_label,
          name_description,
          type,
          content_type,
          shared,
          sm_config,
        ]) as Promise<T.Ref>,
      /** Record an SR that already exists on storage; connect it with PBD.create and PBD.plug. */
      introduce: (
        uuid: string,
        name_label: string,
        name_description: string,
        type: string,
        content_type: string,
        shared: boolean,
        sm_config: Readonly<Record<string, string>>,
      ): Promise<T.Ref> =>
        this.call('Async.SR.introduce', [
          uuid,
          name_label,
          name_description,
          type,
          content_type,
          shared,
          sm_config,
        ]) as Promise<T.Ref>,
      /** Remove the SR, its disks and PBDs from the database, leaving the storage untouched. */
      forget: (sr: T.Ref): Promise<T.Ref> => this.call('Async.SR.forget', [sr]) as Promise<T.Ref>,
      /** Delete an empty SR from the storage and forget it; its PBDs must be unplugged. */
      destroy: (sr: T.Ref): Promise<T.Ref> => this.call('Async.SR.destroy', [sr]) as Promise<T.Ref>,
      /** Bring the disk records and space figures of the SR in line with the storage. */
      scan: (sr: T.Ref): Promise<T.Ref> => this.call('Async.SR.scan', [sr]) as Promise<T.Ref>,
      /** Refresh the SR's space figures from the storage. */
      update: (sr: T.Ref): Promise<T.Ref> => this.call('Async.SR.update', [sr]) as Promise<T.Ref>,
      /** Set the name of the SR. */
      set_name_label: (sr: T.Ref, value: string): Promise<T.Ref> =>
        this.call('Async.SR.set_name_label', [sr, value]) as Promise<T.Ref>,
      /** Set the description of the SR. */
      set_name_description: (sr: T.Ref, value: string): Promise<T.Ref> =>
        this.call('Async.SR.set_name_description', [sr, value]) as Promise<T.Ref>,
      /** Record whether the SR is shared between hosts. */
      set_shared: (sr: T.Ref, value: boolean): Promise<T.Ref> =>
        this.call('Async.SR.set_shared', [sr, value]) as Promise<T.Ref>,
    },
    VDI: {
      /** Grow a disk that a running VM has attached: the image grows and the guest sees the new size (QEMU block_resize). A disk no running VM has attached is resized as VDI.resize does. */
      resize_online: (vdi: T.Ref, size: number): Promise<T.Ref> =>
        this.call('Async.VDI.resize_online', [vdi, size]) as Promise<T.Ref>,
      /** persist: changes are kept. reset: each time a VM starts with the disk, its contents go back to what they were when reset was set (on file SRs; other SR types refuse). Not while a running VM has it attached. */
      set_on_boot: (self: T.Ref, value: T.OnBoot): Promise<T.Ref> =>
        this.call('Async.VDI.set_on_boot', [self, value]) as Promise<T.Ref>,
      /** Allow the disk to be cached on the host's local cache SR. Not while a running VM has it attached. */
      set_allow_caching: (self: T.Ref, value: boolean): Promise<T.Ref> =>
        this.call('Async.VDI.set_allow_caching', [self, value]) as Promise<T.Ref>,
      /** Create a new disk in an SR (thin unless sm_config:allocation=thick; sm_config:image-format=raw|qcow2). */
      create: (args: Partial<T.VDIRecord>): Promise<T.Ref> =>
        this.call('Async.VDI.create', [args]) as Promise<T.Ref>,
      /** Delete the disk from its SR, with the VBDs that refer to it. */
      destroy: (self: T.Ref): Promise<T.Ref> => this.call('Async.VDI.destroy', [self]) as Promise<T.Ref>,
      /** Take a point-in-time copy of the disk that shares its data (snapshots are not written). */
      snapshot: (vdi: T.Ref, driver_params: Readonly<Record<string, string>>): Promise<T.Ref> =>
        this.call('Async.VDI.snapshot', [vdi, driver_params]) as Promise<T.Ref>,
      /** Make a writable copy of the disk that shares its data (a fast clone). */
      clone: (vdi: T.Ref, driver_params: Readonly<Record<string, string>>): Promise<T.Ref> =>
        this.call('Async.VDI.clone', [vdi, driver_params]) as Promise<T.Ref>,
      /** Grow the disk while it is not in use. */
      resize: (vdi: T.Ref, size: number): Promise<T.Ref> =>
        this.call('Async.VDI.resize', [vdi, size]) as Promise<T.Ref>,
      /** Copy the contents of the disk, its backing chain flattened, with progress; cancellable. */
      copy: (vdi: T.Ref, sr: T.Ref, base_vdi: T.Ref, into_vdi: T.Ref): Promise<T.Ref> =>
        this.call('Async.VDI.copy', [vdi, sr, base_vdi, into_vdi]) as Promise<T.Ref>,
      /** Remove the disk record, leaving the storage untouched (the next scan finds it again). */
      forget: (vdi: T.Ref): Promise<T.Ref> => this.call('Async.VDI.forget', [vdi]) as Promise<T.Ref>,
      /** Record a disk that exists in the SR but has no record. */
      introduce: (
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
      ): Promise<T.Ref> =>
        this.call('Async.VDI.introduce', [
          uuid,
          name_label,
          name_description,
          SR,
          type,
          sharable,
          read_only,
          other_config,
          location,
          xenstore_data,
          sm_config,
          managed,
          virtual_size,
          physical_utilisation,
          metadata_of_pool,
          is_a_snapshot,
          snapshot_time,
          snapshot_of,
        ]) as Promise<T.Ref>,
      /** Refresh the disk's sizes from the storage. */
      update: (vdi: T.Ref): Promise<T.Ref> => this.call('Async.VDI.update', [vdi]) as Promise<T.Ref>,
    },
    VBD: {
      /** Set the mode of the VBD; its VM must be halted. */
      set_mode: (self: T.Ref, value: T.VbdMode): Promise<T.Ref> =>
        this.call('Async.VBD.set_mode', [self, value]) as Promise<T.Ref>,
      /** Fail with the reason the VBD could not be attached if its VM were running. */
      assert_attachable: (self: T.Ref): Promise<T.Ref> =>
        this.call('Async.VBD.assert_attachable', [self]) as Promise<T.Ref>,
      /** Hot-plug the disk into its running VM. */
      plug: (self: T.Ref): Promise<T.Ref> => this.call('Async.VBD.plug', [self]) as Promise<T.Ref>,
      /** Hot-unplug the disk from its running VM, with the guest agreeing. */
      unplug: (self: T.Ref): Promise<T.Ref> => this.call('Async.VBD.unplug', [self]) as Promise<T.Ref>,
      /** Hot-unplug the disk from its running VM without asking the guest. */
      unplug_force: (self: T.Ref): Promise<T.Ref> =>
        this.call('Async.VBD.unplug_force', [self]) as Promise<T.Ref>,
      /** Insert media into an empty CD drive. */
      insert: (vbd: T.Ref, vdi: T.Ref): Promise<T.Ref> =>
        this.call('Async.VBD.insert', [vbd, vdi]) as Promise<T.Ref>,
      /** Eject the media of a CD drive. */
      eject: (vbd: T.Ref): Promise<T.Ref> => this.call('Async.VBD.eject', [vbd]) as Promise<T.Ref>,
      /** Create a new VBD instance and return its reference. */
      create: (args: Partial<T.VBDRecord>): Promise<T.Ref> =>
        this.call('Async.VBD.create', [args]) as Promise<T.Ref>,
      /** Destroy the given VBD instance. */
      destroy: (self: T.Ref): Promise<T.Ref> => this.call('Async.VBD.destroy', [self]) as Promise<T.Ref>,
    },
    PBD: {
      /** Attach the SR on the host and scan it. */
      plug: (self: T.Ref): Promise<T.Ref> => this.call('Async.PBD.plug', [self]) as Promise<T.Ref>,
      /** Detach the SR from the host; refused while one of its disks is in use. */
      unplug: (self: T.Ref): Promise<T.Ref> => this.call('Async.PBD.unplug', [self]) as Promise<T.Ref>,
      /** Destroy an unplugged PBD. */
      destroy: (self: T.Ref): Promise<T.Ref> => this.call('Async.PBD.destroy', [self]) as Promise<T.Ref>,
      /** Create a new PBD instance and return its reference. */
      create: (args: Partial<T.PBDRecord>): Promise<T.Ref> =>
        this.call('Async.PBD.create', [args]) as Promise<T.Ref>,
    },
    console: {
      /** Create a new console instance and return its reference. */
      create: (args: Partial<T.ConsoleRecord>): Promise<T.Ref> =>
        this.call('Async.console.create', [args]) as Promise<T.Ref>,
      /** Destroy the given console instance. */
      destroy: (self: T.Ref): Promise<T.Ref> => this.call('Async.console.destroy', [self]) as Promise<T.Ref>,
    },
    user: {
      /** Create a new user instance and return its reference. */
      create: (args: Partial<T.UserRecord>): Promise<T.Ref> =>
        this.call('Async.user.create', [args]) as Promise<T.Ref>,
      /** Destroy the given user instance. */
      destroy: (self: T.Ref): Promise<T.Ref> => this.call('Async.user.destroy', [self]) as Promise<T.Ref>,
    },
    blob: {
      /** Create a placeholder for a binary blob attached to nothing. */
      create: (mime_type: string, public_: boolean): Promise<T.Ref> =>
        this.call('Async.blob.create', [mime_type, public_]) as Promise<T.Ref>,
      /** Destroy a blob and its data. */
      destroy: (self: T.Ref): Promise<T.Ref> => this.call('Async.blob.destroy', [self]) as Promise<T.Ref>,
    },
    message: {
      /** Delete several messages. */
      destroy_many: (messages: readonly T.Ref[]): Promise<T.Ref> =>
        this.call('Async.message.destroy_many', [messages]) as Promise<T.Ref>,
    },
    secret: {
      /** Create a new secret instance and return its reference. */
      create: (args: Partial<T.SecretRecord>): Promise<T.Ref> =>
        this.call('Async.secret.create', [args]) as Promise<T.Ref>,
      /** Destroy the given secret instance. */
      destroy: (self: T.Ref): Promise<T.Ref> => this.call('Async.secret.destroy', [self]) as Promise<T.Ref>,
    },
  };
}
