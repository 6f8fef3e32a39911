// Per-class field lists for encoding records, with their wire prefixes
// precomputed once per class (the datamodel is static for the process).
import { classByName } from '../datamodel/index.js';
import type { Ty, Value } from '../datamodel/types.js';

export interface WireField {
  readonly name: string;
  readonly ty: Ty;
  /** Omitted from the record when undefined. */
  readonly optional: boolean;
  /** `<member><name>NAME</name>` */
  readonly xmlOpen: string;
  /** `"NAME":` */
  readonly jsonKey: string;
}

const byClass = new Map<string, readonly WireField[]>();
const byStruct = new WeakMap<Ty, readonly WireField[]>();

function wireField(name: string, ty: Ty): WireField {
  return {
    name,
    ty,
    optional: ty.kind === 'option',
    xmlOpen: `<member><name>${escapeXml(name)}</name>`,
    jsonKey: `${JSON.stringify(name)}:`,
  };
}

/** Every field of the class, in declaration order. */
export function recordFields(cls: string): readonly WireField[] {
  let fs = byClass.get(cls);
  if (fs === undefined) {
    const decl = classByName.get(cls);
    if (decl === undefined) throw new Error(`no class ${cls} in the datamodel`);
    fs = decl.fields.map((f) => wireField(f.name, f.ty));
    byClass.set(cls, fs);
  }
  return fs;
}

/** The fields of a `struct` type; all of them may be left out. */
export function structFields(ty: Ty & { readonly kind: 'struct' }): readonly WireField[] {
  let fs = byStruct.get(ty);
  if (fs === undefined) {
    fs = Object.keys(ty.fields).map((k) => ({ ...wireField(k, ty.fields[k] as Ty), optional: true }));
    byStruct.set(ty, fs);
  }
  return fs;
}

const STRING: Ty = { kind: 'string' };
const BOOL: Ty = { kind: 'bool' };
const INT: Ty = { kind: 'int' };
const FLOAT: Ty = { kind: 'float' };
const DYNAMIC_SET: Ty = { kind: 'set', of: { kind: 'dynamic' } };
const DYNAMIC_MAP: Ty = { kind: 'map', key: STRING, value: { kind: 'dynamic' } };

/** The wire type of a value declared `dynamic` that is not wrapped in Typed. */
export function inferTy(v: Value): Ty {
  if (typeof v === 'string') return STRING;
  if (typeof v === 'boolean') return BOOL;
  if (typeof v === 'number') return Number.isInteger(v) ? INT : FLOAT;
  return Array.isArray(v) ? DYNAMIC_SET : DYNAMIC_MAP;
}

// Characters XML cannot carry (C0 controls other than TAB, LF, CR) are dropped,
// as xapi does; the four markup characters are escaped.
// eslint-disable-next-line no-control-regex
const ESCAPE_ALL = /[&<>"\x00-\x08\x0b\x0c\x0e-\x1f]/g;

function escapeChar(c: string): string {
  switch (c) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    default:
      return '';
  }
}

/** Text as XML character data. */
export function escapeXml(s: string): string {
  // A plain scan first: most strings (refs, uuids, names) need no change.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 ? c !== 9 && c !== 10 && c !== 13 : c === 38 || c === 60 || c === 62 || c === 34) {
      return s.replace(ESCAPE_ALL, escapeChar);
    }
  }
  return s;
}

/** Written so that the optimiser cannot drop the read that flattens. */
let _flattenSink = 0;

/**
 * A string built by concatenation is a tree of pieces (a rope) that costs
 * several times its length in memory; reading a character of it makes V8
 * replace the tree with one flat copy.
 */
export function flatten(s: string): string {
  _flattenSink ^= s.charCodeAt(s.length >> 1) | 0;
  return s;
}

/**
 * Stored records are deeply frozen and never change, so each one's encoding
 * is computed once and reused (get_all_records of thousands of objects, event
 * snapshots sent to many watchers). The WeakMap lets dropped rows go; the
 * cached text is flattened, or a record's rope would keep ~20 KiB of pieces.
 */
export function cachedByIdentity(inner: (v: Value | undefined) => string): (v: Value | undefined) => string {
  const cache = new WeakMap<object, string>();
  return (v) => {
    if (typeof v !== 'object' || v === null || !Object.isFrozen(v)) return inner(v);
    let s = cache.get(v);
    if (s === undefined) {
      s = flatten(inner(v));
      cache.set(v, s);
    }
    return s;
  };
}

const shared = new WeakSet<object>();

/**
 * Mark a deeply frozen struct value as one answer given to many callers (the
 * same event.from result for watchers of the same token): its encoding is
 * then computed once per wire format and reused while the value lives.
 */
export function encodeOnce<T extends object>(v: T): T {
  if (!Object.isFrozen(v)) throw new Error('only frozen values can share their encoding');
  shared.add(v);
  return v;
}

/** Like cachedByIdentity, for the values marked by encodeOnce only. */
export function cachedIfShared(inner: (v: Value | undefined) => string): (v: Value | undefined) => string {
  const cache = new WeakMap<object, string>();
  return (v) => {
    if (typeof v !== 'object' || v === null || !shared.has(v)) return inner(v);
    let s = cache.get(v);
    if (s === undefined) {
      s = flatten(inner(v));
      cache.set(v, s);
    }
    return s;
  };
}
