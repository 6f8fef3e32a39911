// Who is calling an HTTP handler: a session from the `session_id` query
// parameter or cookie, else HTTP Basic credentials (a session opened for the
// request and closed after it), else the local Unix socket (root), as xapi.
import type { IncomingMessage } from 'node:http';
import { ApiError } from '../../datamodel/api-error.js';
import type { Services } from '../context.js';
import type { SessionInfo } from '../session-info.js';

export function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export interface HttpCaller {
  readonly session: SessionInfo;
  /** Close what was opened for this request only. */
  done(): void;
}

/**
 * The caller of an HTTP request; else why not: the XenAPI error of a session
 * that is not valid (SESSION_INVALID) or of a failed Basic login, or no error
 * when no credentials came at all.
 */
export type Credentials = { ok: true; caller: HttpCaller } | { ok: false; error?: ApiError };

export async function credentialsOf(
  services: Services,
  req: IncomingMessage,
  url: URL,
): Promise<Credentials> {
  const given = url.searchParams.get('session_id') ?? cookie(req, 'session_id');
  const local = req.socket.remoteAddress === undefined;
  try {
    if (given)
      return { ok: true, caller: { session: services.sessions.check(given), done: () => undefined } };
    const basic = /^Basic (.+)$/i.exec(String(req.headers.authorization ?? ''));
    if (basic || local) {
      const [user, ...pw] = basic
        ? Buffer.from(basic[1] as string, 'base64')
            .toString('utf8')
            .split(':')
        : ['root'];
      const ref = await services.sessions.login(user ?? '', pw.join(':'), 'http', local);
      return {
        ok: true,
        caller: { session: services.sessions.check(ref), done: () => services.sessions.logout(ref) },
      };
    }
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, error: e };
    throw e;
  }
  return { ok: false };
}

/**
 * The caller, or undefined (answer 401), for handlers served unchecked that
 * check some requests themselves (a blob that is not public).
 */
export async function authenticate(
  services: Services,
  req: IncomingMessage,
  url: URL,
): Promise<HttpCaller | undefined> {
  const found = await credentialsOf(services, req, url);
  return found.ok ? found.caller : undefined;
}
