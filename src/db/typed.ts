// A typed view of the object store: the same store, with every per-class call
// generic over a record map (class name → record type, e.g. generated from a
// datamodel), so that `db.get('VM', ref)` is a VMRecord and a misspelled field
// or a value of the wrong type in `db.update` fails the type check.
//
// The store itself stays untyped (its classes are data, given at run time); a
// view is the store object seen through this interface, so it costs nothing
// at run time. Code that works on any class by name (the generic messages,
// event snapshots, filters) uses the untyped ObjectStore instead.
import type { Filter } from './filter.js';
import type { Changes, EventToken, ObjectStore, Ref } from './store.js';

/** The class names of a record map. */
export type ClassName<R> = keyof R & string;

/** Field changes for a record: any subset of its fields, writable so they can be built up. */
export type Patch<T> = { -readonly [K in keyof T]?: T[K] };

/** The fields of a record that hold sets. */
export type SetField<T> = {
  [K in keyof T]-?: NonNullable<T[K]> extends readonly unknown[] ? K : never;
}[keyof T] &
  string;

/** The fields of a record that hold maps. */
export type MapField<T> = {
  [K in keyof T]-?: NonNullable<T[K]> extends readonly unknown[]
    ? never
    : NonNullable<T[K]> extends Readonly<Record<string, unknown>>
      ? K
      : never;
}[keyof T] &
  string;

/** The element type of a set field. */
export type SetElement<T, F extends keyof T> = NonNullable<T[F]> extends readonly (infer E)[] ? E : never;

/** The value type of a map field. */
export type MapValue<T, F extends keyof T> =
  NonNullable<T[F]> extends Readonly<Record<string, infer V>> ? V : never;

/**
 * The ObjectStore interface (see store.ts for what each call does), typed by
 * the record map `R`.
 */
export interface TypedStore<R> {
  // --- reads ---
  get<C extends ClassName<R>>(cls: C, ref: Ref): R[C];
  find<C extends ClassName<R>>(cls: C, ref: Ref): R[C] | undefined;
  has(cls: ClassName<R>, ref: Ref): boolean;
  classOf(ref: Ref): ClassName<R> | undefined;
  all<C extends ClassName<R>>(cls: C): IterableIterator<[Ref, R[C]]>;
  count(cls: ClassName<R>): number;
  refByUuid(cls: ClassName<R>, uuid: string): Ref | undefined;
  refsByNameLabel(cls: ClassName<R>, label: string): Ref[];
  where<C extends ClassName<R>>(cls: C, filter: Filter): [Ref, R[C]][];

  // --- writes ---
  create<C extends ClassName<R>>(cls: C, fields: Patch<R[C]>, ref?: Ref): Ref;
  update<C extends ClassName<R>>(cls: C, ref: Ref, changes: Patch<R[C]>): void;
  touch(cls: ClassName<R>, ref: Ref): void;
  destroy(cls: ClassName<R>, ref: Ref): void;
  addToMap<C extends ClassName<R>, F extends MapField<R[C]>>(
    cls: C,
    ref: Ref,
    field: F,
    key: string,
    value: MapValue<R[C], F>,
  ): void;
  removeFromMap<C extends ClassName<R>>(cls: C, ref: Ref, field: MapField<R[C]>, key: string): void;
  addToSet<C extends ClassName<R>, F extends SetField<R[C]>>(
    cls: C,
    ref: Ref,
    field: F,
    value: SetElement<R[C], F>,
  ): void;
  removeFromSet<C extends ClassName<R>, F extends SetField<R[C]>>(
    cls: C,
    ref: Ref,
    field: F,
    value: SetElement<R[C], F>,
  ): void;
  transaction<T>(fn: () => T): T;

  // --- events ---
  current(): EventToken;
  changesSince(token: string, subscriptions: readonly string[]): Changes;
  waitForChange(after: EventToken, signal?: AbortSignal): Promise<boolean>;
  bumpMessageGeneration(): number;
  validRefCounts(): Record<string, number>;

  // --- durability ---
  flush(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The store seen through the record map `R`. Sound when the store was built
 * from the same class declarations as `R` and every write goes through a
 * typed view or is checked against the declarations first (the generic
 * messages' arguments are, by dispatch): the store fills every declared field
 * on create and load and refuses undeclared ones. That is the one promise
 * this view takes on the caller's word.
 */
export function typedView<R>(store: ObjectStore): TypedStore<R> {
  return store as unknown as TypedStore<R>;
}

/** The same store, untyped: for code that handles any class by name. */
export function untypedView<R>(db: TypedStore<R>): ObjectStore {
  return db as unknown as ObjectStore;
}
