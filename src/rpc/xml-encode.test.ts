import assert from 'node:assert/strict';
import { test } from 'node:test';
import { t } from '../datamodel/build.js';
import { Typed } from '../datamodel/types.js';
import { sampleTask, taskFieldNames } from '../../test/rpc/fixtures.js';
import { encodeXmlFailure, encodeXmlRaw, encodeXmlSuccess, encodeXmlValueFragment } from './xml-encode.js';

const frag = encodeXmlValueFragment;

test('scalars as xapi writes them', () => {
  assert.equal(frag('a&b<c>"d\'', t.string), "<value>a&amp;b&lt;c&gt;&quot;d'</value>");
  assert.equal(frag('a\u0001b\tc\nd\re\u001f', t.string), '<value>ab\tc\nd\re</value>');
  assert.equal(frag('', t.string), '<value></value>');
  assert.equal(frag('OpaqueRef:x', t.ref('VM')), '<value>OpaqueRef:x</value>');
  assert.equal(frag('pending', t.enum('task_status_type')), '<value>pending</value>');
  assert.equal(frag(42, t.int), '<value>42</value>');
  assert.equal(frag(-3, t.int32), '<value><i4>-3</i4></value>');
  assert.equal(frag(1, t.float), '<value><double>1</double></value>');
  assert.equal(frag(0.5, t.float), '<value><double>0.5</double></value>');
  assert.equal(frag(true, t.bool), '<value><boolean>1</boolean></value>');
  assert.equal(frag(false, t.bool), '<value><boolean>0</boolean></value>');
  assert.equal(
    frag('20240510T16:41:04Z', t.datetime),
    '<value><dateTime.iso8601>20240510T16:41:04Z</dateTime.iso8601></value>',
  );
  assert.equal(frag('', t.void), '<value></value>');
  assert.equal(frag(undefined, t.void), '<value></value>');
});

test('sets, maps, structs, options, dynamic', () => {
  assert.equal(
    frag(['a', 'b'], t.set(t.ref('VM'))),
    '<value><array><data><value>a</value><value>b</value></data></array></value>',
  );
  assert.equal(frag([], t.set(t.string)), '<value><array><data></data></array></value>');
  assert.equal(
    frag({ k: 'v', 'a<b': 'w' }, t.smap),
    '<value><struct><member><name>k</name><value>v</value></member><member><name>a&lt;b</name><value>w</value></member></struct></value>',
  );
  assert.equal(
    frag({ b: 'x', a: 2 }, t.struct({ a: t.int32, b: t.string, c: t.string })),
    '<value><struct><member><name>a</name><value><i4>2</i4></value></member><member><name>b</name><value>x</value></member></struct></value>',
  );
  assert.equal(frag(undefined, t.option(t.string)), '<value><nil/></value>');
  assert.equal(frag('x', t.option(t.string)), '<value>x</value>');
  assert.equal(frag(new Typed(3, t.int32), t.dynamic), '<value><i4>3</i4></value>');
  assert.equal(
    frag({ n: 1, f: 0.5, s: 's', l: [true] }, t.dynamic),
    '<value><struct><member><name>n</name><value>1</value></member><member><name>f</name><value><double>0.5</double></value></member><member><name>s</name><value>s</value></member><member><name>l</name><value><array><data><value><boolean>1</boolean></value></data></array></value></member></struct></value>',
  );
});

test('records use the datamodel field list', () => {
  const rec = { ...sampleTask(), not_a_field: 'x' };
  const out = frag(rec, t.record('task'));
  const names = [...out.matchAll(/<member><name>([^<]*)<\/name>/g)].map((m) => m[1]);
  // Top-level members only: other_config holds one map entry.
  assert.deepEqual(
    names.filter((n) => n !== 'k'),
    taskFieldNames,
  );
  assert.ok(!out.includes('not_a_field'));
  assert.ok(out.includes('<member><name>progress</name><value><double>0.5</double></value></member>'));
  assert.throws(() => frag({ uuid: 'u' }, t.record('task')), /record field name_label missing/);
  assert.throws(() => frag({}, t.record('no_such_class')), /no class/);
});

test('wrong JS types are encoder bugs, not silent coercions', () => {
  assert.throws(() => frag(1, t.string));
  assert.throws(() => frag('1', t.int));
  assert.throws(() => frag(1.5, t.int));
  assert.throws(() => frag('x', t.set(t.string)));
  assert.throws(() => frag(['x'], t.smap));
  assert.throws(() => frag(1, t.bool));
});

test('envelopes', () => {
  assert.equal(
    encodeXmlSuccess('OpaqueRef:s', t.ref('session')),
    '<?xml version="1.0"?><methodResponse><params><param><value><struct><member><name>Status</name><value>Success</value></member><member><name>Value</name><value>OpaqueRef:s</value></member></struct></value></param></params></methodResponse>',
  );
  assert.equal(
    encodeXmlFailure(['SESSION_INVALID', 'OpaqueRef:<x>']),
    '<?xml version="1.0"?><methodResponse><params><param><value><struct><member><name>Status</name><value>Failure</value></member><member><name>ErrorDescription</name><value><array><data><value>SESSION_INVALID</value><value>OpaqueRef:&lt;x&gt;</value></data></array></value></member></struct></value></param></params></methodResponse>',
  );
  assert.equal(
    encodeXmlRaw(['a.b'], t.set(t.string)),
    '<?xml version="1.0"?><methodResponse><params><param><value><array><data><value>a.b</value></data></array></value></param></params></methodResponse>',
  );
});
