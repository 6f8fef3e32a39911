// A session as a call sees it: its own module, so that the session table and
// the event service can name it without depending on everything a call context holds.
import type { Role } from '../datamodel/types.js';

/** A validated session, as dispatch found it. */
export interface SessionInfo {
  readonly ref: string;
  readonly userName: string;
  readonly roles: ReadonlySet<Role>;
  readonly isLocalSuperuser: boolean;
  /** Aborted when the session is logged out or expires (wakes blocked event calls). */
  readonly closed: AbortSignal;
}
