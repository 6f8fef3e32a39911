// The intra-pool XenAPI client: the generated client over JSON-RPC to another
// host's management address. `address` is what a user gives pool.join (and
// what pool.conf and HOST_IS_SLAVE carry): a host name or IP, with or without
// `:port`; without one, the port is this host's own (members of a pool serve
// on the same port, as xapi's do on 443).
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../../datamodel/api-error.js';
import { isErrorCode } from '../../datamodel/errors/index.js';
import { XapiClient } from '../../client/generated.js';
import { jsonRpcTransport, XenApiFailure } from '../../client/transport.js';
import { apiError } from '../../datamodel/api-error.js';

export interface RemoteHost {
  readonly client: XapiClient;
  readonly url: string;
  /** Call any message by its wire name with the client's session. */
  call(method: string, params: readonly unknown[]): Promise<unknown>;
  close(): void;
}

/** `http://host:port` for an address with or without a port (IPv6 in brackets). */
export function urlOf(address: string, defaultPort: number | undefined): string {
  const hasPort = /^\[[^\]]+\]:\d+$/.test(address) || /^[^:[\]]+:\d+$/.test(address);
  if (hasPort || defaultPort === undefined) return `http://${address}`;
  const host = address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
  return `http://${host}:${defaultPort}`;
}

/** Node's codes for a host that cannot be reached at all, or that cut the connection. */
const CONNECTION_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * A remote failure as this host reports it: the remote's own XenAPI error
 * unchanged; a connection that could not be made or was cut,
 * JOINING_HOST_CONNECTION_FAILED; anything else at the HTTP level (a status
 * that is not 200, a reply that is not JSON-RPC), JOINING_HOST_SERVICE_FAILED.
 */
export function joinFailure(e: unknown): ApiError {
  if (e instanceof XenApiFailure) {
    return isErrorCode(e.code) ? new ApiError(e.code, e.params) : new ApiError('INTERNAL_ERROR', [e.message]);
  }
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code))
    return apiError('JOINING_HOST_CONNECTION_FAILED', {});
  if (e instanceof Error && e.message.startsWith('timeout calling ')) {
    return apiError('JOINING_HOST_CONNECTION_FAILED', {});
  }
  return apiError('JOINING_HOST_SERVICE_FAILED', {});
}

/**
 * A client on another host, signed in by `signIn`; if that fails, the
 * connection is closed and its error goes on to the caller.
 */
async function openRemote(
  address: string,
  defaultPort: number | undefined,
  timeoutMs: number,
  signIn: (client: XapiClient) => Promise<void>,
): Promise<RemoteHost> {
  const url = urlOf(address, defaultPort);
  const transport = jsonRpcTransport({ url, timeoutMs });
  const client = new XapiClient(transport);
  try {
    await signIn(client);
  } catch (e) {
    transport.close();
    throw e;
  }
  return {
    client,
    url,
    call: (method, params) => transport(method, [client.sessionRef, ...params]),
    close: () => transport.close(),
  };
}

/**
 * What a standalone master answers to writes (logins among them) while it
 * converts its database into the pool's: a joiner racing another join waits
 * for it to pass.
 */
export const POOL_CONVERTING = 'this host is becoming the master of a pool; try again in a few seconds';

/** Log in to another host with a user's credentials (pool.join's first step). */
export async function loginRemote(
  address: string,
  defaultPort: number | undefined,
  user: string,
  password: string,
  timeoutMs = 30_000,
): Promise<RemoteHost> {
  return openRemote(address, defaultPort, timeoutMs, async (client) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      try {
        await client.login(user, password, 'xapi-ts pool.join');
        return;
      } catch (e) {
        // Another join is converting the master's database: it is over in moments.
        const converting =
          e instanceof XenApiFailure && e.code === 'INTERNAL_ERROR' && e.params[0] === POOL_CONVERTING;
        if (!converting || Date.now() > until) throw joinFailure(e);
        await sleep(250);
      }
    }
  });
}

/** Open an intra-pool session on another member with the pool secret. */
export async function poolLogin(
  address: string,
  defaultPort: number | undefined,
  hostRef: string,
  secret: string,
  timeoutMs = 30_000,
): Promise<RemoteHost> {
  return openRemote(address, defaultPort, timeoutMs, async (client) => {
    client.sessionRef = await client.session.slave_login(hostRef, secret);
  });
}
