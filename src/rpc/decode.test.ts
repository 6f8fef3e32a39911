import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../datamodel/api-error.js';
import { t } from '../datamodel/build.js';
import type { ParamDecl, Ty, Value } from '../datamodel/types.js';
import { decodeParam, decodeParams } from './decode.js';
import type { RawValue } from './raw.js';

const s = (v: string): RawValue => ({ t: 'string', v });
const x = (
  tag: 'int' | 'i4' | 'i8' | 'double' | 'boolean' | 'dateTime.iso8601' | 'base64',
  v: string,
): RawValue => ({
  t: tag,
  v,
});
const n = (v: number): RawValue => ({ t: 'number', v });
const b = (v: boolean): RawValue => ({ t: 'bool', v });
const arr = (...v: RawValue[]): RawValue => ({ t: 'array', v });
const st = (...v: [string, RawValue][]): RawValue => ({ t: 'struct', v });
const nil: RawValue = { t: 'nil' };

const dec = (raw: RawValue, ty: Ty, lossyUtf8 = false): Value | undefined =>
  decodeParam(raw, ty, { name: 'p', lossyUtf8 });

function fails(raw: RawValue, ty: Ty, code: string, params?: readonly string[]): void {
  assert.throws(
    () => dec(raw, ty),
    (e: unknown) => {
      assert.ok(e instanceof ApiError, String(e));
      assert.equal(e.code, code);
      if (params) assert.deepEqual(e.params, params);
      return true;
    },
  );
}

test('strings and refs: only string-typed values; UTF-8 is checked', () => {
  assert.equal(dec(s('a'), t.string), 'a');
  assert.equal(dec(s('OpaqueRef:1'), t.ref('VM')), 'OpaqueRef:1');
  fails(x('int', '1'), t.string, 'FIELD_TYPE_ERROR', ['p']);
  fails(n(1), t.string, 'FIELD_TYPE_ERROR', ['p']);
  fails(b(true), t.ref('VM'), 'FIELD_TYPE_ERROR', ['p']);
  fails(nil, t.string, 'FIELD_TYPE_ERROR', ['p']);
  fails(s('a\uD800'), t.string, 'INVALID_VALUE', ['Invalid UTF-8 string in parameter', 'a\uFFFD']);
  assert.equal(dec(s('\uFFFD'), t.string), '\uFFFD');
  assert.throws(() => dec(s('\uFFFD'), t.string, true), { code: 'INVALID_VALUE' });
});

test('int: int/i4/i8 tags, decimal strings, integral JSON numbers', () => {
  assert.equal(dec(x('int', '42'), t.int), 42);
  assert.equal(dec(x('i4', '-7'), t.int), -7);
  assert.equal(dec(x('i8', '+8'), t.int), 8);
  assert.equal(dec(s('17179869184'), t.int), 17179869184);
  assert.equal(dec(s('-0'), t.int), 0);
  assert.ok(Object.is(dec(s('-0'), t.int), 0));
  assert.equal(dec(n(5), t.int), 5);
  assert.equal(dec(s('9223372036854775807'), t.int), 2 ** 63); // the nearest double
  fails(s('9223372036854775808'), t.int, 'INVALID_VALUE', ['p', '9223372036854775808']);
  fails(n(2 ** 64), t.int, 'INVALID_VALUE');
  fails(n(1.5), t.int, 'FIELD_TYPE_ERROR', ['p']);
  fails(s('1.5'), t.int, 'FIELD_TYPE_ERROR');
  fails(s(''), t.int, 'FIELD_TYPE_ERROR');
  fails(s(' 1'), t.int, 'FIELD_TYPE_ERROR');
  fails(x('double', '1'), t.int, 'FIELD_TYPE_ERROR');
  fails(x('boolean', '1'), t.int, 'FIELD_TYPE_ERROR');
  fails(b(true), t.int, 'FIELD_TYPE_ERROR');
  assert.equal(dec(x('i4', '2147483647'), t.int32), 2147483647);
  fails(x('int', '2147483648'), t.int32, 'INVALID_VALUE');
  fails(n(-2147483649), t.int32, 'INVALID_VALUE');
});

test('float: double, int, or string', () => {
  assert.equal(dec(x('double', '60.1'), t.float), 60.1);
  assert.equal(dec(x('int', '2'), t.float), 2);
  assert.equal(dec(s('-1.5e3'), t.float), -1500);
  assert.equal(dec(s('.5'), t.float), 0.5);
  assert.equal(dec(n(0.25), t.float), 0.25);
  assert.equal(dec(s('-inf'), t.float), -Infinity);
  assert.ok(Number.isNaN(dec(s('nan'), t.float)));
  fails(s('1,5'), t.float, 'FIELD_TYPE_ERROR');
  fails(s('0x10'), t.float, 'FIELD_TYPE_ERROR');
  fails(b(false), t.float, 'FIELD_TYPE_ERROR');
});

