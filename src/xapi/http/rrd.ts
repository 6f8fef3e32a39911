// GET /rrd_updates, /host_rrd and /vm_rrd: authenticated here, answered by
// this host's rrdd (which renders the documents), written back unchanged.
// Credentials: `session_id` in the query or a cookie, else HTTP Basic (a
// session for this request only); callers on the local Unix socket are
// trusted. No valid credentials: 401.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiError, toApiError } from '../../datamodel/api-error.js';
import type { Services } from '../context.js';
import type { Handler } from './router.js';

type Kind = 'get_updates' | 'get_host_rrd' | 'get_vm_rrd';

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function basic(req: IncomingMessage): { user: string; pass: string } | undefined {
  const h = req.headers.authorization;
  if (!h || !/^basic /i.test(h)) return undefined;
  const text = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  return { user: text.slice(0, colon), pass: text.slice(colon + 1) };
}

function plain(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

/**
 * Run `f` with the request authenticated, or answer 401. A Basic login makes
 * a session that is logged out when `f` is done.
 */
async function authenticated(
  services: Services,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
  f: () => Promise<void>,
): Promise<void> {
  const local = req.socket.remoteAddress === undefined;
  const sid = url.searchParams.get('session_id') ?? cookie(req, 'session_id');
  if (sid !== undefined && sid !== null) {
    try {
      services.sessions.check(sid);
    } catch {
      plain(res, 401, 'Unauthorised: invalid session\n');
      return;
    }
    return f();
  }
  const creds = basic(req);
  if (creds) {
    let ref: string;
    try {
      ref = await services.sessions.login(creds.user, creds.pass, 'http', local);
    } catch {
      plain(res, 401, 'Unauthorised\n', { 'www-authenticate': 'Basic realm="xapi"' });
      return;
    }
    try {
      return await f();
    } finally {
      services.sessions.logout(ref);
    }
  }
  if (local) return f();
  plain(res, 401, 'Unauthorised\n', { 'www-authenticate': 'Basic realm="xapi"' });
}

const STATUS: Readonly<Record<string, number>> = {
  INVALID_VALUE: 400,
  UUID_INVALID: 404,
  RRDD_UNAVAILABLE: 503,
  RPC_SERVICE_UNREACHABLE: 503,
  RPC_NO_CONSUMER: 503,
  RPC_TIMEOUT: 504,
};

export function rrdHandler(services: Services, kind: Kind): Handler {
  return (req, res, url) =>
    authenticated(services, req, url, res, async () => {
      try {
        const rrdd = services.rrdd;
        if (!rrdd) throw apiError('RRDD_UNAVAILABLE', { reason: 'no rrdd is configured for this host' });
        const query = url.searchParams;
        query.delete('session_id');
        const r = await rrdd.call((c) =>
          c.call(kind, {
            dbg: url.pathname,
            query: query.toString(),
            accept: req.headers.accept ?? '',
            host_uuid: rrdd.hostUuid(),
          }),
        );
        res.writeHead(200, {
          'content-type': r.content_type,
          'content-length': Buffer.byteLength(r.body),
          ...r.headers,
        });
        res.end(r.body);
      } catch (e) {
        const err = toApiError(e);
        plain(res, STATUS[err.code] ?? 500, `${err.toWire().join(' ')}\n`);
      }
    });
}
