// What Xen Orchestra's xen-api client makes of our output, with its own
// parsers (the ones its transports use), and whether we understand what it sends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { format as jsonFormat, parse as jsonParse } from 'json-rpc-protocol';
import { parseXml } from '@vates/xml/parse';
import { formatXml } from '@vates/xml/format';
import { xmlRpcParser } from '@vates/xml-rpc/parser';
import { xmlRpcFormatter } from '@vates/xml-rpc/formatter';
import prepareXmlRpcParams from 'xen-api/transports/_prepareXmlRpcParams.mjs';
import getTaskResult from 'xen-api/_getTaskResult.mjs';
import { t } from '../../src/datamodel/build.js';
import { Typed, type Value } from '../../src/datamodel/types.js';
import {
  decodeParams,
  encodeJsonFailure,
  encodeJsonSuccess,
  encodeXmlFailure,
  encodeXmlRaw,
  encodeXmlSuccess,
  encodeXmlValueFragment,
  parseJsonRequest,
  parseXmlRequest,
} from '../../src/rpc/index.js';
import { sampleTask } from './fixtures.js';

/** As xen-api's XML-RPC transport reads a response body. */
function xoXml(body: string): unknown {
  const response = xmlRpcParser.parse(parseXml(body, { normalize: false, trim: false }));
  const result = response.params?.[0] as { Status?: string; Value?: unknown; ErrorDescription?: unknown };
  if (result.Status === undefined) return result;
  if (result.Status !== 'Success') return { error: result.ErrorDescription };
  return result.Value;
}

/** As xen-api's JSON-RPC transport reads a response body. */
function xoJson(body: string): unknown {
  const r = jsonParse(body) as { type: string; result?: unknown; error?: unknown };
  return r.type === 'response' ? r.result : { error: r.error };
}

const everyType = t.struct({
  s: t.string,
  i: t.int,
  i32: t.int32,
  f: t.float,
  one: t.float,
  b: t.bool,
  d: t.datetime,
  set: t.set(t.ref('VM')),
  map: t.smap,
  opt: t.option(t.string),
  dyn: t.dynamic,
  v: t.void,
});
const everyValue: Value = {
  s: 'a & <b> "c"\ttab',
  i: 42,
  i32: 7,
  f: 0.5,
  one: 1,
  b: true,
  d: '20240510T16:41:04Z',
  set: ['OpaqueRef:a', 'OpaqueRef:b'],
  map: { k: 'v', 'x<y': 'z' },
  dyn: new Typed({ task: 3 }, t.map(t.string, t.int32)),
  v: '',
};

test('XML-RPC: XO reads every wire type as xapi would have it', () => {
  const got = xoXml(encodeXmlSuccess(everyValue, everyType)) as Record<string, unknown>;
  assert.deepEqual(got, {
    s: 'a & <b> "c"\ttab',
    i: '42', // int64 is a bare value: a string to the client, as with xapi
    i32: 7,
    f: 0.5,
    one: 1,
    b: true,
    d: new Date('2024-05-10T16:41:04Z'),
    set: ['OpaqueRef:a', 'OpaqueRef:b'],
    map: { k: 'v', 'x<y': 'z' },
    dyn: { task: 3 },
    v: '',
  });
});

test('XML-RPC: records, failures and listMethods', () => {
  const rec = xoXml(encodeXmlSuccess(sampleTask(), t.record('task'))) as Record<string, unknown>;
  assert.equal(rec['name_description'], 'a & b <c>');
  assert.equal(rec['progress'], 0.5);
  assert.deepEqual(rec['created'], new Date('2024-05-10T16:41:04Z'));
  assert.deepEqual(rec['other_config'], { k: 'v' });
  assert.deepEqual(Object.keys(rec), Object.keys(sampleTask()));
  assert.deepEqual(xoXml(encodeXmlFailure(['SESSION_INVALID', 'OpaqueRef:x'])), {
    error: ['SESSION_INVALID', 'OpaqueRef:x'],
  });
  assert.deepEqual(xoXml(encodeXmlRaw(['VM.get_all_records'], t.set(t.string))), ['VM.get_all_records']);
});

