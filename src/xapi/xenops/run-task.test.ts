import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../datamodel/api-error.js';
import { IdlError, type Client } from '../../idl/index.js';
import type { XenopsInterface } from '../../idl/xenops.js';
import { haltedVmState, type DynamicId, type TaskState } from '../../idl/xenops-types.js';
import { serverFields } from '../records.js';
import { openStore } from '../store.js';
import type { TaskHandle } from '../tasks.js';
import { XenopsLink } from './link.js';
import { runXenopsTask, type StartTask, type XenopsCaller } from './run-task.js';

const UUID = '0e5b7a52-6a43-4f7e-b6a1-3c1f3f1d2a90';
const TASK = '7';

/** A xenopsd answering from a script: one task, one VM, and an UPDATES stream the test feeds. */
function fakeXenopsd() {
  const db = openStore(undefined);
  const host = db.create('host', serverFields('host', { other_config: {} }));
  const vm = db.create('VM', serverFields('VM', { uuid: UUID, power_state: 'Running', other_config: {} }));
  const calls: string[] = [];
  let state: TaskState = ['Pending', 0.25];
  let startError: unknown;
  let feed: { resolve: (ids: DynamicId[]) => void; reject: (e: Error) => void } | undefined;
  let n = 0;
  /** The next UPDATES.get starts a (re)connection: it answers the full view at once. */
  let fresh = true;
  const statted: (() => void)[] = [];
  const client = {
    call: async (method: string, _params: unknown, opts?: { signal?: AbortSignal }) => {
      calls.push(method);
      switch (method) {
        case 'UPDATES.get': {
          // The first call of each (re)connection is the full view; later ones wait for the test.
          if (fresh) {
            fresh = false;
            return [[], [], ++n];
          }
          const ids = await new Promise<DynamicId[]>((resolve, reject) => {
            feed = { resolve, reject };
            opts?.signal?.addEventListener('abort', () => reject(new Error('closed')), { once: true });
          });
          return [[], ids, ++n];
        }
        case 'HOST.stat':
          throw new Error('not in this test');
        case 'VM.pause':
          if (startError) throw startError;
          return TASK;
        case 'Task.stat':
          statted.shift()?.();
          return { id: TASK, state };
        case 'Task.cancel':
          state = ['Failed', ['XENOPS_CANCELLED', TASK]];
          return null;
        case 'Task.destroy':
          return null;
        case 'VM.stat':
          return [{}, { ...haltedVmState, power_state: 'Paused', domids: [3] }];
        default:
          throw new Error(`unexpected ${method}`);
      }
    },
  } as unknown as Client<XenopsInterface>;
  const link = new XenopsLink(client, { db, host, consoleBase: 'http://127.0.0.1' });
  return {
    db,
    vm,
    link,
    calls,
    setState: (s: TaskState) => (state = s),
    failStart: (e: unknown) => (startError = e),
    /** Resolves at the next Task.stat. */
    nextStat: () => new Promise<void>((r) => statted.push(r)),
    report: (ids: DynamicId[]) => feed?.resolve(ids),
    dropStream: () => {
      fresh = true;
      feed?.reject(new Error('xenopsd went away'));
    },
  };
}

function handle(ref: string, progress: number[]): TaskHandle {
  const c = new AbortController();
  return {
    ref,
    signal: c.signal,
    setProgress: (p) => progress.push(p),
    checkCancelled: () => undefined,
  };
}

/** The context of a XenAPI VM.pause call over `x`'s link: no task and a signal never aborted unless given. */
function pauseCaller(
  x: ReturnType<typeof fakeXenopsd>,
  task?: TaskHandle,
  signal = new AbortController().signal,
): XenopsCaller {
  return { services: { xenops: x.link }, task, signal, method: 'VM.pause' };
}

/** Start xenopsd's VM.pause of the test VM. */
const pause: StartTask = (c, dbg) => c.call('VM.pause', { dbg, id: UUID });

const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

