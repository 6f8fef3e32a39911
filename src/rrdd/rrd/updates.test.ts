// /rrd_updates against daemons.md §3.3 and xenapi.md §6.3: archive choice,
// legend, rows newest first, and the exact XML and JSON shapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rrd } from './rrd.js';
import { defaultRras, STEP_S } from './timescales.js';
import type { DsDef } from './types.js';
import { buildXport, selectRras, xportToJson, xportToXml, type UpdatesSource } from './updates.js';
import { parseRrdUpdatesQuery, sourcesFor, wantsJson } from './query.js';
import { ApiError } from '../../datamodel/api-error.js';

const T0 = 1_700_000_000; // a multiple of 5 s (and of 60 s less 20 s)
const H = 'a1b2c3d4-0000-4000-8000-000000000001';
const V1 = 'a1b2c3d4-0000-4000-8000-0000000000v1';
const V2 = 'a1b2c3d4-0000-4000-8000-0000000000v2';

function gauge(name: string): DsDef {
  return { name, type: 'gauge', min: -Infinity, max: Infinity, mrhb: 300, transform: 'identity' };
}

/** Host (with MIN/MAX) and two VMs, fed `steps` readings; value = step index + column offset. */
function world(steps: number): { host: Rrd; v1: Rrd; v2: Rrd } {
  const host = new Rrd([gauge('cpu0'), gauge('memory_free_kib')], defaultRras(true), STEP_S, T0);
  const v1 = new Rrd([gauge('cpu0'), gauge('memory')], defaultRras(false), STEP_S, T0);
  const v2 = new Rrd([gauge('cpu0'), gauge('memory')], defaultRras(false), STEP_S, T0);
  for (let i = 1; i <= steps; i++) {
    const t = T0 + i * 5;
    host.update(t, Float64Array.of(i, 100 + i));
    v1.update(t, Float64Array.of(i / 10, 1000 + i));
    v2.update(t, Float64Array.of(i / 100, 2000 + i));
  }
  return { host, v1, v2 };
}

function sources(w: ReturnType<typeof world>): UpdatesSource[] {
  return [
    { kind: 'host', uuid: H, rrd: w.host },
    { kind: 'vm', uuid: V1, rrd: w.v1 },
    { kind: 'vm', uuid: V2, rrd: w.v2 },
  ];
}

test('the finest archive answers recent starts: rows newest first, back to start', () => {
  const w = world(30);
  const last = T0 + 150;
  const x = buildXport(sources(w), last - 20, 0, 'AVERAGE');
  assert.equal(x.step, 5);
  assert.equal(x.end, last);
  assert.equal(x.start, last - 20 + 5);
  assert.deepEqual(x.legend, [
    `AVERAGE:host:${H}:cpu0`,
    `AVERAGE:host:${H}:memory_free_kib`,
    `AVERAGE:vm:${V1}:cpu0`,
    `AVERAGE:vm:${V1}:memory`,
    `AVERAGE:vm:${V2}:cpu0`,
    `AVERAGE:vm:${V2}:memory`,
  ]);
  assert.deepEqual(
    x.rows.map((r) => r.t),
    [last, last - 5, last - 10, last - 15, last - 20],
  );
  assert.deepEqual([...(x.rows[0]?.values ?? [])], [30, 130, 3, 1030, 0.3, 2030]);
  assert.deepEqual([...(x.rows[4]?.values ?? [])], [26, 126, 2.6, 1026, 0.26, 2026]);
});

test('a negative start is relative to the last update', () => {
  const w = world(30);
  const a = buildXport(sources(w), -10, 0, 'AVERAGE');
  const b = buildXport(sources(w), T0 + 140, 0, 'AVERAGE');
  assert.deepEqual(a, b);
  assert.equal(a.rows.length, 3);
});

test('all CFs: the 5 s timescale has only AVERAGE; the 1 min one has MIN and MAX for the host', () => {
  const w = world(60); // 300 s: rows for minutes ending 1_700_000_040 ... 1_700_000_280
  const fine = buildXport(sources(w), T0 + 280, 0, undefined);
  assert.equal(fine.legend.length, 6);
  const minute = buildXport(sources(w), T0 + 100, 60, undefined);
  assert.equal(minute.step, 60);
  assert.deepEqual(minute.legend.slice(0, 6), [
    `AVERAGE:host:${H}:cpu0`,
    `AVERAGE:host:${H}:memory_free_kib`,
    `MIN:host:${H}:cpu0`,
    `MIN:host:${H}:memory_free_kib`,
    `MAX:host:${H}:cpu0`,
    `MAX:host:${H}:memory_free_kib`,
  ]);
  assert.equal(minute.legend.length, 10);
  // the newest minute row [T0+220, T0+280): points 45..56 (ending at T0+225 .. T0+280)
  const newest = minute.rows[0];
  assert.equal(newest?.t, T0 + 280);
  const avg = (45 + 56) / 2;
  assert.deepEqual([...(newest?.values ?? []).slice(0, 6)], [avg, avg + 100, 45, 145, 56, 156]);
  assert.deepEqual(
    minute.rows.map((r) => r.t),
    [T0 + 280, T0 + 220, T0 + 160, T0 + 100],
  );
});

