import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mustCancel, mustContinue, stillCancelling } from './migration-resume.js';

test('a stream in progress is cancelled, a finished or failed one is not', () => {
  for (const s of ['setup', 'active', 'device', 'pre-switchover']) assert.equal(mustCancel(s), true, s);
  for (const s of [undefined, 'none', 'completed', 'failed', 'cancelled', 'cancelling'])
    assert.equal(mustCancel(s), false, String(s));
  assert.equal(stillCancelling('cancelling'), true);
  assert.equal(stillCancelling('active'), true);
  assert.equal(stillCancelling('cancelled'), false);
});

test('the source guest continues after being sent or stopped for the copy, not after a pause of its own', () => {
  assert.equal(mustContinue('postmigrate', false), true);
  assert.equal(mustContinue('postmigrate', true), true);
  assert.equal(mustContinue('paused', true), true);
  assert.equal(mustContinue('paused', false), false);
  assert.equal(mustContinue('running', true), false);
  assert.equal(mustContinue(undefined, true), false);
});
