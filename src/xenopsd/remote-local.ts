// A migration peer in the same process: another Xenopsd object.
import type { XenopsRemote } from './remote.js';
import type { Xenopsd } from './server.js';

export function localRemote(x: Xenopsd): XenopsRemote {
  return {
    instanceId: async () => x.query().instance_id,
    importMetadata: async (_dbg, md) => x.vm.importMetadata(md),
    resume: async (dbg, id, disk) => x.vm.resume(dbg, id, disk),
    receiveMemory: async (dbg, id, finalId) => x.vm.receiveMemory(dbg, id, finalId),
    receiveComplete: async (dbg, id, finalId) => x.vm.receiveComplete(dbg, id, finalId),
    unpause: async (dbg, id) => x.vm.unpause(dbg, id),
    powerState: async (_dbg, id) => (x.db.has(id) ? (await x.vm.stat(id))[1].power_state : 'absent'),
    shutdown: async (dbg, id, delay) => x.vm.shutdown(dbg, id, delay),
    remove: async (dbg, id) => x.vm.remove(dbg, id),
    taskStat: async (_dbg, id) => x.taskStat(id),
    taskDestroy: async (_dbg, id) => x.tasks.destroy(id),
  };
}
