// The object database as the rest of the server sees it. The in-memory
// implementation (memory.ts) optionally persists to SQLite (sqlite.ts); a
// pool may later implement the same interface over a replicated store.
import type { Value } from '../datamodel/types.js';
import type { Filter } from './filter.js';

export type Ref = string;

/** A stored record: wire field name → value. Always deeply frozen. */
export type Row = { readonly [field: string]: Value | undefined };

/** Field values given to create/update; copied by the store. */
export type Fields = { readonly [field: string]: Value | undefined };

export type EventOperation = 'add' | 'mod' | 'del';

export interface ChangeEvent {
  /** Table name exactly as declared (`VM`). */
  readonly table: string;
  /** Lower-case class name, as event.from reports it (`vm`). */
  readonly class: string;
  readonly ref: Ref;
  readonly operation: EventOperation;
  /** Generation of the object's last change (its creation for `add`, deletion for `del`). */
  readonly id: number;
  /** The current record; absent for `del`. */
  readonly snapshot?: Row;
}

/** A parsed event.from token. */
export interface EventToken {
  readonly db: number;
  readonly message: number;
}

export interface Changes {
  readonly events: readonly ChangeEvent[];
  /** The token to pass next time (`%020d,%020d`). */
  readonly token: string;
  /**
   * Message generation the caller's token was at: report messages created or
   * deleted after it; `null` for a full dump (every message as `add`).
   */
  readonly messagesSince: number | null;
}

export interface ObjectStore {
  // --- reads ---
  /** The record; HANDLE_INVALID [cls, ref] if there is none. */
  get(cls: string, ref: Ref): Row;
  /** The record, or undefined. */
  find(cls: string, ref: Ref): Row | undefined;
  has(cls: string, ref: Ref): boolean;
  /** The table holding a ref, if any. */
  classOf(ref: Ref): string | undefined;
  all(cls: string): IterableIterator<[Ref, Row]>;
  count(cls: string): number;
  refByUuid(cls: string, uuid: string): Ref | undefined;
  refsByNameLabel(cls: string, label: string): Ref[];
  /** Rows matching a parsed get_all_records_where expression. */
  where(cls: string, filter: Filter): [Ref, Row][];

  // --- writes (applied at once; durable once flush() resolves) ---
  /**
   * Create a record. Omitted fields take their declared default; a field with
   * none is FIELD_TYPE_ERROR [field]. `ref` and `uuid` are generated unless given.
   */
  create(cls: string, fields: Fields, ref?: Ref): Ref;
  /** Change fields; HANDLE_INVALID if the object does not exist. Unchanged values are not writes. */
  update(cls: string, ref: Ref, changes: Fields): void;
  /** Record a modification without changing any field (event.inject). */
  touch(cls: string, ref: Ref): void;
  destroy(cls: string, ref: Ref): void;
  /** add_to_<map>: MAP_DUPLICATE_KEY [cls, field, ref, key] if the key exists. */
  addToMap(cls: string, ref: Ref, field: string, key: string, value: Value): void;
  /** remove_from_<map>: no-op if absent. */
  removeFromMap(cls: string, ref: Ref, field: string, key: string): void;
  /** add_<set>: no-op if present. */
  addToSet(cls: string, ref: Ref, field: string, value: Value): void;
  /** remove_<set>: no-op if absent. */
  removeFromSet(cls: string, ref: Ref, field: string, value: Value): void;
  /**
   * Run `fn` with all its writes applied atomically: they share one
   * generation, and if `fn` throws none of them remain. `fn` must be
   * synchronous. Nested calls join the outer transaction.
   */
  transaction<T>(fn: () => T): T;

  // --- events ---
  /** Current generations (the token of "now"). */
  current(): EventToken;
  /**
   * event.from's answer for a token (`""` = full dump) and subscriptions.
   * EVENT_FROM_TOKEN_PARSE_FAILURE, EVENT_SUBSCRIPTION_PARSE_FAILURE, EVENTS_LOST.
   */
  changesSince(token: string, subscriptions: readonly string[]): Changes;
  /**
   * Resolves true as soon as an event-producing change happens after `after`
   * (at once if one already has), false if `signal` aborts first.
   */
  waitForChange(after: EventToken, signal?: AbortSignal): Promise<boolean>;
  /** Record a change to a `message` object; returns the new message generation. */
  bumpMessageGeneration(): number;
  /** Row count of every table, keyed by lower-case class name. */
  validRefCounts(): Record<string, number>;

  // --- durability ---
  /** Resolves once every write made so far is committed to stable storage. */
  flush(): Promise<void>;
  close(): Promise<void>;
}
