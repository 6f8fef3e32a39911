// Waiting for a XenAPI object to reach a state, told by event.from instead of
// found by polling: each round blocks in event.from until something of the class
// changes, and the first round (token '') sees the object as it is now, so a
// state reached before the wait began is not missed.
import type { XapiClient } from '../../src/client/generated.js';
import type { TaskRecord } from '../../src/generated/api-types.js';

export type Snapshot = Readonly<Record<string, unknown>>;

function isSnapshot(v: unknown): v is Snapshot {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Resolves with the snapshot of `ref` (of class `cls`) once `done` holds for it; fails
 * if the object is destroyed first or after `timeoutS` (generous: machines get loaded).
 */
export async function untilObject(
  c: XapiClient,
  cls: string,
  ref: string,
  done: (snapshot: Snapshot) => boolean,
  what: string,
  timeoutS = 300,
): Promise<Snapshot> {
  const deadline = Date.now() + timeoutS * 1000;
  const klass = cls.toLowerCase();
  let token = '';
  for (;;) {
    const left = (deadline - Date.now()) / 1000;
    if (left <= 0) throw new Error(`timed out after ${timeoutS} s waiting for ${what}`);
    const batch = await c.event.from([klass], token, Math.min(left, 30));
    for (const e of batch.events) {
      if (e.ref !== ref) continue;
      if (e.operation === 'del') throw new Error(`${cls} ${ref} was destroyed while waiting for ${what}`);
      if (isSnapshot(e.snapshot) && done(e.snapshot)) return e.snapshot;
    }
    token = batch.token;
  }
}

/** Waits for `task` to leave `pending` and returns its final record. */
export async function waitTask(c: XapiClient, task: string, timeoutS = 300): Promise<TaskRecord> {
  await untilObject(c, 'task', task, (t) => t['status'] !== 'pending', `task ${task} to finish`, timeoutS);
  return c.task.get_record(task);
}

/** Waits until `task` reports some progress, and resolves with it. */
export async function untilProgress(c: XapiClient, task: string, timeoutS = 300): Promise<number> {
  const t = await untilObject(
    c,
    'task',
    task,
    (s) => Number(s['progress']) > 0,
    `progress of ${task}`,
    timeoutS,
  );
  return Number(t['progress']);
}

/** Waits until `vm` has an operation in progress (in its current_operations). */
export async function untilBusy(c: XapiClient, vm: string): Promise<void> {
  await untilObject(
    c,
    'VM',
    vm,
    (s) => isSnapshot(s['current_operations']) && Object.keys(s['current_operations']).length > 0,
    `an operation on VM ${vm}`,
  );
}
