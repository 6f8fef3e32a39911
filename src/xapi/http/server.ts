// The HTTP front door: one request listener served on TCP and on a Unix
// socket, with limits that keep slow or hostile clients from tying it up.
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { SecureContextOptions } from 'node:tls';
import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import type { Router } from './router.js';

export interface Listeners {
  readonly tcp?: Server;
  readonly unix?: Server;
  readonly https?: HttpsServer;
  /** Actual TCP port (useful when 0 was asked for). */
  readonly port?: number;
  /** Actual HTTPS port. */
  readonly httpsPort?: number;
  /** The addresses the TCP and HTTPS listeners are bound to now. */
  readonly host?: string;
  readonly httpsHost?: string;
  /**
   * Move the chosen TCP listeners to `address`, on the same ports: the new
   * ones listen before the old ones stop accepting, and connections already
   * open (the one asking, say) carry on to their end.
   */
  rebind(address: string, which: { readonly tcp: boolean; readonly https: boolean }): Promise<void>;
  close(): Promise<void>;
}

function listener(router: Router) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'OPTIONS') {
      res.writeHead(200, {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'X-Requested-With, Content-Type',
        'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
        'content-length': 0,
      });
      res.end();
      return;
    }
    const handler = router.match(req.method ?? 'GET', url.pathname);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found\n');
      return;
    }
    Promise.resolve(handler(req, res, url)).catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      } else {
        res.destroy();
      }
    });
  };
}

export interface HttpLimits {
  /** Time allowed to send the request headers (slow-loris protection). */
  readonly headersTimeoutMs: number;
  /** Time allowed to send the whole request. */
  readonly requestTimeoutMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 };

/** CONNECT and Upgrade requests: to their handler, or refused. */
function socketListener(router: Router, kind: 'connect' | 'upgrade') {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // CONNECT targets look like `/console?ref=…` for XenAPI clients.
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handler = router.matchSocket(kind, url.pathname);
    if (!handler) {
      socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    Promise.resolve(handler(req, socket, head, url)).catch(() => socket.destroy());
  };
}

function serverOptions(limits: HttpLimits): ServerOptions {
  return {
    keepAlive: true,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // How often Node looks for connections past those limits.
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
  };
}

function configure<S extends Server | HttpsServer>(s: S, router: Router, allowed?: () => boolean): S {
  s.keepAliveTimeout = 60_000;
  s.maxHeadersCount = 100;
  for (const kind of ['connect', 'upgrade'] as const) {
    const handle = socketListener(router, kind);
    s.on(kind, (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      allowed && !allowed() ? socket.destroy() : handle(req, socket, head),
    );
  }
  return s;
}

/**
 * Plain HTTP over TCP: with `allowed` (host.https_only), every request, CONNECT
 * and Upgrade is dropped while it says no, as if a firewall closed the port, on
 * connections already open as on new ones.
 */
function make(router: Router, limits: HttpLimits, allowed?: () => boolean): Server {
  if (!allowed) return configure(createServer(serverOptions(limits), listener(router)), router);
  const serve = listener(router);
  const s = createServer(serverOptions(limits), (req, res) =>
    allowed() ? serve(req, res) : req.socket.destroy(),
  );
  s.prependListener('connection', (socket: Duplex) => {
    if (!allowed()) socket.destroy();
  });
  return configure(s, router, allowed);
}

/** The certificate HTTPS serves, and news of its replacement. */
export interface TlsSource {
  contextOptions(): SecureContextOptions;
  onChange(listener: (options: SecureContextOptions) => void): void;
}

/** The same endpoints over TLS; a new certificate applies to new connections at once. */
function makeHttps(router: Router, limits: HttpLimits, tls: TlsSource): HttpsServer {
  const s = configure(
    createHttpsServer({ ...serverOptions(limits), ...tls.contextOptions() }, listener(router)),
    router,
  );
  tls.onChange((options) => s.setSecureContext(options));
  return s;
}

/** Listen on `port` at `host`; resolves with the server once it listens. */
async function bound<S extends Server | HttpsServer>(s: S, port: number, host: string): Promise<S> {
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, host, () => {
      s.off('error', reject);
      resolve();
    });
  });
  return s;
}