test('the task is read again when UPDATES reports it, never on a timer; the VM is read back', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  const x = fakeXenopsd();
  x.link.start();
  await settle();
  const progress: number[] = [];
  const ctx = pauseCaller(x, handle('OpaqueRef:t', progress));
  const first = x.nextStat();
  const run = runXenopsTask(ctx, pause, {
    touches: [{ vm: UUID }],
  });
  await first;
  await settle();
  t.mock.timers.tick(60_000);
  await settle();
  assert.equal(x.calls.filter((c) => c === 'Task.stat').length, 1, 'no read without a report');
  assert.deepEqual(progress, [0.25]);
  x.setState(['Completed', { duration: 0.1, result: 'done' }]);
  x.report([['Task', TASK]]);
  assert.equal(await run, 'done');
  assert.equal(x.calls.filter((c) => c === 'Task.stat').length, 2);
  assert.ok(x.calls.includes('Task.destroy'));
  assert.equal(x.db.get('VM', x.vm).power_state, 'Paused', 'the touched VM is read back');
  await x.link.close();
});

test('cancelling the XenAPI call cancels the xenops task: TASK_CANCELLED of the XenAPI task, VM read back', async () => {
  const x = fakeXenopsd();
  x.link.start();
  await settle();
  const abort = new AbortController();
  const ctx = pauseCaller(x, handle('OpaqueRef:t', []), abort.signal);
  const first = x.nextStat();
  const run = runXenopsTask(ctx, pause, {
    touches: [{ vm: UUID }],
  });
  const failed = run.then(
    () => undefined,
    (e: unknown) => e,
  );
  await first;
  const second = x.nextStat();
  abort.abort();
  await second;
  const e = await failed;
  assert.ok(e instanceof ApiError);
  assert.deepEqual(e.toWire(), ['TASK_CANCELLED', 'OpaqueRef:t']);
  assert.ok(x.calls.includes('Task.cancel'));
  assert.equal(x.db.get('VM', x.vm).power_state, 'Paused');
  await x.link.close();
});

test('a detached task ignores the cancellation of the call', async () => {
  const x = fakeXenopsd();
  x.link.start();
  await settle();
  const abort = new AbortController();
  abort.abort();
  const ctx = pauseCaller(x, handle('OpaqueRef:t', []), abort.signal);
  const first = x.nextStat();
  const run = runXenopsTask(ctx, pause, { detached: true });
  await first;
  await settle();
  x.setState(['Completed', { duration: 0.1 }]);
  x.report([['Task', TASK]]);
  assert.equal(await run, undefined);
  assert.ok(!x.calls.includes('Task.cancel'));
  await x.link.close();
});

test('a failing start call is a XenAPI error with its parameters, and the VM is still read back', async () => {
  const x = fakeXenopsd();
  x.failStart(new IdlError('XENOPS_DOES_NOT_EXIST', { kind: 'VM', id: UUID }));
  const ctx = pauseCaller(x);
  await assert.rejects(runXenopsTask(ctx, pause, { touches: [{ vm: UUID }] }), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.deepEqual(e.toWire(), ['XENOPS_DOES_NOT_EXIST', 'VM', UUID]);
    return true;
  });
  assert.ok(x.calls.includes('VM.stat'));
  assert.ok(!x.calls.includes('Task.stat'));
});

test('a failed task is its XenAPI error', async () => {
  const x = fakeXenopsd();
  x.setState(['Failed', ['VM_BAD_POWER_STATE', 'vm', 'running', 'halted']]);
  const ctx = pauseCaller(x);
  await assert.rejects(runXenopsTask(ctx, pause), {
    code: 'VM_BAD_POWER_STATE',
  });
});

test('a task that ended while the UPDATES stream was down is read again when it resynchronises', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const x = fakeXenopsd();
  x.link.start();
  await settle();
  const ctx = pauseCaller(x);
  const first = x.nextStat();
  const run = runXenopsTask(ctx, pause);
  await first;
  await settle();
  x.setState(['Completed', { duration: 0.1, result: 'late' }]);
  x.dropStream();
  await settle();
  // The link waits before reconnecting; its full view then wakes every watcher.
  t.mock.timers.tick(100);
  assert.equal(await run, 'late');
  await x.link.close();
});
