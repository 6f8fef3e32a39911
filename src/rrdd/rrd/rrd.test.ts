// The consolidation maths against series worked out by hand. All RRDs start
// at t = 900, a boundary of both 5 s points and 15 s (3-point) rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rrd } from './rrd.js';
import type { DsDef, RraDef } from './types.js';

const T0 = 900;

function ds(name: string, type: DsDef['type'], extra: Partial<DsDef> = {}): DsDef {
  return { name, type, min: -Infinity, max: Infinity, mrhb: 300, transform: 'identity', ...extra };
}

const FINE: RraDef = { cf: 'AVERAGE', rows: 10, pdpCnt: 1, xff: 0.5 };
const AVG3: RraDef = { cf: 'AVERAGE', rows: 4, pdpCnt: 3, xff: 0.5 };
const MIN3: RraDef = { cf: 'MIN', rows: 4, pdpCnt: 3, xff: 1 };
const MAX3: RraDef = { cf: 'MAX', rows: 4, pdpCnt: 3, xff: 1 };
const LAST3: RraDef = { cf: 'LAST', rows: 4, pdpCnt: 3, xff: 0.5 };

/** Rows of one data source in one archive, oldest first, the last `count` rows. */
function rows(rrd: Rrd, rra: number, count: number, dsIndex = 0): number[] {
  const out: number[] = [];
  for (let age = count - 1; age >= 0; age--) out.push(rrd.peek(rra, age, dsIndex));
  return out;
}

function feed(rrd: Rrd, series: [number, number][]): void {
  for (const [t, v] of series) rrd.update(t, Float64Array.of(v));
}

test('gauge: one row per step, and AVERAGE/MIN/MAX/LAST over three steps', () => {
  const rrd = new Rrd([ds('g', 'gauge')], [FINE, AVG3, MIN3, MAX3, LAST3], 5, T0);
  feed(rrd, [
    [905, 1],
    [910, 2],
    [915, 6],
    [920, 3],
    [925, 3],
    [930, 9],
  ]);
  assert.deepEqual(rows(rrd, 0, 6), [1, 2, 6, 3, 3, 9]);
  assert.deepEqual(rows(rrd, 1, 2), [3, 5]); // (1+2+6)/3, (3+3+9)/3
  assert.deepEqual(rows(rrd, 2, 2), [1, 3]);
  assert.deepEqual(rows(rrd, 3, 2), [6, 9]);
  assert.deepEqual(rows(rrd, 4, 2), [6, 9]);
  assert.ok(Number.isNaN(rrd.peek(1, 2, 0)), 'rows never written are unknown');
});

test('gauge sampled off the step boundaries is weighted by time', () => {
  const rrd = new Rrd([ds('g', 'gauge')], [FINE], 5, T0);
  // 10 over [900,902], 20 over (902,907]: the point [900,905) = (2·10 + 3·20)/5 = 16
  feed(rrd, [
    [902, 10],
    [907, 20],
  ]);
  assert.deepEqual(rows(rrd, 0, 1), [16]);
  // (905,907] at 20 and (907,912] at 40: point [905,910) = (2·20 + 3·40)/5 = 32
  feed(rrd, [[912, 40]]);
  assert.deepEqual(rows(rrd, 0, 2), [16, 32]);
});

test('absolute: a count per interval becomes a rate', () => {
  const rrd = new Rrd([ds('a', 'absolute')], [FINE], 5, T0);
  feed(rrd, [
    [905, 50],
    [910, 5],
  ]);
  assert.deepEqual(rows(rrd, 0, 2), [10, 1]);
});

test('derive: the first reading only primes; a missed sample is spread over its steps', () => {
  const rrd = new Rrd([ds('d', 'derive', { min: 0 })], [FINE, AVG3], 5, T0);
  feed(rrd, [
    [905, 1000],
    [910, 1500],
    [915, 2500],
    // 920 is missed: 1000 more over 10 s is 100/s for both steps
    [925, 3500],
    [930, 3500],
  ]);
  assert.deepEqual(rows(rrd, 0, 6), [NaN, 100, 200, 100, 100, 0]);
  // first row: one unknown point of three is within xff 0.5 → (100+200)/2
  assert.deepEqual(rows(rrd, 1, 2), [150, (100 + 100 + 0) / 3]);
});

