// JSON-RPC v1 framing as the original daemons use it: all named parameters in
// one object at params[0]; replies carry either result or error (the other null).
import type { Json } from './types.js';

export interface CallFrame {
  readonly method: string;
  /** The named-parameter object (params[0] on the wire). */
  readonly params: unknown;
  readonly id: Json;
}

export type ReplyFrame =
  | { readonly ok: true; readonly result: unknown; readonly id: Json }
  | { readonly ok: false; readonly error: unknown; readonly id: Json };

export function encodeCall(method: string, params: Json, id: number): string {
  return JSON.stringify({ method, params: [params], id });
}

/** Parse a call; the reason is returned (not thrown) so the server can answer it. */
export function parseCall(body: string): CallFrame | { readonly bad: string; readonly id: Json } {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    return { bad: 'the request body is not JSON', id: null };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return { bad: 'the request is not an object', id: null };
  const o = v as Record<string, unknown>;
  const id = (o['id'] ?? null) as Json;
  if (typeof o['method'] !== 'string') return { bad: 'the request has no method name', id };
  const p = o['params'];
  // Named parameters live in params[0]; a bare object or no params are tolerated.
  const params = Array.isArray(p) ? (p.length === 0 ? {} : p[0]) : p === undefined || p === null ? {} : p;
  return { method: o['method'], params, id };
}

export function encodeResult(result: Json, id: Json): string {
  return JSON.stringify({ result, error: null, id });
}

export function encodeFailure(error: Json, id: Json): string {
  return JSON.stringify({ result: null, error, id });
}

export function parseReply(body: string): ReplyFrame | undefined {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const id = (o['id'] ?? null) as Json;
  if (o['error'] !== null && o['error'] !== undefined) return { ok: false, error: o['error'], id };
  if (!Object.hasOwn(o, 'result')) return undefined;
  return { ok: true, result: o['result'], id };
}
