// The type-directed encoder compiler that both wire formats share. A format
// says how scalars look and how containers are spelt; this file walks the Ty,
// compiles each one once into a closure (cached per Ty object, and per class
// for records, whose encodings are also cached per frozen record), so encoding
// is a loop over precomputed pieces.
import { Typed, type Ty, type Value } from '../datamodel/types.js';
import {
  cachedByIdentity,
  cachedIfShared,
  inferTy,
  recordFields,
  structFields,
  type WireField,
} from './record-fields.js';

export type Enc = (v: Value | undefined) => string;
export type Obj = { readonly [key: string]: Value | undefined };
export type ScalarKind = 'string' | 'ref' | 'enum' | 'datetime' | 'int' | 'int32' | 'float' | 'bool' | 'void';

/** Containers as `open` + entries joined by `sep` + `close`. */
export interface Brackets {
  readonly open: string;
  readonly sep: string;
  readonly close: string;
}

export interface WireSyntax {
  /** The encoder of a scalar; `other` handles a value of the wrong shape. */
  scalar(kind: ScalarKind, other: Enc): Enc;
  readonly array: Brackets;
  /** Maps, records and structs. */
  readonly struct: Brackets;
  /** What comes before a map entry's value, and after it. */
  mapKey(key: string): string;
  /** What comes before a record or struct member's value. */
  memberKey(field: WireField): string;
  /** After each map entry or member value. */
  readonly entryClose: string;
  /** An absent option or dynamic value. */
  readonly nil: string;
}

export function isObj(v: Value | undefined): v is Obj {
  return typeof v === 'object' && !Array.isArray(v) && !(v instanceof Typed);
}

/** The compiled encoder of each Ty for one syntax. */
export function typeEncoder(syntax: WireSyntax): (ty: Ty) => Enc {
  const byTy = new WeakMap<Ty, Enc>();
  const byClass = new Map<string, Enc>();
  const { array, struct, entryClose } = syntax;

  function encoder(ty: Ty): Enc {
    let e = byTy.get(ty);
    if (e === undefined) {
      e = ty.kind === 'record' ? recordEncoder(ty.cls) : compile(ty);
      byTy.set(ty, e);
    }
    return e;
  }

  /** A value that does not fit its type: a Typed one encodes with its own type, anything else is a bug. */
  function other(v: Value | undefined, ty: Ty): string {
    if (v instanceof Typed) return encoder(v.ty)(v.value);
    throw new Error(`cannot encode ${typeof v} ${JSON.stringify(v)?.slice(0, 80)} as ${ty.kind}`);
  }

  function membersEncoder(fields: readonly WireField[], ty: Ty): Enc {
    let encs: Enc[] | undefined;
    const keys = fields.map((f) => syntax.memberKey(f));
    return (v) => {
      if (!isObj(v)) return other(v, ty);
      encs ??= fields.map((f) => encoder(f.ty));
      let out = '';
      let first = true;
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i] as WireField;
        const fv = v[f.name];
        if (fv === undefined) {
          if (f.optional) continue;
          throw new Error(`record field ${f.name} missing when encoding ${JSON.stringify(ty)}`);
        }
        out += (first ? '' : struct.sep) + (keys[i] as string) + (encs[i] as Enc)(fv) + entryClose;
        first = false;
      }
      return struct.open + out + struct.close;
    };
  }

  function recordEncoder(cls: string): Enc {
    let e = byClass.get(cls);
    if (e === undefined) {
      e = cachedByIdentity(membersEncoder(recordFields(cls), { kind: 'record', cls }));
      byClass.set(cls, e);
    }
    return e;
  }

  function compile(ty: Ty): Enc {
    switch (ty.kind) {
      case 'set': {
        let item: Enc | undefined;
        return (v) => {
          if (!Array.isArray(v)) return other(v, ty);
          item ??= encoder(ty.of);
          let out = '';
          let first = true;
          for (const x of v as readonly Value[]) {
            out += (first ? '' : array.sep) + item(x);
            first = false;
          }
          return array.open + out + array.close;
        };
      }
      case 'map': {
        let item: Enc | undefined;
        return (v) => {
          if (!isObj(v)) return other(v, ty);
          item ??= encoder(ty.value);
          let out = '';
          let first = true;
          for (const k in v) {
            const mv = v[k];
            if (mv === undefined) continue;
            out += (first ? '' : struct.sep) + syntax.mapKey(k) + item(mv) + entryClose;
            first = false;
          }
          return struct.open + out + struct.close;
        };
      }
      case 'record':
        return recordEncoder(ty.cls);
      case 'struct':
        return cachedIfShared(membersEncoder(structFields(ty), ty));
      case 'option': {
        let inner: Enc | undefined;
        return (v) => (v === undefined ? syntax.nil : (inner ??= encoder(ty.of))(v));
      }
      case 'dynamic':
        return (v) =>
          v === undefined ? syntax.nil : v instanceof Typed ? encoder(v.ty)(v.value) : encoder(inferTy(v))(v);
      default:
        return syntax.scalar(ty.kind, (v) => other(v, ty));
    }
  }

  return encoder;
}

/**
 * The encoding of `v` as pieces whose concatenation is the encoder's text: a
 * map or a set is one piece per entry (with the brackets as pieces of their
 * own), so that a large answer can be written out without first being joined
 * into one string.
 */
export function encodeParts(
  syntax: WireSyntax,
  encoder: (ty: Ty) => Enc,
  ty: Ty,
  v: Value | undefined,
): string[] {
  if (ty.kind === 'map' && isObj(v)) {
    const item = encoder(ty.value);
    const out = [syntax.struct.open];
    let first = true;
    for (const k in v) {
      const mv = v[k];
      if (mv === undefined) continue;
      // The entry's text stays as its own piece: a record's is cached, and joining would copy it.
      out.push((first ? '' : syntax.struct.sep) + syntax.mapKey(k), item(mv));
      if (syntax.entryClose) out.push(syntax.entryClose);
      first = false;
    }
    out.push(syntax.struct.close);
    return out;
  }
  if (ty.kind === 'set' && Array.isArray(v)) {
    const item = encoder(ty.of);
    const out = [syntax.array.open];
    let first = true;
    for (const x of v as readonly Value[]) {
      if (!first && syntax.array.sep) out.push(syntax.array.sep);
      out.push(item(x));
      first = false;
    }
    out.push(syntax.array.close);
    return out;
  }
  return [encoder(ty)(v)];
}
