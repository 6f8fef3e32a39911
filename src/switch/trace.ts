// Recent message events with their timings (a ring buffer that long-pollers
// can follow), and per-queue rate counters sampled once a second.

export type TraceEventKind = 'send' | 'deliver' | 'ack' | 'requeue' | 'drop';

export interface TraceEvent {
  readonly seq: number;
  /** ms since the epoch */
  readonly time: number;
  readonly event: TraceEventKind;
  readonly queue: string;
  readonly n: number;
  readonly kind: 'request' | 'response' | 'oneway';
  readonly correlation?: string;
  /** The session that sent, received or acked it. */
  readonly session?: string;
  /** The payload, truncated. */
  readonly payload?: string;
  /** deliver: how long it waited in the queue; ack: how long since it was sent. */
  readonly waitedMs?: number;
  /** ack: how long its consumer held it before acking. */
  readonly heldMs?: number;
}

export type NewTraceEvent = Omit<TraceEvent, 'seq' | 'time'>;

export class TraceRing {
  private readonly buf: TraceEvent[] = [];
  private seq = 0;
  private waiters = new Set<() => void>();
  private wakeScheduled = false;

  constructor(
    readonly capacity = 1024,
    readonly truncate = 256,
  ) {}

  add(e: NewTraceEvent, now: number): void {
    const payload = e.payload === undefined ? undefined : e.payload.slice(0, this.truncate);
    this.buf.push({ ...e, ...(payload === undefined ? {} : { payload }), seq: this.seq++, time: now });
    if (this.buf.length > this.capacity) this.buf.splice(0, this.buf.length - this.capacity);
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

  /** Events with seq > from. */
  since(from: number): TraceEvent[] {
    const first = this.buf.findIndex((e) => e.seq > from);
    return first < 0 ? [] : this.buf.slice(first);
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
