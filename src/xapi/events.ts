// event.from, event.inject and the legacy register/next queue, on top of the
// database's change log. Waiters block on the database's change signal, so
// they wake within milliseconds of a write, and on the session's close signal.
import { apiError } from '../datamodel/api-error.js';
import { t } from '../datamodel/build.js';
import { classByName } from '../datamodel/index.js';
import { Typed } from '../datamodel/types.js';
import { formatToken, parseToken } from '../db/events.js';
import { encodeOnce } from '../rpc/index.js';
import type { ChangeEvent, EventToken, ObjectStore } from '../db/store.js';
import { untypedView } from '../db/typed.js';
import type { XapiDb } from './store.js';
import type { EventRecord } from '../generated/api-types.js';
import type { SessionInfo } from './session-info.js';

/** One event on the wire; `snapshot` is absent for `del`. */
export interface EventWire {
  readonly id: string;
  readonly timestamp: string;
  readonly class: string;
  readonly operation: string;
  readonly ref: string;
  readonly snapshot: Typed | undefined;
}

export interface EventFromResult {
  readonly events: readonly EventWire[];
  readonly valid_ref_counts: Readonly<Record<string, number>>;
  readonly token: string;
}

function eventValue(e: ChangeEvent): EventWire {
  return {
    id: String(e.id),
    timestamp: '0.0',
    class: e.class,
    operation: e.operation,
    ref: e.ref,
    snapshot: e.snapshot === undefined ? undefined : new Typed(e.snapshot, t.record(e.table)),
  };
}

/** The token the store just returned is always well formed. */
function tokenOf(token: string): EventToken {
  const tok = parseToken(token);
  if (!tok) throw apiError('EVENT_FROM_TOKEN_PARSE_FAILURE', { token });
  return tok;
}

interface Registration {
  classes: readonly string[];
  token: string;
}

/** Answers with more events than this are not kept for sharing (they would hold memory). */
const SHARE_MAX_EVENTS = 1000;

export class Events {
  private readonly registrations = new Map<string, Registration>();
  /**
   * The answers given since the database last changed, by token and classes:
   * watchers woken by the same change with the same token share one answer
   * (and its encoding) instead of each computing it.
   */
  private readonly shared = new Map<string, EventFromResult>();
  private sharedAt = '';

  /** Events carry any class's snapshot, so they read the store untyped. */
  private readonly db: ObjectStore;

  constructor(db: XapiDb) {
    this.db = untypedView(db);
  }

  /**
   * event.from: changes after `token` to objects matching `classes`, waiting
   * up to `timeout` seconds for one.
   */
  async from(
    session: SessionInfo,
    classes: readonly string[],
    token: string,
    timeout: number,
    signal?: AbortSignal,
  ): Promise<EventFromResult> {
    const deadline = Date.now() + Math.max(0, Number.isFinite(timeout) ? timeout : 0) * 1000;
    for (;;) {
      const now = formatToken(this.db.current());
      if (this.sharedAt !== now) {
        this.shared.clear();
        this.sharedAt = now;
      }
      const key = token === '' ? undefined : `${token}\n${classes.join('\n')}`;
      const known = key === undefined ? undefined : this.shared.get(key);
      if (known && (known.events.length > 0 || Date.now() >= deadline)) return known;
      const changes = this.db.changesSince(token, classes);
      if (changes.events.length > 0 || Date.now() >= deadline) {
        const answer: EventFromResult = Object.freeze({
          events: Object.freeze(changes.events.map((e) => Object.freeze(eventValue(e)))),
          valid_ref_counts: Object.freeze(this.db.validRefCounts()),
          token: changes.token,
        });
        if (key !== undefined && changes.events.length <= SHARE_MAX_EVENTS) {
          this.shared.set(key, encodeOnce(answer));
        }
        return answer;
      }
      token = changes.token;
      await this.wait(session, tokenOf(changes.token), deadline, signal);
    }
  }

  /** Block until a change after `after`, the deadline, or the session closes. */
  private async wait(
    session: SessionInfo,
    after: EventToken,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<void> {
    const ms = deadline - Date.now();
    if (ms <= 0) return;
    // One controller, a timer and two listeners, all undone when the wait ends:
    // AbortSignal.any and AbortSignal.timeout cost several times more per call and
    // leave their signals and timers behind until the timeout (garbage that a hundred
    // watchers re-arming after every change turn into collections).
    const stop = new AbortController();
    const abort = (): void => stop.abort();
    const timer = setTimeout(abort, ms);
    timer.unref();
    session.closed.addEventListener('abort', abort, { once: true });
    signal?.addEventListener('abort', abort, { once: true });
    if (session.closed.aborted || signal?.aborted) stop.abort();
    try {
      await this.db.waitForChange(after, stop.signal);
    } finally {
      clearTimeout(timer);
      session.closed.removeEventListener('abort', abort);
      signal?.removeEventListener('abort', abort);
    }
    if (session.closed.aborted) throw apiError('SESSION_INVALID', { handle: session.ref });
  }

  /** event.inject: touch the object; the token returned sees that change. */
  inject(cls: string, ref: string): string {
    const decl = classByName.get(cls);
    if (!decl || !decl.inDb || !this.db.has(cls, ref))
      throw apiError('HANDLE_INVALID', { class: cls, handle: ref });
    const before = formatToken(this.db.current());
    this.db.touch(cls, ref);
    return before;
  }

  currentId(): number {
    return this.db.current().db;
  }

  /** event.register: add classes to the session's legacy subscription. */
  register(session: SessionInfo, classes: readonly string[]): void {
    const reg = this.registrations.get(session.ref);
    if (reg) {
      reg.classes = [...new Set([...reg.classes, ...classes])];
    } else {
      this.registrations.set(session.ref, { classes: [...classes], token: formatToken(this.db.current()) });
      session.closed.addEventListener('abort', () => this.registrations.delete(session.ref), { once: true });
    }
  }

  unregister(session: SessionInfo, classes: readonly string[]): void {
    const reg = this.registrations.get(session.ref);
    if (!reg) return;
    reg.classes = reg.classes.filter((c) => !classes.includes(c));
    if (reg.classes.length === 0) this.registrations.delete(session.ref);
  }

  /** event.next: block until there are events for the registered classes. */
  async next(session: SessionInfo, signal?: AbortSignal): Promise<EventRecord[]> {
    const reg = this.registrations.get(session.ref);
    if (!reg) throw apiError('SESSION_NOT_REGISTERED', { handle: session.ref });
    for (;;) {
      const changes = this.db.changesSince(reg.token, reg.classes);
      reg.token = changes.token;
      if (changes.events.length > 0) {
        // The legacy record declares `id` as an int (xapi sends it as a string in XML-RPC, as we do).
        return changes.events.map((e) => ({
          ...eventValue(e),
          id: e.id,
          operation: e.operation,
          obj_uuid: String(e.snapshot?.['uuid'] ?? ''),
        }));
      }
      await this.wait(session, tokenOf(changes.token), Date.now() + 3600_000, signal);
      if (!this.registrations.has(session.ref))
        throw apiError('SESSION_NOT_REGISTERED', { handle: session.ref });
    }
  }
}
