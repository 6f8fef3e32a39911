// JSON-RPC 1.0 / 2.0 request parsing (POST /jsonrpc), into RawValues.
// `"jsonrpc":"2.0"` selects 2.0, its absence 1.0, anything else is malformed;
// `id` is mandatory (string or integer: notifications are rejected); params
// are an array (1.0 and 2.0), or in 2.0 absent/null (no params) or an object
// (one struct param).
import { MAX_DEPTH, RpcParseError, decodeBody, type RawValue, type RpcRequest } from './raw.js';

function fail(reason: string): never {
  throw new RpcParseError('json', reason);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A parsed JSON value as a RawValue. */
export function rawOfJson(x: unknown, depth = 0): RawValue {
  switch (typeof x) {
    case 'string':
      return { t: 'string', v: x };
    case 'number':
      return { t: 'number', v: x };
    case 'boolean':
      return { t: 'bool', v: x };
    case 'object': {
      if (x === null) return { t: 'nil' };
      if (depth >= MAX_DEPTH) fail('values nested too deeply');
      if (Array.isArray(x)) {
        const items: RawValue[] = new Array<RawValue>(x.length);
        for (let i = 0; i < x.length; i++) items[i] = rawOfJson(x[i], depth + 1);
        return { t: 'array', v: items };
      }
      const obj = x as Record<string, unknown>;
      const members: [string, RawValue][] = [];
      for (const k of Object.keys(obj)) members.push([k, rawOfJson(obj[k], depth + 1)]);
      return { t: 'struct', v: members };
    }
    default:
      return fail(`unexpected ${typeof x}`);
  }
}

/** Parses a JSON-RPC request body. Throws RpcParseError on anything that is not one. */
export function parseJsonRequest(body: string | Uint8Array): RpcRequest {
  const { text, lossy } = decodeBody(body);
  let msg: unknown;
  try {
    // A leading byte-order mark is tolerated (JSON.parse rejects it).
    msg = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return fail(e instanceof Error ? e.message : 'invalid JSON');
  }
  if (!isObject(msg)) return fail('the request is not a JSON object');

  const jsonrpc = msg['jsonrpc'];
  let version: '1.0' | '2.0';
  if (jsonrpc === undefined) version = '1.0';
  else if (jsonrpc === '2.0') version = '2.0';
  else return fail('unsupported "jsonrpc" version');

  const method = msg['method'];
  if (typeof method !== 'string') return fail('missing or non-string "method"');

  const id = msg['id'];
  if (!(typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id)))) {
    return fail('missing or invalid "id" (a string or an integer is required)');
  }

  const p = msg['params'];
  let params: RawValue[];
  if (Array.isArray(p)) {
    params = new Array<RawValue>(p.length);
    for (let i = 0; i < p.length; i++) params[i] = rawOfJson(p[i], 1);
  } else if (version === '1.0') {
    return fail('"params" must be an array');
  } else if (p === undefined || p === null) {
    params = [];
  } else if (isObject(p)) {
    params = [rawOfJson(p, 1)];
  } else {
    return fail('"params" must be an array, an object or null');
  }
  return { protocol: 'json', method, params, id, version, lossyUtf8: lossy };
}
