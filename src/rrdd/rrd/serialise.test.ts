// /host_rrd and /vm_rrd documents, and reading them back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rrd } from './rrd.js';
import { rrdFromJson, rrdToJson, rrdToXml } from './serialise.js';
import type { DsDef, RraDef } from './types.js';
import { ApiError } from '../../datamodel/api-error.js';
import { createRrd } from './timescales.js';
import { rrdFromXml } from './serialise-xml.js';

// 1_700_000_000 s is point 340,000,000: the second of a 3-point row
const T0 = 1_700_000_000;

function small(): Rrd {
  const dss: DsDef[] = [
    { name: 'memory', type: 'gauge', min: 0, max: Infinity, mrhb: 300, transform: 'identity' },
    { name: 'cpu0', type: 'derive', min: 0, max: 1, mrhb: 300, transform: 'inverse', wrapBits: 64 },
  ];
  const rras: RraDef[] = [
    { cf: 'AVERAGE', rows: 2, pdpCnt: 1, xff: 0.5 },
    { cf: 'MAX', rows: 2, pdpCnt: 3, xff: 1 },
  ];
  const rrd = new Rrd(dss, rras, 5, T0);
  rrd.update(T0 + 5, Float64Array.of(1024, 10));
  rrd.update(T0 + 10, Float64Array.of(2048, 12.5)); // idle 0.5/s → busy 0.5
  rrd.update(T0 + 12, Float64Array.of(4096, 13));
  return rrd;
}

test('XML is an rrdtool dump: header, data sources, archives with rows oldest first', () => {
  assert.equal(
    rrdToXml(small()),
    '<?xml version="1.0" encoding="UTF-8"?><rrd><version>0003</version><step>5</step>' +
      `<lastupdate>${T0 + 12}</lastupdate>` +
      '<ds><name>memory</name><type>GAUGE</type><minimal_heartbeat>300</minimal_heartbeat>' +
      '<min>0.0</min><max>Infinity</max><last_ds>0.0</last_ds><value>8192</value><unknown_sec>0</unknown_sec></ds>' +
      '<ds><name>cpu0</name><type>DERIVE</type><minimal_heartbeat>300</minimal_heartbeat>' +
      '<min>0.0</min><max>1</max><last_ds>13</last_ds><value>0.5</value><unknown_sec>0</unknown_sec></ds>' +
      '<rra><cf>AVERAGE</cf><pdp_per_row>1</pdp_per_row><params><xff>0.5</xff></params><cdp_prep>' +
      '<ds><primary_value>0.0</primary_value><secondary_value>0.0</secondary_value><value>0.0</value>' +
      '<unknown_datapoints>0</unknown_datapoints></ds>' +
      '<ds><primary_value>0.0</primary_value><secondary_value>0.0</secondary_value><value>0.0</value>' +
      '<unknown_datapoints>0</unknown_datapoints></ds>' +
      '</cdp_prep><database><row><v>1024</v><v>NaN</v></row><row><v>2048</v><v>0.5</v></row></database></rra>' +
      '<rra><cf>MAX</cf><pdp_per_row>3</pdp_per_row><params><xff>1</xff></params><cdp_prep>' +
      '<ds><primary_value>0.0</primary_value><secondary_value>0.0</secondary_value><value>-Infinity</value>' +
      '<unknown_datapoints>0</unknown_datapoints></ds>' +
      '<ds><primary_value>0.0</primary_value><secondary_value>0.0</secondary_value><value>-Infinity</value>' +
      '<unknown_datapoints>0</unknown_datapoints></ds>' +
      '</cdp_prep><database><row><v>NaN</v><v>NaN</v></row><row><v>2048</v><v>0.5</v></row></database></rra></rrd>',
  );
});

test('JSON has xapi’s shape, every number a string', () => {
  const doc = JSON.parse(rrdToJson(small())) as Record<string, unknown>;
  assert.deepEqual(Object.keys(doc), ['version', 'step', 'lastupdate', 'ds', 'rra']);
  assert.equal(doc['step'], '5');
  assert.equal(doc['lastupdate'], '1.7e+09');
  const ds = doc['ds'] as Record<string, string>[];
  assert.deepEqual(ds[1], {
    name: 'cpu0',
    type: 'DERIVE',
    minimal_heartbeat: '300',
    min: '0.0',
    max: '1',
    last_ds: '13',
    value: '0.5',
    unknown_sec: '0.0',
  });
  const rra = (doc['rra'] as Record<string, unknown>[])[0];
  assert.deepEqual(rra?.['database'], [
    ['1024', 'NaN'],
    ['2048', '0.5'],
  ]);
  assert.deepEqual(rra?.['params'], { xff: '0.5' });
});

