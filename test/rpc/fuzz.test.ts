// Fuzzing both request codecs with random and mutated bodies (fixed seed):
// every input must give a request or an RpcParseError, and every parsed
// parameter must decode to a value or an ApiError, against random types.
// Anything else (TypeError, RangeError, a hang) fails the test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../src/datamodel/api-error.js';
import { t } from '../../src/datamodel/build.js';
import type { Ty } from '../../src/datamodel/types.js';
import {
  RpcParseError,
  decodeParam,
  encodeXmlValueFragment,
  jsonValue,
  parseJsonRequest,
  parseXmlRequest,
  type RpcRequest,
} from '../../src/rpc/index.js';

const ITERATIONS = 20_000;

/** mulberry32: small, fast, reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)] as T;

const WORDS = [
  '',
  'OpaqueRef:5b7c',
  'pending',
  'cancel',
  'Running',
  '42',
  '-7',
  '9223372036854775808',
  '1.5',
  '1e308',
  'nan',
  '-inf',
  '1',
  '0',
  'true',
  '20240510T16:41:04Z',
  '2024-05-10T16:41:04+02:00',
  '2024-02-30T00:00:00Z',
  'é',
  '\uFFFD',
  '__proto__',
  'constructor',
  'other_config',
  'uuid',
  ' ',
  'x'.repeat(50),
];
const XML_TAGS = ['string', 'int', 'i4', 'i8', 'double', 'boolean', 'dateTime.iso8601', 'base64'];

function xmlText(r: Rand): string {
  return pick(r, WORDS).replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function xmlValue(r: Rand, depth: number): string {
  const k = int(r, depth > 3 ? 4 : 7);
  switch (k) {
    case 0:
      return `<value>${xmlText(r)}</value>`;
    case 1:
      return '<value/>';
    case 2:
    case 3: {
      const tag = pick(r, XML_TAGS);
      return `<value><${tag}>${xmlText(r)}</${tag}></value>`;
    }
    case 4:
      return '<value><nil/></value>';
    case 5: {
      let s = '<value><array><data>';
      for (let i = int(r, 4); i > 0; i--) s += xmlValue(r, depth + 1);
      return s + '</data></array></value>';
    }
    default: {
      let s = '<value><struct>';
      for (let i = int(r, 4); i > 0; i--)
        s += `<member><name>${xmlText(r)}</name>${xmlValue(r, depth + 1)}</member>`;
      return s + '</struct></value>';
    }
  }
}

function xmlRequest(r: Rand): string {
  let s = '<?xml version="1.0"?><methodCall><methodName>VM.get_record</methodName><params>';
  for (let i = int(r, 5); i > 0; i--) s += `<param>${xmlValue(r, 0)}</param>`;
  return s + '</params></methodCall>';
}

function jsonScalar(r: Rand): unknown {
  switch (int(r, 6)) {
    case 0:
      return pick(r, WORDS);
    case 1:
      return int(r, 2000) - 1000;
    case 2:
      return r() * 1e6 - 5e5;
    case 3:
      return r() < 0.5;
    case 4:
      return null;
    default:
      return pick(r, [2 ** 64, -(2 ** 70), 0.5, 1e-320]);
  }
}

function jsonValueOf(r: Rand, depth: number): unknown {
  const k = int(r, depth > 3 ? 4 : 6);
  if (k < 4) return jsonScalar(r);
  if (k === 4) return Array.from({ length: int(r, 4) }, () => jsonValueOf(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = int(r, 4); i > 0; i--) o[pick(r, WORDS)] = jsonValueOf(r, depth + 1);
  return o;
}

function jsonRequest(r: Rand): string {
  const msg: Record<string, unknown> = { method: 'VM.get_record' };
  if (r() < 0.8) msg['jsonrpc'] = r() < 0.97 ? '2.0' : pick(r, ['1.0', 2, null]);
  if (r() < 0.98) msg['id'] = r() < 0.97 ? pick(r, [int(r, 100), 'x']) : pick(r, [1.5, null, []]);
  const n = int(r, 5);
  msg['params'] = r() < 0.95 ? Array.from({ length: n }, () => jsonValueOf(r, 0)) : jsonValueOf(r, 0);
  return JSON.stringify(msg);
}

const NOISE = [
  '<',
  '>',
  '</value>',
  '<value>',
  '<struct>',
  '<member>',
  '<name>',
  '<array><data>',
  '&amp;',
  '&#0;',
  '&#xD800;',
  '&bogus;',
  '<![CDATA[x]]>',
  '<!--c-->',
  '<?pi x?>',
  '<!DOCTYPE x>',
  '"',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '\\u0000',
  '\\ud800',
  'null',
  '\u0000',
  '\uFFFE',
];

/** A random edit of `s`: byte flips, noise inserted, ranges deleted, duplicated or cut. */
function mutate(r: Rand, s: string): string {
  for (let edits = 1 + int(r, 3); edits > 0; edits--) {
    const i = int(r, s.length + 1);
    switch (int(r, 5)) {
      case 0:
        s = s.slice(0, i) + String.fromCharCode(int(r, 256)) + s.slice(i + 1);
        break;
      case 1:
        s = s.slice(0, i) + pick(r, NOISE) + s.slice(i);
        break;
      case 2:
        s = s.slice(0, i) + s.slice(i + 1 + int(r, 20));
        break;
      case 3: {
        const j = i + int(r, 40);
        s = s.slice(0, j) + s.slice(i, j) + s.slice(j);
        break;
      }
      default:
        s = s.slice(0, i);
    }
  }
  return s;
}

