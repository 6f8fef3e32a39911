// event.from's query over the store (coalesced add/mod/del since a token, or
// a full dump), and the callers blocked until something changes.
import { apiError } from '../datamodel/api-error.js';
import {
  formatToken,
  parseSubscriptions,
  parseToken,
  subscribes,
  subscribesToClass,
  type ChangeLog,
} from './events.js';
import type { ChangeEvent, Changes, EventToken, Row } from './store.js';
import type { Gens, Tables } from './tables.js';

/**
 * Each object at most once, with its current snapshot: `add` if created after
 * the token, else `mod`; `del` if deleted after it and it existed at the
 * token. Objects created and deleted since the token are not reported.
 */
export function collectChanges(
  tables: Tables,
  log: ChangeLog,
  now: EventToken,
  token: string,
  subscriptions: readonly string[],
): Changes {
  const sub = parseSubscriptions(subscriptions);
  const from = parseToken(token);
  const next = formatToken(now);
  const events: ChangeEvent[] = [];
  if (from === null) {
    for (const t of tables.byName.values()) {
      if (!t.decl.events || !subscribesToClass(sub, t.lower)) continue;
      for (const [ref, row] of t.rows) {
        if (!subscribes(sub, t.lower, ref)) continue;
        const id = (t.gens.get(ref) as Gens).modified;
        events.push({ table: t.decl.name, class: t.lower, ref, operation: 'add', id, snapshot: row });
      }
    }
    return { events, token: next, messagesSince: null };
  }
  // A token from before the retained window, or from a future this database
  // never reached (it was replaced), cannot be answered: the client resyncs.
  if (from.db < log.lostBefore || from.db > now.db || from.message > now.message) {
    throw apiError('EVENTS_LOST', {});
  }
  for (const ref of log.changedSince(from.db)) {
    const t = tables.refClass.get(ref);
    if (t) {
      if (!subscribes(sub, t.lower, ref)) continue;
      const g = t.gens.get(ref) as Gens;
      const operation = g.created > from.db ? 'add' : 'mod';
      const snapshot = t.rows.get(ref) as Row;
      events.push({ table: t.decl.name, class: t.lower, ref, operation, id: g.modified, snapshot });
      continue;
    }
    const tomb = log.tombstones.get(ref);
    if (!tomb || tomb.created > from.db) continue;
    const lower = tomb.table.toLowerCase();
    if (!subscribes(sub, lower, ref)) continue;
    events.push({ table: tomb.table, class: lower, ref, operation: 'del', id: tomb.deleted });
  }
  events.sort((a, b) => a.id - b.id);
  return { events, token: next, messagesSince: from.message };
}

interface Waiter {
  readonly after: EventToken;
  readonly done: (changed: boolean) => void;
}

/** Promises waiting for a change after a token; woken by notify(), never polled. */
export class Waiters {
  private readonly waiting = new Set<Waiter>();

  constructor(private readonly mark: () => EventToken) {}

  private static after(mark: EventToken, t: EventToken): boolean {
    return mark.db > t.db || mark.message > t.message;
  }

  wait(after: EventToken, signal?: AbortSignal): Promise<boolean> {
    if (Waiters.after(this.mark(), after)) return Promise.resolve(true);
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = (): void => {
        this.waiting.delete(waiter);
        resolve(false);
      };
      const waiter: Waiter = {
        after,
        done: (changed) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(changed);
        },
      };
      this.waiting.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  notify(mark: EventToken): void {
    for (const w of this.waiting) {
      if (!Waiters.after(mark, w.after)) continue;
      this.waiting.delete(w);
      w.done(true);
    }
  }

  /** Wake everyone with `false` (the store is closing). */
  cancelAll(): void {
    for (const w of this.waiting) w.done(false);
    this.waiting.clear();
  }
}
