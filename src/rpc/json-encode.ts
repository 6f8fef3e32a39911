// Type-directed JSON-RPC response encoding. Envelopes as xapi writes them:
//   2.0 success {"jsonrpc":"2.0","result":R,"id":ID}            (never "error")
//   2.0 failure {"jsonrpc":"2.0","error":{"code":1,"message":CODE,"data":[…]},"id":ID}
//   1.0 success {"result":R,"error":null,"id":ID}
//   1.0 failure {"result":null,"error":[CODE,…],"id":ID}
// Numbers are JSON numbers, datetimes strings; non-finite floats become null.
import { Typed, type Ty, type Value } from '../datamodel/types.js';
import { formatInt } from './float.js';
import { recordFields, structFields, type WireField } from './record-fields.js';

type Obj = { readonly [key: string]: Value | undefined };

function bad(v: unknown, ty: Ty): never {
  throw new Error(`cannot encode ${typeof v} ${JSON.stringify(v)?.slice(0, 80)} as ${ty.kind}`);
}

function obj(v: Value | undefined, ty: Ty): Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : bad(v, ty);
}

function members(o: Obj, fields: readonly WireField[], ty: Ty): string {
  let out = '';
  for (const f of fields) {
    const fv = o[f.name];
    if (fv === undefined) {
      if (f.optional) continue;
      throw new Error(`record field ${f.name} missing when encoding ${JSON.stringify(ty)}`);
    }
    out += (out === '' ? '' : ',') + f.jsonKey + jsonValue(fv, f.ty);
  }
  return out;
}

function inferTy(v: Value | undefined): Ty {
  if (typeof v === 'string') return { kind: 'string' };
  if (typeof v === 'boolean') return { kind: 'bool' };
  if (typeof v === 'number') return Number.isInteger(v) ? { kind: 'int' } : { kind: 'float' };
  if (Array.isArray(v)) return { kind: 'set', of: { kind: 'dynamic' } };
  return { kind: 'map', key: { kind: 'string' }, value: { kind: 'dynamic' } };
}

/** The JSON text of a value of type `ty`. */
export function jsonValue(v: Value | undefined, ty: Ty): string {
  if (v instanceof Typed) return jsonValue(v.value, v.ty);
  switch (ty.kind) {
    case 'string':
    case 'ref':
    case 'enum':
    case 'datetime':
      return typeof v === 'string' ? JSON.stringify(v) : bad(v, ty);
    case 'int':
    case 'int32':
      return typeof v === 'number' && Number.isInteger(v) ? formatInt(v) : bad(v, ty);
    case 'float':
      return typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'null') : bad(v, ty);
    case 'bool':
      return typeof v === 'boolean' ? (v ? 'true' : 'false') : bad(v, ty);
    case 'void':
      return '""';
    case 'set': {
      if (!Array.isArray(v)) return bad(v, ty);
      let out = '';
      for (const item of v as readonly Value[]) out += (out === '' ? '' : ',') + jsonValue(item, ty.of);
      return '[' + out + ']';
    }
    case 'map': {
      const o = obj(v, ty);
      let out = '';
      for (const k in o) {
        const mv = o[k];
        if (mv !== undefined)
          out += (out === '' ? '' : ',') + JSON.stringify(k) + ':' + jsonValue(mv, ty.value);
      }
      return '{' + out + '}';
    }
    case 'record':
      return '{' + members(obj(v, ty), recordFields(ty.cls), ty) + '}';
    case 'struct':
      return '{' + members(obj(v, ty), structFields(ty), ty) + '}';
    case 'option':
      return v === undefined ? 'null' : jsonValue(v, ty.of);
    case 'dynamic':
      return v === undefined ? 'null' : jsonValue(v, inferTy(v));
  }
}

export type JsonRpcVersion = '1.0' | '2.0';
export type JsonRpcId = string | number;

export function encodeJsonSuccess(
  v: Value | undefined,
  ty: Ty,
  id: JsonRpcId,
  version: JsonRpcVersion,
): string {
  const result = jsonValue(v, ty);
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
