// Who answers a call on a host that is not the master (xapi's api_server.ml
// and session_check.ml): a pure decision from the host's role, the message,
// where the call came from and what kind of session it carries.
import { apiError, type ApiError } from '../../datamodel/api-error.js';
import type { PoolRole } from './role.js';

/**
 * The session a call carries: none (login messages), one this host does not
 * know, an ordinary user session, a session only good on this host
 * (slave_local_login_with_password) or an intra-pool session (slave_login).
 */
export type SessionScope = 'none' | 'unknown' | 'user' | 'local' | 'pool';

export type Route =
  | { readonly kind: 'local' }
  /** Hand the request as it is to the master (calls on a slave's Unix socket). */
  | { readonly kind: 'forward'; readonly master: string }
  | { readonly kind: 'refuse'; readonly error: ApiError };

/**
 * Calls a slave answers itself whatever the session: what emergency mode needs
 * (xapi's emergency call list) and the intra-pool login.
 */
export const EMERGENCY_CALLS: ReadonlySet<string> = new Set([
  'session.slave_local_login_with_password',
  'session.slave_login',
  'session.local_logout',
  'pool.emergency_transition_to_master',
  'pool.emergency_reset_master',
]);

const LOCAL: Route = { kind: 'local' };

export function routeCall(
  role: PoolRole,
  wire: string,
  origin: { readonly local: boolean },
  scope: SessionScope,
): Route {
  if (role.kind === 'master') return LOCAL;
  if (EMERGENCY_CALLS.has(wire)) return LOCAL;
  // Sessions that belong to this host are served here: emergency sessions and
  // the master's intra-pool sessions (host-local messages it sends).
  if (scope === 'local' || scope === 'pool') return LOCAL;
  if (origin.local) {
    if (role.kind === 'emergency') return { kind: 'refuse', error: apiError('HOST_IN_EMERGENCY_MODE', {}) };
    return { kind: 'forward', master: role.master };
  }
  const slave: Route = { kind: 'refuse', error: apiError('HOST_IS_SLAVE', { master: role.master }) };
  // xapi_session.ml: a login on a slave is refused before the password is even checked.
  if (wire === 'session.login_with_password') return slave;
  // session_check.ml: an unknown session is SESSION_INVALID (the dispatcher's
  // check says so); a valid one that is not local nor a pool session is refused.
  if (scope === 'user') return slave;
  return LOCAL;
}
