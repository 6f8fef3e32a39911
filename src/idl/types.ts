// Runtime type descriptors for the internal interfaces. One descriptor gives the
// TypeScript type (via `TypeOf`), a validating decoder for what arrives on the
// wire, an encoder, and a shape the documentation generator can walk.
//
// Wire encoding follows the ocaml-rpc rules of the original daemons:
// records are objects (absent options omitted, keys matched case-insensitively
// on input), variants are "Tag" or ["Tag", payload], tuples are arrays, string
// maps are objects, a stand-alone option is [] or [x], unit is null.

export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

/** What a decoder throws: where in the value it went wrong and what was expected. */
export class DecodeError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`${path || 'value'}: expected ${expected}, got ${got}`);
    this.name = 'DecodeError';
  }
}

export type Shape =
  | { readonly k: 'prim'; readonly name: 'string' | 'int' | 'float' | 'bool' | 'unit' | 'json' }
  | { readonly k: 'option'; readonly of: AnyCodec }
  | { readonly k: 'default'; readonly of: AnyCodec; readonly value: Json }
  | { readonly k: 'array'; readonly of: AnyCodec }
  | { readonly k: 'dict'; readonly of: AnyCodec }
  | { readonly k: 'tuple'; readonly items: readonly AnyCodec[] }
  | { readonly k: 'record'; readonly fields: Fields }
  | { readonly k: 'variant'; readonly cases: Readonly<Record<string, AnyCodec | null>> }
  | { readonly k: 'named'; readonly name: string; readonly doc: string; readonly of: AnyCodec };

