// Property: for random values of random types, what we encode is what we
// decode again, over both protocols (floats restricted to what %.16g keeps).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { t } from '../../src/datamodel/build.js';
import type { Ty, Value } from '../../src/datamodel/types.js';
import {
  decodeParam,
  encodeXmlValueFragment,
  jsonValue,
  parseJsonRequest,
  parseXmlRequest,
} from '../../src/rpc/index.js';

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
const r = rng(7);
const int = (n: number): number => Math.floor(r() * n);

const CHARS = 'abcXYZ019 .:-_&<>"\'\t\né€😀/';
const str = (): string => Array.from({ length: int(12) }, () => [...CHARS][int([...CHARS].length)]).join('');

const SCALARS: readonly Ty[] = [
  t.string,
  t.int,
  t.int32,
  t.float,
  t.bool,
  t.datetime,
  t.ref('VM'),
  t.enum('task_status_type'),
];

/** Sets and maps cannot hold absent values: their element types are never options. */
function elementTy(depth: number): Ty {
  for (;;) {
    const ty = randomTy(depth);
    if (ty.kind !== 'option') return ty;
  }
}

function randomTy(depth: number): Ty {
  const k = int(depth > 2 ? SCALARS.length : SCALARS.length + 5);
  if (k < SCALARS.length) return SCALARS[k] as Ty;
  switch (k - SCALARS.length) {
    case 0:
      return t.set(elementTy(depth + 1));
    case 1:
      return t.map(r() < 0.5 ? t.string : t.int, elementTy(depth + 1));
    case 2:
      return t.option(elementTy(depth + 1));
    case 3:
      return t.struct({ a: randomTy(depth + 1), b: t.option(t.string) });
    default:
      return t.map(t.enum('task_allowed_operations'), elementTy(depth + 1));
  }
}

function randomValue(ty: Ty): Value | undefined {
  switch (ty.kind) {
    case 'string':
    case 'ref':
      return str();
    case 'int':
      return int(2 ** 53) * (r() < 0.5 ? -1 : 1) || 0;
    case 'int32':
      return int(2 ** 32) - 2 ** 31;
    case 'float':
      return (int(2e9) - 1e9) / 10 ** int(8);
    case 'bool':
      return r() < 0.5;
    case 'datetime':
      return new Date(int(4e12))
        .toISOString()
        .replace(/-/g, '')
        .replace(/\.\d+Z$/, 'Z');
    case 'enum':
      return ['pending', 'success', 'failure', 'cancelling', 'cancelled'][int(5)];
    case 'set':
      return Array.from({ length: int(4) }, () => randomValue(ty.of) ?? '');
    case 'map': {
      const o: Record<string, Value> = {};
      for (let i = int(4); i > 0; i--) {
        const k =
          ty.key.kind === 'int'
            ? String(int(1e6))
            : ty.key.kind === 'enum'
              ? ['cancel', 'destroy'][int(2)]
              : str();
        const v = randomValue(ty.value);
        if (k !== undefined && v !== undefined) o[k] = v;
      }
      return o;
    }
    case 'option':
      return r() < 0.3 ? undefined : randomValue(ty.of);
    case 'struct': {
      const o: Record<string, Value> = {};
      for (const [k, fty] of Object.entries(ty.fields)) {
        const v = randomValue(fty);
        if (v !== undefined) o[k] = v;
      }
      return o;
    }
    default:
      throw new Error(ty.kind);
  }
}

test('encode then parse and decode gives the value back (XML-RPC and JSON-RPC)', () => {
  for (let i = 0; i < 3000; i++) {
    const ty = randomTy(0);
    const v = randomValue(ty);
    const xml = `<methodCall><methodName>m</methodName><params><param>${encodeXmlValueFragment(v, ty)}</param></params></methodCall>`;
    const fromXml = parseXmlRequest(xml).params[0];
    assert.ok(fromXml);
    assert.deepEqual(decodeParam(fromXml, ty, { name: 'p' }), v, `${JSON.stringify(ty)} via ${xml}`);
    const json = `{"jsonrpc":"2.0","id":1,"method":"m","params":[${jsonValue(v, ty)}]}`;
    const fromJson = parseJsonRequest(json).params[0];
    assert.ok(fromJson);
    assert.deepEqual(decodeParam(fromJson, ty, { name: 'p' }), v, `${JSON.stringify(ty)} via ${json}`);
  }
});
