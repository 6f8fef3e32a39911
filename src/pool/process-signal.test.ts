// Signals that are waited for until they have taken effect: the /proc stat
// parsing, and SIGSTOP/SIGCONT on a real multi-threaded process whose threads
// are all busy (the case where a bare kill() returns long before the process
// is stopped).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { allStopped, signalAndSettle, statState, threadStates } from './process-signal.js';

test('statState reads the state after the last parenthesis of the command name', () => {
  assert.equal(statState('4242 (etcd) S 1 4242 4242 0 -1 4194560 2345 0 0 0'), 'S');
  assert.equal(statState('17 (a) T (b) R 1 17 17 0 -1'), 'R');
  assert.equal(statState('9 (name with spaces) T 1 9'), 'T');
  assert.throws(() => statState('garbage'), /not a \/proc stat line/);
  assert.throws(() => statState('5 (x)'), /not a \/proc stat line/);
});

test('a process is stopped only when every live thread is', () => {
  assert.equal(allStopped(['T', 'T', 'T']), true);
  assert.equal(allStopped(['T', 'R', 'T']), false);
  assert.equal(allStopped(['T', 'S']), false);
  assert.equal(allStopped(['T', 'Z']), true);
  assert.equal(allStopped(['Z']), false);
  assert.equal(allStopped([]), false);
});

// Three threads spinning (the main one and two workers), then "ready".
const BUSY = `
const { Worker } = require('node:worker_threads');
let online = 0;
for (let i = 0; i < 2; i++) {
  new Worker('for (;;) {}', { eval: true }).once('online', () => {
    if (++online === 2) { process.stdout.write('ready\\n'); setImmediate(spin); }
  });
}
function spin() { for (;;) {} }
`;

test(
  'SIGSTOP resolves once every thread of a busy process is stopped, SIGCONT once none is',
  { skip: process.platform === 'linux' ? false : 'reads /proc' },
  async () => {
    const child = spawn(process.execPath, ['-e', BUSY], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = child.pid as number;
    const exited = once(child, 'exit');
    try {
      await once(child.stdout, 'data');
      await signalAndSettle(pid, 'SIGSTOP');
      const stopped = threadStates(pid);
      assert.ok(stopped.length >= 3, `threads ${stopped.join('')}`);
      assert.equal(allStopped(stopped), true, `threads ${stopped.join('')}`);
      await signalAndSettle(pid, 'SIGCONT');
      assert.ok(!threadStates(pid).includes('T'), `threads ${threadStates(pid).join('')}`);
    } finally {
      process.kill(pid, 'SIGKILL');
      await exited;
    }
  },
);
