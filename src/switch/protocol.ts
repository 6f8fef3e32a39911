// The message switch wire protocol: every operation is one HTTP/1.1 request
// with a JSON body or none, parsed here into a discriminated union of commands
// (and built from one, for the client). Pure: no I/O.
import { apiError, type ApiError } from '../datamodel/api-error.js';

/** A message id: the queue and the queue's counter at the time of sending. */
export type MessageId = readonly [queue: string, n: number];

export type MessageKind =
  /** A call: the answer goes to `replyTo`, carrying `correlation` back. */
  | { readonly type: 'request'; readonly replyTo: string; readonly correlation: string }
  | { readonly type: 'response'; readonly correlation: string }
  /** One-way: nobody waits for an answer. */
  | { readonly type: 'oneway' };

export interface OutMessage {
  readonly queue: string;
  readonly payload: string;
  readonly kind: MessageKind;
}

export interface Delivered {
  readonly id: MessageId;
  readonly payload: string;
  readonly kind: MessageKind;
  /** When the switch accepted it (ms since the epoch). */
  readonly sent: number;
  /** 1 on first delivery; more after its consumer went away without acking. */
  readonly delivery: number;
}

export type SendResult =
  | { readonly id: MessageId; readonly persistent: boolean; readonly consumers: number }
  | { readonly error: WireError };

export interface WireError {
  readonly code: string;
  readonly params: readonly string[];
}

export type Command =
  | { readonly op: 'login'; readonly token: string }
  | { readonly op: 'create'; readonly queue: string; readonly persistent: boolean }
  | { readonly op: 'destroy'; readonly queue: string }
  | { readonly op: 'subscribe'; readonly queue: string }
  | {
      readonly op: 'send';
      readonly messages: readonly OutMessage[];
      readonly acks: readonly MessageId[];
      /**
       * Then wait for messages as a transfer would, in the same request: a
       * service's answers carry its next poll, a caller's request waits for
       * its answer. The answer adds `messages`.
       */
      readonly transfer?: TransferSpec;
    }
  | ({ readonly op: 'transfer'; readonly acks: readonly MessageId[] } & TransferSpec)
  | { readonly op: 'ack'; readonly ids: readonly MessageId[] }
  | { readonly op: 'list'; readonly prefix: string; readonly alive: boolean }
  | { readonly op: 'diagnostics' }
  | { readonly op: 'trace'; readonly from: number; readonly timeout: number }
  | { readonly op: 'shutdown' };

/** What a transfer takes: from which queues, how long it waits, how many. */
export interface TransferSpec {
  readonly queues: readonly string[];
  /** Seconds to wait for a message before answering with none. */
  readonly timeout: number;
  /** At most this many messages in one answer. */
  readonly max: number;
}

export type Op = Command['op'];

/** Operations that need a session (a login on the connection or a session header). */
export const NEEDS_SESSION: ReadonlySet<Op> = new Set(['create', 'subscribe', 'transfer']);

export const SESSION_HEADER = 'x-switch-session';
export const MAX_TRANSFER_TIMEOUT_S = 3600;

export interface HttpRequestLine {
  readonly method: string;
  /** Path and query, as received. */
  readonly url: string;
}

export interface EncodedRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
}

const bad = (reason: string): ApiError => apiError('MESSAGE_SWITCH_BAD_REQUEST', { reason });

export function validQueueName(name: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what we refuse
  return name.length >= 1 && name.length <= 255 && !/[/\s\u0000-\u001f\u007f]/.test(name);
}

function queueArg(raw: string | undefined): string {
  let name: string;
  try {
    name = decodeURIComponent(raw ?? '');
  } catch {
    throw bad('a path component is not valid percent-encoding');
  }
  if (!validQueueName(name)) throw apiError('MESSAGE_SWITCH_QUEUE_NAME_INVALID', { queue: name });
  return name;
}

function jsonValue(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw bad('the body is not JSON');
  }
}

