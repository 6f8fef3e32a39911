// Longest-prefix routing, as xapi's HTTP server does: XO posts XML-RPC to
// /xmlrpc, which is not registered and so lands on `POST /`; `GET /export/`
// reaches the /export handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

/** CONNECT requests and protocol upgrades take the raw socket. */
export type SocketHandler = (
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  url: URL,
) => void | Promise<void>;

export class Router {
  private readonly routes = new Map<string, { path: string; handler: Handler }[]>();
  private readonly socketRoutes = new Map<
    'connect' | 'upgrade',
    { path: string; handler: SocketHandler }[]
  >();

  addSocket(kind: 'connect' | 'upgrade', path: string, handler: SocketHandler): void {
    const list = this.socketRoutes.get(kind) ?? [];
    list.push({ path, handler });
    list.sort((a, b) => b.path.length - a.path.length);
    this.socketRoutes.set(kind, list);
  }

  matchSocket(kind: 'connect' | 'upgrade', pathname: string): SocketHandler | undefined {
    return this.socketRoutes.get(kind)?.find((r) => prefixMatches(r.path, pathname))?.handler;
  }

  add(method: string, path: string, handler: Handler): void {
    const list = this.routes.get(method) ?? [];
    list.push({ path, handler });
    // Longest path first, so the first match is the most specific.
    list.sort((a, b) => b.path.length - a.path.length);
    this.routes.set(method, list);
  }

  match(method: string, pathname: string): Handler | undefined {
    const list = this.routes.get(method);
    if (!list) return undefined;
    return list.find((r) => prefixMatches(r.path, pathname))?.handler;
  }
}

function prefixMatches(path: string, pathname: string): boolean {
  return (
    pathname === path || (pathname.startsWith(path) && (path.endsWith('/') || pathname[path.length] === '/'))
  );
}
