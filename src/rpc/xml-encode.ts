// Type-directed XML-RPC response encoding, byte-compatible with xapi: compact
// (no whitespace between elements), strings and int64s as bare `<value>`s,
// `<i4>` for int32, `<double>` with %.16g, no `<i8>`. The result of
// encodeXmlSuccess/Failure is the whole HTTP body.
//
// Each Ty is compiled once into a closure (cached per Ty object, and per class
// for records), so encoding a record is a loop over precomputed member prefixes.
import { Typed, type Ty, type Value } from '../datamodel/types.js';
import { formatG16, formatInt } from './float.js';
import {
  cachedByIdentity,
  escapeXml,
  inferTy,
  recordFields,
  structFields,
  type WireField,
} from './record-fields.js';

type Enc = (v: Value | undefined) => string;
type Obj = { readonly [key: string]: Value | undefined };

const byTy = new WeakMap<Ty, Enc>();
const byClass = new Map<string, Enc>();

/** The encoder of `<value>…</value>` for type `ty`. */
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

function membersEncoder(fields: readonly WireField[], ty: Ty): Enc {
  let encs: Enc[] | undefined;
  return (v) => {
    if (!isObj(v)) return other(v, ty);
    encs ??= fields.map((f) => encoder(f.ty));
    let out = '<value><struct>';
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i] as WireField;
      const fv = v[f.name];
      if (fv === undefined) {
        if (f.optional) continue;
        throw new Error(`record field ${f.name} missing when encoding ${JSON.stringify(ty)}`);
      }
      out += f.xmlOpen + (encs[i] as Enc)(fv) + '</member>';
    }
    return out + '</struct></value>';
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
      return (v) => (typeof v === 'string' ? '<value>' + escapeXml(v) + '</value>' : other(v, ty));
    case 'int':
      return (v) =>
        typeof v === 'number' && Number.isInteger(v) ? '<value>' + formatInt(v) + '</value>' : other(v, ty);
    case 'int32':
      return (v) =>
        typeof v === 'number' && Number.isInteger(v)
          ? '<value><i4>' + formatInt(v) + '</i4></value>'
          : other(v, ty);
    case 'float':
      return (v) =>
        typeof v === 'number' ? '<value><double>' + formatG16(v) + '</double></value>' : other(v, ty);
    case 'bool':
      return (v) =>
        v === true
          ? '<value><boolean>1</boolean></value>'
          : v === false
            ? '<value><boolean>0</boolean></value>'
            : other(v, ty);
    case 'datetime':
      return (v) =>
        typeof v === 'string'
          ? '<value><dateTime.iso8601>' + escapeXml(v) + '</dateTime.iso8601></value>'
          : other(v, ty);
    case 'void':
      return () => '<value></value>';
    case 'set': {
      let item: Enc | undefined;
      return (v) => {
        if (!Array.isArray(v)) return other(v, ty);
        item ??= encoder(ty.of);
        let out = '<value><array><data>';
        for (const x of v as readonly Value[]) out += item(x);
        return out + '</data></array></value>';
      };
    }
    case 'map': {
      let item: Enc | undefined;
      return (v) => {
        if (!isObj(v)) return other(v, ty);
        item ??= encoder(ty.value);
        let out = '<value><struct>';
        for (const k in v) {
          const mv = v[k];
          if (mv !== undefined) out += '<member><name>' + escapeXml(k) + '</name>' + item(mv) + '</member>';
        }
        return out + '</struct></value>';
      };
    }
    case 'record':
      return recordEncoder(ty.cls);
    case 'struct':
      return membersEncoder(structFields(ty), ty);
    case 'option': {
      let inner: Enc | undefined;
      return (v) => (v === undefined ? '<value><nil/></value>' : (inner ??= encoder(ty.of))(v));
    }
    case 'dynamic':
      return (v) =>
        v === undefined
          ? '<value><nil/></value>'
          : v instanceof Typed
            ? encoder(v.ty)(v.value)
            : encoder(inferTy(v))(v);
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
  return SUCCESS_HEAD + encoder(ty)(v) + ENVELOPE_TAIL;
}

/** `{Status: "Failure", ErrorDescription: [code, …params]}`. */
export function encodeXmlFailure(error: readonly string[]): string {
  let out = FAILURE_HEAD + '<value><array><data>';
  for (const s of error) out += '<value>' + escapeXml(s) + '</value>';
  return out + '</data></array></value>' + ENVELOPE_TAIL;
}

/** A response whose param is the value itself, without the Status envelope (system.listMethods). */
export function encodeXmlRaw(v: Value | undefined, ty: Ty): string {
  return HEAD + encoder(ty)(v) + TAIL;
}

/** Just the `<value>…</value>` fragment, as stored in task.result. */
export function encodeXmlValueFragment(v: Value | undefined, ty: Ty): string {
  return encoder(ty)(v);
}
