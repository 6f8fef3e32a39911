import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatG16, formatInt } from './float.js';

test('%.16g as glibc prints it', () => {
  const cases: [number, string][] = [
    [1, '1'],
    [0.5, '0.5'],
    [0, '0'],
    [-0, '-0'],
    [60.1, '60.1'],
    [0.1 + 0.2, '0.3'],
    [1 / 3, '0.3333333333333333'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [-2.5e-7, '-2.5e-07'],
    [1.5e20, '1.5e+20'],
    [1e16, '1e+16'],
    [123456789.123, '123456789.123'],
    [1000000000000000.5, '1000000000000000'], // an exact tie rounds to even
    [1000000000000001.5, '1000000000000002'],
    [5e-324, '4.940656458412465e-324'],
    [1.7976931348623157e308, '1.797693134862316e+308'],
    [NaN, 'nan'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
  ];
  for (const [x, s] of cases) assert.equal(formatG16(x), s, String(x));
});

test('int64 in decimal, never in exponent form', () => {
  assert.equal(formatInt(42), '42');
  assert.equal(formatInt(-1), '-1');
  assert.equal(formatInt(2 ** 63), '9223372036854775808');
});
