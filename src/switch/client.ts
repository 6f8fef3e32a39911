// A connection to the message switch: typed operations over HTTP/1.1
// keep-alive on the switch socket. Every request carries the session token in
// a header, so all of a client's connections belong to one session, and the
// session (with its transient queues and in-flight messages) ends when the
// client's last connection closes.
import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApiError, apiError } from '../datamodel/api-error.js';
import { isErrorCode } from '../datamodel/errors/index.js';
import { AbortedError, ConnectionError, ConnectionPool, type HttpAnswer } from './connection.js';
import {
  SESSION_HEADER,
  encodeRequest,
  type Command,
  type Delivered,
  type MessageId,
  type OutMessage,
  type SendResult,
} from './protocol.js';
import type { TraceEvent } from './trace.js';

export interface SwitchClientOptions {
  readonly socketPath: string;
  /** Session token; default `<program>:<pid>:<random>`. */
  readonly token?: string;
}

export function defaultToken(): string {
  return `${basename(process.argv[1] ?? 'node')}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export interface TransferOptions {
  readonly timeout?: number;
  readonly max?: number;
  readonly acks?: readonly MessageId[];
  readonly signal?: AbortSignal;
}

const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export class SwitchClient {
  readonly token: string;
  readonly socketPath: string;
  // Long polls get their own connections so they never queue behind each other or short calls.
  private readonly pool: ConnectionPool;
  private readonly pollPool: ConnectionPool;
  /** The header lines every request carries. */
  private readonly headers: string;

  constructor(opts: SwitchClientOptions) {
    this.socketPath = opts.socketPath;
    this.token = opts.token ?? defaultToken();
    this.headers = `${SESSION_HEADER}: ${this.token}\r\n`;
    this.pool = new ConnectionPool(this.socketPath, 16);
    this.pollPool = new ConnectionPool(this.socketPath, 64);
  }

  /** Run one command; resolves with the decoded JSON body, rejects with an ApiError. */
  async request(cmd: Command, signal?: AbortSignal): Promise<unknown> {
    // A header value is one line of visible latin-1 characters (and tabs).
    if (!HEADER_VALUE.test(this.token))
      throw new TypeError(`invalid character in the session token ${JSON.stringify(this.token)}`);
    const enc = encodeRequest(cmd);
    const poll =
      cmd.op === 'transfer' || cmd.op === 'trace' || (cmd.op === 'send' && cmd.transfer !== undefined);
    const unreachable = (reason: string): ApiError =>
      apiError('MESSAGE_SWITCH_UNREACHABLE', { path: this.socketPath, reason });
    let answer: HttpAnswer;
    try {
      answer = await (poll ? this.pollPool : this.pool).request(
        enc.method,
        enc.path,
        enc.body === undefined ? this.headers : this.headers + 'content-type: application/json\r\n',
        enc.body,
        1 << 30,
        signal,
      );
    } catch (e) {
      if (e instanceof AbortedError)
        throw apiError('RPC_CANCELLED', { service: 'message-switch', method: cmd.op });
      throw unreachable(e instanceof ConnectionError ? e.code : (e as Error).message);
    }
    let v: unknown;
    try {
      v = answer.body.length ? JSON.parse(answer.body) : null;
    } catch {
      throw unreachable(`unreadable answer (HTTP ${answer.status})`);
    }
    if (answer.status === 200) return v;
    throw toError(v, answer.status);
  }

  async create(queue: string, persistent: boolean): Promise<void> {
    await this.request({ op: 'create', queue, persistent });
  }
  async destroy(queue: string): Promise<void> {
    await this.request({ op: 'destroy', queue });
  }
  async subscribe(queue: string): Promise<void> {
    await this.request({ op: 'subscribe', queue });
  }
  async send(messages: readonly OutMessage[], acks: readonly MessageId[] = []): Promise<SendResult[]> {
    const v = (await this.request({ op: 'send', messages, acks })) as { results: SendResult[] };
    return v.results;
  }
  /** Send (and ack), then wait for messages as `transfer` does, in one request. */
  async sendAndTransfer(
    messages: readonly OutMessage[],
    acks: readonly MessageId[],
    queues: readonly string[],
    o: Omit<TransferOptions, 'acks'> = {},
  ): Promise<{ results: SendResult[]; messages: Delivered[] }> {
    return (await this.request(
      { op: 'send', messages, acks, transfer: { queues, timeout: o.timeout ?? 30, max: o.max ?? 100 } },
      o.signal,
    )) as { results: SendResult[]; messages: Delivered[] };
  }
  async transfer(queues: readonly string[], o: TransferOptions = {}): Promise<Delivered[]> {
    const v = (await this.request(
      { op: 'transfer', queues, timeout: o.timeout ?? 30, max: o.max ?? 100, acks: o.acks ?? [] },
      o.signal,
    )) as { messages: Delivered[] };
    return v.messages;
  }
  async ack(ids: readonly MessageId[]): Promise<void> {
    await this.request({ op: 'ack', ids });
  }
  async list(prefix = '', alive = false): Promise<string[]> {
    return (await this.request({ op: 'list', prefix, alive })) as string[];
  }
  /** Whether the queue exists and has at least one live consumer. */
  async isAlive(queue: string): Promise<boolean> {
    return (await this.list(queue, true)).includes(queue);
  }
  async diagnostics(): Promise<Diagnostics> {
    return (await this.request({ op: 'diagnostics' })) as Diagnostics;
  }
  async trace(from = -1, timeout = 0, signal?: AbortSignal): Promise<{ events: TraceEvent[]; last: number }> {
    return (await this.request({ op: 'trace', from, timeout }, signal)) as {
      events: TraceEvent[];
      last: number;
    };
  }
  async shutdown(): Promise<void> {
    await this.request({ op: 'shutdown' });
  }

  /** Close every connection; this ends the session on the switch. */
  close(): void {
    this.pool.destroy();
    this.pollPool.destroy();
  }
}

export interface QueueDiagnostics {
  readonly persistent: boolean;
  readonly owner?: string;
  readonly length: number;
  readonly in_flight: number;
  readonly consumers: string[];
  readonly waiting_transfers: number;
  readonly oldest_age_ms: number;
  readonly next_id: number;
  readonly totals: { sent: number; delivered: number; acked: number };
  readonly rates: { sent_per_s: number; delivered_per_s: number; acked_per_s: number };
}

export interface Diagnostics {
  readonly start_time: string;
  readonly current_time: string;
  readonly uptime_s: number;
  readonly sessions: { token: string; connections: number; in_flight: number }[];
  readonly queues: Record<string, QueueDiagnostics>;
  readonly journal?: { path: string; policy: string; bytes: number; commits: number; records: number };
}

function toError(v: unknown, status: number): ApiError {
  const e = (v as { error?: { code?: unknown; params?: unknown } } | null)?.error;
  if (e && typeof e.code === 'string' && isErrorCode(e.code) && Array.isArray(e.params)) {
    return new ApiError(e.code, e.params.map(String));
  }
  return apiError('MESSAGE_SWITCH_BAD_REQUEST', { reason: `HTTP ${status}` });
}

/** Errors after which a client should wait, reconnect and set its queues up again. */
export function isReconnectable(e: unknown): boolean {
  return (
    e instanceof ApiError &&
    (e.code === 'MESSAGE_SWITCH_UNREACHABLE' ||
      e.code === 'MESSAGE_SWITCH_QUEUE_NOT_FOUND' ||
      e.code === 'MESSAGE_SWITCH_SHUTTING_DOWN')
  );
}

/** Exponential backoff from 20 ms to 1 s, abortable. */
export class Backoff {
  private ms = 20;
  reset(): void {
    this.ms = 20;
  }
  wait(signal?: AbortSignal): Promise<void> {
    const ms = this.ms;
    this.ms = Math.min(1000, this.ms * 2);
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done(): void {
        clearTimeout(t);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
