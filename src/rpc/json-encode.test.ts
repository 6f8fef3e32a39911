import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleTask, taskFieldNames } from '../../test/rpc/fixtures.js';
import { t } from '../datamodel/build.js';
import { Typed } from '../datamodel/types.js';
import { encodeJsonFailure, encodeJsonSuccess, encodeJsonSuccessParts, jsonValue } from './json-encode.js';
import { encodeOnce } from './record-fields.js';
import { encodeXmlSuccess, encodeXmlSuccessParts } from './xml-encode.js';

test('values by type', () => {
  assert.equal(jsonValue('a"\n', t.string), '"a\\"\\n"');
  assert.equal(jsonValue(42, t.int), '42');
  assert.equal(jsonValue(2 ** 63, t.int), '9223372036854775808');
  assert.equal(jsonValue(0.5, t.float), '0.5');
  assert.equal(jsonValue(1, t.float), '1');
  assert.equal(jsonValue(NaN, t.float), 'null');
  assert.equal(jsonValue(true, t.bool), 'true');
  assert.equal(jsonValue('20240510T16:41:04Z', t.datetime), '"20240510T16:41:04Z"');
  assert.equal(jsonValue(undefined, t.void), '""');
  assert.equal(jsonValue(['a'], t.set(t.string)), '["a"]');
  assert.equal(jsonValue({ k: 'v', u: undefined }, t.smap), '{"k":"v"}');
  assert.equal(jsonValue(undefined, t.option(t.int)), 'null');
  assert.equal(jsonValue(new Typed(['x'], t.set(t.ref('VM'))), t.dynamic), '["x"]');
  assert.equal(
    jsonValue({ a: 1, c: undefined }, t.struct({ a: t.int32, b: t.int, c: t.option(t.int) })),
    '{"a":1}',
  );
  assert.throws(() => jsonValue('1', t.int));
  assert.throws(() => jsonValue({ uuid: 'x' }, t.record('task')), /missing/);
});

test('records: every field of the class, extra keys dropped', () => {
  const out = jsonValue({ ...sampleTask(), extra: 1 }, t.record('task'));
  const parsed = JSON.parse(out) as Record<string, unknown>;
  assert.deepEqual(Object.keys(parsed), taskFieldNames);
  assert.deepEqual(parsed, sampleTask());
});

test('2.0 and 1.0 envelopes', () => {
  assert.equal(
    encodeJsonSuccess(['r'], t.set(t.string), 3, '2.0'),
    '{"jsonrpc":"2.0","result":["r"],"id":3}',
  );
  assert.equal(encodeJsonSuccess('', t.void, 'x', '1.0'), '{"result":"","error":null,"id":"x"}');
  assert.equal(
    encodeJsonFailure(['SESSION_INVALID', 'OpaqueRef:c'], 3, '2.0'),
    '{"jsonrpc":"2.0","error":{"code":1,"message":"SESSION_INVALID","data":["OpaqueRef:c"]},"id":3}',
  );
  assert.equal(
    encodeJsonFailure(['SESSION_INVALID', 'OpaqueRef:c'], 'xyz', '1.0'),
    '{"result":null,"error":["SESSION_INVALID","OpaqueRef:c"],"id":"xyz"}',
  );
  assert.ok(!encodeJsonSuccess('x', t.string, 0, '2.0').includes('error'));
});

test('an answer in pieces is the same text as in one string', () => {
  const task = Object.freeze({ ...sampleTask() });
  const byRef = { 'OpaqueRef:a': task, 'OpaqueRef:b': task, 'OpaqueRef:c"': task };
  const maps = t.map(t.ref('task'), t.record('task'));
  for (const version of ['1.0', '2.0'] as const) {
    for (const [v, ty] of [
      [byRef, maps],
      [{}, maps],
      [['a', 'b"', 'c'], t.set(t.string)],
      [[], t.set(t.string)],
      ['plain', t.string],
    ] as const) {
      assert.equal(encodeJsonSuccessParts(v, ty, 7, version).join(''), encodeJsonSuccess(v, ty, 7, version));
    }
  }
  for (const [v, ty] of [
    [byRef, maps],
    [['a', 'b<', 'c'], t.set(t.string)],
    [42, t.int],
  ] as const) {
    assert.equal(encodeXmlSuccessParts(v, ty).join(''), encodeXmlSuccess(v, ty));
  }
});

test('a value marked to share its encoding is encoded once, others each time', () => {
  const ty = t.struct({ token: t.string });
  const shared = encodeOnce(Object.freeze({ token: 'a' }));
  assert.equal(jsonValue(shared, ty), '{"token":"a"}');
  assert.equal(jsonValue(shared, ty), '{"token":"a"}');
  const plain = { token: 'b' };
  assert.equal(jsonValue(plain, ty), '{"token":"b"}');
  plain.token = 'c';
  assert.equal(jsonValue(plain, ty), '{"token":"c"}');
  assert.throws(() => encodeOnce({ token: 'not frozen' }));
});
