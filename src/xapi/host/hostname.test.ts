import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostnameProblem } from './hostname.js';

test('host names: what xapi accepts, and the reason it gives for the rest', () => {
  const cases: [string, string | undefined][] = [
    ['host1', undefined],
    ['a.b-c.example', undefined],
    ['x'.repeat(255), undefined],
    ['', 'hostname empty'],
    ['x'.repeat(256), 'hostname is too long'],
    ['-lead', 'hostname contains invalid characters'],
    ['trail-', 'hostname contains invalid characters'],
    ['under_score', 'hostname contains invalid characters'],
    ['sp ace', 'hostname contains invalid characters'],
    ['héllo', 'hostname contains invalid characters'],
  ];
  for (const [name, reason] of cases) {
    const e = hostnameProblem(name);
    assert.deepEqual(
      e ? [e.code, ...e.params] : undefined,
      reason ? ['HOST_NAME_INVALID', reason] : undefined,
      name,
    );
  }
});