test('bool: <boolean> in XML, booleans in JSON, nothing else', () => {
  assert.equal(dec(x('boolean', '1'), t.bool), true);
  assert.equal(dec(x('boolean', '0'), t.bool), false);
  assert.equal(dec(b(true), t.bool), true);
  fails(s('true'), t.bool, 'FIELD_TYPE_ERROR');
  fails(x('int', '1'), t.bool, 'FIELD_TYPE_ERROR');
  fails(n(1), t.bool, 'FIELD_TYPE_ERROR');
  fails(x('boolean', 'yes'), t.bool, 'FIELD_TYPE_ERROR');
});

test('datetime: tag or string, normalised', () => {
  assert.equal(dec(x('dateTime.iso8601', '20240510T16:41:04Z'), t.datetime), '20240510T16:41:04Z');
  assert.equal(dec(s('2024-05-10T16:41:04.000Z'), t.datetime), '20240510T16:41:04Z');
  fails(s('yesterday'), t.datetime, 'INVALID_VALUE', ['p', 'yesterday']);
  fails(n(0), t.datetime, 'FIELD_TYPE_ERROR');
});

test('enum: value must exist, case-sensitively', () => {
  assert.equal(dec(s('pending'), t.enum('task_status_type')), 'pending');
  fails(s('Pending'), t.enum('task_status_type'), 'INVALID_VALUE', ['p', 'Pending']);
  fails(n(1), t.enum('task_status_type'), 'FIELD_TYPE_ERROR');
  assert.throws(() => dec(s('x'), t.enum('no_such_enum')), /unknown enum/);
});

test('sets, maps (keys decoded by the key type), options', () => {
  assert.deepEqual(dec(arr(s('a'), s('b')), t.set(t.string)), ['a', 'b']);
  fails(s('a'), t.set(t.string), 'FIELD_TYPE_ERROR');
  fails(arr(s('a'), n(1)), t.set(t.string), 'FIELD_TYPE_ERROR');
  assert.deepEqual(dec(st(['k', s('v')], ['k2', s('w')]), t.smap), { k: 'v', k2: 'w' });
  assert.deepEqual(dec(st(['k', s('v')], ['k', s('w')]), t.smap), { k: 'w' });
  assert.deepEqual(dec(st(['01', x('int', '3')]), t.map(t.int, t.int)), { '1': 3 });
  fails(st(['x', s('3')]), t.map(t.int, t.int), 'FIELD_TYPE_ERROR');
  assert.deepEqual(
    dec(st(['cancel', s('OpaqueRef:t')]), t.map(t.enum('task_allowed_operations'), t.string)),
    {
      cancel: 'OpaqueRef:t',
    },
  );
  fails(st(['nope', s('x')]), t.map(t.enum('task_allowed_operations'), t.string), 'INVALID_VALUE');
  fails(arr(), t.smap, 'FIELD_TYPE_ERROR');
  const proto = dec(st(['__proto__', s('x')]), t.smap) as Record<string, string>;
  assert.equal(Object.getPrototypeOf(proto), Object.prototype);
  assert.deepEqual(Object.keys(proto), ['__proto__']);
  assert.equal(dec(nil, t.option(t.string)), undefined);
  assert.equal(dec(s('a'), t.option(t.string)), 'a');
});

test('record: constructor fields only, mandatory ones required, nothing filled in', () => {
  // task's only constructor field is other_config (RW, defaulted).
  assert.deepEqual(dec(st(), t.record('task')), {});
  assert.deepEqual(dec(st(['other_config', st(['a', s('b')])]), t.record('task')), {
    other_config: { a: 'b' },
  });
  fails(st(['uuid', s('u')]), t.record('task'), 'INVALID_VALUE', ['p', 'uuid']);
  fails(st(['bogus', s('u')]), t.record('task'), 'INVALID_VALUE', ['p', 'bogus']);
  fails(st(['other_config', s('x')]), t.record('task'), 'FIELD_TYPE_ERROR', ['other_config']);
  fails(arr(), t.record('task'), 'FIELD_TYPE_ERROR', ['p']);
});

test('struct and dynamic', () => {
  const ty = t.struct({ a: t.int, b: t.string });
  assert.deepEqual(dec(st(['a', s('1')]), ty), { a: 1 });
  fails(st(['c', s('1')]), ty, 'INVALID_VALUE', ['p', 'c']);
  assert.deepEqual(
    dec(arr(s('a'), x('int', '1'), x('boolean', '1'), n(2), st(['k', x('double', '0.5')])), t.dynamic),
    ['a', 1, true, 2, { k: 0.5 }],
  );
});

test('decodeParams: defaults for missing trailing params, surplus ignored', () => {
  const decls: ParamDecl[] = [
    { name: 'uname', ty: t.string, doc: '' },
    { name: 'version', ty: t.string, doc: '', default: '1.1' },
  ];
  assert.deepEqual(decodeParams([s('root')], decls), ['root', '1.1']);
  assert.deepEqual(decodeParams([s('root'), s('1.0'), s('extra')], decls), ['root', '1.0']);
  assert.throws(() => decodeParams([x('int', '1')], decls), { code: 'FIELD_TYPE_ERROR', params: ['uname'] });
  assert.throws(() => decodeParams([], decls), /arity/);
  assert.throws(() => decodeParams([s('\uFFFD')], decls, { lossyUtf8: true }), { code: 'INVALID_VALUE' });
});
