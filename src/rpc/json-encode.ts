// Type-directed JSON-RPC response encoding. Envelopes as xapi writes them:
//   2.0 success {"jsonrpc":"2.0","result":R,"id":ID}            (never "error")
//   2.0 failure {"jsonrpc":"2.0","error":{"code":1,"message":CODE,"data":[…]},"id":ID}
//   1.0 success {"result":R,"error":null,"id":ID}
//   1.0 failure {"result":null,"error":[CODE,…],"id":ID}
// Numbers are JSON numbers, datetimes strings; non-finite floats become null.
import type { Ty, Value } from '../datamodel/types.js';
import { formatInt } from './float.js';
import { encodeParts, typeEncoder, type Enc, type ScalarKind, type WireSyntax } from './type-encoder.js';

/** A JSON string literal; the scan avoids a native call for the common plain strings. */
function quote(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return '"' + s + '"';
}

function scalar(kind: ScalarKind, other: Enc): Enc {
  switch (kind) {
    case 'string':
    case 'ref':
    case 'enum':
    case 'datetime':
      return (v) => (typeof v === 'string' ? quote(v) : other(v));
    case 'int':
    case 'int32':
      return (v) => (typeof v === 'number' && Number.isInteger(v) ? formatInt(v) : other(v));
    case 'float':
      return (v) => (typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'null') : other(v));
    case 'bool':
      return (v) => (v === true ? 'true' : v === false ? 'false' : other(v));
    case 'void':
      return () => '""';
  }
}

const SYNTAX: WireSyntax = {
  scalar,
  array: { open: '[', sep: ',', close: ']' },
  struct: { open: '{', sep: ',', close: '}' },
  mapKey: (k) => quote(k) + ':',
  memberKey: (f) => f.jsonKey,
  entryClose: '',
  nil: 'null',
};
const encoder = typeEncoder(SYNTAX);

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

/** encodeJsonSuccess as pieces to be written one after the other (see encodeParts). */
export function encodeJsonSuccessParts(
  v: Value | undefined,
  ty: Ty,
  id: JsonRpcId,
  version: JsonRpcVersion,
): string[] {
  const parts = encodeParts(SYNTAX, encoder, ty, v);
  const idText = JSON.stringify(id);
  parts.unshift(version === '2.0' ? '{"jsonrpc":"2.0","result":' : '{"result":');
  parts.push(version === '2.0' ? ',"id":' + idText + '}' : ',"error":null,"id":' + idText + '}');
  return parts;
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
