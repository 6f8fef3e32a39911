// A session as a call sees it: its own module, so that the session table and
// the event service can name it without depending on everything a call context holds.
import type { Role } from '../datamodel/types.js';

/** A validated session, as dispatch found it. */
export interface SessionInfo {
  readonly ref: string;
  readonly userName: string;
  readonly roles: ReadonlySet<Role>;
  readonly isLocalSuperuser: boolean;
  /**
   * `local`: from slave_local_login_with_password, good on this host only and
   * kept in memory only (as xapi's local sessions); `pool`: an intra-pool session
   * from slave_login. Both are answered on a slave; other sessions are the master's.
   */
  readonly scope: 'user' | 'local' | 'pool';
  /** Aborted when the session is logged out or expires (wakes blocked event calls). */
  readonly closed: AbortSignal;
}
