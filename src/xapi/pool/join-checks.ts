// The joiner's pre-checks of pool.join, in xapi's order (xapi_pool.ml,
// pre_join_checks), as a pure function of facts gathered beforehand: the
// first check that fails gives xapi's wire code and parameters.
//
// Rows of pools.md §1.2 that do not apply to xapi-ts, and why:
//  1  pool size licence (LICENCE_RESTRICTION): xapi-ts has no licences; every host may pool.
//  2  management PIF exists (HOST_STILL_BOOTING): xapi-ts does not bring up a management
//     interface; it serves on the address it is given, so a host without a PIF carrying that
//     address (one on loopback) is not "still booting".
//  4, 5  clustering (CLUSTERING_ENABLED, clustering network): no Cluster objects exist.
//  11 pending mandatory guidance: there are no updates and so no guidance.
//  15 bonds, tunnels, SR-IOV, VLANs: none of these objects exist; every host has the same
//     one managed default network.
//  16 external authentication: only local accounts exist.
//  17 licence restrictions, vswitch backend, SDN controller: no licences, one network backend.
//  20 primary address type, network purposes: IPv4 management only, no network purposes.
//  21, 22 TLS verification and certificates: intra-pool calls are plain HTTP for now
//     (docs/design/pools.md says what TLS will add).
//  23 apply_updates in progress: there is no update mechanism.
//  24 SM features: the storage plugins are part of the software version, which row 13
//     compares; with join_force a joiner may differ (xapi would compare SM features there).
import { apiError, type ApiError } from '../../datamodel/api-error.js';

export interface ApiVersion {
  readonly major: number;
  readonly minor: number;
}

/** What the joining host knows about itself (from its own database). */
export interface JoinerFacts {
  readonly hostUuid: string;
  /** Hosts in its database, itself included. */
  readonly hostCount: number;
  readonly haEnabled: boolean;
  /** Non-control-domain VMs whose power_state is Running (xapi checks only Running). */
  readonly runningVms: number;
  /** Non-control-domain VMs with current_operations. */
  readonly vmsWithCurrentOperations: number;
  /** Shared SRs, the tools SR excepted. */
  readonly sharedSrs: number;
  readonly apiVersion: ApiVersion;
  readonly softwareVersion: Readonly<Record<string, string>>;
  readonly cpuVendor: string;
}

/** What the joiner learnt from the remote pool through its XenAPI. */
export interface RemoteFacts {
  readonly masterUuid: string;
  readonly haEnabled: boolean;
  readonly apiVersion: ApiVersion;
  readonly softwareVersion: Readonly<Record<string, string>>;
  readonly cpuVendor: string;
}

export interface JoinCheckOptions {
  /** pool.join_force: skip only the homogeneity check (row 13). */
  readonly force: boolean;
}

const version = (v: ApiVersion): string => `${v.major}.${v.minor}`;
const sw = (facts: { readonly softwareVersion: Readonly<Record<string, string>> }, key: string): string =>
  facts.softwareVersion[key] ?? '';

/** The software_version keys that must be equal for hosts to be homogeneous. */
const HOMOGENEOUS_KEYS = ['product_version', 'build_number'] as const;

/** The first failing pre-check in xapi's order, or undefined when the host may join. */
export function firstFailingJoinCheck(
  me: JoinerFacts,
  remote: RemoteFacts,
  opts: JoinCheckOptions,
): ApiError | undefined {
  // 3: HA not enabled on me.
  if (me.haEnabled) return apiError('HA_IS_ENABLED', {});
  // 6: HA not enabled on the remote pool.
  if (remote.haEnabled) return apiError('HA_IS_ENABLED', {});
  // 7: not joining myself (the remote master is this host).
  if (remote.masterUuid === me.hostUuid) {
    const reason = me.hostCount > 1 ? 'Host is already part of a pool' : 'Host cannot become slave of itself';
    return apiError('OPERATION_NOT_ALLOWED', { reason });
  }
  // 8: I am not the master of other hosts.
  if (me.hostCount > 1) return apiError('JOINING_HOST_CANNOT_BE_MASTER_OF_OTHER_HOSTS', {});
  // 9: no running VM.
  if (me.runningVms > 0) return apiError('JOINING_HOST_CANNOT_HAVE_RUNNING_VMS', {});
  // 10: no VM with current operations.
  if (me.vmsWithCurrentOperations > 0) {
    return apiError('JOINING_HOST_CANNOT_HAVE_VMS_WITH_CURRENT_OPERATIONS', {});
  }
  // 12: platform version and compatibility name.
  if (
    sw(me, 'platform_version') !== sw(remote, 'platform_version') ||
    sw(me, 'compatibility_name') !== sw(remote, 'compatibility_name')
  ) {
    return apiError('HOSTS_NOT_COMPATIBLE', {});
  }
  // 13: homogeneous (join_force skips it).
  if (!opts.force) {
    if (HOMOGENEOUS_KEYS.some((k) => sw(me, k) !== sw(remote, k))) {
      return apiError('HOSTS_NOT_HOMOGENEOUS', { reason: 'Software version differs' });
    }
    if (me.cpuVendor !== remote.cpuVendor)
      return apiError('HOSTS_NOT_HOMOGENEOUS', { reason: 'CPUs differ' });
  }
  // 14: no shared SR on me.
  if (me.sharedSrs > 0) return apiError('JOINING_HOST_CANNOT_CONTAIN_SHARED_SRS', {});
  // 18: API version.
  if (me.apiVersion.major !== remote.apiVersion.major || me.apiVersion.minor !== remote.apiVersion.minor) {
    return apiError('POOL_JOINING_HOST_MUST_HAVE_SAME_API_VERSION', {
      host_api_version: version(me.apiVersion),
      master_api_version: version(remote.apiVersion),
    });
  }
  // 19: DB schema.
  if (sw(me, 'db_schema') !== sw(remote, 'db_schema')) {
    return apiError('POOL_JOINING_HOST_MUST_HAVE_SAME_DB_SCHEMA', {
      host_db_schema: sw(me, 'db_schema'),
      master_db_schema: sw(remote, 'db_schema'),
    });
  }
  return undefined;
}
