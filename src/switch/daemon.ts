// The message switch daemon: HTTP/1.1 (keep-alive) on a Unix socket, one
// command per request, executed against the broker. Nothing is serialised
// across queues: each request is handled as soon as its body has arrived, and
// a send wakes a waiting transfer in the same turn of the event loop.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, apiError, toApiError } from '../datamodel/api-error.js';
import { BodyTooLarge, readBody } from '../idl/http.js';
import { Broker, type Session, type Waiter } from './broker.js';
import { Journal, type DurabilityPolicy } from './journal.js';
import { NEEDS_SESSION, SESSION_HEADER, parseRequest, type Command, type Delivered } from './protocol.js';
import { TraceRing } from './trace.js';

export interface SwitchOptions {
  /** Directory holding the socket and, unless `memoryOnly`, the journal. */
  readonly stateDir: string;
  /** Socket path; default `<stateDir>/switch.sock`. */
  readonly socketPath?: string;
  readonly durability?: DurabilityPolicy;
  readonly maxMessageBytes?: number;
  readonly traceEntries?: number;
  readonly traceTruncate?: number;
  /** Keep persistent queues in memory only (no journal). */
  readonly memoryOnly?: boolean;
  /** Called after a shutdown request has been answered and everything closed. */
  readonly onShutdown?: () => void;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

export interface SwitchDaemon {
  readonly socketPath: string;
  readonly broker: Broker;
  close(): Promise<void>;
}

const STATUS: Readonly<Record<string, number>> = {
  MESSAGE_SWITCH_QUEUE_NOT_FOUND: 404,
  MESSAGE_SWITCH_UNKNOWN_REQUEST: 404,
  MESSAGE_SWITCH_QUEUE_EXISTS: 409,
  MESSAGE_SWITCH_MESSAGE_TOO_LARGE: 413,
  MESSAGE_SWITCH_SHUTTING_DOWN: 503,
  INTERNAL_ERROR: 500,
};

export async function startSwitch(opts: SwitchOptions): Promise<SwitchDaemon> {
  mkdirSync(opts.stateDir, { recursive: true });
  const socketPath = opts.socketPath ?? join(opts.stateDir, 'switch.sock');
  const limit = opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const opened = opts.memoryOnly
    ? undefined
    : Journal.open(join(opts.stateDir, 'switch.journal'), opts.durability ?? 'fsync');
  const broker = new Broker({
    journal: opened?.journal,
    restored: opened?.queues,
    trace: new TraceRing(opts.traceEntries ?? 1024, opts.traceTruncate ?? 256),
  });
  const started = Date.now();
  const sessionOf = new WeakMap<Socket, Session>();
  let closing = false;

  function bind(socket: Socket, token: string): Session {
    const cur = sessionOf.get(socket);
    if (cur?.token === token) return cur;
    const s = broker.attach(token);
    sessionOf.set(socket, s);
    if (cur) broker.detach(cur);
    else
      socket.once('close', () => {
        const last = sessionOf.get(socket);
        if (last) broker.detach(last);
      });
    return s;
  }

  function reply(res: ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    const text = body === undefined ? '' : JSON.stringify(body);
    // Raw header pairs: the cheapest form for node:http, on every answer.
    res.writeHead(status, [
      'content-type',
      'application/json',
      'content-length',
      String(Buffer.byteLength(text)),
    ]);
    res.end(text);
  }

  function fail(res: ServerResponse, e: unknown, close = false): void {
    const err = toApiError(e);
    if (res.writableEnded || res.destroyed) return;
    const text = JSON.stringify({ error: { code: err.code, params: err.params } });
    res.writeHead(STATUS[err.code] ?? 400, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...(close ? { connection: 'close' } : {}),
    });
    res.end(text);
  }

  /**
   * Answer `res` with up to `max` messages from `queues`, now or once some
   * arrive (within `timeout` seconds); `extra` goes into the same answer.
   */
  function take(
    queues: readonly string[],
    max: number,
    timeout: number,
    s: Session,
    res: ServerResponse,
    extra: Record<string, unknown>,
  ): void {
    let waiter: Waiter | undefined;
    let handed: Delivered[] | undefined;
    res.once('close', () => {
      if (waiter) broker.cancelWaiter(waiter);
      // Taken but never received: give them back rather than leave them in flight.
      if (handed && handed.length && !res.writableFinished)
        broker.release(
          handed.map((m) => m.id),
          s,
        );
    });
    const deliver = (msgs: Delivered[]): void => {
      waiter = undefined;
      handed = msgs;
      reply(res, 200, { ...extra, messages: msgs });
    };
    try {
      waiter = broker.transfer(queues, max, timeout * 1000, s, deliver);
    } catch (e) {
      // Only a send can get here with something to say: its queue vanished after it had sent.
      if (!('results' in extra)) throw e;
      deliver([]);
    }
  }

