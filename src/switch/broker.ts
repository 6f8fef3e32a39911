// The switch's state and rules, without I/O: queues of unacknowledged
// messages, sessions (a login token held by one or more connections), the
// consumers of each queue and the transfers waiting for messages.
//
// A message handed to a session by a transfer is "in flight" for that session
// until acked; when the session's last connection closes its in-flight
// messages are delivered again (first, in id order) to another consumer.
// Waiting transfers are served first come first served, and a burst is shared
// between the waiting consumers rather than all given to the first.
import { apiError } from '../datamodel/api-error.js';
import type { Journal, JournalRecord, StoredQueue } from './journal.js';
import type { Delivered, MessageId, OutMessage, SendResult } from './protocol.js';
import { Queue, Session, type Msg, type Waiter } from './queue.js';
import { TraceRing } from './trace.js';

export { Queue, Session, type Waiter } from './queue.js';

export interface BrokerOptions {
  readonly journal?: Journal | undefined;
  readonly restored?: Map<string, StoredQueue> | undefined;
  readonly trace?: TraceRing;
  readonly now?: () => number;
}

export class Broker {
  readonly queues = new Map<string, Queue>();
  readonly sessions = new Map<string, Session>();
  readonly trace: TraceRing;
  private readonly journal: Journal | undefined;
  private readonly now: () => number;
  /** Approximate bytes of live persistent messages, to decide when to compact the journal. */
  private liveBytes = 0;

  constructor(opts: BrokerOptions = {}) {
    this.journal = opts.journal;
    this.trace = opts.trace ?? new TraceRing();
    this.now = opts.now ?? Date.now;
    for (const sq of opts.restored?.values() ?? []) {
      const q = new Queue(sq.name, true, sq.nextId, undefined);
      for (const m of sq.messages.values()) {
        q.push({ ...m, deliveries: 0, acked: false, deliveredAt: 0, holder: undefined });
        this.liveBytes += m.payload.length + 64;
      }
      this.queues.set(q.name, q);
    }
  }

  // ---- sessions ---------------------------------------------------------

  attach(token: string): Session {
    let s = this.sessions.get(token);
    if (!s) this.sessions.set(token, (s = new Session(token)));
    s.connections++;
    return s;
  }

  /** A connection of the session closed; the last one ends the session. */
  detach(s: Session): void {
    if (--s.connections > 0) return;
    this.sessions.delete(s.token);
    for (const w of [...s.waiters]) this.finishWaiter(w, []);
    for (const q of s.subscriptions) q.consumers.delete(s);
    const touched = new Set<Queue>();
    for (const m of s.inflight) {
      const q = this.queueOfHeld(m);
      m.holder = undefined;
      if (!q || m.acked) continue;
      q.inflight--;
      q.requeue(m);
      touched.add(q);
      this.trace.add('requeue', q.name, m.id, m.kind, s.token, this.now());
    }
    s.inflight.clear();
    for (const q of s.owned) this.destroy(q.name);
    for (const q of touched) if (this.queues.get(q.name) === q) this.kick(q);
  }

  private heldIn = new WeakMap<Msg, Queue>();
  private queueOfHeld(m: Msg): Queue | undefined {
    return this.heldIn.get(m);
  }

  // ---- queues -----------------------------------------------------------

  create(name: string, persistent: boolean, session: Session | undefined): Queue {
    const existing = this.queues.get(name);
    if (existing) {
      if (existing.persistent !== persistent)
        throw apiError('MESSAGE_SWITCH_QUEUE_EXISTS', { queue: name, persistent: existing.persistent });
      return existing;
    }
    if (!persistent && !session) throw apiError('MESSAGE_SWITCH_SESSION_REQUIRED', {});
    // Numbers start from the clock so they are not reused after a restart.
    const q = new Queue(name, persistent, this.now() * 1000, persistent ? undefined : session);
    this.queues.set(name, q);
    if (!persistent) session?.owned.add(q);
    else this.log({ c: name, next: q.nextId });
    return q;
  }

  destroy(name: string): void {
    const q = this.queues.get(name);
    if (!q) return;
    this.queues.delete(name);
    q.owner?.owned.delete(q);
    for (const w of [...q.waiters]) this.finishWaiter(w, []);
    for (const s of q.consumers) s.subscriptions.delete(q);
    for (const m of q.messages.values()) {
      m.acked = true;
      m.holder?.inflight.delete(m);
      if (q.persistent) this.liveBytes -= m.payload.length + 64;
    }
    if (q.persistent) this.log({ d: name });
  }

  subscribe(name: string, s: Session): Queue {
    const q = this.mustGet(name);
    q.consumers.add(s);
    s.subscriptions.add(q);
    return q;
  }

  mustGet(name: string): Queue {
    const q = this.queues.get(name);
    if (!q) throw apiError('MESSAGE_SWITCH_QUEUE_NOT_FOUND', { queue: name });
    return q;
  }

  list(prefix: string, alive: boolean): string[] {
    const out: string[] = [];
    for (const q of this.queues.values()) {
      if (q.name.startsWith(prefix) && (!alive || q.consumers.size > 0)) out.push(q.name);
    }
    return out.sort();
  }

  // ---- messages ---------------------------------------------------------

