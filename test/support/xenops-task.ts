// Waiting for a xenopsd task over RPC without polling: UPDATES.get blocks until
// something changes (a task's change is announced there as ['Task', id]), and the
// task is looked at again only then.
import type { Client } from '../../src/idl/index.js';
import type { XenopsInterface } from '../../src/idl/xenops.js';
import type { TaskInfo } from '../../src/xenopsd/types.js';

/** Resolves with task `id`'s record once `done` holds for it. */
export async function untilTask(
  c: Client<XenopsInterface>,
  id: string,
  done: (info: TaskInfo) => boolean,
  dbg = 'test',
): Promise<TaskInfo> {
  // The token is taken before the first look, so a change in between still wakes us.
  let from = await c.call('UPDATES.last_id', { dbg });
  let info = await c.call('Task.stat', { dbg, id });
  while (!done(info)) {
    const [, changed, next] = await c.call('UPDATES.get', { dbg, last_id: from, timeout: 10 });
    from = next;
    if (changed.some((d) => d[0] === 'Task' && d[1] === id)) info = await c.call('Task.stat', { dbg, id });
  }
  return info;
}

/** The progress of a pending task (1 once it has finished). */
export function progressOf(info: TaskInfo): number {
  return info.state[0] === 'Pending' ? info.state[1] : 1;
}

/** Waits for task `id` to finish, destroys it and resolves with its final record. */
export async function finishTask(c: Client<XenopsInterface>, id: string, dbg = 'test'): Promise<TaskInfo> {
  const info = await untilTask(c, id, (i) => i.state[0] !== 'Pending', dbg);
  await c.call('Task.destroy', { dbg, id });
  return info;
}