const TYPES: readonly Ty[] = [
  t.string,
  t.int,
  t.int32,
  t.float,
  t.bool,
  t.datetime,
  t.void,
  t.ref('VM'),
  t.enum('task_status_type'),
  t.set(t.string),
  t.set(t.int),
  t.smap,
  t.map(t.int, t.float),
  t.map(t.enum('task_allowed_operations'), t.string),
  t.record('task'),
  t.record('session'),
  t.option(t.string),
  t.struct({ a: t.int, b: t.set(t.bool) }),
  t.dynamic,
];

let stats = { requests: 0, parseErrors: 0, values: 0, apiErrors: 0 };

/** Parse, then decode every param against random types; only typed failures are allowed. */
function check(r: Rand, body: string | Buffer, parse: (b: string | Buffer) => RpcRequest): void {
  let req: RpcRequest;
  try {
    req = parse(body);
  } catch (e) {
    if (!(e instanceof RpcParseError)) assert.fail(`untyped parse failure ${String(e)} for ${String(body)}`);
    stats.parseErrors++;
    return;
  }
  stats.requests++;
  for (const raw of req.params) {
    for (let k = 0; k < 3; k++) {
      const ty = pick(r, TYPES);
      try {
        const v = decodeParam(raw, ty, { name: 'p', lossyUtf8: req.lossyUtf8 });
        stats.values++;
        // What decodes must encode again (records decode partially: skip them).
        if (ty.kind !== 'record') {
          encodeXmlValueFragment(v, ty);
          jsonValue(v, ty);
        }
      } catch (e) {
        if (!(e instanceof ApiError))
          assert.fail(`untyped decode failure ${String(e)} for ${JSON.stringify(raw)}`);
        stats.apiErrors++;
      }
    }
  }
}

test('XML-RPC parsing and decoding survive random and mutated requests', { timeout: 60_000 }, () => {
  const r = rng(0x5eed);
  stats = { requests: 0, parseErrors: 0, values: 0, apiErrors: 0 };
  for (let i = 0; i < ITERATIONS; i++) {
    const valid = xmlRequest(r);
    const body = i % 3 === 0 ? valid : mutate(r, valid);
    check(r, i % 7 === 0 ? Buffer.from(body, 'latin1') : body, parseXmlRequest);
  }
  // The corpus must exercise both outcomes of each stage, or it tests nothing.
  assert.ok(stats.requests > ITERATIONS / 3 && stats.parseErrors > ITERATIONS / 10, JSON.stringify(stats));
  assert.ok(stats.values > 1000 && stats.apiErrors > 1000, JSON.stringify(stats));
});

test('JSON-RPC parsing and decoding survive random and mutated requests', { timeout: 60_000 }, () => {
  const r = rng(0xc0de);
  stats = { requests: 0, parseErrors: 0, values: 0, apiErrors: 0 };
  for (let i = 0; i < ITERATIONS; i++) {
    const valid = jsonRequest(r);
    const body = i % 3 === 0 ? valid : mutate(r, valid);
    check(r, i % 7 === 0 ? Buffer.from(body, 'latin1') : body, parseJsonRequest);
  }
  assert.ok(stats.requests > ITERATIONS / 4 && stats.parseErrors > ITERATIONS / 10, JSON.stringify(stats));
  assert.ok(stats.values > 1000 && stats.apiErrors > 1000, JSON.stringify(stats));
});
