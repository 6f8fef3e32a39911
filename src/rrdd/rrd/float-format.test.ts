import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatExactFloat, formatG, formatRrdFloat, parseRrdFloat } from './float-format.js';

test('values print like C "%0.5g", as xapi writes them', () => {
  const cases: [number, string][] = [
    [0.0282, '0.0282'],
    [1, '1'],
    [0.5, '0.5'],
    [123456, '1.2346e+05'],
    [12345, '12345'],
    [99999.5, '1e+05'],
    [1213617600, '1.2136e+09'],
    [0.0001, '0.0001'],
    [0.00001234, '1.234e-05'],
    [-2.5, '-2.5'],
    [1 / 3, '0.33333'],
    [1e100, '1e+100'],
  ];
  for (const [x, s] of cases) assert.equal(formatRrdFloat(x), s, String(x));
  assert.equal(formatRrdFloat(0), '0.0');
  assert.equal(formatRrdFloat(NaN), 'NaN');
  assert.equal(formatRrdFloat(Infinity), 'Infinity');
  assert.equal(formatRrdFloat(-Infinity), '-Infinity');
  assert.equal(formatG(1234.5678, 3), '1.23e+03');
});

test('numbers read back from every spelling, and garbage is refused', () => {
  assert.ok(Number.isNaN(parseRrdFloat('NaN')));
  assert.ok(Number.isNaN(parseRrdFloat('nan')));
  assert.equal(parseRrdFloat('Infinity'), Infinity);
  assert.equal(parseRrdFloat('-inf'), -Infinity);
  assert.equal(parseRrdFloat('1.2136e+09'), 1213600000);
  assert.equal(parseRrdFloat(' 0.0 '), 0);
  assert.equal(parseRrdFloat(formatExactFloat(Math.PI)), Math.PI);
  for (const bad of ['', 'abc', '1.2.3', '0x10', '1e']) assert.equal(parseRrdFloat(bad), undefined, bad);
});
