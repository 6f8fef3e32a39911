// Calls over the switch. A caller owns a transient reply queue and, while it
// waits for answers, one poll on it; a request carries reply-to and a
// correlation id, and the answer is matched by that id. Concurrent sends made
// in one turn of the event loop go out as one HTTP request, which also waits
// for answers when no poll is out, so a quick call costs one request; acks
// ride along with the next request.
// After the switch restarts (or any connection failure) the caller and the
// service recreate their queues and subscriptions by themselves.
import { ApiError, apiError } from '../datamodel/api-error.js';
import type { Transport, TransportCall } from '../idl/client.js';
import { Backoff, SwitchClient, isReconnectable } from './client.js';
import type { Delivered, MessageId, OutMessage, SendResult, TransferSpec } from './protocol.js';

export interface SwitchRpcOptions {
  readonly socketPath: string;
  readonly token?: string;
  /**
   * A call without a timeout to a queue that is not persistent fails with
   * RPC_NO_CONSUMER when no live consumer has been seen for this long (default 10 s).
   */
  readonly noConsumerMs?: number;
}

interface Pending {
  readonly queue: string;
  readonly call: TransportCall;
  readonly resolve: (body: string) => void;
  readonly reject: (e: Error) => void;
  id: MessageId | undefined;
  persistent: boolean;
  /** Why the request could not be sent yet, if it could not. */
  problem: ApiError | undefined;
  /** Handed to the switch, result not known yet (it comes with the answers the request waited for). */
  sending: boolean;
  /** The answer came (a request whose send result comes later must not be withdrawn). */
  answered: boolean;
  timers: NodeJS.Timeout[];
  onAbort: (() => void) | undefined;
}

interface Outgoing {
  readonly msg: OutMessage;
  readonly done: (r: SendResult | Error) => void;
}

/** How the caller's poll for answers rides on the outbox's requests. */
export interface PollHooks {
  /** The transfer the next request should carry (given whether it sends), or none. */
  poll(sending: boolean): TransferSpec | undefined;
  /** What a request that carried the poll brought back, or why it failed. */
  polled(outcome: readonly Delivered[] | Error): void;
  readonly signal: AbortSignal;
}

/** Acks nobody carried for this long go out by themselves. */
const ACK_LINGER_MS = 1000;

/**
 * Batches sends (and acks) made during one turn of the event loop into one
 * request, which carries the poll for answers when the hooks ask for one.
 */
export class Outbox {
  private items: Outgoing[] = [];
  private acks: MessageId[] = [];
  private scheduled = false;
  private ackTimer: NodeJS.Timeout | undefined;
  private acksDue = false;

  constructor(
    private readonly client: SwitchClient,
    private readonly hooks?: PollHooks,
  ) {}

  send(msg: OutMessage): Promise<SendResult> {
    return new Promise((resolve, reject) => {
      this.items.push({ msg, done: (r) => (r instanceof Error ? reject(r) : resolve(r)) });
      this.schedule();
    });
  }

  /** Acks wait for the next request, or at most ACK_LINGER_MS. */
  ack(id: MessageId): void {
    this.acks.push(id);
    this.ackTimer ??= setTimeout(() => {
      this.ackTimer = undefined;
      this.acksDue = true;
      this.schedule();
    }, ACK_LINGER_MS).unref();
  }

  /** Send what is waiting in the next turn of the event loop. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const items = this.items;
    const poll = this.hooks?.poll(items.length > 0);
    if (!items.length && !poll && !(this.acksDue && this.acks.length)) return;
    const acks = this.acks;
    this.items = [];
    this.acks = [];
    this.acksDue = false;
    const msgs = items.map((i) => i.msg);
    const sent = poll
      ? this.client.sendAndTransfer(msgs, acks, poll.queues, {
          ...poll,
          // A poll that sends nothing can be given up; one that sends must hear its results.
          ...(items.length ? {} : { signal: this.hooks?.signal }),
        })
      : this.client.send(msgs, acks).then((results) => ({ results, messages: undefined }));
    sent.then(
      (r) => {
        items.forEach((it, i) => it.done(r.results[i] ?? new Error('no result')));
        if (poll) this.hooks?.polled(r.messages ?? []);
      },
      (e: Error) => {
        items.forEach((it) => it.done(e));
        if (poll) this.hooks?.polled(e);
      },
    );
  }
}

export class SwitchRpc {
  readonly client: SwitchClient;
  readonly replyQueue: string;
  private readonly outbox: Outbox;
  private readonly pending = new Map<string, Pending>();
  private readonly noConsumerMs: number;
  private seq = 0;
  private ready: Promise<void> | undefined;
  private readonly stop = new AbortController();
  /** Requests out that wait for answers on the reply queue (at most one). */
  private polls = 0;
  private readonly pollBackoff = new Backoff();
  private recovering = false;
  /**
   * How long a request that sends also waits for answers: its send results come
   * back with them, and a call that is cancelled meanwhile is withdrawn only then.
   */
  private readonly sendWaitS: number;

