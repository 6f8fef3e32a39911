// The wire codecs of the XenAPI server. An HTTP handler:
//   1. parses the body: parseXmlRequest (POST /, /RPC2, /xmlrpc…) or
//      parseJsonRequest (POST /jsonrpc); an RpcParseError becomes HTTP 500
//      with parseErrorHtml(e) as a text/html body;
//   2. lets the dispatcher decode req.params with decodeParams/decodeParam
//      (after its arity check; ApiErrors come out of it). MessageDecl.params
//      exclude the session: decode raws[0] with decodeParam(raw,
//      t.ref('session'), {name: 'session_id'}) and the rest with
//      decodeParams(req.params.slice(1), msg.params, req);
//   3. answers HTTP 200 with encodeSuccess/encodeFailure(req, …) and the
//      Content-Type contentType(req) (exactly `application/json` for JSON:
//      Xen Orchestra compares the header for equality).
import type { Ty, Value } from '../datamodel/types.js';
import { encodeJsonFailure, encodeJsonSuccess, encodeJsonSuccessParts } from './json-encode.js';
import type { RpcRequest } from './raw.js';
import { encodeXmlFailure, encodeXmlRaw, encodeXmlSuccess, encodeXmlSuccessParts } from './xml-encode.js';

export { RpcParseError, parseErrorHtml, MAX_DEPTH } from './raw.js';
export type { RawValue, RpcProtocol, RpcRequest, XmlScalarTag } from './raw.js';
export { parseXmlRequest } from './xml-parse.js';
export { parseJsonRequest } from './json-parse.js';
export { decodeParam, decodeParams, type DecodeCtx } from './decode.js';
export { normaliseDatetime, formatDatetime } from './datetime.js';
export { encodeXmlSuccess, encodeXmlFailure, encodeXmlRaw, encodeXmlValueFragment } from './xml-encode.js';
export { encodeJsonSuccess, encodeJsonFailure, jsonValue } from './json-encode.js';
export type { JsonRpcId, JsonRpcVersion } from './json-encode.js';
export { encodeOnce } from './record-fields.js';

/** The response Content-Type for the request's protocol. */
export function contentType(req: RpcRequest): string {
  return req.protocol === 'json' ? 'application/json' : 'text/xml';
}

/**
 * The body answering `req` with a result. `raw` skips the XML-RPC Status
 * envelope (system.listMethods); JSON-RPC has no such form.
 */
export function encodeSuccess(req: RpcRequest, value: Value | undefined, ty: Ty, raw = false): string {
  if (req.protocol === 'json') return encodeJsonSuccess(value, ty, req.id ?? 0, req.version ?? '2.0');
  return raw ? encodeXmlRaw(value, ty) : encodeXmlSuccess(value, ty);
}

/**
 * encodeSuccess as pieces whose concatenation is its text: one per entry of a
 * map or set result, so that a large answer is written without being joined.
 */
export function encodeSuccessParts(req: RpcRequest, value: Value | undefined, ty: Ty, raw = false): string[] {
  if (req.protocol === 'json') return encodeJsonSuccessParts(value, ty, req.id ?? 0, req.version ?? '2.0');
  return raw ? [encodeXmlRaw(value, ty)] : encodeXmlSuccessParts(value, ty);
}

/** The body answering `req` with a XenAPI error `[code, …params]` (e.g. ApiError#toWire()). */
export function encodeFailure(req: RpcRequest, error: readonly string[]): string {
  if (req.protocol === 'json') return encodeJsonFailure(error, req.id ?? 0, req.version ?? '2.0');
  return encodeXmlFailure(error);
}
