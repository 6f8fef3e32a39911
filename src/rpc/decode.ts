// Type-directed decoding of request parameters: RawValue + Ty → Value.
//
// Error reporting (xapi itself answers most of these with INTERNAL_ERROR and
// an OCaml exception text; we are more precise, and clients only test codes
// they know):
// - a value of the wrong wire type, or a missing mandatory record field:
//   FIELD_TYPE_ERROR [name], where name is the parameter's name, or the
//   record field's wire name inside a `create` record;
// - a well-typed but bad value (enum name not in the enum, unparseable
//   datetime, integer out of range): INVALID_VALUE [name, value];
// - a record field that the constructor does not take: INVALID_VALUE [name, field];
// - a string that is not valid UTF-8: INVALID_VALUE
//   ["Invalid UTF-8 string in parameter", value], exactly as xapi.
import { apiError } from '../datamodel/api-error.js';
import { classByName, enums } from '../datamodel/index.js';
import type { FieldDecl, ParamDecl, Ty, Value } from '../datamodel/types.js';
import { normaliseDatetime } from './datetime.js';
import type { RawValue } from './raw.js';

declare global {
  interface String {
    /** ES2024; present in Node 20. */
    isWellFormed(): boolean;
    toWellFormed(): string;
  }
}

export interface DecodeCtx {
  /** Parameter (or record field) name, for error reports. */
  readonly name: string;
  /** From RpcRequest.lossyUtf8: U+FFFD in a string then marks invalid UTF-8. */
  readonly lossyUtf8?: boolean;
}

const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(?:\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?|inf|infinity|nan)$/i;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function typeError(ctx: DecodeCtx): never {
  throw apiError('FIELD_TYPE_ERROR', { field: ctx.name });
}

function invalid(ctx: DecodeCtx, value: string): never {
  throw apiError('INVALID_VALUE', { field: ctx.name, value });
}

/** The text of a string-like raw value (untyped, `<string>`, JSON string), else undefined. */
function stringOf(raw: RawValue): string | undefined {
  return raw.t === 'string' ? raw.v : undefined;
}

function checkedString(s: string, ctx: DecodeCtx): string {
  if (!s.isWellFormed() || (ctx.lossyUtf8 === true && s.includes('\uFFFD'))) {
    throw apiError('INVALID_VALUE', { field: 'Invalid UTF-8 string in parameter', value: s.toWellFormed() });
  }
  return s;
}

function decodeInt(raw: RawValue, ctx: DecodeCtx, bits: 32 | 64): number {
  let n: number;
  if (raw.t === 'number') {
    if (!Number.isInteger(raw.v)) typeError(ctx);
    n = raw.v;
    const lim = bits === 32 ? 2 ** 31 : 2 ** 63;
    if (n < -lim || n >= lim) invalid(ctx, String(n));
  } else if (raw.t === 'int' || raw.t === 'i4' || raw.t === 'i8' || raw.t === 'string') {
    const s = raw.v;
    if (!INT.test(s)) typeError(ctx);
    if (s.length > 9) {
      const b = BigInt(s);
      const [lo, hi] = bits === 32 ? [-(2n ** 31n), 2n ** 31n - 1n] : [INT64_MIN, INT64_MAX];
      if (b < lo || b > hi) invalid(ctx, s);
    }
    n = Number(s);
  } else {
    return typeError(ctx);
  }
  return n === 0 ? 0 : n; // no -0
}

function decodeFloat(raw: RawValue, ctx: DecodeCtx): number {
  if (raw.t === 'number') return raw.v;
  if (raw.t === 'double' || raw.t === 'int' || raw.t === 'i4' || raw.t === 'i8' || raw.t === 'string') {
    const s = raw.v;
    if (!FLOAT.test(s)) typeError(ctx);
    const l = s.toLowerCase().replace(/^[+-]/, '');
    if (l === 'nan') return NaN;
    if (l === 'inf' || l === 'infinity') return s[0] === '-' ? -Infinity : Infinity;
    return Number(s);
  }
  return typeError(ctx);
}