  constructor(opts: SwitchRpcOptions) {
    this.client = new SwitchClient(opts);
    this.replyQueue = `org.xen.xapi.reply.${this.client.token.replace(/[/\s]/g, '_')}`;
    this.noConsumerMs = opts.noConsumerMs ?? 10_000;
    this.sendWaitS = Math.min(250, this.noConsumerMs / 2) / 1000;
    this.outbox = new Outbox(this.client, {
      poll: (sending) => this.poll(sending),
      polled: (outcome) => this.polled(outcome),
      signal: this.stop.signal,
    });
  }

  /** A poll for answers, when calls wait for some and none is out. */
  private poll(sending: boolean): TransferSpec | undefined {
    if (this.polls > 0 || this.pending.size === 0 || this.stop.signal.aborted || this.recovering) return;
    this.polls++;
    return { queues: [this.replyQueue], timeout: sending ? this.sendWaitS : 30, max: 1000 };
  }

  private polled(outcome: readonly Delivered[] | Error): void {
    this.polls--;
    if (this.stop.signal.aborted) return;
    if (outcome instanceof Error) {
      if (!isReconnectable(outcome)) process.stderr.write(`switch rpc: ${outcome.message}\n`);
      // The reply queue may have gone with the switch: set it up again before polling again.
      this.ready = undefined;
      void this.recover();
      return;
    }
    this.pollBackoff.reset();
    for (const m of outcome) {
      this.outbox.ack(m.id);
      if (m.kind.type === 'response') this.finish(m.kind.correlation, m.payload);
    }
    if (this.pending.size > 0) this.outbox.schedule();
  }

  private async recover(): Promise<void> {
    if (this.recovering) return;
    this.recovering = true;
    while (!this.stop.signal.aborted) {
      await this.pollBackoff.wait(this.stop.signal);
      if (this.stop.signal.aborted) break;
      try {
        await this.ensureReady();
        break;
      } catch {
        // still unreachable: wait longer
      }
    }
    this.recovering = false;
    if (this.pending.size > 0) this.outbox.schedule();
  }

  /** A transport carrying an IDL client's calls to `queue`. */
  transport(queue: string): Transport {
    return { address: queue, call: (body, c) => this.call(queue, body, c), close: async () => undefined };
  }

  async call(queue: string, body: string, call: TransportCall): Promise<string> {
    if (call.signal?.aborted) throw apiError('RPC_CANCELLED', { service: call.service, method: call.method });
    const correlation = String(this.seq++);
    return new Promise<string>((resolve, reject) => {
      const p: Pending = {
        queue,
        call,
        resolve,
        reject,
        id: undefined,
        problem: undefined,
        sending: false,
        answered: false,
        persistent: false,
        timers: [],
        onAbort: undefined,
      };
      this.pending.set(correlation, p);
      if (call.timeoutMs !== undefined) {
        p.timers.push(
          setTimeout(() => void this.expire(correlation, call.timeoutMs as number), call.timeoutMs),
        );
      }
      if (call.signal) {
        p.onAbort = () =>
          this.finish(correlation, apiError('RPC_CANCELLED', { service: call.service, method: call.method }));
        call.signal.addEventListener('abort', p.onAbort, { once: true });
      }
      this.watchConsumer(correlation);
      void this.post(correlation, body, new Backoff());
    });
  }

