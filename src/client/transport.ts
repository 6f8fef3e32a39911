// How a client reaches a XenAPI server: JSON-RPC over HTTP or HTTPS on TCP or
// over HTTP on a Unix socket, or a function call in the same process (for tests).
import { Agent, request, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export type Transport = (method: string, params: readonly unknown[]) => Promise<unknown>;

/** A XenAPI failure as the client sees it: the code and its parameters. */
export class XenApiFailure extends Error {
  constructor(
    readonly code: string,
    readonly params: readonly string[],
  ) {
    super(params.length ? `${code}: ${params.join(', ')}` : code);
    this.name = 'XenApiFailure';
  }
}

export interface HttpTarget {
  /** `http://host:port`, `https://host:port` or undefined with `socketPath`. */
  readonly url?: string;
  /**
   * HTTPS: whether the server's certificate must be signed by a trusted CA
   * (default true). xe passes false: hosts serve self-signed certificates.
   */
  readonly rejectUnauthorized?: boolean;
  readonly socketPath?: string;
  /** Per-call timeout in ms (default 5 minutes: event.from blocks up to its own timeout). */
  readonly timeoutMs?: number;
}

interface JsonRpcReply {
  result?: unknown;
  error?: { message?: string; data?: unknown[] } | unknown[] | null;
}

export function jsonRpcTransport(target: HttpTarget): Transport & { close(): void } {
  const base = target.url ? new URL(target.url) : undefined;
  const secure = base?.protocol === 'https:';
  const agent = secure
    ? new HttpsAgent({
        keepAlive: true,
        maxSockets: 64,
        rejectUnauthorized: target.rejectUnauthorized ?? true,
      })
    : new Agent({ keepAlive: true, maxSockets: 64 });
  const send = (options: RequestOptions, onReply: (res: IncomingMessage) => void): ClientRequest =>
    secure ? httpsRequest(options, onReply) : request(options, onReply);
  let id = 0;
  const transport = (method: string, params: readonly unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ jsonrpc: '2.0', method, params, id: ++id });
      // Plain HTTP has no TLS server name; left unset, Node's agent works one
      // out with net.isIPv6, whose first call costs xe ~10 ms of start-up.
      const options: RequestOptions & { readonly servername?: string } = {
        agent,
        method: 'POST',
        path: '/jsonrpc',
        ...(base ? { host: base.hostname, port: base.port } : { socketPath: target.socketPath }),
        // Over TLS the agent derives the server name (SNI) from the host.
        ...(secure ? {} : { servername: '' }),
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: target.timeoutMs ?? 300_000,
      };
      const req = send(options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) {
            reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
            return;
          }
          let reply: JsonRpcReply;
          try {
            reply = JSON.parse(text) as JsonRpcReply;
          } catch {
            reject(new Error(`malformed JSON-RPC reply: ${text.slice(0, 200)}`));
            return;
          }
          const err = reply.error;
          if (err === undefined || err === null) resolve(reply.result);
          else if (Array.isArray(err)) reject(new XenApiFailure(String(err[0]), err.slice(1).map(String)));
          else reject(new XenApiFailure(String(err.message), (err.data ?? []).map(String)));
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`timeout calling ${method}`)));
      req.on('error', reject);
      req.end(body);
    });
  return Object.assign(transport, { close: () => agent.destroy() });
}