test('derive: a counter reset makes that interval unknown, then rates resume', () => {
  const rrd = new Rrd([ds('d', 'derive', { min: 0 })], [FINE], 5, T0);
  feed(rrd, [
    [905, 100],
    [910, 600],
    [915, 50],
    [920, 550],
  ]);
  assert.deepEqual(rows(rrd, 0, 4), [NaN, 100, NaN, 100]);
});

test('derive: a 32-bit counter that wraps gives the true rate', () => {
  const rrd = new Rrd([ds('d', 'derive', { min: 0, wrapBits: 32 })], [FINE], 5, T0);
  feed(rrd, [
    [905, 2 ** 32 - 100],
    [910, 400],
    // a drop from low in the range is a reset, not a wrap
    [915, 10],
    [920, 60],
  ]);
  assert.deepEqual(rows(rrd, 0, 4), [NaN, 100, NaN, 10]);
});

test('derive: new counters (a restarted domain) count from zero', () => {
  const rrd = new Rrd([ds('d', 'derive', { min: 0 })], [FINE], 5, T0);
  feed(rrd, [
    [905, 9000],
    [910, 9500],
  ]);
  rrd.update(915, Float64Array.of(250), true);
  assert.deepEqual(rows(rrd, 0, 3), [NaN, 100, 50]);
});

test('derive: just over the maximum is clamped, further over is unknown', () => {
  const rrd = new Rrd([ds('d', 'derive', { min: 0, max: 100 })], [FINE], 5, T0);
  feed(rrd, [
    [905, 0],
    [910, 520], // 104/s
    [915, 1050], // 106/s
    [920, 1100], // 10/s
  ]);
  assert.deepEqual(rows(rrd, 0, 4), [NaN, 100, NaN, 10]);
});

test('inverse transform: idle seconds per second become usage', () => {
  const rrd = new Rrd([ds('cpu0', 'derive', { min: 0, max: 1, transform: 'inverse' })], [FINE], 5, T0);
  feed(rrd, [
    [905, 0],
    [910, 1], // idle 0.2 → 0.8 busy
    [915, 6.1], // idle 1.02: jitter, clamped to 1 → 0 busy
    [920, 8.6], // idle 0.5
  ]);
  const got = rows(rrd, 0, 4);
  assert.ok(Number.isNaN(got[0]));
  assert.ok(Math.abs((got[1] ?? NaN) - 0.8) < 1e-12);
  assert.equal(got[2], 0);
  assert.ok(Math.abs((got[3] ?? NaN) - 0.5) < 1e-12);
});

test('out-of-range gauge values are unknown', () => {
  const rrd = new Rrd([ds('g', 'gauge', { min: 0, max: 10 })], [FINE], 5, T0);
  feed(rrd, [
    [905, -1],
    [910, 11],
    [915, 10],
  ]);
  assert.deepEqual(rows(rrd, 0, 3), [NaN, NaN, 10]);
});

test('a gap longer than the heartbeat is unknown; a shorter one is interpolated', () => {
  const rrd = new Rrd([ds('g', 'gauge', { mrhb: 12 })], [FINE], 5, T0);
  feed(rrd, [
    [905, 5],
    [910, 5],
    [925, 7], // 15 s > 12 s: three unknown points
    [935, 9], // 10 s ≤ 12 s: two points at 9
  ]);
  assert.deepEqual(rows(rrd, 0, 7), [5, 5, NaN, NaN, NaN, 9, 9]);
});

test('xff: a row with too many unknown points is unknown', () => {
  const rrd = new Rrd([ds('g', 'gauge')], [AVG3, MIN3], 5, T0);
  const nan = NaN;
  feed(rrd, [
    [905, 3],
    [910, nan],
    [915, 6], // one unknown of three: AVERAGE (3+6)/2, MIN 3
    [920, nan],
    [925, nan],
    [930, 9], // two unknown: AVERAGE (xff 0.5) unknown, MIN (xff 1) 9
    [935, nan],
    [940, nan],
    [945, nan], // all unknown: unknown whatever the xff
  ]);
  assert.deepEqual(rows(rrd, 0, 3), [4.5, NaN, NaN]);
  assert.deepEqual(rows(rrd, 1, 3), [3, 9, NaN]);
});