function decodeBool(raw: RawValue, ctx: DecodeCtx): boolean {
  if (raw.t === 'bool') return raw.v;
  if (raw.t === 'boolean') {
    const s = raw.v.trim();
    if (s === '1' || s === 'true') return true;
    if (s === '0' || s === 'false') return false;
  }
  return typeError(ctx);
}

// Lazily built lookups, valid for the life of the process (the datamodel is static).
const enumValues = new Map<string, ReadonlySet<string>>();

function enumSet(name: string): ReadonlySet<string> {
  let s = enumValues.get(name);
  if (s === undefined) {
    const decl = enums.get(name);
    if (decl === undefined) throw new Error(`unknown enum ${name}`);
    s = new Set(decl.values.map((v) => v.name));
    enumValues.set(name, s);
  }
  return s;
}

interface CtorFields {
  readonly byName: ReadonlyMap<string, FieldDecl>;
  /** Fields the constructor needs: no default, not an option. */
  readonly mandatory: readonly FieldDecl[];
}
const ctorFields = new Map<string, CtorFields>();

/** The fields a generic `create` takes: RW and StaticRO ones. */
function ctorFieldsOf(cls: string): CtorFields {
  let c = ctorFields.get(cls);
  if (c === undefined) {
    const decl = classByName.get(cls);
    if (decl === undefined) throw new Error(`unknown class ${cls}`);
    const fields = decl.fields.filter((f) => f.qualifier !== 'DynamicRO');
    c = {
      byName: new Map(fields.map((f) => [f.name, f])),
      mandatory: fields.filter((f) => f.default === undefined && f.ty.kind !== 'option'),
    };
    ctorFields.set(cls, c);
  }
  return c;
}

/** Sets `obj[k]` as an own data property, even for `__proto__`. */
function setOwn(obj: Record<string, Value | undefined>, k: string, v: Value | undefined): void {
  if (k === '__proto__')
    Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
  else obj[k] = v;
}

function fieldCtx(ctx: DecodeCtx, name: string): DecodeCtx {
  return ctx.lossyUtf8 === true ? { name, lossyUtf8: true } : { name };
}

/** A raw value of unknown type, decoded from what its wire form says. */
function decodeDynamic(raw: RawValue, ctx: DecodeCtx): Value | undefined {
  switch (raw.t) {
    case 'string':
    case 'base64':
      return checkedString(raw.v, ctx);
    case 'int':
    case 'i4':
    case 'i8':
      return decodeInt(raw, ctx, 64);
    case 'double':
      return decodeFloat(raw, ctx);
    case 'boolean':
      return decodeBool(raw, ctx);
    case 'dateTime.iso8601':
      return normaliseDatetime(raw.v) ?? invalid(ctx, raw.v);
    case 'number':
    case 'bool':
      return raw.v;
    case 'nil':
      return undefined;
    case 'array':
      return raw.v.map((r) => decodeDynamic(r, ctx) ?? '');
    case 'struct': {
      const obj: Record<string, Value | undefined> = {};
      for (const [k, r] of raw.v) setOwn(obj, k, decodeDynamic(r, ctx));
      return obj;
    }
  }
}

/**
 * Decodes one parameter against its declared type. `option` parameters may
 * decode to undefined (`<nil/>` / null); nothing else does.
 */
