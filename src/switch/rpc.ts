// Calls over the switch. A caller owns a transient reply queue and one
// long-poll on it; a request carries reply-to and a correlation id, and the
// answer is matched by that id. Concurrent sends made in one turn of the event
// loop go out as one HTTP request; acks ride along with the next request.
// After the switch restarts (or any connection failure) the caller and the
// service recreate their queues and subscriptions by themselves.
import { ApiError, apiError } from '../datamodel/api-error.js';
import type { Transport, TransportCall } from '../idl/client.js';
import { Backoff, SwitchClient, isReconnectable } from './client.js';
import type { MessageId, OutMessage, SendResult } from './protocol.js';

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
  timers: NodeJS.Timeout[];
  onAbort: (() => void) | undefined;
}

interface Outgoing {
  readonly msg: OutMessage;
  readonly done: (r: SendResult | Error) => void;
}

/** Batches sends (and acks) made during one turn of the event loop into one request. */
export class Outbox {
  private items: Outgoing[] = [];
  private acks: MessageId[] = [];
  private scheduled = false;

  constructor(private readonly client: SwitchClient) {}

  send(msg: OutMessage): Promise<SendResult> {
    return new Promise((resolve, reject) => {
      this.items.push({ msg, done: (r) => (r instanceof Error ? reject(r) : resolve(r)) });
      this.schedule();
    });
  }

  ack(id: MessageId): void {
    this.acks.push(id);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const items = this.items;
      const acks = this.acks;
      this.items = [];
      this.acks = [];
      this.client
        .send(
          items.map((i) => i.msg),
          acks,
        )
        .then(
          (results) => items.forEach((it, i) => it.done(results[i] ?? new Error('no result'))),
          (e: Error) => items.forEach((it) => it.done(e)),
        );
    });
  }
}

export class SwitchRpc {
  readonly client: SwitchClient;
  readonly replyQueue: string;
  private readonly outbox: Outbox;
  private readonly pending = new Map<string, Pending>();
  private readonly noConsumerMs: number;
  private seq = 0;
  private acks: MessageId[] = [];
  private ready: Promise<void> | undefined;
  private listening = false;
  private readonly stop = new AbortController();

  constructor(opts: SwitchRpcOptions) {
    this.client = new SwitchClient(opts);
    this.outbox = new Outbox(this.client);
    this.replyQueue = `org.xen.xapi.reply.${this.client.token.replace(/[/\s]/g, '_')}`;
    this.noConsumerMs = opts.noConsumerMs ?? 10_000;
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
      r = await this.outbox.send(msg);
    } catch (e) {
      r = e as Error;
    }
    if (!this.pending.has(correlation)) {
      if (!(r instanceof Error) && 'id' in r) void this.withdraw(r.id);
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
    if (code !== 'MESSAGE_SWITCH_QUEUE_NOT_FOUND') this.ready = undefined;
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
    const alive = p.id !== undefined && (await this.client.isAlive(p.queue).catch(() => false));
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
    if (typeof outcome === 'string') p.resolve(outcome);
    else {
      // Nobody waits for the answer any more: withdraw the request if it is still queued.
      if (p.id) void this.withdraw(p.id);
      p.reject(outcome);
    }
  }

  private async withdraw(id: MessageId): Promise<void> {
    await this.client.ack([id]).catch(() => undefined);
  }

  /**
   * Make sure the reply queue exists (and the listener runs) before a request
   * names it. The listener forgets readiness as soon as its connection breaks,
   * so requests sent after a switch restart wait for the queue to be recreated.
   */
  private ensureReady(): Promise<void> {
    this.ready ??= this.setup().then(
      () => {
        if (!this.listening) void this.listen();
        this.listening = true;
      },
      (e: unknown) => {
        this.ready = undefined;
        throw e;
      },
    );
    return this.ready;
  }

  private async setup(): Promise<void> {
    await this.client.create(this.replyQueue, false);
  }

  private async listen(): Promise<void> {
    const backoff = new Backoff();
    while (!this.stop.signal.aborted) {
      try {
        const acks = this.acks;
        this.acks = [];
        const msgs = await this.client.transfer([this.replyQueue], {
          timeout: 30,
          max: 1000,
          acks,
          signal: this.stop.signal,
        });
        backoff.reset();
        for (const m of msgs) {
          this.acks.push(m.id);
          if (m.kind.type === 'response') this.finish(m.kind.correlation, m.payload);
        }
      } catch (e) {
        if (this.stop.signal.aborted) break;
        if (!isReconnectable(e)) process.stderr.write(`switch rpc: ${(e as Error).message}\n`);
        this.ready = undefined;
        await backoff.wait(this.stop.signal);
        await this.ensureReady().catch(() => undefined);
      }
    }
  }

  close(): void {
    this.stop.abort();
    for (const [c, p] of this.pending) {
      this.finish(c, apiError('RPC_CANCELLED', { service: p.call.service, method: p.call.method }));
    }
    this.client.close();
  }
}