test('a long gap within the heartbeat completes the open row and fills whole rows', () => {
  const rrd = new Rrd([ds('g', 'gauge', { mrhb: 100 })], [AVG3, MAX3], 5, T0);
  feed(rrd, [
    [905, 3],
    [950, 6], // nine points at 6: row [3,6,6], then two rows of 6, one point carried
    [955, 0],
    [960, 0],
  ]);
  assert.deepEqual(rows(rrd, 0, 4), [5, 6, 6, 2]);
  assert.deepEqual(rows(rrd, 1, 4), [6, 6, 6, 6]);
});

test('a gap longer than an archive overwrites it entirely', () => {
  const rrd = new Rrd([ds('g', 'gauge', { mrhb: 1000 })], [FINE], 5, T0);
  feed(rrd, [
    [905, 1],
    [1005, 2],
  ]);
  assert.deepEqual(rows(rrd, 0, 10), Array<number>(10).fill(2));
});

test('an RRD created mid-row counts the time before it as unknown', () => {
  // created at 907: point [905,910) has 2 s unknown, row [900,915) has one unknown point
  const rrd = new Rrd([ds('g', 'gauge')], [FINE, AVG3], 5, 907);
  feed(rrd, [
    [910, 4],
    [915, 8],
  ]);
  assert.deepEqual(rows(rrd, 0, 2), [4, 8]);
  assert.deepEqual(rows(rrd, 1, 1), [6]);
});

test('a reading from before the last one (clock went back) is dropped', () => {
  const rrd = new Rrd([ds('g', 'gauge'), ds('d', 'derive')], [FINE], 5, T0);
  rrd.update(905, Float64Array.of(1, 0));
  rrd.update(910, Float64Array.of(2, 50));
  rrd.update(903, Float64Array.of(50, 500));
  assert.equal(rrd.lastUpdated, 910);
  rrd.update(915, Float64Array.of(3, 600));
  rrd.update(920, Float64Array.of(4, 650));
  assert.deepEqual(rows(rrd, 0, 4, 0), [1, 2, 3, 4]);
  // the counter is not trusted across the jump
  assert.deepEqual(rows(rrd, 0, 4, 1), [NaN, 10, NaN, 10]);
});

test('adding a source gives it unknown history; removing one drops its column', () => {
  const rrd = new Rrd([ds('a', 'gauge'), ds('b', 'gauge')], [FINE, AVG3], 5, T0);
  rrd.update(905, Float64Array.of(1, 2));
  rrd.addDs(ds('c', 'gauge'));
  rrd.addDs(ds('a', 'gauge')); // already there: no-op
  assert.deepEqual(rrd.dsNames(), ['a', 'b', 'c']);
  rrd.update(910, Float64Array.of(3, 4, 5));
  assert.deepEqual(rows(rrd, 0, 2, 2), [NaN, 5]);
  assert.deepEqual(rows(rrd, 0, 2, 1), [2, 4]);
  assert.equal(rrd.removeDs('a'), true);
  assert.equal(rrd.removeDs('zz'), false);
  assert.deepEqual(rrd.dsNames(), ['b', 'c']);
  assert.deepEqual(rows(rrd, 0, 2, 0), [2, 4]);
  rrd.update(915, Float64Array.of(6, 7));
  // row [900,915): b = (2+4+6)/3; c missed one point of three → (5+7)/2
  assert.deepEqual(rows(rrd, 1, 1, 0), [4]);
  assert.deepEqual(rows(rrd, 1, 1, 1), [6]);
});

test('a reading at the instant of creation primes derive counters', () => {
  const rrd = new Rrd([ds('d', 'derive', { min: 0 }), ds('g', 'gauge')], [FINE], 5, T0);
  rrd.update(T0, Float64Array.of(1000, 7));
  rrd.update(905, Float64Array.of(1500, 8));
  assert.deepEqual(rows(rrd, 0, 1, 0), [100]);
  assert.deepEqual(rows(rrd, 0, 1, 1), [8]);
});
