// event.from tokens and subscriptions, and the change log the store keeps to
// answer "what changed since generation N" without scanning every table.
import { apiError } from '../datamodel/api-error.js';
import type { EventToken, Ref } from './store.js';

const PAD = 20;

export function formatToken(t: EventToken): string {
  return `${String(t.db).padStart(PAD, '0')},${String(t.message).padStart(PAD, '0')}`;
}

/** `null` for `""` (a full dump); EVENT_FROM_TOKEN_PARSE_FAILURE [token] if malformed. */
export function parseToken(token: string): EventToken | null {
  if (token === '') return null;
  const m = /^(\d{1,20}),(\d{1,20})$/.exec(token);
  const db = Number(m?.[1]);
  const message = Number(m?.[2]);
  if (!m || !Number.isSafeInteger(db) || !Number.isSafeInteger(message)) {
    throw apiError('EVENT_FROM_TOKEN_PARSE_FAILURE', { token });
  }
  return { db, message };
}

export interface Subscription {
  readonly all: boolean;
  /** Lower-case class names. */
  readonly classes: ReadonlySet<string>;
  /** `class/ref`, both lower-case. */
  readonly objects: ReadonlySet<string>;
}

/** Parse event.from class strings (case-insensitive; unknown classes match nothing). */
export function parseSubscriptions(subs: readonly string[]): Subscription {
  let all = false;
  const classes = new Set<string>();
  const objects = new Set<string>();
  for (const raw of subs) {
    const s = raw.toLowerCase();
    const parts = s.split('/');
    if (parts.length > 2) throw apiError('EVENT_SUBSCRIPTION_PARSE_FAILURE', { subscription: raw });
    if (parts.length === 2) objects.add(s);
    else if (s === '*') all = true;
    else classes.add(s);
  }
  return { all, classes, objects };
}

export function subscribes(sub: Subscription, lowerClass: string, ref?: Ref): boolean {
  if (sub.all || sub.classes.has(lowerClass)) return true;
  return ref !== undefined && sub.objects.has(`${lowerClass}/${ref.toLowerCase()}`);
}

/** Whether any part of a subscription can name objects of the class. */
export function subscribesToClass(sub: Subscription, lowerClass: string): boolean {
  if (sub.all || sub.classes.has(lowerClass)) return true;
  for (const o of sub.objects) if (o.startsWith(`${lowerClass}/`)) return true;
  return false;
}

export interface Tombstone {
  readonly table: string;
  readonly ref: Ref;
  readonly created: number;
  readonly deleted: number;
}

interface LogEntry {
  readonly gen: number;
  readonly ref: Ref;
}

/**
 * Generation-ordered log of changes to event-producing objects, plus the
 * tombstones of deleted ones. Only the most recent `tombstoneLimit`
 * deletions are kept; a token older than the newest dropped one can no
 * longer be answered exactly (EVENTS_LOST).
 */
export class ChangeLog {
  private entries: LogEntry[] = [];
  readonly tombstones = new Map<Ref, Tombstone>();
  /** Tokens with db generation below this are too old. */
  lostBefore: number;

  constructor(
    private readonly tombstoneLimit: number,
    lostBefore = 0,
  ) {
    this.lostBefore = lostBefore;
  }

  record(gen: number, ref: Ref): void {
    this.entries.push({ gen, ref });
  }

  bury(t: Tombstone): void {
    this.tombstones.set(t.ref, t);
    this.record(t.deleted, t.ref);
  }

  unbury(ref: Ref): void {
    this.tombstones.delete(ref);
    this.unrecord();
  }

  /** Undo the last record() (a rolled-back write). */
  unrecord(): void {
    this.entries.pop();
  }

  /** Refs changed after generation `after`, each once. */
  changedSince(after: number): Set<Ref> {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.entries[mid] as LogEntry).gen <= after) lo = mid + 1;
      else hi = mid;
    }
    const out = new Set<Ref>();
    for (let i = lo; i < this.entries.length; i++) out.add((this.entries[i] as LogEntry).ref);
    return out;
  }

  /**
   * Drop tombstones beyond the limit (returns the dropped ones) and compact the
   * log once it holds many superseded entries.
   */
  trim(liveCount: number, isLive: (ref: Ref) => boolean): Tombstone[] {
    const dropped: Tombstone[] = [];
    for (const t of this.tombstones.values()) {
      if (this.tombstones.size - dropped.length <= this.tombstoneLimit) break;
      dropped.push(t);
    }
    for (const t of dropped) {
      this.tombstones.delete(t.ref);
      this.lostBefore = Math.max(this.lostBefore, t.deleted);
    }
    if (this.entries.length > 2 * (liveCount + this.tombstones.size) + 1024) {
      const last = new Map<Ref, LogEntry>();
      for (const e of this.entries) {
        last.delete(e.ref);
        last.set(e.ref, e);
      }
      // Entries of deleted objects whose tombstone is gone are useless.
      this.entries = [...last.values()].filter((e) => isLive(e.ref) || this.tombstones.has(e.ref));
    }
    return dropped;
  }
}
