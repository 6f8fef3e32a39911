import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sysrqKeys, triggerCalls } from './signals.js';
import { VM_TRIGGERS } from '../../../idl/vm-signals.js';

test('SysRq is the Alt+SysRq+key chord of send-key', () => {
  assert.deepEqual(sysrqKeys('h'), {
    execute: 'send-key',
    arguments: {
      keys: [
        { type: 'qcode', data: 'alt' },
        { type: 'qcode', data: 'sysrq' },
        { type: 'qcode', data: 'h' },
      ],
    },
  });
});

test('triggers: QEMU commands for nmi, reset, power and s3resume; none for init and sleep', () => {
  const commands = Object.fromEntries(
    VM_TRIGGERS.map((t) => [
      t,
      triggerCalls(t)
        ?.map((c) => c.execute)
        .join(',') ?? null,
    ]),
  );
  assert.deepEqual(commands, {
    nmi: 'inject-nmi',
    reset: 'stop,system_reset',
    power: 'system_powerdown',
    s3resume: 'system_wakeup',
    init: null,
    sleep: null,
  });
});
