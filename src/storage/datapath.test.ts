import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activateDp, attachDp, deactivateDp, detachDp, superstate } from './datapath.js';
import { ApiError } from '../datamodel/api-error.js';

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return [e.code, ...e.params].join(' ');
    throw e;
  }
  return 'no error';
};

test('the superstate is the maximum over datapaths', () => {
  assert.deepEqual(superstate({}), { kind: 'detached' });
  let dps = attachDp('v', {}, 'vbd/1/0', true);
  assert.deepEqual(superstate(dps), { kind: 'attached', readWrite: true });
  dps = attachDp('v', dps, 'copy', false);
  assert.deepEqual(superstate(dps), { kind: 'attached', readWrite: true });
  dps = activateDp('v', dps, 'copy');
  assert.deepEqual(superstate(dps), { kind: 'activated', readWrite: true });
  dps = detachDp(dps, 'vbd/1/0');
  assert.deepEqual(superstate(dps), { kind: 'activated', readWrite: false });
  dps = deactivateDp(dps, 'copy');
  assert.deepEqual(superstate(dps), { kind: 'attached', readWrite: false });
  assert.deepEqual(superstate(detachDp(dps, 'copy')), { kind: 'detached' });
});

test('read-write users come first: a read-only superstate cannot be upgraded', () => {
  const ro = attachDp('v', {}, 'a', false);
  assert.equal(
    code(() => attachDp('v', ro, 'b', true)),
    'VDI_IN_USE v attach_rw',
  );
  assert.equal(
    code(() => attachDp('v', ro, 'a', true)),
    'VDI_IN_USE v attach_rw',
  );
  const rw = attachDp('v', {}, 'a', true);
  assert.equal(attachDp('v', rw, 'a', true), rw, 'same mode again is a no-op');
  assert.ok(attachDp('v', rw, 'b', false)['b']);
});

test('activation needs an attached datapath; deactivate and detach are idempotent', () => {
  assert.match(
    code(() => activateDp('v', {}, 'x')),
    /^OPERATION_NOT_ALLOWED /,
  );
  const dps = activateDp('v', attachDp('v', {}, 'x', true), 'x');
  assert.equal(activateDp('v', dps, 'x'), dps);
  assert.deepEqual(deactivateDp({}, 'x'), {});
  assert.deepEqual(detachDp({}, 'x'), {});
  assert.deepEqual(detachDp(dps, 'x'), {}, 'detach deactivates first');
});
