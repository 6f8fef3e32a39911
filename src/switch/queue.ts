// The parts of the broker's state: messages, sessions, queues (with their
// ready list, redelivery list, consumers and waiting transfers).
import type { Delivered, MessageKind } from './protocol.js';
import { RateMeter, type Counters } from './trace.js';

export interface Msg {
  readonly id: number;
  readonly payload: string;
  readonly kind: MessageKind;
  readonly sent: number;
  deliveries: number;
  acked: boolean;
  /** When it was last handed out, and to whom. */
  deliveredAt: number;
  holder: Session | undefined;
}

export interface Waiter {
  readonly session: Session;
  readonly queues: readonly Queue[];
  readonly max: number;
  readonly deliver: (msgs: Delivered[]) => void;
  timer: NodeJS.Timeout | undefined;
}

export class Session {
  connections = 0;
  readonly inflight = new Set<Msg>();
  readonly subscriptions = new Set<Queue>();
  readonly owned = new Set<Queue>();
  readonly waiters = new Set<Waiter>();
  constructor(readonly token: string) {}
}

export class Queue {
  readonly messages = new Map<number, Msg>();
  private ready: Msg[] = [];
  private head = 0;
  /** Messages returned by a departed consumer, in id order; served before `ready`. */
  private again: Msg[] = [];
  readonly consumers = new Set<Session>();
  readonly waiters = new Set<Waiter>();
  readonly counters: Counters = { sent: 0, delivered: 0, acked: 0 };
  readonly meter = new RateMeter();
  inflight = 0;

  constructor(
    readonly name: string,
    readonly persistent: boolean,
    public nextId: number,
    readonly owner: Session | undefined,
  ) {}

  get length(): number {
    return this.messages.size - this.inflight;
  }

  push(m: Msg): void {
    this.messages.set(m.id, m);
    this.ready.push(m);
  }

  requeue(m: Msg): void {
    // Keep id order so that redelivery preserves the sending order.
    let i = this.again.length;
    while (i > 0 && (this.again[i - 1] as Msg).id > m.id) i--;
    this.again.splice(i, 0, m);
  }

  /** Next deliverable message (skipping those acked while queued). */
  pop(): Msg | undefined {
    while (this.again.length) {
      const m = this.again.shift() as Msg;
      if (!m.acked) return m;
    }
    while (this.head < this.ready.length) {
      const m = this.ready[this.head++] as Msg;
      if (this.head > 1024 && this.head * 2 > this.ready.length) {
        this.ready = this.ready.slice(this.head);
        this.head = 0;
      }
      if (!m.acked) return m;
    }
    return undefined;
  }

  oldest(): Msg | undefined {
    for (const m of this.messages.values()) return m;
    return undefined;
  }
}