test('a start older than the finest archive moves to a coarser one', () => {
  const w = world(200); // 1000 s of data; 5 s × 120 covers 600 s
  const x = buildXport(sources(w), T0 + 100, 0, 'AVERAGE');
  assert.equal(x.step, 60);
  assert.equal(selectRras(w.v1, 0, 'AVERAGE', T0 + 500).length, 1);
  assert.deepEqual(selectRras(w.host, 0, undefined, T0 + 100), [1, 2, 3]);
  // nothing reaches back a decade: the longest timescale answers
  assert.deepEqual(selectRras(w.host, 0, 'MAX', T0 - 10 * 366 * 86400), [9]);
});

test('no RRD at all gives an empty export', () => {
  const x = buildXport([], 1000, 0, 'AVERAGE');
  assert.deepEqual([x.rows.length, x.legend.length], [0, 0]);
  assert.equal(
    xportToJson(x),
    '{"meta":{"start":1000,"step":0,"end":1000,"rows":0,"columns":0,"legend":[]},"data":[]}',
  );
});

test('XML is rrdtool xport, values printed like xapi', () => {
  const rrd = new Rrd(
    [gauge('cpu0'), gauge('memory')],
    [{ cf: 'AVERAGE', rows: 3, pdpCnt: 1, xff: 0.5 }],
    5,
    T0,
  );
  rrd.update(T0 + 5, Float64Array.of(0.0282, 123456789));
  rrd.update(T0 + 10, Float64Array.of(0, NaN));
  const x = buildXport([{ kind: 'vm', uuid: V1, rrd }], T0 + 1, 0, 'AVERAGE');
  assert.equal(
    xportToXml(x),
    '<?xml version="1.0" encoding="UTF-8"?><xport><meta>' +
      `<start>${T0 + 5}</start><step>5</step><end>${T0 + 10}</end><rows>2</rows><columns>2</columns>` +
      `<legend><entry>AVERAGE:vm:${V1}:cpu0</entry><entry>AVERAGE:vm:${V1}:memory</entry></legend></meta>` +
      `<data><row><t>${T0 + 10}</t><v>0.0</v><v>NaN</v></row>` +
      `<row><t>${T0 + 5}</t><v>0.0282</v><v>1.2346e+08</v></row></data></xport>`,
  );
  const json: unknown = JSON.parse(xportToJson(x));
  assert.deepEqual(json, {
    meta: {
      start: T0 + 5,
      step: 5,
      end: T0 + 10,
      rows: 2,
      columns: 2,
      legend: [`AVERAGE:vm:${V1}:cpu0`, `AVERAGE:vm:${V1}:memory`],
    },
    data: [
      { t: T0 + 10, values: ['0.0', 'NaN'] },
      { t: T0 + 5, values: ['0.0282', '1.2346e+08'] },
    ],
  });
});

test('query: defaults, repeated filters, JSON by parameter or Accept', () => {
  const q = parseRrdUpdatesQuery(
    new URLSearchParams('start=1700000000&host=true&vm_uuid=a&vm_uuid=b&cf=AVERAGE&json=true&interval=5'),
  );
  assert.deepEqual(q, {
    start: 1700000000,
    interval: 5,
    cf: 'AVERAGE',
    host: true,
    vmUuids: ['a', 'b'],
    srUuids: [],
    json: true,
  });
  const d = parseRrdUpdatesQuery(new URLSearchParams('start=-60'));
  assert.deepEqual([d.start, d.interval, d.cf, d.host, d.json], [-60, 0, undefined, false, false]);
  assert.equal(wantsJson(new URLSearchParams(''), 'application/json'), true);
  assert.equal(wantsJson(new URLSearchParams(''), 'text/xml, application/json;q=0.5'), false);
  assert.equal(wantsJson(new URLSearchParams('json'), 'text/xml'), true);
  assert.equal(wantsJson(new URLSearchParams(''), undefined), false);
});

test('query: a missing or malformed parameter is INVALID_VALUE naming it', () => {
  const cases: [string, string[]][] = [
    ['', ['start', '']],
    ['start=soon', ['start', 'soon']],
    ['start=1&cf=MEDIAN', ['cf', 'MEDIAN']],
    ['start=1&interval=-5', ['interval', '-5']],
  ];
  for (const [qs, params] of cases) {
    assert.throws(
      () => parseRrdUpdatesQuery(new URLSearchParams(qs)),
      (e: unknown) =>
        e instanceof ApiError && e.code === 'INVALID_VALUE' && e.params.join() === params.join(),
      qs,
    );
  }
});

test('sources: host on request, all resident VMs unless named, SRs only when named', () => {
  const w = world(1);
  const set = {
    hostUuid: H,
    host: w.host,
    vms: new Map([
      [V1, w.v1],
      [V2, w.v2],
    ]),
    srs: new Map([['s', w.v1]]),
  };
  const names = (qs: string): string[] =>
    sourcesFor(parseRrdUpdatesQuery(new URLSearchParams(qs)), set).map((s) => `${s.kind}:${s.uuid}`);
  assert.deepEqual(names('start=0'), [`vm:${V1}`, `vm:${V2}`]);
  assert.deepEqual(names('start=0&host=true&vm_uuid=' + V2), [`host:${H}`, `vm:${V2}`]);
  assert.deepEqual(names('start=0&vm_uuid=nope&sr_uuid=s'), ['sr:s']);
});
