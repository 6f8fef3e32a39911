// What a migrating xenopsd needs from the xenopsd receiving the VM. The
// daemon provides it over RPC; tests can hand over another in-process server.
import { apiError } from '../datamodel/api-error.js';
import { fromErrorWire } from '../idl/registry-errors.js';
import type { TaskHandle } from './backends/api.js';
import { sleep } from './sleep.js';
import type { Disk, PowerState, TaskInfo } from './types.js';

export interface XenopsRemote {
  /** The remote's instance id (`query`): tells a migration to this same xenopsd. */
  instanceId(dbg: string): Promise<string>;
  importMetadata(dbg: string, metadata: string): Promise<string>;
  resume(dbg: string, id: string, disk: Disk): Promise<string>;
  /** The receiving half of a live migration of `finalId`, imported as `id` (tasks). */
  receiveMemory(dbg: string, id: string, finalId: string): Promise<string>;
  receiveComplete(dbg: string, id: string, finalId: string): Promise<string>;
  unpause(dbg: string, id: string): Promise<string>;
  /** The power state of VM `id` there, or `absent` if it has no such VM (migration recovery). */
  powerState(dbg: string, id: string): Promise<PowerState | 'absent'>;
  shutdown(dbg: string, id: string, delay?: number): Promise<string>;
  remove(dbg: string, id: string): Promise<void>;
  taskStat(dbg: string, id: string): Promise<TaskInfo>;
  taskDestroy(dbg: string, id: string): Promise<void>;
}

export type RemoteResolver = (url: string) => Promise<XenopsRemote>;

export const noRemotes: RemoteResolver = async (url) => {
  throw apiError('XENOPS_FAILED_TO_CONTACT_REMOTE_SERVICE', { url, reason: 'no transport for this URL' });
};

/**
 * Wait for a remote task to finish, destroy it, and rethrow its failure. The tasks of a
 * migration's peer take a fraction of a second, each one on the migration's critical
 * path: the remote is asked after 1, 2, 4 and then every 8 ms for its first 2 s, then
 * every 50 ms.
 */
export async function awaitRemoteTask(
  remote: XenopsRemote,
  dbg: string,
  id: string,
  task: TaskHandle,
): Promise<unknown> {
  const slowAfter = Date.now() + 2000;
  for (let delay = 1; ; delay = Date.now() < slowAfter ? Math.min(8, delay * 2) : 50) {
    const info = await remote.taskStat(dbg, id);
    const [state, payload] = info.state;
    if (state !== 'Pending') {
      await remote.taskDestroy(dbg, id).catch(() => undefined);
      if (state === 'Failed') throw fromErrorWire(payload);
      return payload.result;
    }
    await sleep(delay, task);
  }
}
