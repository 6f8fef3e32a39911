// Reaching a xenopsd: `xenops+unix:///path/xenopsd-NAME.sock` talks HTTP to its
// direct socket; `http(s)://host:port/services/xenops?session_id=…` goes through
// another host's xapi, which forwards to its xenopsd (how a migration reaches
// the destination); anything else is a switch queue (`org.xen.xapi.xenops.NAME`).
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { apiError } from '../datamodel/api-error.js';
import { Client, HttpUnixTransport, type Transport, type TransportCall } from '../idl/index.js';
import { MAX_BODY_BYTES, readBody } from '../idl/http.js';
import { Xenops, type XenopsInterface } from '../idl/xenops.js';
import { SwitchRpc } from '../switch/rpc.js';
import { clientRemote } from './rpc.js';
import type { RemoteResolver } from './remote.js';

export interface Connection {
  readonly client: Client<XenopsInterface>;
  close(): Promise<void>;
}

export const socketScheme = 'xenops+unix://';

/** JSON-RPC bodies POSTed to an HTTP(S) URL, path and query kept (the session travels in the query). */
export class HttpUrlTransport implements Transport {
  private readonly url: URL;
  private readonly agent: HttpAgent;

  constructor(readonly address: string) {
    this.url = new URL(address);
    const secure = this.url.protocol === 'https:';
    // Migration peers are toolstacks with their own (self-signed) certificates, as xapi's are.
    this.agent = secure
      ? new HttpsAgent({ keepAlive: true, maxSockets: 16, rejectUnauthorized: false })
      : new HttpAgent({ keepAlive: true, maxSockets: 16 });
  }

  call(body: string, call: TransportCall): Promise<string> {
    const where = `${this.url.protocol}//${this.url.host}${this.url.pathname}`;
    return new Promise((resolve, reject) => {
      if (call.signal?.aborted) {
        reject(apiError('RPC_CANCELLED', { service: call.service, method: call.method }));
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        if (timer) clearTimeout(timer);
        call.signal?.removeEventListener('abort', onAbort);
      };
      const unreachable = (e: Error): void => {
        finish();
        reject(apiError('RPC_SERVICE_UNREACHABLE', { address: where, reason: e.message }));
      };
      const send = this.url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        {
          agent: this.agent,
          method: 'POST',
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port,
          path: `${this.url.pathname}${this.url.search}`,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          readBody(res, MAX_BODY_BYTES).then((text) => {
            finish();
            if (res.statusCode === 200) resolve(text);
            else
              reject(
                apiError('RPC_BAD_RESPONSE', {
                  service: call.service,
                  reason: `HTTP ${res.statusCode}: ${text.slice(0, 200).trim()}`,
                }),
              );
          }, unreachable);
        },
      );
      const onAbort = (): void => {
        finish();
        req.destroy();
        reject(apiError('RPC_CANCELLED', { service: call.service, method: call.method }));
      };
      call.signal?.addEventListener('abort', onAbort, { once: true });
      if (call.timeoutMs !== undefined) {
        const ms = call.timeoutMs;
        timer = setTimeout(() => {
          finish();
          req.destroy();
          reject(apiError('RPC_TIMEOUT', { service: call.service, method: call.method, timeout: ms / 1000 }));
        }, ms);
      }
      req.on('error', unreachable);
      req.end(body);
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}

export function connectXenops(target: string, switchSocket: string, timeoutMs?: number): Connection {
  if (/^https?:\/\//.test(target)) {
    const client = new Client(Xenops, new HttpUrlTransport(target), { timeoutMs });
    return { client, close: () => client.close() };
  }
  if (target.startsWith(socketScheme)) {
    const transport = new HttpUnixTransport(target.slice(socketScheme.length));
    const client = new Client(Xenops, transport, { timeoutMs });
    return { client, close: () => client.close() };
  }
  const rpc = new SwitchRpc({ socketPath: switchSocket });
  const client = new Client(Xenops, rpc.transport(target), { timeoutMs });
  return {
    client,
    close: async () => {
      rpc.close();
    },
  };
}

/** How long a connection to another host's xapi stays open unused (each migration has its own URL). */
const HTTP_IDLE_MS = 10 * 60_000;

/**
 * The longest one call to a migration peer may take. Every peer call is short (long work
 * is a task that is polled), so a peer that does not answer in this time is gone: without
 * a bound, a call queued on the switch for a dead xenopsd would hang the migration.
 */
const PEER_CALL_MS = 15_000;

/** Migration peers, one connection per URL, kept for the life of the daemon (HTTP ones while in use). */
export function remoteResolver(switchSocket: string): RemoteResolver & { close(): Promise<void> } {
  const conns = new Map<string, Connection & { used: number }>();
  const sweep = (now: number): void => {
    for (const [url, c] of conns) {
      if (/^https?:/.test(url) && now - c.used > HTTP_IDLE_MS) {
        conns.delete(url);
        void c.close();
      }
    }
  };
  const resolve = async (url: string) => {
    const now = Date.now();
    sweep(now);
    let c = conns.get(url);
    if (!c) {
      c = { ...connectXenops(url, switchSocket, PEER_CALL_MS), used: now };
      conns.set(url, c);
    }
    c.used = now;
    return clientRemote(c.client, url);
  };
  return Object.assign(resolve, {
    close: async () => {
      for (const c of conns.values()) await c.close();
    },
  });
}