export interface Codec<T> {
  readonly shape: Shape;
  /** Validate a wire value and return the typed value (never trusts the input). */
  decode(v: unknown, path: string): T;
  encode(v: T): Json;
  /** Phantom, for type inference only. */
  readonly _t?: T;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the universal codec bound
export type AnyCodec = Codec<any>;
export type TypeOf<C> = C extends Codec<infer T> ? T : never;
export type Fields = Readonly<Record<string, AnyCodec>>;

/** An option codec: omitted from records when absent, `[]`/`[x]` when stand-alone. */
export interface OptionCodec<T> extends Codec<T | undefined> {
  readonly shape: { readonly k: 'option'; readonly of: AnyCodec };
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type OptKeys<F> = { [K in keyof F]: F[K] extends OptionCodec<infer _> ? K : never }[keyof F];
/** The object type described by a set of fields: option fields become `?:`. */
export type RecordOf<F extends Fields> = Simplify<
  { -readonly [K in Exclude<keyof F, OptKeys<F>>]: TypeOf<F[K]> } & {
    -readonly [K in OptKeys<F>]?: TypeOf<F[K]>;
  }
>;

type VariantOf<C extends Readonly<Record<string, AnyCodec | null>>> = {
  [K in keyof C & string]: C[K] extends null ? K : readonly [K, TypeOf<C[K]>];
}[keyof C & string];

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return v.length > 40 ? 'string' : JSON.stringify(v);
  return typeof v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function prim<T extends Json>(
  name: 'string' | 'int' | 'float' | 'bool' | 'unit' | 'json',
  ok: (v: unknown) => boolean,
  expected: string,
): Codec<T> {
  return {
    shape: { k: 'prim', name },
    decode(v, path) {
      if (!ok(v)) throw new DecodeError(path, expected, describe(v));
      return v as T;
    },
    encode: (v) => v,
  };
}

function isJson(v: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isJson(x, depth + 1));
  if (isObject(v)) return Object.values(v).every((x) => isJson(x, depth + 1));
  return false;
}

export const string: Codec<string> = prim('string', (v) => typeof v === 'string', 'a string');
export const int: Codec<number> = prim('int', (v) => Number.isSafeInteger(v), 'an integer');
export const float: Codec<number> = prim(
  'float',
  (v) => typeof v === 'number' && Number.isFinite(v),
  'a number',
);
export const bool: Codec<boolean> = prim('bool', (v) => typeof v === 'boolean', 'a boolean');
/** Any JSON value, passed through unchecked beyond being JSON. */
export const json: Codec<Json> = prim('json', (v) => isJson(v), 'a JSON value');
/** unit: null on the wire; a missing value is accepted too. */
export const unit: Codec<null> = {
  shape: { k: 'prim', name: 'unit' },
  decode(v, path) {
    if (v !== null && v !== undefined) throw new DecodeError(path, 'null', describe(v));
    return null;
  },
  encode: () => null,
};

export function option<C extends AnyCodec>(of: C): OptionCodec<TypeOf<C>> {
  return {
    shape: { k: 'option', of },
    decode(v, path) {
      if (!Array.isArray(v) || v.length > 1) throw new DecodeError(path, '[] or [value]', describe(v));
      return v.length === 0 ? undefined : (of.decode(v[0], `${path}[0]`) as TypeOf<C>);
    },
    encode: (v) => (v === undefined ? [] : [of.encode(v)]),
  };
}

/** A field that may be omitted on input, taking `value`; always sent on output. */
export function withDefault<T>(of: Codec<T>, value: T): Codec<T> {
  return {
    shape: { k: 'default', of, value: of.encode(value) },
    decode: (v, path) => (v === undefined ? value : of.decode(v, path)),
    encode: (v) => of.encode(v),
  };
}

export function array<C extends AnyCodec>(of: C): Codec<TypeOf<C>[]> {
  return {
    shape: { k: 'array', of },
    decode(v, path) {
      if (!Array.isArray(v)) throw new DecodeError(path, 'an array', describe(v));
      return v.map((x, i) => of.decode(x, `${path}[${i}]`) as TypeOf<C>);
    },
    encode: (v) => v.map((x) => of.encode(x)),
  };
}

/** A string-keyed map, an object on the wire (ocaml `(string * t) list`). */
export function dict<C extends AnyCodec>(of: C): Codec<Record<string, TypeOf<C>>> {
  return {
    shape: { k: 'dict', of },
    decode(v, path) {
      if (!isObject(v)) throw new DecodeError(path, 'an object', describe(v));
      const out: Record<string, TypeOf<C>> = {};
      for (const [k, x] of Object.entries(v)) out[k] = of.decode(x, `${path}.${k}`) as TypeOf<C>;
      return out;
    },
    encode(v) {
      const out: Record<string, Json> = {};
      for (const [k, x] of Object.entries(v)) out[k] = of.encode(x);
      return out;
    },
  };
}

export function tuple<const Cs extends readonly AnyCodec[]>(
  ...items: Cs
): Codec<{ -readonly [I in keyof Cs]: TypeOf<Cs[I]> }> {
  type T = { -readonly [I in keyof Cs]: TypeOf<Cs[I]> };
  return {
    shape: { k: 'tuple', items },
    decode(v, path) {
      if (!Array.isArray(v) || v.length !== items.length)
        throw new DecodeError(path, `an array of ${items.length}`, describe(v));
      return items.map((c, i) => c.decode(v[i], `${path}[${i}]`) as unknown) as T;
    },
    encode: (v) => items.map((c, i) => c.encode((v as unknown[])[i])),
  };
}

/** Decode an object's fields; shared by records and named parameters. */
export function decodeFields<F extends Fields>(fields: F, v: unknown, path: string): RecordOf<F> {
  if (!isObject(v)) throw new DecodeError(path, 'an object', describe(v));
  const out: Record<string, unknown> = {};
  let lower: Map<string, string> | undefined;
  for (const [name, c] of Object.entries(fields)) {
    let x = v[name];
    if (x === undefined && !Object.hasOwn(v, name)) {
      // ocaml-rpc matches record keys case-insensitively on input.
      lower ??= new Map(Object.keys(v).map((k) => [k.toLowerCase(), k]));
      const k = lower.get(name.toLowerCase());
      if (k !== undefined) x = v[k];
    }
    const fpath = path ? `${path}.${name}` : name;
    if (c.shape.k === 'option') {
      if (x !== undefined && x !== null) out[name] = (c.shape.of as AnyCodec).decode(x, fpath);
    } else {
      if (x === undefined && c.shape.k !== 'default' && !(c.shape.k === 'prim' && c.shape.name === 'unit'))
        throw new DecodeError(fpath, 'a value', 'nothing (missing)');
      out[name] = c.decode(x, fpath);
    }
  }
  return out as RecordOf<F>;
}

export function encodeFields<F extends Fields>(fields: F, v: RecordOf<F>): { [k: string]: Json } {
  const out: Record<string, Json> = {};
  const src = v as Record<string, unknown>;
  for (const [name, c] of Object.entries(fields)) {
    const x = src[name];
    if (c.shape.k === 'option') {
      if (x !== undefined) out[name] = (c.shape.of as AnyCodec).encode(x);
    } else out[name] = c.encode(x);
  }
  return out;
}

export function record<const F extends Fields>(fields: F): Codec<RecordOf<F>> {
  return {
    shape: { k: 'record', fields },
    decode: (v, path) => decodeFields(fields, v, path),
    encode: (v) => encodeFields(fields, v),
  };
}

/**
 * A variant: `null` cases are bare tags ("Halted"), others carry a payload
 * (["HVM", {...}]). Tags are matched case-insensitively on input.
 */
export function variant<const C extends Readonly<Record<string, AnyCodec | null>>>(
  cases: C,
): Codec<VariantOf<C>> {
  const byLower = new Map(Object.keys(cases).map((k) => [k.toLowerCase(), k]));
  const expected = `one of ${Object.keys(cases).join(', ')}`;
  return {
    shape: { k: 'variant', cases },
    decode(v, path) {
      const raw = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
      const tag = raw === undefined ? undefined : (byLower.get(raw.toLowerCase()) ?? undefined);
      if (tag === undefined) throw new DecodeError(path, expected, describe(raw ?? v));
      const payload = cases[tag];
      if (payload === null || payload === undefined) {
        if (typeof v !== 'string') throw new DecodeError(path, `the bare tag "${tag}"`, describe(v));
        return tag as VariantOf<C>;
      }
      if (!Array.isArray(v) || v.length !== 2)
        throw new DecodeError(path, `["${tag}", payload]`, describe(v));
      return [tag, payload.decode(v[1], `${path}.${tag}`)] as unknown as VariantOf<C>;
    },
    encode(v) {
      if (typeof v === 'string') return v;
      const [tag, x] = v as unknown as [string, unknown];
      const payload = cases[tag];
      return [tag, payload ? payload.encode(x) : null];
    },
  };
}

/** A variant of bare tags only: a string literal union. */
export function enumeration<const Tags extends readonly string[]>(...tags: Tags): Codec<Tags[number]> {
  const cases: Record<string, null> = {};
  for (const t of tags) cases[t] = null;
  return variant(cases) as unknown as Codec<Tags[number]>;
}

/** Give a type a name (and doc) so the documentation lists it once and refers to it. */
export function named<T>(name: string, doc: string, of: Codec<T>): Codec<T> {
  return {
    shape: { k: 'named', name, doc, of },
    decode: (v, p) => of.decode(v, p),
    encode: (v) => of.encode(v),
  };
}
