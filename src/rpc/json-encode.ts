// Type-directed JSON-RPC response encoding. Envelopes as xapi writes them:
//   2.0 success {"jsonrpc":"2.0","result":R,"id":ID}            (never "error")
//   2.0 failure {"jsonrpc":"2.0","error":{"code":1,"message":CODE,"data":[…]},"id":ID}
//   1.0 success {"result":R,"error":null,"id":ID}
//   1.0 failure {"result":null,"error":[CODE,…],"id":ID}
// Numbers are JSON numbers, datetimes strings; non-finite floats become null.
import { Typed, type Ty, type Value } from '../datamodel/types.js';
import { formatInt } from './float.js';
import { cachedByIdentity, inferTy, recordFields, structFields, type WireField } from './record-fields.js';

type Enc = (v: Value | undefined) => string;
type Obj = { readonly [key: string]: Value | undefined };

// Compiled once per Ty object (and per class for records), as in xml-encode.ts.
const byTy = new WeakMap<Ty, Enc>();
const byClass = new Map<string, Enc>();

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

function isObj(v: Value | undefined): v is Obj {
  return typeof v === 'object' && !Array.isArray(v) && !(v instanceof Typed);
}

/** A JSON string literal; the scan avoids a native call for the common plain strings. */
function quote(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return '"' + s + '"';
}

function membersEncoder(fields: readonly WireField[], ty: Ty): Enc {
  let encs: Enc[] | undefined;
  return (v) => {
    if (!isObj(v)) return other(v, ty);
    encs ??= fields.map((f) => encoder(f.ty));
    let out = '';
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i] as WireField;
      const fv = v[f.name];
      if (fv === undefined) {
        if (f.optional) continue;
        throw new Error(`record field ${f.name} missing when encoding ${JSON.stringify(ty)}`);
      }
      out += (out === '' ? '' : ',') + f.jsonKey + (encs[i] as Enc)(fv);
    }
    return '{' + out + '}';
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
    case 'string':
    case 'ref':
    case 'enum':
    case 'datetime':
      return (v) => (typeof v === 'string' ? quote(v) : other(v, ty));
    case 'int':
    case 'int32':
      return (v) => (typeof v === 'number' && Number.isInteger(v) ? formatInt(v) : other(v, ty));
    case 'float':
      return (v) => (typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'null') : other(v, ty));
    case 'bool':
      return (v) => (v === true ? 'true' : v === false ? 'false' : other(v, ty));
    case 'void':
      return () => '""';
    case 'set': {
      let item: Enc | undefined;
      return (v) => {
        if (!Array.isArray(v)) return other(v, ty);
        item ??= encoder(ty.of);
        let out = '';
        for (const x of v as readonly Value[]) out += (out === '' ? '' : ',') + item(x);
        return '[' + out + ']';
      };
    }
    case 'map': {
      let item: Enc | undefined;
      return (v) => {
        if (!isObj(v)) return other(v, ty);
        item ??= encoder(ty.value);
        let out = '';
        for (const k in v) {
          const mv = v[k];
          if (mv !== undefined) out += (out === '' ? '' : ',') + quote(k) + ':' + item(mv);
        }
        return '{' + out + '}';
      };
    }
    case 'record':
      return recordEncoder(ty.cls);
    case 'struct':
      return membersEncoder(structFields(ty), ty);
    case 'option': {
      let inner: Enc | undefined;
      return (v) => (v === undefined ? 'null' : (inner ??= encoder(ty.of))(v));
    }
    case 'dynamic':
      return (v) =>
        v === undefined ? 'null' : v instanceof Typed ? encoder(v.ty)(v.value) : encoder(inferTy(v))(v);
  }
}

/** The JSON text of a value of type `ty`. */
export function jsonValue(v: Value | undefined, ty: Ty): string {
  return encoder(ty)(v);
}

export type JsonRpcVersion = '1.0' | '2.0';
export type JsonRpcId = string | number;

export function encodeJsonSuccess(
  v: Value | undefined,
  ty: Ty,
  id: JsonRpcId,
  version: JsonRpcVersion,
): string {
  const result = encoder(ty)(v);
  const idText = JSON.stringify(id);
  return version === '2.0'
    ? '{"jsonrpc":"2.0","result":' + result + ',"id":' + idText + '}'
    : '{"result":' + result + ',"error":null,"id":' + idText + '}';
}

export function encodeJsonFailure(error: readonly string[], id: JsonRpcId, version: JsonRpcVersion): string {
  const idText = JSON.stringify(id);
  if (version === '2.0') {
    const [code = 'INTERNAL_ERROR', ...params] = error;
    return (
      '{"jsonrpc":"2.0","error":{"code":1,"message":' +
      JSON.stringify(code) +
      ',"data":' +
      JSON.stringify(params) +
      '},"id":' +
      idText +
      '}'
    );
  }
  return '{"result":null,"error":' + JSON.stringify(error) + ',"id":' + idText + '}';
}
