// Type-directed XML-RPC response encoding, byte-compatible with xapi: compact
// (no whitespace between elements), strings and int64s as bare `<value>`s,
// `<i4>` for int32, `<double>` with %.16g, no `<i8>`. The result of
// encodeXmlSuccess/Failure is the whole HTTP body.
import type { Ty, Value } from '../datamodel/types.js';
import { formatG16, formatInt } from './float.js';
import { escapeXml } from './record-fields.js';
import { encodeParts, typeEncoder, type Enc, type ScalarKind, type WireSyntax } from './type-encoder.js';

function scalar(kind: ScalarKind, other: Enc): Enc {
  switch (kind) {
    case 'string':
    case 'ref':
    case 'enum':
      return (v) => (typeof v === 'string' ? '<value>' + escapeXml(v) + '</value>' : other(v));
    case 'int':
      return (v) =>
        typeof v === 'number' && Number.isInteger(v) ? '<value>' + formatInt(v) + '</value>' : other(v);
    case 'int32':
      return (v) =>
        typeof v === 'number' && Number.isInteger(v)
          ? '<value><i4>' + formatInt(v) + '</i4></value>'
          : other(v);
    case 'float':
      return (v) =>
        typeof v === 'number' ? '<value><double>' + formatG16(v) + '</double></value>' : other(v);
    case 'bool':
      return (v) =>
        v === true
          ? '<value><boolean>1</boolean></value>'
          : v === false
            ? '<value><boolean>0</boolean></value>'
            : other(v);
    case 'datetime':
      return (v) =>
        typeof v === 'string'
          ? '<value><dateTime.iso8601>' + escapeXml(v) + '</dateTime.iso8601></value>'
          : other(v);
    case 'void':
      return () => '<value></value>';
  }
}

/** The encoder of `<value>…</value>` for type `ty`. */
const SYNTAX: WireSyntax = {
  scalar,
  array: { open: '<value><array><data>', sep: '', close: '</data></array></value>' },
  struct: { open: '<value><struct>', sep: '', close: '</struct></value>' },
  mapKey: (k) => '<member><name>' + escapeXml(k) + '</name>',
  memberKey: (f) => f.xmlOpen,
  entryClose: '</member>',
  nil: '<value><nil/></value>',
};
const encoder = typeEncoder(SYNTAX);

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

/** encodeXmlSuccess as pieces to be written one after the other (see encodeParts). */
export function encodeXmlSuccessParts(v: Value | undefined, ty: Ty): string[] {
  const parts = encodeParts(SYNTAX, encoder, ty, v);
  parts.unshift(SUCCESS_HEAD);
  parts.push(ENVELOPE_TAIL);
  return parts;
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

/** A `<methodCall>` document whose params are the given `<value>` fragments (see encodeXmlValueFragment). */
export function encodeXmlCall(method: string, params: readonly string[]): string {
  let out = '<?xml version="1.0"?><methodCall><methodName>' + escapeXml(method) + '</methodName><params>';
  for (const p of params) out += '<param>' + p + '</param>';
  return out + '</params></methodCall>';
}