function jsonBody(body: string): Record<string, unknown> {
  const v = jsonValue(body);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad('the body is not a JSON object');
  return v as Record<string, unknown>;
}

function parseId(v: unknown, where: string): MessageId {
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'string' || !Number.isSafeInteger(v[1])) {
    throw bad(`${where}: a message id is [queue, integer]`);
  }
  return [v[0], v[1] as number];
}

function parseIds(v: unknown, where: string): MessageId[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw bad(`${where} must be an array of message ids`);
  return v.map((x) => parseId(x, where));
}

export function parseKind(v: unknown): MessageKind {
  if (typeof v !== 'object' || v === null) throw bad('message kind must be an object');
  const k = v as Record<string, unknown>;
  switch (k['type']) {
    case 'request':
      if (typeof k['replyTo'] !== 'string' || typeof k['correlation'] !== 'string')
        throw bad('a request needs string replyTo and correlation');
      return { type: 'request', replyTo: k['replyTo'], correlation: k['correlation'] };
    case 'response':
      if (typeof k['correlation'] !== 'string') throw bad('a response needs a string correlation');
      return { type: 'response', correlation: k['correlation'] };
    case 'oneway':
      return { type: 'oneway' };
    default:
      throw bad('message kind type must be request, response or oneway');
  }
}

function parseMessages(v: unknown): OutMessage[] {
  if (!Array.isArray(v)) throw bad('messages must be an array');
  return v.map((m: unknown) => {
    if (typeof m !== 'object' || m === null) throw bad('a message must be an object');
    const o = m as Record<string, unknown>;
    if (typeof o['queue'] !== 'string') throw bad('a message needs a queue');
    if (typeof o['payload'] !== 'string') throw bad('a message payload must be a string');
    return { queue: o['queue'], payload: o['payload'], kind: parseKind(o['kind']) };
  });
}

function num(q: URLSearchParams, name: string, dflt: number): number {
  const s = q.get(name);
  if (s === null) return dflt;
  const n = Number(s);
  if (!Number.isFinite(n)) throw bad(`${name} must be a number`);
  return n;
}

function parseTransfer(o: Record<string, unknown>): TransferSpec {
  const queues = o['queues'];
  if (!Array.isArray(queues) || queues.length === 0 || !queues.every((q) => typeof q === 'string'))
    throw bad('transfer needs a non-empty array of queue names');
  const timeout = o['timeout'] ?? 30;
  if (typeof timeout !== 'number' || !(timeout >= 0 && timeout <= MAX_TRANSFER_TIMEOUT_S))
    throw bad(`timeout must be a number of seconds from 0 to ${MAX_TRANSFER_TIMEOUT_S}`);
  const max = o['max'] ?? 100;
  if (typeof max !== 'number' || !Number.isSafeInteger(max) || max < 1)
    throw bad('max must be a positive integer');
  return { queues: queues as string[], timeout, max };
}

function parseSend(body: string): Command {
  const o = jsonBody(body);
  const messages = parseMessages(o['messages']);
  const acks = parseIds(o['acks'], 'acks');
  const t = o['transfer'];
  if (t === undefined) return { op: 'send', messages, acks };
  if (typeof t !== 'object' || t === null || Array.isArray(t)) throw bad('transfer must be an object');
  return { op: 'send', messages, acks, transfer: parseTransfer(t as Record<string, unknown>) };
}

function parseTransferCommand(body: string): Command {
  const o = jsonBody(body);
  return { op: 'transfer', ...parseTransfer(o), acks: parseIds(o['acks'], 'acks') };
}