  send(messages: readonly OutMessage[], session: Session | undefined): SendResult[] {
    const now = this.now();
    const touched = new Set<Queue>();
    const results = messages.map((om): SendResult => {
      const q = this.queues.get(om.queue);
      if (!q) return { error: { code: 'MESSAGE_SWITCH_QUEUE_NOT_FOUND', params: [om.queue] } };
      const m: Msg = {
        id: q.nextId++,
        payload: om.payload,
        kind: om.kind,
        sent: now,
        deliveries: 0,
        acked: false,
        deliveredAt: 0,
        holder: undefined,
      };
      q.push(m);
      q.counters.sent++;
      if (q.persistent) {
        this.log({ s: q.name, n: m.id, p: m.payload, k: m.kind, t: now });
        this.liveBytes += m.payload.length + 64;
      }
      touched.add(q);
      this.trace.add('send', q.name, m.id, m.kind, session?.token, now, m.payload);
      return { id: [q.name, m.id], persistent: q.persistent, consumers: q.consumers.size };
    });
    for (const q of touched) this.kick(q);
    return results;
  }

  /** Acknowledge: the message is gone for good. Unknown ids are ignored (acks may be repeated). */
  ack(ids: readonly MessageId[], session: Session | undefined): void {
    const now = this.now();
    for (const [name, n] of ids) {
      const q = this.queues.get(name);
      const m = q?.messages.get(n);
      if (!q || !m) continue;
      q.messages.delete(n);
      m.acked = true;
      if (m.holder) {
        m.holder.inflight.delete(m);
        m.holder = undefined;
        q.inflight--;
      }
      q.counters.acked++;
      if (q.persistent) {
        this.log({ a: name, n });
        this.liveBytes -= m.payload.length + 64;
      }
      const held = m.deliveredAt ? now - m.deliveredAt : undefined;
      this.trace.add('ack', name, n, m.kind, session?.token, now, undefined, now - m.sent, held);
    }
  }

  /**
   * Hand up to `max` messages from `names` to the session, now or when some
   * arrive; `deliver` is called exactly once (with [] on timeout).
   */
  transfer(
    names: readonly string[],
    max: number,
    timeoutMs: number,
    s: Session,
    deliver: (msgs: Delivered[]) => void,
  ): Waiter | undefined {
    const queues = names.map((n) => this.mustGet(n));
    for (const q of queues) {
      q.consumers.add(s);
      s.subscriptions.add(q);
    }
    const now = this.take(s, queues, max);
    if (now.length > 0 || timeoutMs <= 0) {
      deliver(now);
      return undefined;
    }
    const w: Waiter = { session: s, queues, max, deliver, timer: undefined };
    w.timer = setTimeout(() => this.finishWaiter(w, []), timeoutMs);
    for (const q of queues) q.waiters.add(w);
    s.waiters.add(w);
    return w;
  }

  /** Put back messages that were taken but could not be handed over (the connection broke). */
  release(ids: readonly MessageId[], s: Session): void {
    const touched = new Set<Queue>();
    for (const [name, n] of ids) {
      const q = this.queues.get(name);
      const m = q?.messages.get(n);
      if (!q || !m || m.holder !== s) continue;
      s.inflight.delete(m);
      m.holder = undefined;
      q.inflight--;
      q.requeue(m);
      touched.add(q);
    }
    for (const q of touched) this.kick(q);
  }

  /** Forget a waiting transfer whose connection went away. */
  cancelWaiter(w: Waiter): void {
    this.unlinkWaiter(w);
  }

  private unlinkWaiter(w: Waiter): boolean {
    if (!w.session.waiters.delete(w)) return false;
    clearTimeout(w.timer);
    for (const q of w.queues) q.waiters.delete(w);
    return true;
  }

  private finishWaiter(w: Waiter, msgs: Delivered[]): void {
    if (this.unlinkWaiter(w)) w.deliver(msgs);
  }

  /** Serve waiting transfers from a queue that has deliverable messages. */
  private kick(q: Queue): void {
    while (q.length > 0 && q.waiters.size > 0) {
      const w = q.waiters.values().next().value as Waiter;
      const share = Math.max(1, Math.ceil(q.length / q.waiters.size));
      const msgs = this.take(w.session, [q, ...w.queues.filter((x) => x !== q)], Math.min(w.max, share));
      this.finishWaiter(w, msgs);
    }
  }

  private take(s: Session, queues: readonly Queue[], max: number): Delivered[] {
    const out: Delivered[] = [];
    const now = this.now();
    for (const q of queues) {
      while (out.length < max) {
        const m = q.pop();
        if (!m) break;
        m.deliveries++;
        m.deliveredAt = now;
        m.holder = s;
        this.heldIn.set(m, q);
        s.inflight.add(m);
        q.inflight++;
        q.counters.delivered++;
        out.push({
          id: [q.name, m.id],
          payload: m.payload,
          kind: m.kind,
          sent: m.sent,
          delivery: m.deliveries,
        });
        this.trace.add('deliver', q.name, m.id, m.kind, s.token, now, undefined, now - m.sent);
      }
    }
    return out;
  }

  // ---- persistence --------------------------------------------------------

  private log(r: JournalRecord): void {
    if (!this.journal) return;
    this.journal.append(r);
    const size = this.journal.size;
    if (size > 32 * 1024 * 1024 && size > 4 * this.liveBytes)
      this.journal.requestCompaction(() => this.snapshot());
  }

  snapshot(): JournalRecord[] {
    const out: JournalRecord[] = [];
    for (const q of this.queues.values()) {
      if (!q.persistent) continue;
      out.push({ c: q.name, next: q.nextId });
      for (const m of q.messages.values())
        out.push({ s: q.name, n: m.id, p: m.payload, k: m.kind, t: m.sent });
    }
    return out;
  }

  /** Resolves once every change so far is durable (immediately without a journal). */
  sync(): Promise<void> {
    return this.journal ? this.journal.sync() : Promise.resolve();
  }

  sampleRates(): void {
    for (const q of this.queues.values()) q.meter.sample(q.counters);
  }
}
