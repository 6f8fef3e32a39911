// Where xe connects and as whom. With no server given it uses the local
// Unix socket `<state>/xapi.sock` as root, which xapi trusts without a
// password (as xe does on a XenServer host); `-s host [-p port]` connects
// over TCP with `-u user -pw password` or `-pwf file`: HTTPS (port 443) unless
// `--nossl` asks for plain HTTP (port 8080). Like XenServer's xe, it accepts the
// host's certificate without verifying it: hosts serve self-signed ones.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../common/config.js';
import { jsonRpcTransport, XenApiFailure, type Transport } from '../client/transport.js';
import type { Connection } from './argv.js';
import { CliFailure, ConnectFailure } from './errors.js';

export interface Target {
  readonly url?: string;
  readonly socketPath?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export function resolveTarget(conn: Connection, env: Env): Target {
  if (conn.server) {
    const envHttps = env['XAPI_TS_HTTPS_PORT'];
    const port = conn.nossl
      ? (conn.port ?? env['XAPI_TS_PORT'] ?? '8080')
      : (conn.port ?? (envHttps && envHttps !== 'none' ? envHttps : '443'));
    if (!/^\d+$/.test(port)) throw new CliFailure(`Invalid port: ${port}`);
    const host = conn.server.includes(':') && !conn.server.startsWith('[') ? `[${conn.server}]` : conn.server;
    return { url: `${conn.nossl ? 'http' : 'https'}://${host}:${port}` };
  }
  return { socketPath: join(loadConfig({ ...env }).stateDir, 'xapi.sock') };
}

/** The user and password to log in with; a password file holds the password on its first line. */
export function credentials(conn: Connection, target: Target): { username: string; password: string } {
  let password = conn.password ?? '';
  if (conn.password === undefined && conn.passwordFile !== undefined) {
    try {
      password = (readFileSync(conn.passwordFile, 'utf8').split('\n')[0] ?? '').replace(/\r$/, '');
    } catch {
      throw new CliFailure(`Cannot read the password file ${conn.passwordFile}`);
    }
  }
  const username = conn.username ?? (target.socketPath ? 'root' : '');
  return { username, password };
}

function isConnectError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return ['ECONNREFUSED', 'ENOENT', 'EHOSTUNREACH', 'ENOTFOUND', 'ECONNRESET', 'EACCES', 'EPROTO'].includes(
    String(code),
  );
}

export interface Connected {
  readonly transport: Transport;
  readonly session: string;
  close(): Promise<void>;
}

/** Open a transport (unless one is given) and log in. */
/** With `--debug`: each call's method and failure, never its parameters (sessions, passwords). */
function traced(inner: Transport, trace: (line: string) => void): Transport {
  return async (method, params) => {
    trace(`call ${method}`);
    try {
      return await inner(method, params);
    } catch (e) {
      trace(`${method} failed: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
  };
}

export async function connect(
  target: Target,
  creds: { username: string; password: string },
  given?: Transport,
  trace?: (line: string) => void,
): Promise<Connected> {
  const own = given
    ? undefined
    : jsonRpcTransport(
        target.url ? { url: target.url, rejectUnauthorized: false } : { socketPath: target.socketPath },
      );
  const base = given ?? (own as Transport);
  const transport = trace ? traced(base, trace) : base;
  let session: string;
  try {
    session = String(
      await transport('session.login_with_password', [creds.username, creds.password, '1.1', 'xe']),
    );
  } catch (e) {
    own?.close();
    if (e instanceof XenApiFailure) throw e;
    if (isConnectError(e)) {
      throw new ConnectFailure(
        'Unable to contact server. Please check server and port settings.',
        target.socketPath
          ? `(no xapi listening on ${target.socketPath}: is \`npm start\` running? Set XAPI_TS_STATE_DIR or use -s <server>.)`
          : undefined,
      );
    }
    throw e;
  }
  return {
    transport,
    session,
    async close() {
      try {
        await transport('session.logout', [session]);
      } catch {
        // the session may already be gone (server restart); nothing to undo
      }
      own?.close();
    },
  };
}
