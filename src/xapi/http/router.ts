// Longest-prefix routing, as xapi's HTTP server does: XO posts XML-RPC to
// /xmlrpc, which is not registered and so lands on `POST /`; `GET /export/`
// reaches the /export handler.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export class Router {
  private readonly routes = new Map<string, { path: string; handler: Handler }[]>();

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
    for (const r of list) {
      if (
        pathname === r.path ||
        (pathname.startsWith(r.path) && (r.path.endsWith('/') || pathname[r.path.length] === '/'))
      ) {
        return r.handler;
      }
    }
    return undefined;
  }
}