test('the exact form reads back into an RRD that behaves identically', () => {
  const a = small();
  const b = rrdFromJson(rrdToJson(a, { exact: true }));
  assert.deepEqual(b.dsDefs(), a.dsDefs());
  assert.equal(b.lastUpdated, a.lastUpdated);
  for (const t of [T0 + 15, T0 + 20, T0 + 31]) {
    a.update(t, Float64Array.of(t, (t - T0) * 0.9));
    b.update(t, Float64Array.of(t, (t - T0) * 0.9));
  }
  assert.equal(rrdToJson(b, { exact: true }), rrdToJson(a, { exact: true }));
});

test('xapi’s own JSON (rounded, no extras) loads too', () => {
  const rrd = createRrd([], true, T0);
  const back = rrdFromJson(rrdToJson(rrd));
  assert.equal(back.rras().length, 10);
  assert.deepEqual(
    back.rras().map((r) => [r.cf, r.rows, r.pdpCnt]),
    rrd.rras().map((r) => [r.cf, r.rows, r.pdpCnt]),
  );
});

test('malformed documents are INVALID_VALUE, never a crash', () => {
  const good = JSON.parse(rrdToJson(small(), { exact: true })) as Record<string, unknown>;
  const variants: unknown[] = [
    'not json',
    [],
    { ...good, step: 'five' },
    { ...good, step: '0' },
    { ...good, ds: {} },
    { ...good, ds: [{ name: 'x', type: 'COUNTER', min: '0', max: '1', minimal_heartbeat: '1' }] },
    { ...good, rra: [{ cf: 'MEDIAN', pdp_per_row: '1', params: { xff: '0.5' }, database: [[]] }] },
    { ...good, rra: [{ cf: 'AVERAGE', pdp_per_row: '1', params: { xff: '0.5' }, database: [] }] },
    {
      ...good,
      rra: [
        {
          cf: 'AVERAGE',
          pdp_per_row: '1',
          params: { xff: '0.5' },
          cdp_prep: { ds: [] },
          database: [['1', '2']],
        },
      ],
    },
  ];
  for (const v of variants) {
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    assert.throws(
      () => rrdFromJson(text),
      (e: unknown) => e instanceof ApiError && e.code === 'INVALID_VALUE' && e.params[0] === 'rrd',
      text.slice(0, 80),
    );
  }
});

test('the XML dump reads back; rounded counters are not trusted', () => {
  const xml = rrdToXml(small());
  const back = rrdFromXml(xml);
  assert.deepEqual(
    back.dsDefs().map((d) => [d.name, d.type, d.min, d.max, d.mrhb]),
    [
      ['memory', 'gauge', 0, Infinity, 300],
      ['cpu0', 'derive', 0, 1, 300],
    ],
  );
  assert.equal(rrdToXml(back), xml.replace('<last_ds>13</last_ds>', '<last_ds>0.0</last_ds>'));
  // a whole default host RRD, with whitespace between elements as rrdtool writes it
  const host = createRrd([], true, T0);
  const pretty = rrdToXml(host).replace(/></g, '>\n  <');
  assert.equal(rrdToXml(rrdFromXml(pretty)), rrdToXml(host));
});

test('malformed XML is INVALID_VALUE', () => {
  const good = rrdToXml(small());
  for (const text of [
    '',
    '<rrd>',
    '<notrrd/>',
    good.replace('<step>5</step>', ''),
    good.replace('<cf>MAX</cf>', '<cf>MEDIAN</cf>'),
    good.replace('<v>2048</v>', '<v>lots</v>'),
    good.replace('<row><v>1024</v><v>NaN</v></row>', '<row><v>1024</v></row>'),
  ]) {
    assert.throws(
      () => rrdFromXml(text),
      (e: unknown) => e instanceof ApiError && e.code === 'INVALID_VALUE' && e.params[0] === 'rrd',
      text.slice(0, 60),
    );
  }
});
