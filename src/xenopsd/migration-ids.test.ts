import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrationIds } from './migration-ids.js';

test('temporary ids of a migration: the last UUID group replaced, else a suffix', () => {
  assert.deepEqual(migrationIds('0b7c6a2e-1f2d-4c3b-9a8e-7d6c5b4a3f21'), {
    src: '0b7c6a2e-1f2d-4c3b-9a8e-000000000000',
    dst: '0b7c6a2e-1f2d-4c3b-9a8e-000000000001',
  });
  assert.deepEqual(migrationIds('vm1'), { src: 'vm1.migrate-src', dst: 'vm1.migrate-dst' });
  // a UUID that already looks temporary would collide with itself: the suffix form instead
  const odd = '0b7c6a2e-1f2d-4c3b-9a8e-000000000001';
  assert.deepEqual(migrationIds(odd), { src: `${odd}.migrate-src`, dst: `${odd}.migrate-dst` });
});
