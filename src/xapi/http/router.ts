// Longest-prefix routing, as xapi's HTTP server does: XO posts XML-RPC to
// /xmlrpc, which is not registered and so lands on `POST /`; `GET /export/`
// reaches the /export handler. A handler is served only under an action of
// the datamodel's table of HTTP handlers (src/datamodel/http-actions.ts):
// registering any other throws, and the router runs the action's check
// (guard.ts) before every checked handler, which gets the caller.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { httpActionFor, type HttpAction } from '../../datamodel/http-actions.js';
import type { HttpCaller } from './auth.js';
import type { HttpGuard } from './guard.js';
import { refuse, refuseSocket } from './reply.js';

/** `caller`: who passed the action's check; undefined for the actions served unchecked. */
export type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  caller: HttpCaller | undefined,
) => void | Promise<void>;

/** CONNECT requests and protocol upgrades take the raw socket. */
export type SocketHandler = (
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  url: URL,
  caller: HttpCaller | undefined,
) => void | Promise<void>;

type Served = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
type ServedSocket = (req: IncomingMessage, socket: Duplex, head: Buffer, url: URL) => Promise<void>;

/** A registered handler, as tests enumerate them. */
export interface Route {
  readonly action: HttpAction;
  readonly kind: 'request' | 'connect' | 'upgrade';
}

export class Router {
  private readonly routes = new Map<string, { path: string; handler: Served }[]>();
  private readonly socketRoutes = new Map<'connect' | 'upgrade', { path: string; handler: ServedSocket }[]>();
  private readonly registered: Route[] = [];

  constructor(private readonly guard: HttpGuard) {}

  private actionFor(kind: Route['kind'], method: string, path: string): HttpAction {
    const action = httpActionFor(kind, method, path);
    if (!action) {
      throw new Error(
        `no HTTP action for ${kind === 'request' ? method : kind} ${path}: declare it in src/datamodel/http-actions.ts`,
      );
    }
    if (this.registered.some((r) => r.action === action)) {
      throw new Error(`HTTP action ${action.name} is registered twice`);
    }
    return action;
  }

  addSocket(kind: 'connect' | 'upgrade', path: string, handler: SocketHandler): void {
    const action = this.actionFor(kind, kind === 'connect' ? 'CONNECT' : 'GET', path);
    const served: ServedSocket = async (req, socket, head, url) => {
      if (!action.checked) return handler(req, socket, head, url, undefined);
      const verdict = await this.guard(action, req, url);
      if (!verdict.ok) return refuseSocket(socket, verdict.refusal);
      try {
        await handler(req, socket, head, url, verdict.caller);
      } finally {
        verdict.caller.done();
      }
    };
    const list = this.socketRoutes.get(kind) ?? [];
    list.push({ path, handler: served });
    list.sort((a, b) => b.path.length - a.path.length);
    this.socketRoutes.set(kind, list);
    this.registered.push({ action, kind });
  }

  matchSocket(kind: 'connect' | 'upgrade', pathname: string): ServedSocket | undefined {
    return this.socketRoutes.get(kind)?.find((r) => prefixMatches(r.path, pathname))?.handler;
  }

  add(method: string, path: string, handler: Handler): void {
    const action = this.actionFor('request', method, path);
    const served: Served = async (req, res, url) => {
      if (!action.checked) return handler(req, res, url, undefined);
      const verdict = await this.guard(action, req, url);
      if (!verdict.ok) return refuse(res, verdict.refusal);
      try {
        await handler(req, res, url, verdict.caller);
      } finally {
        verdict.caller.done();
      }
    };
    const list = this.routes.get(method) ?? [];
    list.push({ path, handler: served });
    // Longest path first, so the first match is the most specific.
    list.sort((a, b) => b.path.length - a.path.length);
    this.routes.set(method, list);
    this.registered.push({ action, kind: 'request' });
  }

  match(method: string, pathname: string): Served | undefined {
    const list = this.routes.get(method);
    if (!list) return undefined;
    return list.find((r) => prefixMatches(r.path, pathname))?.handler;
  }

  /** Every registered handler with its action, in the order of registration. */
  list(): readonly Route[] {
    return [...this.registered];
  }
}

function prefixMatches(path: string, pathname: string): boolean {
  return (
    pathname === path || (pathname.startsWith(path) && (path.endsWith('/') || pathname[path.length] === '/'))
  );
}