function portOf(s: Server | HttpsServer, fallback: number): number {
  const addr = s.address();
  return typeof addr === 'object' && addr ? addr.port : fallback;
}

export async function listen(
  router: Router,
  opts: {
    host?: string;
    port?: number;
    socketPath?: string;
    limits?: HttpLimits;
    https?: { host?: string; port: number; tls: TlsSource };
    /** Whether plain HTTP over TCP is served now (false once host.https_only is set). */
    plainHttpAllowed?: () => boolean;
  },
): Promise<Listeners> {
  const limits = opts.limits ?? DEFAULT_HTTP_LIMITS;
  let tcp: Server | undefined;
  let unix: Server | undefined;
  let port: number | undefined;
  let host = opts.host ?? '127.0.0.1';
  if (opts.port !== undefined) {
    tcp = await bound(make(router, limits, opts.plainHttpAllowed), opts.port, host);
    port = portOf(tcp, opts.port);
  }
  let https: HttpsServer | undefined;
  let httpsPort: number | undefined;
  let httpsHost = opts.https?.host ?? '127.0.0.1';
  if (opts.https) {
    https = await bound(makeHttps(router, limits, opts.https.tls), opts.https.port, httpsHost);
    httpsPort = portOf(https, opts.https.port);
  }
  if (opts.socketPath) {
    if (existsSync(opts.socketPath)) unlinkSync(opts.socketPath);
    const s = make(router, limits);
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(opts.socketPath, () => resolve());
    });
    // Whoever can connect here is trusted as local root: the owner only.
    chmodSync(opts.socketPath, 0o600);
    unix = s;
  }
  /** Servers moved away from: they accept nothing, their open connections run on until stop. */
  const retired: (Server | HttpsServer)[] = [];
  const closeOne = (s?: Server | HttpsServer) =>
    new Promise<void>((resolve) => {
      if (!s) return resolve();
      s.close(() => resolve());
      s.closeAllConnections();
    });
  const retire = (s: Server | HttpsServer) => {
    retired.push(s);
    s.close();
    s.closeIdleConnections();
  };
  return {
    ...(unix ? { unix } : {}),
    get tcp() {
      return tcp;
    },
    get https() {
      return https;
    },
    get port() {
      return port;
    },
    get httpsPort() {
      return httpsPort;
    },
    get host() {
      return tcp ? host : undefined;
    },
    get httpsHost() {
      return https ? httpsHost : undefined;
    },
    rebind: async (address, which) => {
      const moveTcp = which.tcp && tcp !== undefined && port !== undefined && address !== host;
      const moveHttps =
        which.https && https !== undefined && httpsPort !== undefined && opts.https && address !== httpsHost;
      // Bind everything new first: a failure leaves the old listeners as they were.
      const newTcp =
        moveTcp && port !== undefined
          ? await bound(make(router, limits, opts.plainHttpAllowed), port, address)
          : undefined;
      let newHttps: HttpsServer | undefined;
      try {
        newHttps =
          moveHttps && opts.https && httpsPort !== undefined
            ? await bound(makeHttps(router, limits, opts.https.tls), httpsPort, address)
            : undefined;
      } catch (e) {
        if (newTcp) await closeOne(newTcp);
        throw e;
      }
      if (newTcp && tcp) {
        retire(tcp);
        tcp = newTcp;
        host = address;
      }
      if (newHttps && https) {
        retire(https);
        https = newHttps;
        httpsHost = address;
      }
    },
    close: async () => {
      await Promise.all([closeOne(tcp), closeOne(unix), closeOne(https), ...retired.map(closeOne)]);
    },
  };
}
