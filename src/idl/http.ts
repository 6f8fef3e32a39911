// Direct transport: every service also answers JSON-RPC on `POST /` over HTTP
// on its own Unix socket, so a daemon can run and be tested without the switch.
import { request, Agent, createServer, type IncomingMessage, type Server } from 'node:http';
import { rmSync } from 'node:fs';
import { apiError } from '../datamodel/api-error.js';
import type { Transport, TransportCall } from './client.js';
import type { Dispatcher } from './server.js';

export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Read a request or response body, refusing more than `limit` bytes. */
export function readBody(msg: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size > limit) {
        // Stop keeping it but let it drain, so that an error answer can still be written.
        msg.off('data', onData);
        chunks.length = 0;
        msg.resume();
        reject(new BodyTooLarge(size, limit));
        return;
      }
      chunks.push(c);
    };
    msg.on('data', onData);
    msg.on('end', () =>
      resolve(
        chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8'),
      ),
    );
    msg.on('error', reject);
    msg.on('aborted', () => reject(new Error('connection aborted')));
  });
}

export class BodyTooLarge extends Error {
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`body larger than ${limit} bytes`);
  }
}

export class HttpUnixTransport implements Transport {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(readonly address: string) {}

  call(body: string, call: TransportCall): Promise<string> {
    return new Promise((resolve, reject) => {
      if (call.signal?.aborted) {
        reject(apiError('RPC_CANCELLED', { service: call.service, method: call.method }));
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        if (timer) clearTimeout(timer);
        call.signal?.removeEventListener('abort', onAbort);
      };
      const req = request(
        {
          agent: this.agent,
          socketPath: this.address,
          method: 'POST',
          path: '/',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          readBody(res, MAX_BODY_BYTES).then(
            (text) => {
              done();
              if (res.statusCode !== 200) {
                reject(
                  apiError('RPC_BAD_RESPONSE', { service: call.service, reason: `HTTP ${res.statusCode}` }),
                );
              } else resolve(text);
            },
            (e: Error) => {
              done();
              reject(apiError('RPC_SERVICE_UNREACHABLE', { address: this.address, reason: e.message }));
            },
          );
        },
      );
      const onAbort = (): void => {
        done();
        req.destroy();
        reject(apiError('RPC_CANCELLED', { service: call.service, method: call.method }));
      };
      call.signal?.addEventListener('abort', onAbort, { once: true });
      if (call.timeoutMs !== undefined) {
        timer = setTimeout(() => {
          done();
          req.destroy();
          reject(
            apiError('RPC_TIMEOUT', {
              service: call.service,
              method: call.method,
              timeout: call.timeoutMs! / 1000,
            }),
          );
        }, call.timeoutMs);
      }
      req.on('error', (e) => {
        done();
        reject(apiError('RPC_SERVICE_UNREACHABLE', { address: this.address, reason: e.message }));
      });
      req.end(body);
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}

/** Serve a dispatcher as `POST /` on a Unix socket (replacing a stale socket file). */
export async function serveHttpUnix(dispatcher: Dispatcher, socketPath: string): Promise<Server> {
  rmSync(socketPath, { force: true });
  const server = createServer((req, res) => {
    if (req.method !== 'POST') {
      res
        .writeHead(405, { 'content-type': 'text/plain', allow: 'POST' })
        .end('POST a JSON-RPC request to /\n');
      req.resume();
      return;
    }
    readBody(req, MAX_BODY_BYTES).then(
      async (body) => {
        const reply = await dispatcher.handle(body, `http:${socketPath}`);
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(reply),
        });
        res.end(reply);
      },
      (e: Error) => {
        const status = e instanceof BodyTooLarge ? 413 : 400;
        if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' });
        res.end(`${e.message}\n`);
      },
    );
  });
  server.keepAliveTimeout = 0;
  server.on('clientError', (_e, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
