import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDatetime, normaliseDatetime } from './datetime.js';

test('accepted forms normalise to YYYYMMDDTHH:MM:SSZ in UTC', () => {
  const cases: [string, string][] = [
    ['20240510T16:41:04Z', '20240510T16:41:04Z'],
    ['20240510T16:41:04', '20240510T16:41:04Z'],
    ['2024-05-10T16:41:04Z', '20240510T16:41:04Z'],
    ['2024-05-10T16:41:04.123Z', '20240510T16:41:04Z'],
    ['2024-05-10T16:41:04', '20240510T16:41:04Z'],
    ['2024-05-10T18:41:04+02:00', '20240510T16:41:04Z'],
    ['2024-05-10T00:41:04-0100', '20240510T01:41:04Z'],
    ['2024-01-01T00:30:00+01:00', '20231231T23:30:00Z'],
    ['2024-02-29T00:00:00z', '20240229T00:00:00Z'],
    ['19700101T00:00:00Z', '19700101T00:00:00Z'],
    ['0050-01-01T00:00:00Z', '00500101T00:00:00Z'],
    ['0050-01-01T00:00:00+01:00', '00491231T23:00:00Z'],
  ];
  for (const [input, out] of cases) assert.equal(normaliseDatetime(input), out, input);
});

test('other strings are not datetimes', () => {
  for (const s of [
    '',
    'now',
    '2024-05-10',
    '2024-13-01T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-04-31T00:00:00Z',
    '2024-05-10T24:00:00Z',
    '2024-05-10T16:41:04+25:00',
    '2024-05-10 16:41:04Z',
    '2024-05-10T16:41:04ZZ',
    '1715359264',
  ]) {
    assert.equal(normaliseDatetime(s), undefined, s);
  }
});

test('formatDatetime', () => {
  assert.equal(formatDatetime(new Date(Date.UTC(2024, 4, 10, 16, 41, 4, 999))), '20240510T16:41:04Z');
});