export function decodeParam(raw: RawValue, ty: Ty, ctx: DecodeCtx): Value | undefined {
  switch (ty.kind) {
    case 'string': {
      const s = stringOf(raw);
      return s === undefined ? typeError(ctx) : checkedString(s, ctx);
    }
    case 'ref': {
      const s = stringOf(raw);
      return s === undefined ? typeError(ctx) : checkedString(s, ctx);
    }
    case 'enum': {
      const s = stringOf(raw);
      if (s === undefined) return typeError(ctx);
      return enumSet(ty.name).has(s) ? s : invalid(ctx, checkedString(s, ctx));
    }
    case 'int':
      return decodeInt(raw, ctx, 64);
    case 'int32':
      return decodeInt(raw, ctx, 32);
    case 'float':
      return decodeFloat(raw, ctx);
    case 'bool':
      return decodeBool(raw, ctx);
    case 'datetime': {
      const s = raw.t === 'dateTime.iso8601' || raw.t === 'string' ? raw.v : undefined;
      if (s === undefined) return typeError(ctx);
      return normaliseDatetime(s) ?? invalid(ctx, checkedString(s, ctx));
    }
    case 'void':
      return raw.t === 'string' && raw.v === '' ? '' : raw.t === 'nil' ? '' : typeError(ctx);
    case 'set': {
      if (raw.t !== 'array') return typeError(ctx);
      const out: Value[] = new Array<Value>(raw.v.length);
      for (let i = 0; i < raw.v.length; i++) {
        const v = decodeParam(raw.v[i] as RawValue, ty.of, ctx);
        out[i] = v === undefined ? typeError(ctx) : v;
      }
      return out;
    }
    case 'map': {
      if (raw.t !== 'struct') return typeError(ctx);
      const obj: Record<string, Value | undefined> = {};
      for (const [k, r] of raw.v) {
        const key = decodeParam({ t: 'string', v: k }, ty.key, ctx);
        const v = decodeParam(r, ty.value, ctx);
        if (key === undefined || v === undefined) return typeError(ctx);
        setOwn(obj, typeof key === 'string' ? key : String(key), v);
      }
      return obj;
    }
    case 'record': {
      if (raw.t !== 'struct') return typeError(ctx);
      const { byName, mandatory } = ctorFieldsOf(ty.cls);
      const obj: Record<string, Value | undefined> = {};
      for (const [k, r] of raw.v) {
        const f = byName.get(k);
        if (f === undefined) invalid(ctx, checkedString(k, ctx));
        setOwn(obj, k, decodeParam(r, f.ty, fieldCtx(ctx, k)));
      }
      for (const f of mandatory) {
        if (!Object.hasOwn(obj, f.name)) typeError(fieldCtx(ctx, f.name));
      }
      return obj;
    }
    case 'struct': {
      if (raw.t !== 'struct') return typeError(ctx);
      const obj: Record<string, Value | undefined> = {};
      for (const [k, r] of raw.v) {
        const fty = Object.hasOwn(ty.fields, k) ? ty.fields[k] : undefined;
        if (fty === undefined) invalid(ctx, checkedString(k, ctx));
        setOwn(obj, k, decodeParam(r, fty, fieldCtx(ctx, k)));
      }
      return obj;
    }
    case 'option':
      return raw.t === 'nil' ? undefined : decodeParam(raw, ty.of, ctx);
    case 'dynamic':
      return decodeDynamic(raw, ctx);
  }
}

/**
 * Decodes the parameters of a message, after the dispatcher's arity check:
 * `raws[i]` against `decls[i]`; declarations past the end of `raws` take their
 * default, and surplus raws are ignored (xapi's rule for defaulted params).
 */
export function decodeParams(
  raws: readonly RawValue[],
  decls: readonly ParamDecl[],
  opts: { readonly lossyUtf8?: boolean } = {},
): (Value | undefined)[] {
  const out: (Value | undefined)[] = new Array<Value | undefined>(decls.length);
  const lossy = opts.lossyUtf8 === true;
  for (let i = 0; i < decls.length; i++) {
    const d = decls[i] as ParamDecl;
    const raw = raws[i];
    if (raw === undefined) {
      if (d.default === undefined && d.ty.kind !== 'option') {
        throw new Error(`decodeParams: parameter ${d.name} missing (arity not checked)`);
      }
      out[i] = d.default;
    } else {
      out[i] = decodeParam(raw, d.ty, lossy ? { name: d.name, lossyUtf8: true } : { name: d.name });
    }
  }
  return out;
}
