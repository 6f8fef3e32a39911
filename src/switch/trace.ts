// Recent message events with their timings (a ring buffer that long-pollers
// can follow), and per-queue rate counters sampled once a second.
import type { MessageKind } from './protocol.js';

export type TraceEventKind = 'send' | 'deliver' | 'ack' | 'requeue' | 'drop';

export interface TraceEvent {
  readonly seq: number;
  /** ms since the epoch */
  readonly time: number;
  readonly event: TraceEventKind;
  readonly queue: string;
  readonly n: number;
  readonly kind: 'request' | 'response' | 'oneway';
  readonly correlation: string | undefined;
  /** The session that sent, received or acked it. */
  readonly session: string | undefined;
  /** The payload (send only), truncated. */
  readonly payload: string | undefined;
  /** deliver: how long it waited in the queue; ack: how long since it was sent. */
  readonly waitedMs: number | undefined;
  /** ack: how long its consumer held it before acking. */
  readonly heldMs: number | undefined;
}

export class TraceRing {
  private readonly buf: (TraceEvent | undefined)[];
  private seq = 0;
  private waiters = new Set<() => void>();
  private wakeScheduled = false;

  constructor(
    readonly capacity = 1024,
    readonly truncate = 256,
  ) {
    this.buf = new Array<TraceEvent | undefined>(Math.max(1, capacity));
  }

  /** Record an event (positional and fixed-shape: this runs several times per message). */
  add(
    event: TraceEventKind,
    queue: string,
    n: number,
    kind: MessageKind,
    session: string | undefined,
    now: number,
    payload?: string,
    waitedMs?: number,
    heldMs?: number,
  ): void {
    const ev: TraceEvent = {
      seq: this.seq,
      time: now,
      event,
      queue,
      n,
      kind: kind.type,
      correlation: kind.type === 'oneway' ? undefined : kind.correlation,
      session,
      payload:
        payload !== undefined && payload.length > this.truncate ? payload.slice(0, this.truncate) : payload,
      waitedMs,
      heldMs,
    };
    this.buf[this.seq % this.buf.length] = ev;
    this.seq++;
    if (this.waiters.size && !this.wakeScheduled) {
      this.wakeScheduled = true;
      setImmediate(() => {
        this.wakeScheduled = false;
        const ws = [...this.waiters];
        this.waiters.clear();
        for (const w of ws) w();
      });
    }
  }

  /** Events with seq > from that are still in the ring, oldest first. */
  since(from: number): TraceEvent[] {
    const out: TraceEvent[] = [];
    const first = Math.max(from + 1, this.seq - this.buf.length, 0);
    for (let i = first; i < this.seq; i++) out.push(this.buf[i % this.buf.length] as TraceEvent);
    return out;
  }

  /** Wait until an event with seq > from exists or the timeout passes. */
  wait(from: number, timeoutMs: number, cancel: (undo: () => void) => void): Promise<TraceEvent[]> {
    const now = this.since(from);
    if (now.length || timeoutMs <= 0) return Promise.resolve(now);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve(this.since(from));
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      cancel(() => {
        clearTimeout(timer);
        this.waiters.delete(done);
      });
    });
  }

  get last(): number {
    return this.seq - 1;
  }
}

export interface Counters {
  sent: number;
  delivered: number;
  acked: number;
}

const WINDOW = 10;

/** Rates over the last WINDOW seconds from counters sampled every second. */
export class RateMeter {
  private readonly samples: Counters[] = [];

  sample(c: Counters): void {
    this.samples.push({ ...c });
    if (this.samples.length > WINDOW + 1) this.samples.shift();
  }

  rates(c: Counters): { sent_per_s: number; delivered_per_s: number; acked_per_s: number } {
    const old = this.samples[0];
    const span = this.samples.length;
    if (!old || span === 0) return { sent_per_s: 0, delivered_per_s: 0, acked_per_s: 0 };
    const r = (a: number, b: number): number => Math.round(((a - b) / span) * 10) / 10;
    return {
      sent_per_s: r(c.sent, old.sent),
      delivered_per_s: r(c.delivered, old.delivered),
      acked_per_s: r(c.acked, old.acked),
    };
  }
}
