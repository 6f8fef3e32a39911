import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evacuationBlockers } from './host-evacuate.js';

test('with no other enabled host every resident VM blocks evacuation with NO_HOSTS_AVAILABLE', () => {
  assert.deepEqual(
    [...evacuationBlockers(['OpaqueRef:a', 'OpaqueRef:b'], [])],
    [
      ['OpaqueRef:a', ['NO_HOSTS_AVAILABLE', 'OpaqueRef:a']],
      ['OpaqueRef:b', ['NO_HOSTS_AVAILABLE', 'OpaqueRef:b']],
    ],
  );
  assert.equal(evacuationBlockers([], []).size, 0);
});
