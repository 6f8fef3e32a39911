import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RpcParseError } from './raw.js';
import { parseXmlRequest } from './xml-parse.js';

const call = (params: string, name = 'VM.start') =>
  `<?xml version="1.0"?><methodCall><methodName>${name}</methodName><params>${params}</params></methodCall>`;
const p = (v: string) => `<param><value>${v}</value></param>`;

test('untyped and typed scalars keep their tag and text', () => {
  const req = parseXmlRequest(
    call(
      p('OpaqueRef:a') +
        p('<string>s</string>') +
        p('<int>1</int>') +
        p('<i4>-2</i4>') +
        p('<i8>3</i8>') +
        p('<double>0.5</double>') +
        p('<boolean>1</boolean>') +
        p('<dateTime.iso8601>20240510T16:41:04Z</dateTime.iso8601>') +
        p('<base64>aGk=</base64>') +
        p('<nil/>'),
    ),
  );
  assert.equal(req.protocol, 'xml');
  assert.equal(req.method, 'VM.start');
  assert.equal(req.lossyUtf8, false);
  assert.deepEqual(req.params, [
    { t: 'string', v: 'OpaqueRef:a' },
    { t: 'string', v: 's' },
    { t: 'int', v: '1' },
    { t: 'i4', v: '-2' },
    { t: 'i8', v: '3' },
    { t: 'double', v: '0.5' },
    { t: 'boolean', v: '1' },
    { t: 'dateTime.iso8601', v: '20240510T16:41:04Z' },
    { t: 'base64', v: 'aGk=' },
    { t: 'nil' },
  ]);
});

test('empty values and strings are ""; entities and CDATA are decoded', () => {
  const req = parseXmlRequest(
    call('<param><value/></param>' + p('') + p('<string/>') + p('a&amp;b&lt;&#233;') + p('<![CDATA[<x>]]>')),
  );
  assert.deepEqual(
    req.params.map((r) => ('v' in r ? r.v : r.t)),
    ['', '', '', 'a&b<é', '<x>'],
  );
});

test('whitespace between elements is ignored; untyped text keeps its spaces', () => {
  const xml = `<?xml version="1.0"?>
<methodCall>
  <methodName>x.y</methodName>
  <params>
    <param>
      <value>
        <array>
          <data>
            <value> a </value>
            <value><struct>
              <member>  <name>k</name>  <value><i4>1</i4></value>  </member>
            </struct></value>
          </data>
        </array>
      </value>
    </param>
  </params>
</methodCall>`;
  assert.deepEqual(parseXmlRequest(xml).params, [
    {
      t: 'array',
      v: [
        { t: 'string', v: ' a ' },
        { t: 'struct', v: [['k', { t: 'i4', v: '1' }]] },
      ],
    },
  ]);
});

test('empty arrays and structs, missing or empty params', () => {
  assert.deepEqual(
    parseXmlRequest(call(p('<array/>') + p('<array><data/></array>') + p('<struct/>'))).params,
    [
      { t: 'array', v: [] },
      { t: 'array', v: [] },
      { t: 'struct', v: [] },
    ],
  );
  assert.deepEqual(
    parseXmlRequest('<methodCall><methodName>system.listMethods</methodName></methodCall>').params,
    [],
  );
  assert.deepEqual(
    parseXmlRequest('<methodCall><methodName>a</methodName><params/></methodCall>').params,
    [],
  );
});

test('bodies as bytes; invalid UTF-8 is flagged, not fatal', () => {
  const ok = parseXmlRequest(Buffer.from(call(p('é'))));
  assert.equal(ok.lossyUtf8, false);
  assert.deepEqual(ok.params, [{ t: 'string', v: 'é' }]);
  const [head, tail] = call(p('@')).split('@') as [string, string];
  const bad = parseXmlRequest(
    Buffer.concat([Buffer.from(head), Buffer.from([0x61, 0xff]), Buffer.from(tail)]),
  );
  assert.equal(bad.lossyUtf8, true);
  assert.deepEqual(bad.params, [{ t: 'string', v: 'a\uFFFD' }]);
});

test('malformed requests are RpcParseErrors', () => {
  const bad = [
    '',
    'not xml',
    '<methodCall><methodName>a</methodName>',
    '<methodResponse/>',
    '<methodCall><params/></methodCall>',
    '<methodCall><methodName>a</methodName><params><value>x</value></params></methodCall>',
    call('<param></param>'),
    call('<param><value>1</value><value>2</value></param>'),
    call(p('text<int>1</int>')),
    call(p('<int>1</int>text')),
    call(p('<int>1</int><int>2</int>')),
    call(p('<int><i4>1</i4></int>')),
    call(p('<float>1</float>')),
    call(p('<array><value>1</value></array>')),
    call(p('<array><data/><data/></array>')),
    call(p('<struct><member><value>1</value></member></struct>')),
    call(p('<struct><member><name>a</name></member></struct>')),
    call(p('<struct>x</struct>')),
    call(p('<nil>x</nil>')),
    call('') + '<methodCall/>',
    call(p('&unknown;')),
    call(
      p(
        '<array><data>' +
          '<value><array><data>'.repeat(70) +
          '</data></array></value>'.repeat(70) +
          '</data></array>',
      ),
    ),
  ];
  for (const b of bad) assert.throws(() => parseXmlRequest(b), RpcParseError, b);
});

test('DOCTYPE entities are not expanded', () => {
  const xml = `<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaa">]><methodCall><methodName>&a;</methodName><params/></methodCall>`;
  assert.throws(() => parseXmlRequest(xml), RpcParseError);
});