test('task.result fragments parse with XO getTaskResult', async () => {
  const result = (value: Value | undefined, ty: Parameters<typeof encodeXmlValueFragment>[1]) =>
    getTaskResult({ status: 'success', result: encodeXmlValueFragment(value, ty) });
  assert.equal(await result('OpaqueRef:v', t.ref('VM')), 'OpaqueRef:v');
  assert.deepEqual(await result(['OpaqueRef:a'], t.set(t.ref('VM'))), ['OpaqueRef:a']);
  // Void: the empty <value></value> fragment.
  assert.equal(await result('', t.void), '');
});

test('JSON-RPC: XO reads our 2.0 and 1.0 envelopes', () => {
  const rec = xoJson(encodeJsonSuccess(sampleTask(), t.record('task'), 0, '2.0'));
  assert.deepEqual(rec, sampleTask());
  assert.deepEqual(xoJson(encodeJsonSuccess(everyValue, everyType, 0, '2.0')), {
    s: 'a & <b> "c"\ttab',
    i: 42,
    i32: 7,
    f: 0.5,
    one: 1,
    b: true,
    d: '20240510T16:41:04Z',
    set: ['OpaqueRef:a', 'OpaqueRef:b'],
    map: { k: 'v', 'x<y': 'z' },
    dyn: { task: 3 },
    v: '',
  });
  const e2 = xoJson(encodeJsonFailure(['HANDLE_INVALID', 'VM', 'OpaqueRef:x'], 0, '2.0')) as {
    error: { message: string; data: unknown };
  };
  assert.equal(e2.error.message, 'HANDLE_INVALID');
  assert.deepEqual(e2.error.data, ['VM', 'OpaqueRef:x']);
  assert.deepEqual(xoJson(encodeJsonSuccess('x', t.string, 'id', '1.0')), 'x');
  assert.deepEqual(xoJson(encodeJsonFailure(['EVENTS_LOST'], 'id', '1.0')), { error: ['EVENTS_LOST'] });
});

const xoArgs = ['OpaqueRef:s', 'name', 42, 60.1, true, { key: 'value', n: 3 }, ['a', 'b'], null];
const xoDecls = [
  { name: 'session', ty: t.ref('session'), doc: '' },
  { name: 'label', ty: t.string, doc: '' },
  { name: 'size', ty: t.int, doc: '' },
  { name: 'timeout', ty: t.float, doc: '' },
  { name: 'flag', ty: t.bool, doc: '' },
  { name: 'config', ty: t.map(t.string, t.int), doc: '' },
  { name: 'tags', ty: t.set(t.string), doc: '' },
  { name: 'maybe', ty: t.option(t.string), doc: '' },
];
const expected = ['OpaqueRef:s', 'name', 42, 60.1, true, { key: 'value', n: 3 }, ['a', 'b'], undefined];

test('we parse and decode what XO sends over XML-RPC', () => {
  // Exactly as xen-api's XML-RPC transport builds a request body (integers become strings).
  const body = formatXml(
    xmlRpcFormatter.format_methodCall({ methodName: 'VM.do', params: prepareXmlRpcParams(xoArgs) }),
    { indent: 0 },
  );
  const req = parseXmlRequest(body);
  assert.equal(req.method, 'VM.do');
  const withKeyAsString = xoDecls.map((d) => (d.name === 'config' ? { ...d, ty: t.smap } : d));
  assert.deepEqual(decodeParams(req.params, withKeyAsString, req), [
    ...expected.slice(0, 5),
    { key: 'value', n: '3' },
    ...expected.slice(6),
  ]);
});

test('we parse and decode what XO sends over JSON-RPC', () => {
  const req = parseJsonRequest(jsonFormat.request(0, 'VM.do', xoArgs));
  assert.equal(req.version, '2.0');
  assert.equal(req.id, 0);
  const decls = xoDecls.map((d) => (d.name === 'config' ? { ...d, ty: t.map(t.string, t.dynamic) } : d));
  assert.deepEqual(decodeParams(req.params, decls, req), expected);
});
