// The meta-model: what a class, field, message, enum, error and role are.
// Everything the toolstack knows about the XenAPI is a value of these types,
// declared once under src/datamodel/ and derived from everywhere else.

/** The six user roles of xapi, from most to least powerful. */
export const ROLES = [
  'pool-admin',
  'pool-operator',
  'vm-power-admin',
  'vm-admin',
  'vm-operator',
  'read-only',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who may change a field after creation.
 * - RW: clients, through the generated set_/add_/remove_ messages;
 * - StaticRO: given to the constructor, never changed afterwards by clients;
 * - DynamicRO: written by the server only.
 */
export type Qualifier = 'RW' | 'StaticRO' | 'DynamicRO';

/** Lifecycle state of a class, field or message, as the XenAPI publishes it. */
export type LifecycleState = 'published' | 'prototyped' | 'deprecated' | 'removed';

/**
 * Wire types. `int32`, `struct`, `dynamic` and `void` never appear as field
 * types: they describe ad-hoc results such as event.from's.
 */
export type Ty =
  | { readonly kind: 'string' }
  | { readonly kind: 'int' }
  | { readonly kind: 'int32' }
  | { readonly kind: 'float' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'datetime' }
  | { readonly kind: 'void' }
  | { readonly kind: 'enum'; readonly name: string }
  | { readonly kind: 'ref'; readonly cls: string }
  | { readonly kind: 'set'; readonly of: Ty }
  | { readonly kind: 'map'; readonly key: Ty; readonly value: Ty }
  | { readonly kind: 'record'; readonly cls: string }
  | { readonly kind: 'option'; readonly of: Ty }
  | { readonly kind: 'struct'; readonly fields: Readonly<Record<string, Ty>> }
  | { readonly kind: 'dynamic' };

/**
 * In-memory representation of wire values:
 * string, enum, ref → string; int, int32, float → number; bool → boolean;
 * datetime → string `YYYYMMDDTHH:MM:SSZ`; set → array; map, record, struct →
 * plain object (map keys are strings); option → value or undefined;
 * dynamic → a `Typed` value that carries its own type.
 */
export type Value =
  string | number | boolean | readonly Value[] | { readonly [key: string]: Value | undefined } | Typed;

/** A value whose wire type is only known at run time (e.g. an event snapshot). */
export class Typed {
  constructor(
    readonly value: Value,
    readonly ty: Ty,
  ) {}
}

export interface EnumDecl {
  readonly name: string;
  readonly values: readonly { readonly name: string; readonly doc: string }[];
}

export interface FieldDecl {
  /** Wire name: namespaces joined with `_` (`name_label`). */
  readonly name: string;
  /** Column name in the DB and in get_all_records_where: namespaces joined with `__`. */
  readonly dbName: string;
  readonly ty: Ty;
  readonly qualifier: Qualifier;
  /** Value used when the constructor omits the field; absent = mandatory (unless DynamicRO). */
  readonly default?: Value;
  readonly doc: string;
  readonly lifecycle: LifecycleState;
  /** Role needed by the generated setters of an RW field, when not the class's. */
  readonly writeRole?: Role;
  /** Role needed by the generated getter, when not the class's (e.g. secret values). */
  readonly readRole?: Role;
  /** False for fields that are not persisted across restarts. */
  readonly persist: boolean;
}

export interface ParamDecl {
  readonly name: string;
  readonly ty: Ty;
  readonly doc: string;
  /** Present for parameters that later releases added with a default value. */
  readonly default?: Value;
}

/** Where a message comes from: written by hand, or derived from a field or the class. */
export type MessageTag =
  | { readonly kind: 'custom' }
  | {
      readonly kind: 'getter' | 'setter' | 'add_to' | 'remove_from' | 'add' | 'remove';
      readonly field: string;
    }
  | {
      readonly kind:
        | 'get_record'
        | 'get_by_uuid'
        | 'get_by_name_label'
        | 'get_all'
        | 'get_all_records'
        | 'get_all_records_where'
        | 'get_all_where'
        | 'create'
        | 'destroy';
    };

export interface MessageDecl {
  readonly name: string;
  /** Parameters after the session (which is implicit when `session` is true). */
  readonly params: readonly ParamDecl[];
  readonly result: Ty;
  readonly resultDoc: string;
  /** XenAPI error codes the message may raise, from the error registry. */
  readonly errors: readonly string[];
  /** Roles allowed to call it. */
  readonly roles: readonly Role[];
  /** Whether an `Async.` form exists. */
  readonly async: boolean;
  /** Whether the first wire parameter is a session ref. */
  readonly session: boolean;
  readonly doc: string;
  readonly lifecycle: LifecycleState;
  readonly tag: MessageTag;
  /** Hidden from the generated docs (still callable). */
  readonly hidden: boolean;
  /** A message of xapi-ts that the XenAPI does not have. */
  readonly extension: boolean;
}

export interface ClassDecl {
  readonly name: string;
  readonly doc: string;
  readonly fields: readonly FieldDecl[];
  /** Hand-written messages only; implicit ones are derived (see derive.ts). */
  readonly messages: readonly MessageDecl[];
  readonly enums: readonly EnumDecl[];
  /** Stored in the object database. */
  readonly inDb: boolean;
  /** get_all, get_all_records and get_all_records_where are exposed. */
  readonly getAll: boolean;
  /** The generic create(record) / destroy(self) messages are exposed. */
  readonly constructorDestructor: boolean;
  /** Changes are published through event.from. */
  readonly events: boolean;
  /** Default role for reading (getters). */
  readonly readRole: Role;
  /** Default role for generated setters and the generic constructor/destructor. */
  readonly writeRole: Role;
  readonly lifecycle: LifecycleState;
}

export interface ErrorDecl {
  readonly code: string;
  readonly params: readonly string[];
  readonly doc: string;
}

/** A one-to-many or many-to-many link the database keeps consistent both ways. */
export interface RelationDecl {
  /** e.g. ['VBD', 'VM'] — the single-valued side for one-to-many. */
  readonly one: readonly [cls: string, field: string];
  /** e.g. ['VM', 'VBDs'] — the set-valued side. */
  readonly many: readonly [cls: string, field: string];
  readonly kind: 'one-to-many' | 'many-to-many';
}
