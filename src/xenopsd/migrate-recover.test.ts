import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recoveryAction, type DestinationView } from './migrate-recover.js';
import type { OutgoingPhase } from './migration-log.js';

const views: DestinationView[] = ['Running', 'Paused', 'Halted', 'Suspended', 'absent', 'unreachable'];

test('before the commit was sent the source resumes, unless the VM somehow runs there', () => {
  for (const phase of ['import', 'send'] as OutgoingPhase[])
    for (const v of views)
      assert.equal(recoveryAction(phase, v), v === 'Running' ? 'hold' : 'resume', `${phase} ${v}`);
});

test('after the commit was sent only the destination decides', () => {
  assert.equal(recoveryAction('commit', 'Running'), 'finish');
  assert.equal(recoveryAction('commit', 'Paused'), 'commit-again');
  assert.equal(recoveryAction('commit', 'Paused', true), 'resume');
  assert.equal(recoveryAction('commit', 'Running', true), 'finish');
  assert.equal(recoveryAction('commit', 'unreachable'), 'hold');
  assert.equal(recoveryAction('commit', 'unreachable', true), 'hold');
  for (const v of ['Halted', 'Suspended', 'absent'] as const)
    assert.equal(recoveryAction('commit', v), 'resume');
});

test('once committed the source is cleaned up whatever the destination says', () => {
  for (const v of views) assert.equal(recoveryAction('committed', v), 'finish');
});

test('the VM is never resumed here while it may run at the destination', () => {
  for (const phase of ['import', 'send', 'commit', 'committed'] as OutgoingPhase[])
    for (const v of views)
      for (const retried of [false, true]) {
        if (recoveryAction(phase, v, retried) !== 'resume') continue;
        assert.notEqual(v, 'Running');
        if (phase === 'commit') assert.notEqual(v, 'unreachable');
      }
});
