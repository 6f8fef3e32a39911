import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../datamodel/api-error.js';
import { assertValidLimits } from './memory-limits.js';

const code = (f: () => void): string[] => {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return [e.code, ...e.params];
    throw e;
  }
  return [];
};

test('memory limits must be ordered; a control domain must be pinned at static_max', () => {
  const ok = { static_min: 1, dynamic_min: 2, dynamic_max: 3, static_max: 4 };
  assert.deepEqual(
    code(() => assertValidLimits(ok, false)),
    [],
  );
  assert.deepEqual(
    code(() => assertValidLimits({ ...ok, static_min: 3 }, false)),
    ['MEMORY_CONSTRAINT_VIOLATION_ORDER'],
  );
  assert.deepEqual(
    code(() => assertValidLimits({ ...ok, dynamic_max: 5 }, false)),
    ['MEMORY_CONSTRAINT_VIOLATION_ORDER'],
  );
  assert.deepEqual(
    code(() => assertValidLimits({ ...ok, dynamic_min: 4, dynamic_max: 3 }, false)),
    ['MEMORY_CONSTRAINT_VIOLATION_ORDER'],
  );
  assert.deepEqual(
    code(() => assertValidLimits(ok, true)),
    ['MEMORY_CONSTRAINT_VIOLATION_MAXPIN', 'control domain'],
  );
  assert.deepEqual(
    code(() => assertValidLimits({ static_min: 1, dynamic_min: 4, dynamic_max: 4, static_max: 4 }, true)),
    [],
  );
});
