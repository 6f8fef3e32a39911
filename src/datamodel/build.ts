// Small constructors for declaring classes as plain data. Roles and docs are
// mandatory arguments: nothing reaches the API without them.
import {
  ROLES,
  type ClassDecl,
  type EnumDecl,
  type FieldDecl,
  type LifecycleState,
  type MessageDecl,
  type ParamDecl,
  type Qualifier,
  type Role,
  type Ty,
  type Value,
} from './types.js';

/** Type constructors. */
export const t = {
  string: { kind: 'string' } as Ty,
  int: { kind: 'int' } as Ty,
  int32: { kind: 'int32' } as Ty,
  float: { kind: 'float' } as Ty,
  bool: { kind: 'bool' } as Ty,
  datetime: { kind: 'datetime' } as Ty,
  void: { kind: 'void' } as Ty,
  dynamic: { kind: 'dynamic' } as Ty,
  enum: (name: string): Ty => ({ kind: 'enum', name }),
  ref: (cls: string): Ty => ({ kind: 'ref', cls }),
  set: (of: Ty): Ty => ({ kind: 'set', of }),
  map: (key: Ty, value: Ty): Ty => ({ kind: 'map', key, value }),
  record: (cls: string): Ty => ({ kind: 'record', cls }),
  option: (of: Ty): Ty => ({ kind: 'option', of }),
  struct: (fields: Record<string, Ty>): Ty => ({ kind: 'struct', fields }),
  /** `(string -> string) map`, the commonest map of all. */
  smap: { kind: 'map', key: { kind: 'string' }, value: { kind: 'string' } } as Ty,
};

/** The roles at least as powerful as `role` (xapi's `_R_VM_OP` and friends). */
export function rolesFrom(role: Role): readonly Role[] {
  return ROLES.slice(0, ROLES.indexOf(role) + 1);
}

/** The null reference. */
export const NULL_REF = 'OpaqueRef:NULL';

/** The empty value of a type, used as the default of server-written fields. */
export function emptyValue(ty: Ty): Value | undefined {
  switch (ty.kind) {
    case 'string':
    case 'void':
      return '';
    case 'int':
    case 'int32':
    case 'float':
      return 0;
    case 'bool':
      return false;
    case 'datetime':
      return '19700101T00:00:00Z';
    case 'ref':
      return NULL_REF;
    case 'set':
      return [];
    case 'map':
    case 'struct':
    case 'record':
      return {};
    case 'enum':
    case 'option':
    case 'dynamic':
      return undefined;
  }
}

export interface FieldOpts {
  readonly default?: Value;
  readonly lifecycle?: LifecycleState;
  readonly writeRole?: Role;
  readonly readRole?: Role;
  readonly persist?: boolean;
}

/** A field; `name` is its wire name within the current namespace. */
export function field(
  name: string,
  ty: Ty,
  qualifier: Qualifier,
  doc: string,
  opts: FieldOpts = {},
): FieldDecl {
  // Server-written fields always have a value: their type's empty value
  // unless a default is given.
  const dflt = opts.default ?? (qualifier === 'DynamicRO' ? emptyValue(ty) : undefined);
  return {
    name,
    dbName: name,
    ty,
    qualifier,
    doc,
    lifecycle: opts.lifecycle ?? 'published',
    persist: opts.persist ?? true,
    ...(dflt === undefined ? {} : { default: dflt }),
    ...(opts.writeRole ? { writeRole: opts.writeRole } : {}),
    ...(opts.readRole ? { readRole: opts.readRole } : {}),
  };
}

/** Fields grouped under a namespace: wire `ns_f`, DB column `ns__f`. */
export function ns(prefix: string, fields: readonly FieldDecl[]): FieldDecl[] {
  return fields.map((f) => ({
    ...f,
    name: `${prefix}_${f.name}`,
    dbName: `${prefix}__${f.dbName}`,
  }));
}

/** The `uuid` field every DB class has. */
export function uid(): FieldDecl {
  return field('uuid', t.string, 'DynamicRO', 'Unique identifier of the object.');
}

/** `name_label` and `name_description`. */
export function nameFields(qualifier: Qualifier = 'RW', opts: FieldOpts = {}): FieldDecl[] {
  return ns('name', [
    field('label', t.string, qualifier, 'A human-readable name.', { default: '', ...opts }),
    field('description', t.string, qualifier, 'A human-readable description.', {
      default: '',
      ...opts,
    }),
  ]);
}

export function param(name: string, ty: Ty, doc: string, dflt?: Value): ParamDecl {
  return { name, ty, doc, ...(dflt === undefined ? {} : { default: dflt }) };
}

export interface CallOpts {
  readonly params?: readonly ParamDecl[];
  readonly result?: Ty;
  readonly resultDoc?: string;
  readonly errors?: readonly string[];
  /**
   * The least powerful role allowed to call it; 'local-superuser' grants it to
   * no role, leaving only sessions of the local superuser (which bypass RBAC).
   */
  readonly role: Role | 'local-superuser';
  readonly async?: boolean;
  readonly session?: boolean;
  readonly doc: string;
  readonly lifecycle?: LifecycleState;
  readonly hidden?: boolean;
  /** A message of xapi-ts that the XenAPI does not have. */
  readonly extension?: boolean;
}

/** A hand-written message. */
export function call(name: string, opts: CallOpts): MessageDecl {
  return {
    name,
    params: opts.params ?? [],
    result: opts.result ?? t.void,
    resultDoc: opts.resultDoc ?? '',
    errors: opts.errors ?? [],
    roles: opts.role === 'local-superuser' ? [] : rolesFrom(opts.role),
    async: opts.async ?? false,
    session: opts.session ?? true,
    doc: opts.doc,
    lifecycle: opts.lifecycle ?? 'published',
    tag: { kind: 'custom' },
    hidden: opts.hidden ?? false,
    extension: opts.extension ?? false,
  };
}

export function enumOf(name: string, values: readonly (readonly [string, string])[]): EnumDecl {
  return { name, values: values.map(([n, doc]) => ({ name: n, doc })) };
}

export interface ClassOpts {
  readonly name: string;
  readonly doc: string;
  readonly fields: readonly (FieldDecl | readonly FieldDecl[])[];
  readonly messages?: readonly MessageDecl[];
  readonly enums?: readonly EnumDecl[];
  readonly inDb?: boolean;
  readonly getAll?: boolean;
  readonly constructorDestructor?: boolean;
  readonly events?: boolean;
  readonly readRole?: Role;
  readonly writeRole: Role;
  readonly lifecycle?: LifecycleState;
}

export function defineClass(opts: ClassOpts): ClassDecl {
  const inDb = opts.inDb ?? true;
  return {
    name: opts.name,
    doc: opts.doc,
    fields: opts.fields.flat(),
    messages: opts.messages ?? [],
    enums: opts.enums ?? [],
    inDb,
    getAll: opts.getAll ?? inDb,
    constructorDestructor: opts.constructorDestructor ?? false,
    events: opts.events ?? inDb,
    readRole: opts.readRole ?? 'read-only',
    writeRole: opts.writeRole,
    lifecycle: opts.lifecycle ?? 'published',
  };
}