  async function execute(
    c: Command,
    session: Session | undefined,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    if (closing && c.op !== 'diagnostics') throw apiError('MESSAGE_SWITCH_SHUTTING_DOWN', {});
    if (NEEDS_SESSION.has(c.op) && !session && !(c.op === 'create' && c.persistent)) {
      throw apiError('MESSAGE_SWITCH_SESSION_REQUIRED', {});
    }
    switch (c.op) {
      case 'login':
        bind(req.socket, c.token);
        return reply(res, 200, {});
      case 'create':
        broker.create(c.queue, c.persistent, session);
        if (c.persistent) await broker.sync();
        return reply(res, 200, { queue: c.queue });
      case 'destroy':
        broker.destroy(c.queue);
        await broker.sync();
        return reply(res, 200, {});
      case 'subscribe':
        broker.subscribe(c.queue, session as Session);
        return reply(res, 200, {});
      case 'send': {
        // A send that waits afterwards checks its transfer first, so that it either fails whole or sends.
        if (c.transfer) {
          if (!session) throw apiError('MESSAGE_SWITCH_SESSION_REQUIRED', {});
          for (const q of c.transfer.queues) broker.mustGet(q);
        }
        const results = broker.send(c.messages, session);
        broker.ack(c.acks, session);
        await broker.sync();
        if (!c.transfer) return reply(res, 200, { results });
        // A message that could not be sent is news for the sender: it hears it without waiting.
        const failed = results.some((r) => 'error' in r);
        return take(
          c.transfer.queues,
          c.transfer.max,
          failed ? 0 : c.transfer.timeout,
          session as Session,
          res,
          {
            results,
          },
        );
      }
      case 'ack':
        for (const [q] of c.ids) broker.mustGet(q);
        broker.ack(c.ids, session);
        await broker.sync();
        return reply(res, 200, {});
      case 'transfer': {
        if (c.acks.length) {
          broker.ack(c.acks, session);
          await broker.sync();
        }
        return take(c.queues, c.max, c.timeout, session as Session, res, {});
      }
      case 'list':
        return reply(res, 200, broker.list(c.prefix, c.alive));
      case 'diagnostics':
        return reply(res, 200, diagnostics(broker, started, opened?.journal));
      case 'trace': {
        let undo: (() => void) | undefined;
        res.once('close', () => undo?.());
        const events = await broker.trace.wait(c.from, c.timeout * 1000, (u) => (undo = u));
        return reply(res, 200, { events, last: broker.trace.last });
      }
      case 'shutdown':
        closing = true;
        reply(res, 200, {});
        setImmediate(() => void close().then(() => opts.onShutdown?.()));
        return;
    }
  }

  const server: Server = createServer((req, res) => {
    const token = req.headers[SESSION_HEADER];
    const session =
      typeof token === 'string' && token.length > 0 && token.length <= 255
        ? bind(req.socket, token)
        : sessionOf.get(req.socket);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      fail(res, apiError('MESSAGE_SWITCH_MESSAGE_TOO_LARGE', { size: declared, limit }), true);
      req.resume();
      return;
    }
    const hasBody = req.method === 'POST';
    (hasBody ? readBody(req, limit) : Promise.resolve('')).then(
      (body) => {
        let cmd: Command;
        try {
          cmd = parseRequest({ method: req.method ?? 'GET', url: req.url ?? '/' }, body);
        } catch (e) {
          return fail(res, e);
        }
        execute(cmd, session, req, res).catch((e: unknown) =>
          fail(res, e instanceof ApiError ? e : toApiError(e)),
        );
      },
      (e: unknown) => {
        if (e instanceof BodyTooLarge) {
          fail(res, apiError('MESSAGE_SWITCH_MESSAGE_TOO_LARGE', { size: e.size, limit: e.limit }), true);
        } else res.destroy();
      },
    );
  });
  // Idle keep-alive connections stay open: a session lives as long as its connections.
  server.keepAliveTimeout = 0;
  server.headersTimeout = 60_000;
  server.requestTimeout = 0;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return void socket.destroy();
    const reason =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? 'headers too large'
        : `malformed HTTP (${err.code ?? err.message})`;
    const text = JSON.stringify({ error: { code: 'MESSAGE_SWITCH_BAD_REQUEST', params: [reason] } });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
    );
  });

  rmSync(socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const sampler = setInterval(() => broker.sampleRates(), 1000);
  sampler.unref();

  let closed: Promise<void> | undefined;
  function close(): Promise<void> {
    closed ??= (async () => {
      closing = true;
      clearInterval(sampler);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await opened?.journal.close();
      rmSync(socketPath, { force: true });
    })();
    return closed;
  }
  return { socketPath, broker, close };
}

function diagnostics(broker: Broker, started: number, journal: Journal | undefined): unknown {
  const now = Date.now();
  const queues: Record<string, unknown> = {};
  for (const q of [...broker.queues.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const oldest = q.oldest();
    queues[q.name] = {
      persistent: q.persistent,
      ...(q.owner ? { owner: q.owner.token } : {}),
      length: q.length,
      in_flight: q.inflight,
      consumers: [...q.consumers].map((s) => s.token),
      waiting_transfers: q.waiters.size,
      oldest_age_ms: oldest ? now - oldest.sent : 0,
      next_id: q.nextId,
      totals: { ...q.counters },
      rates: q.meter.rates(q.counters),
    };
  }
  return {
    start_time: new Date(started).toISOString(),
    current_time: new Date(now).toISOString(),
    uptime_s: Math.round((now - started) / 1000),
    sessions: [...broker.sessions.values()].map((s) => ({
      token: s.token,
      connections: s.connections,
      in_flight: s.inflight.size,
    })),
    queues,
    ...(journal ? { journal: journal.stats() } : {}),
  };
}
