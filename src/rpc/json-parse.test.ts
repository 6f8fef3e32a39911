import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJsonRequest } from './json-parse.js';
import { RpcParseError } from './raw.js';

test('2.0 requests with an array of params', () => {
  const req = parseJsonRequest(
    '{"jsonrpc":"2.0","method":"VM.get_all","params":["OpaqueRef:c",1,1.5,true,null,[],{"a":"b"}],"id":3}',
  );
  assert.deepEqual(req, {
    protocol: 'json',
    method: 'VM.get_all',
    version: '2.0',
    id: 3,
    lossyUtf8: false,
    params: [
      { t: 'string', v: 'OpaqueRef:c' },
      { t: 'number', v: 1 },
      { t: 'number', v: 1.5 },
      { t: 'bool', v: true },
      { t: 'nil' },
      { t: 'array', v: [] },
      { t: 'struct', v: [['a', { t: 'string', v: 'b' }]] },
    ],
  });
});

test('1.0 requests: no "jsonrpc" member, string ids', () => {
  const req = parseJsonRequest(
    Buffer.from('{"method":"session.logout","params":["OpaqueRef:x"],"id":"xyz"}'),
  );
  assert.equal(req.version, '1.0');
  assert.equal(req.id, 'xyz');
  assert.deepEqual(req.params, [{ t: 'string', v: 'OpaqueRef:x' }]);
});

test('a leading byte-order mark is tolerated', () => {
  assert.equal(parseJsonRequest(Buffer.from('\uFEFF{"method":"m","params":[],"id":1}')).method, 'm');
});

test('2.0 params may be absent, null, or an object (one struct param)', () => {
  assert.deepEqual(parseJsonRequest('{"jsonrpc":"2.0","method":"system.listMethods","id":0}').params, []);
  assert.deepEqual(parseJsonRequest('{"jsonrpc":"2.0","method":"m","params":null,"id":0}').params, []);
  assert.deepEqual(parseJsonRequest('{"jsonrpc":"2.0","method":"m","params":{"k":1},"id":0}').params, [
    { t: 'struct', v: [['k', { t: 'number', v: 1 }]] },
  ]);
});

test('a __proto__ member stays a member', () => {
  const req = parseJsonRequest('{"jsonrpc":"2.0","method":"m","params":[{"__proto__":"x"}],"id":0}');
  assert.deepEqual(req.params, [{ t: 'struct', v: [['__proto__', { t: 'string', v: 'x' }]] }]);
});

test('malformed requests are RpcParseErrors', () => {
  const bad = [
    '',
    '{',
    '[]',
    '"x"',
    '{"jsonrpc":"2.0","method":"m","params":[]}',
    '{"jsonrpc":"2.0","method":"m","params":[],"id":null}',
    '{"method":"m","params":[],"id":null}',
    '{"jsonrpc":"2.0","method":"m","params":[],"id":1.5}',
    '{"jsonrpc":"2.0","method":"m","params":[],"id":{}}',
    '{"jsonrpc":"1.0","method":"m","params":[],"id":1}',
    '{"jsonrpc":2,"method":"m","params":[],"id":1}',
    '{"jsonrpc":"2.0","params":[],"id":1}',
    '{"jsonrpc":"2.0","method":5,"params":[],"id":1}',
    '{"method":"m","id":1}',
    '{"method":"m","params":{},"id":1}',
    '{"jsonrpc":"2.0","method":"m","params":"x","id":1}',
    '{"jsonrpc":"2.0","method":"m","params":[' + '['.repeat(80) + ']'.repeat(80) + '],"id":1}',
  ];
  for (const b of bad) assert.throws(() => parseJsonRequest(b), RpcParseError, b);
});
