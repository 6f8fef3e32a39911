// The one seam between the XenAPI of pools and the pool database. Everything
// the messages can decide alone (pre-checks, roles, errors, the login to the
// remote master) is done before a call reaches it; what needs the database
// shared by the members (converting a standalone master, adopting a joiner's
// objects, removing a host, handing over the master role) is behind it.
import { ApiError } from '../../datamodel/api-error.js';
import type { RemoteHost } from './remote.js';

/** What pool.join hands over once every pre-check has passed. */
export interface JoinRequest {
  /** The address the user gave (kept in pool.conf as `slave:<address>`). */
  readonly masterAddress: string;
  /** A session on the master, logged in with the user's credentials. */
  readonly master: RemoteHost;
  /** This host's ref and uuid in its own database. */
  readonly host: string;
  readonly hostUuid: string;
  /** pool.join_force. */
  readonly force: boolean;
}

export interface PoolMembership {
  /**
   * On the joiner: have the master convert to the pool database if it is
   * standalone, add this host, merge its non-VM objects and halted VMs, store
   * the pool secret and switch this host to slave (pools.md §7.8).
   */
  join(req: JoinRequest): Promise<void>;
  /** On the master: remove `host` from the pool; it restarts standalone. */
  eject(host: string): Promise<void>;
  /** On the master: hand the master role to `host`. */
  designateNewMaster(host: string): Promise<void>;
  /** On a slave: take the master role with the data this host holds. */
  emergencyTransitionToMaster(): Promise<void>;
  /** On a slave: follow the master now at `masterAddress`. */
  emergencyResetMaster(masterAddress: string): Promise<void>;
  /** On the master: reset the master address of `hosts`; returns those that answered. */
  recoverSlaves(hosts: readonly string[]): Promise<string[]>;
  /** On the master of several hosts: give every member a new pool secret. */
  rotateSecret(): Promise<void>;
}

/**
 * The message xapi-ts gives when the pool database cannot be reached; the
 * etcd store reports a lost quorum with the same one.
 */
export const POOL_DB_UNAVAILABLE = 'pool database unavailable';

/** Membership for a toolstack built without a pool database: every operation fails, and says why. */
export const noPoolDatabase: PoolMembership = {
  join: unavailable,
  eject: unavailable,
  designateNewMaster: unavailable,
  emergencyTransitionToMaster: unavailable,
  emergencyResetMaster: unavailable,
  recoverSlaves: unavailable,
  rotateSecret: unavailable,
};

function unavailable(): Promise<never> {
  return Promise.reject(new ApiError('INTERNAL_ERROR', [POOL_DB_UNAVAILABLE]));
}