  /** Send the request, retrying while the queue is missing or the switch is unreachable. */
  private async post(correlation: string, body: string, backoff: Backoff): Promise<void> {
    const p = this.pending.get(correlation);
    if (!p) return;
    const msg: OutMessage = {
      queue: p.queue,
      payload: body,
      kind: { type: 'request', replyTo: this.replyQueue, correlation },
    };
    let r: SendResult | Error;
    try {
      await this.ensureReady();
      p.sending = true;
      r = await this.outbox.send(msg);
    } catch (e) {
      r = e as Error;
    }
    p.sending = false;
    if (!this.pending.has(correlation)) {
      if (!p.answered && !(r instanceof Error) && 'id' in r) void this.withdraw(r.id);
      return;
    }
    if (!(r instanceof Error) && 'id' in r) {
      p.id = r.id;
      p.persistent = r.persistent;
      return;
    }
    const code = r instanceof ApiError ? r.code : !(r instanceof Error) ? r.error.code : '';
    if (
      code !== 'MESSAGE_SWITCH_QUEUE_NOT_FOUND' &&
      code !== 'MESSAGE_SWITCH_UNREACHABLE' &&
      code !== 'MESSAGE_SWITCH_SHUTTING_DOWN'
    ) {
      this.finish(
        correlation,
        r instanceof Error ? r : new ApiError('INTERNAL_ERROR', [r.error.code, ...r.error.params]),
      );
      return;
    }
    p.problem = r instanceof ApiError ? r : apiError('MESSAGE_SWITCH_QUEUE_NOT_FOUND', { queue: p.queue });
    // The whole request fails when the reply queue it waited on is gone (the switch restarted).
    if (code !== 'MESSAGE_SWITCH_QUEUE_NOT_FOUND' || p.problem.params[0] === this.replyQueue)
      this.ready = undefined;
    await backoff.wait(this.stop.signal);
    if (this.stop.signal.aborted) return;
    await this.post(correlation, body, backoff);
  }

  /** Calls without a timeout to a non-persistent queue fail once nobody serves it. */
  private watchConsumer(correlation: string): void {
    const p = this.pending.get(correlation);
    if (!p || p.call.timeoutMs !== undefined) return;
    p.timers.push(
      setTimeout(async () => {
        const cur = this.pending.get(correlation);
        if (!cur) return;
        if (cur.problem?.code === 'MESSAGE_SWITCH_UNREACHABLE') {
          this.finish(correlation, cur.problem);
        } else if (cur.sending) {
          // Whether the queue is persistent is not known yet.
          this.watchConsumer(correlation);
        } else if (!cur.persistent && !(await this.client.isAlive(cur.queue).catch(() => false))) {
          this.finish(
            correlation,
            apiError('RPC_NO_CONSUMER', { queue: cur.queue, timeout: this.noConsumerMs / 1000 }),
          );
        } else this.watchConsumer(correlation);
      }, this.noConsumerMs),
    );
  }

  private async expire(correlation: string, timeoutMs: number): Promise<void> {
    const p = this.pending.get(correlation);
    if (!p) return;
    if (p.problem?.code === 'MESSAGE_SWITCH_UNREACHABLE') return this.finish(correlation, p.problem);
    const alive =
      (p.id !== undefined || p.sending) && (await this.client.isAlive(p.queue).catch(() => false));
    this.finish(
      correlation,
      alive
        ? apiError('RPC_TIMEOUT', {
            service: p.call.service,
            method: p.call.method,
            timeout: timeoutMs / 1000,
          })
        : apiError('RPC_NO_CONSUMER', { queue: p.queue, timeout: timeoutMs / 1000 }),
    );
  }

  private finish(correlation: string, outcome: string | Error): void {
    const p = this.pending.get(correlation);
    if (!p) return;
    this.pending.delete(correlation);
    for (const t of p.timers) clearTimeout(t);
    if (p.onAbort) p.call.signal?.removeEventListener('abort', p.onAbort);
    if (typeof outcome === 'string') {
      p.answered = true;
      p.resolve(outcome);
    } else {
      // Nobody waits for the answer any more: withdraw the request if it is still queued.
      if (p.id) void this.withdraw(p.id);
      p.reject(outcome);
    }
  }

  private async withdraw(id: MessageId): Promise<void> {
    await this.client.ack([id]).catch(() => undefined);
  }

  /**
   * Make sure the reply queue exists before a request names it. A poll that
   * fails forgets readiness, so requests sent after a switch restart wait for
   * the queue to be recreated.
   */
  private ensureReady(): Promise<void> {
    this.ready ??= this.client.create(this.replyQueue, false).catch((e: unknown) => {
      this.ready = undefined;
      throw e;
    });
    return this.ready;
  }

  close(): void {
    this.stop.abort();
    for (const [c, p] of this.pending) {
      this.finish(c, apiError('RPC_CANCELLED', { service: p.call.service, method: p.call.method }));
    }
    this.client.close();
  }
}