/** Parse one HTTP request into a command; throws ApiError for anything else. */
export function parseRequest(req: HttpRequestLine, body: string): Command {
  // The two requests on every call's path skip the URL parser (a plain path parses to itself).
  if (req.method === 'POST' && req.url === '/send') return parseSend(body);
  if (req.method === 'POST' && req.url === '/transfer') return parseTransferCommand(body);
  const url = new URL(req.url, 'http://switch');
  const parts = url.pathname.split('/').slice(1);
  const [head, a, b] = parts;
  const get = req.method === 'GET';
  const post = req.method === 'POST';
  if (get && (url.pathname === '/' || url.pathname === '/diagnostics')) return { op: 'diagnostics' };
  if (get && head === 'login' && parts.length === 2) {
    const token = decodeURIComponent(a ?? '');
    if (token.length === 0 || token.length > 255) throw bad('a login token is 1 to 255 characters');
    return { op: 'login', token };
  }
  if (get && (head === 'persistent' || head === 'transient') && parts.length === 2)
    return { op: 'create', queue: queueArg(a), persistent: head === 'persistent' };
  if (get && head === 'destroy' && parts.length === 2) return { op: 'destroy', queue: queueArg(a) };
  if (get && head === 'subscribe' && parts.length === 2) return { op: 'subscribe', queue: queueArg(a) };
  if (get && head === 'ack' && parts.length === 3) {
    const n = Number(b);
    if (!Number.isSafeInteger(n)) throw bad('a message number must be an integer');
    return { op: 'ack', ids: [[queueArg(a), n]] };
  }
  if (post && head === 'ack' && parts.length === 1)
    return { op: 'ack', ids: parseIds(jsonValue(body || '[]'), 'ack') };
  if (get && head === 'list' && parts.length === 1) {
    return {
      op: 'list',
      prefix: url.searchParams.get('prefix') ?? '',
      alive: url.searchParams.get('alive') === '1',
    };
  }
  if (get && head === 'trace' && parts.length === 1) {
    const timeout = num(url.searchParams, 'timeout', 0);
    if (timeout < 0 || timeout > MAX_TRANSFER_TIMEOUT_S) throw bad('timeout out of range');
    return { op: 'trace', from: num(url.searchParams, 'from', -1), timeout };
  }
  if (post && head === 'shutdown' && parts.length === 1) return { op: 'shutdown' };
  if (post && head === 'send' && parts.length === 1) return parseSend(body);
  if (post && head === 'transfer' && parts.length === 1) return parseTransferCommand(body);
  throw apiError('MESSAGE_SWITCH_UNKNOWN_REQUEST', { method: req.method, path: url.pathname });
}

/** The HTTP request that carries a command (the client's side of parseRequest). */
export function encodeRequest(c: Command): EncodedRequest {
  const e = encodeURIComponent;
  switch (c.op) {
    case 'login':
      return { method: 'GET', path: `/login/${e(c.token)}` };
    case 'create':
      return { method: 'GET', path: `/${c.persistent ? 'persistent' : 'transient'}/${e(c.queue)}` };
    case 'destroy':
      return { method: 'GET', path: `/destroy/${e(c.queue)}` };
    case 'subscribe':
      return { method: 'GET', path: `/subscribe/${e(c.queue)}` };
    case 'send':
      return {
        method: 'POST',
        path: '/send',
        body: JSON.stringify({ messages: c.messages, acks: c.acks, transfer: c.transfer }),
      };
    case 'transfer':
      return {
        method: 'POST',
        path: '/transfer',
        body: JSON.stringify({ queues: c.queues, timeout: c.timeout, max: c.max, acks: c.acks }),
      };
    case 'ack':
      return { method: 'POST', path: '/ack', body: JSON.stringify(c.ids) };
    case 'list':
      return { method: 'GET', path: `/list?prefix=${e(c.prefix)}${c.alive ? '&alive=1' : ''}` };
    case 'diagnostics':
      return { method: 'GET', path: '/diagnostics' };
    case 'trace':
      return { method: 'GET', path: `/trace?from=${c.from}&timeout=${c.timeout}` };
    case 'shutdown':
      return { method: 'POST', path: '/shutdown' };
  }
}
