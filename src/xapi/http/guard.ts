// The one check of every HTTP handler, as xapi's (xapi_http.ml): the caller's
// credentials (auth.ts), then the permission of the handler's action in the
// datamodel's table (src/datamodel/http-actions.ts). No or bad credentials:
// 401 with a Basic challenge, the body naming the XenAPI error when there is
// one (SESSION_INVALID for an unknown or expired session), and the `task_id`
// the request names, if pending, fails with SESSION_AUTHENTICATION_FAILED. A
// role without the permission: 403, the task failing with RBAC_PERMISSION_DENIED.
import type { IncomingMessage } from 'node:http';
import { apiError, type ApiError } from '../../datamodel/api-error.js';
import { httpPermission, httpRoles, type HttpAction } from '../../datamodel/http-actions.js';
import type { Services } from '../context.js';
import type { SessionInfo } from '../session-info.js';
import { credentialsOf, type HttpCaller } from './auth.js';
import type { Refusal } from './reply.js';

export type Verdict = { ok: true; caller: HttpCaller } | { ok: false; refusal: Refusal };

/** What the router asks before it runs a checked handler. */
export type HttpGuard = (action: HttpAction, req: IncomingMessage, url: URL) => Promise<Verdict>;

const wire = (e: ApiError): string => `${[e.code, ...e.params].join(' ')}\n`;

/** The request's pending task, if it names one, fails with `errorInfo`. */
function failTask(services: Services, url: URL, errorInfo: readonly string[]): void {
  const task = url.searchParams.get('task_id');
  if (task && services.db.find('task', task)?.status === 'pending') {
    services.tasks.setClientField(task, { status: 'failure', error_info: [...errorInfo] });
  }
}

export function unauthorised(services: Services, action: HttpAction, url: URL, error?: ApiError): Refusal {
  // xapi fails the task with the code alone.
  failTask(services, url, ['SESSION_AUTHENTICATION_FAILED']);
  return {
    status: 401,
    body: error ? wire(error) : 'Unauthorised: give a session_id, a session_id cookie or Basic credentials\n',
    headers: { 'www-authenticate': `Basic realm="${action.name}"` },
  };
}

/** Whether a session holds an action's permission, or one of its finer ones. */
export function permits(session: SessionInfo, action: HttpAction, sub?: string): boolean {
  return session.isLocalSuperuser || httpRoles(action, sub).some((r) => session.roles.has(r));
}

/** 403 for a session lacking a permission; the request's task, if pending, fails with the reason. */
export function forbidden(services: Services, action: HttpAction, url: URL, sub?: string): Refusal {
  const error = apiError('RBAC_PERMISSION_DENIED', {
    permission: httpPermission(action, sub),
    message: 'The session does not hold a role allowed to use this HTTP handler',
  });
  failTask(services, url, error.toWire());
  return { status: 403, body: wire(error), headers: {} };
}

export function httpGuard(services: Services): HttpGuard {
  return async (action, req, url) => {
    const found = await credentialsOf(services, req, url);
    if (!found.ok) return { ok: false, refusal: unauthorised(services, action, url, found.error) };
    if (permits(found.caller.session, action)) return found;
    found.caller.done();
    return { ok: false, refusal: forbidden(services, action, url) };
  };
}
