// What a request said on the wire, before the types of the message are known.
// Both codecs parse into this one shape; decode.ts turns it into `Value`s.

import { isUtf8 } from 'node:buffer';
/** XML-RPC scalar tags, as written; untyped `<value>text</value>` is `string`. */
export type XmlScalarTag =
  'string' | 'int' | 'i4' | 'i8' | 'double' | 'boolean' | 'dateTime.iso8601' | 'base64';

/**
 * A parameter as received:
 * - `string` … `base64`: an XML-RPC scalar with its text exactly as sent (a JSON
 *   string is a `string` too);
 * - `number` / `bool`: a JSON number or boolean;
 * - `nil`: `<nil/>` or JSON `null`;
 * - `array`; `struct` with its members in wire order (duplicates kept: the last wins).
 */
export type RawValue =
  | { readonly t: XmlScalarTag; readonly v: string }
  | { readonly t: 'number'; readonly v: number }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'nil' }
  | { readonly t: 'array'; readonly v: readonly RawValue[] }
  | { readonly t: 'struct'; readonly v: readonly (readonly [string, RawValue])[] };

export type RpcProtocol = 'xml' | 'json';

/** A parsed request: what the HTTP layer hands to the dispatcher. */
export interface RpcRequest {
  readonly protocol: RpcProtocol;
  readonly method: string;
  readonly params: readonly RawValue[];
  /** JSON-RPC only: the request id, echoed in the response. */
  readonly id?: string | number;
  /** JSON-RPC only. */
  readonly version?: '1.0' | '2.0';
  /**
   * The body was not valid UTF-8 and was decoded with replacement characters:
   * string parameters containing U+FFFD are then reported as invalid UTF-8.
   */
  readonly lossyUtf8: boolean;
}

/**
 * A body that is not a well-formed request. xapi answers these with HTTP 500
 * and an HTML page (see parseErrorHtml), not with an error envelope.
 */
export class RpcParseError extends Error {
  constructor(
    readonly protocol: RpcProtocol,
    readonly reason: string,
  ) {
    super(`${protocol === 'xml' ? 'XML-RPC' : 'JSON-RPC'} parse error: ${reason}`);
    this.name = 'RpcParseError';
  }
}

/** Deepest nesting of arrays/structs accepted, so that no codec recurses unboundedly. */
export const MAX_DEPTH = 64;

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

/** The HTML body of the HTTP 500 answer to an unparseable request. */
export function parseErrorHtml(e: RpcParseError): string {
  const msg = e.message.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c);
  return `<html><body><h1>HTTP 500 internal server error</h1>An unexpected error occurred; please wait a while and try again. If the problem persists, please contact your support representative.<h1> Additional information </h1>${msg}</body></html>`;
}

/** The text of a request body; bytes that are not UTF-8 become U+FFFD and set `lossy`. */
export function decodeBody(body: string | Uint8Array): { readonly text: string; readonly lossy: boolean } {
  if (typeof body === 'string') return { text: body, lossy: false };
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return { text: buf.toString('utf8'), lossy: !isUtf8(buf) };
}
