// Type-directed XML-RPC response encoding, byte-compatible with xapi: compact
// (no whitespace between elements), strings and int64s as bare `<value>`s,
// `<i4>` for int32, `<double>` with %.16g, no `<i8>`. The result of
// encodeXmlSuccess/Failure is the whole HTTP body.
import { Typed, type Ty, type Value } from '../datamodel/types.js';
import { formatG16, formatInt } from './float.js';
import { escapeXml, recordFields, structFields, type WireField } from './record-fields.js';

type Obj = { readonly [key: string]: Value | undefined };

function bad(v: unknown, ty: Ty): never {
  throw new Error(`cannot encode ${typeof v} ${JSON.stringify(v)?.slice(0, 80)} as ${ty.kind}`);
}

function str(v: Value | undefined, ty: Ty): string {
  return typeof v === 'string' ? v : bad(v, ty);
}

function num(v: Value | undefined, ty: Ty): number {
  return typeof v === 'number' ? v : bad(v, ty);
}

function int(v: Value | undefined, ty: Ty): string {
  return typeof v === 'number' && Number.isInteger(v) ? formatInt(v) : bad(v, ty);
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
    out += f.xmlOpen + xmlValue(fv, f.ty) + '</member>';
  }
  return out;
}

/** The wire type of a value declared `dynamic` that is not wrapped in Typed. */
function inferTy(v: Value | undefined): Ty {
  if (typeof v === 'string') return { kind: 'string' };
  if (typeof v === 'boolean') return { kind: 'bool' };
  if (typeof v === 'number') return Number.isInteger(v) ? { kind: 'int' } : { kind: 'float' };
  if (Array.isArray(v)) return { kind: 'set', of: { kind: 'dynamic' } };
  return { kind: 'map', key: { kind: 'string' }, value: { kind: 'dynamic' } };
}

/** `<value>…</value>` for a value of type `ty`. */
export function xmlValue(v: Value | undefined, ty: Ty): string {
  if (v instanceof Typed) return xmlValue(v.value, v.ty);
  switch (ty.kind) {
    case 'string':
    case 'ref':
    case 'enum':
      return '<value>' + escapeXml(str(v, ty)) + '</value>';
    case 'int':
      return '<value>' + int(v, ty) + '</value>';
    case 'int32':
      return '<value><i4>' + int(v, ty) + '</i4></value>';
    case 'float':
      return '<value><double>' + formatG16(num(v, ty)) + '</double></value>';
    case 'bool':
      return typeof v === 'boolean'
        ? v
          ? '<value><boolean>1</boolean></value>'
          : '<value><boolean>0</boolean></value>'
        : bad(v, ty);
    case 'datetime':
      return '<value><dateTime.iso8601>' + escapeXml(str(v, ty)) + '</dateTime.iso8601></value>';
    case 'void':
      return '<value></value>';
    case 'set': {
      if (!Array.isArray(v)) return bad(v, ty);
      let out = '<value><array><data>';
      for (const item of v as readonly Value[]) out += xmlValue(item, ty.of);
      return out + '</data></array></value>';
    }
    case 'map': {
      const o = obj(v, ty);
      let out = '<value><struct>';
      for (const k in o) {
        const mv = o[k];
        if (mv !== undefined)
          out += '<member><name>' + escapeXml(k) + '</name>' + xmlValue(mv, ty.value) + '</member>';
      }
      return out + '</struct></value>';
    }
    case 'record':
      return '<value><struct>' + members(obj(v, ty), recordFields(ty.cls), ty) + '</struct></value>';
    case 'struct':
      return '<value><struct>' + members(obj(v, ty), structFields(ty), ty) + '</struct></value>';
    case 'option':
      return v === undefined ? '<value><nil/></value>' : xmlValue(v, ty.of);
    case 'dynamic':
      return v === undefined ? '<value><nil/></value>' : xmlValue(v, inferTy(v));
  }
}

const HEAD = '<?xml version="1.0"?><methodResponse><params><param>';
const TAIL = '</param></params></methodResponse>';
const SUCCESS_HEAD =
  HEAD +
  '<value><struct><member><name>Status</name><value>Success</value></member><member><name>Value</name>';
const FAILURE_HEAD =
  HEAD +
  '<value><struct><member><name>Status</name><value>Failure</value></member><member><name>ErrorDescription</name>';
const ENVELOPE_TAIL = '</member></struct></value>' + TAIL;

/** `{Status: "Success", Value: v}`: the body of a successful call. */
export function encodeXmlSuccess(v: Value | undefined, ty: Ty): string {
  return SUCCESS_HEAD + xmlValue(v, ty) + ENVELOPE_TAIL;
}

/** `{Status: "Failure", ErrorDescription: [code, …params]}`. */
export function encodeXmlFailure(error: readonly string[]): string {
  let out = FAILURE_HEAD + '<value><array><data>';
  for (const s of error) out += '<value>' + escapeXml(s) + '</value>';
  return out + '</data></array></value>' + ENVELOPE_TAIL;
}

/** A response whose param is the value itself, without the Status envelope (system.listMethods). */
export function encodeXmlRaw(v: Value | undefined, ty: Ty): string {
  return HEAD + xmlValue(v, ty) + TAIL;
}

/** Just the `<value>…</value>` fragment, as stored in task.result. */
export function encodeXmlValueFragment(v: Value | undefined, ty: Ty): string {
  return xmlValue(v, ty);
}
