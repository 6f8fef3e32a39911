// Serving an interface on a switch queue: a long-poll loop takes requests (as
// many as there are free handler slots), runs them concurrently through the
// IDL dispatcher, and sends each answer together with the ack of its request;
// answers ready when the loop polls again travel in the poll itself, so a
// quick handler costs one request per call.
// Connection failures are retried; after a switch restart the queue and the
// subscription are set up again and unacknowledged requests come back.
import type { Dispatcher } from '../idl/server.js';
import { Backoff, SwitchClient, isReconnectable } from './client.js';
import type { Delivered, MessageId, OutMessage } from './protocol.js';

export interface ServeOptions {
  readonly socketPath: string;
  /** Queue to serve, e.g. `org.xen.xapi.xenops.simulator`. */
  readonly queue: string;
  /** Persistent queues keep requests while the service is down (default true). */
  readonly persistent?: boolean;
  /** Requests handled at once (default 256). */
  readonly concurrency?: number;
  readonly token?: string;
  /**
   * How long close() lets running requests answer before it disconnects anyway
   * (default 2000 ms): a long poll may never end, and a switch that has gone
   * never takes the answers. Requests left unanswered stay unacknowledged on
   * the switch and come back to the next consumer.
   */
  readonly closeGraceMs?: number;
}

export interface SwitchService {
  readonly client: SwitchClient;
  /** Stop taking requests at once, let running ones answer (within the close grace), and disconnect. */
  close(): Promise<void>;
}

const NEVER = new Promise<never>(() => undefined);

export async function serveOnSwitch(dispatcher: Dispatcher, opts: ServeOptions): Promise<SwitchService> {
  const client = new SwitchClient({
    socketPath: opts.socketPath,
    ...(opts.token ? { token: opts.token } : {}),
  });
  const persistent = opts.persistent ?? true;
  const concurrency = opts.concurrency ?? 256;
  const stop = new AbortController();
  const via = `switch:${opts.queue}`;
  let active = 0;
  let slotFreed: (() => void) | undefined;
  let outbox: OutMessage[] = [];
  let acks: MessageId[] = [];
  /** A poll (a transfer, or answers that wait for the next requests) is in flight. */
  let polling = false;
  let flushing = false;
  const idle = new Set<() => void>();

  const setup = async (): Promise<void> => {
    await client.create(opts.queue, persistent);
    await client.subscribe(opts.queue);
  };

  // Answers ready while a poll waits go out by themselves (batched; while one batch is in
  // flight the next one accumulates); otherwise the next poll carries them.
  const flush = async (): Promise<void> => {
    if (flushing) return;
    flushing = true;
    const backoff = new Backoff();
    while ((outbox.length || acks.length) && (polling || stop.signal.aborted)) {
      const msgs = outbox;
      const ids = acks;
      outbox = [];
      acks = [];
      try {
        await client.send(msgs, ids);
        backoff.reset();
      } catch (e) {
        if (stop.signal.aborted && !isReconnectable(e)) break;
        // Keep them for the retry; after a restart the request may also come back and be answered twice,
        // which callers tolerate (they ignore answers they no longer wait for).
        outbox = [...msgs, ...outbox];
        acks = [...ids, ...acks];
        await backoff.wait();
        if (stop.signal.aborted && active === 0) break;
      }
    }
    flushing = false;
    if (active === 0 && stop.signal.aborted) for (const f of idle) f();
  };

  const handle = (m: Delivered): Promise<void> => {
    active++;
    return dispatcher.handle(m.payload, via).then((reply) => {
      if (m.kind.type === 'request') {
        outbox.push({
          queue: m.kind.replyTo,
          payload: reply,
          kind: { type: 'response', correlation: m.kind.correlation },
        });
      }
      acks.push(m.id);
      active--;
      slotFreed?.();
      if (polling || stop.signal.aborted) setImmediate(() => void flush());
    });
  };

  const loop = async (): Promise<void> => {
    const backoff = new Backoff();
    /** The handlers started with the last batch of requests. */
    let handling: Promise<unknown> = NEVER;
    while (!stop.signal.aborted) {
      if (active >= concurrency) {
        await new Promise<void>((r) => (slotFreed = r));
        slotFreed = undefined;
        continue;
      }
      // Handlers that finish in this turn of the event loop answer with this poll; when
      // all those just started have (a quick call), it goes at once.
      await Promise.race([handling, new Promise((r) => setImmediate(r))]);
      handling = NEVER;
      if (stop.signal.aborted) break;
      const msgs = outbox;
      const ids = acks;
      outbox = [];
      acks = [];
      const take = { timeout: 30, max: concurrency - active, signal: stop.signal };
      polling = true;
      try {
        const got =
          msgs.length || ids.length
            ? (await client.sendAndTransfer(msgs, ids, [opts.queue], take)).messages
            : await client.transfer([opts.queue], take);
        polling = false;
        backoff.reset();
        handling = Promise.all(got.map(handle));
      } catch (e) {
        polling = false;
        outbox = [...msgs, ...outbox];
        acks = [...ids, ...acks];
        if (stop.signal.aborted) break;
        if (!isReconnectable(e))
          process.stderr.write(`switch service ${opts.queue}: ${(e as Error).message}\n`);
        await backoff.wait(stop.signal);
        await setup().catch(() => undefined);
      }
    }
  };

  await setup();
  const running = loop();
  return {
    client,
    async close() {
      stop.abort();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((r) => (timer = setTimeout(r, opts.closeGraceMs ?? 2000)));
      const drained = (async (): Promise<void> => {
        await running;
        if (active > 0 || flushing || outbox.length || acks.length) {
          await new Promise<void>((r) => {
            idle.add(r);
            void flush();
          });
        }
      })();
      await Promise.race([drained, grace]);
      clearTimeout(timer);
      client.close();
    },
  };
}
