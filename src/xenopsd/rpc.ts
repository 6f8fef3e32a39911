// The xenops interface bound to a Xenopsd: the handlers the IDL dispatcher
// calls (served on the switch queue and on the direct socket), answering
// registry errors as the interface's errors (src/idl/registry-errors.ts), and a
// client-side remote for migrations.
import { ApiError, apiError } from '../datamodel/api-error.js';
import type { Client, Implementation, Json } from '../idl/index.js';
import { answeringRegistryErrors, fromIdlError } from '../idl/registry-errors.js';
import { Xenops, type XenopsInterface } from '../idl/xenops.js';
import type { XenopsRemote } from './remote.js';
import type { Xenopsd } from './server.js';
import { PciC, VbdC, VifC, type DeviceId } from './types.js';

const id = (d: readonly [string, string]): DeviceId => [d[0], d[1]];

export function xenopsImplementation(x: Xenopsd): Implementation<XenopsInterface> {
  const impl: Implementation<XenopsInterface> = {
    query: () => x.query(),
    get_diagnostics: () => x.getDiagnostics(),
    'Task.stat': (p) => x.taskStat(p.id),
    'Task.cancel': (p) => x.tasks.cancel(p.id),
    'Task.destroy': (p) => x.tasks.destroy(p.id),
    'Task.list': () => x.taskList(),
    'Task.destroy_on_finish': (p) => x.tasks.destroyOnFinish(p.id),
    'HOST.stat': () => x.backend.host.stat(),
    'HOST.get_total_memory_mib': () => x.backend.host.getTotalMemoryMib(),
    'HOST.vm_stats': async () => {
      const stats = await Promise.all(x.db.listVms().map((vm) => x.backend.stats.vm(vm)));
      return stats.flatMap((s) => (s ? [s] : []));
    },
    'VM.add': (p) => x.vm.add(p.vm),
    'VM.remove': (p) => x.vm.remove(p.dbg, p.id),
    'VM.exists': (p) => x.vm.exists(p.id),
    'VM.stat': (p) => x.vm.stat(p.id),
    'VM.list': () => x.vm.list(),
    'VM.start': (p) => x.vm.start(p.dbg, p.id, p.force),
    'VM.shutdown': (p) => x.vm.shutdown(p.dbg, p.id, p.delay),
    'VM.reboot': (p) => x.vm.reboot(p.dbg, p.id, p.delay),
    'VM.pause': (p) => x.vm.pause(p.dbg, p.id),
    'VM.unpause': (p) => x.vm.unpause(p.dbg, p.id),
    'VM.suspend': (p) => x.vm.suspend(p.dbg, p.id, p.disk),
    'VM.resume': (p) => x.vm.resume(p.dbg, p.id, p.disk),
    'VM.migrate': (p) =>
      x.vm.migrate(p.dbg, p.id, {
        url: p.xenops_url,
        vdiMap: p.vdi_map,
        vifMap: p.vif_map,
        pciMap: p.pci_map,
      }),
    'VM.migrate_receive_memory': (p) => x.vm.receiveMemory(p.dbg, p.id, p.final_id),
    'VM.migrate_receive_complete': (p) => x.vm.receiveComplete(p.dbg, p.id, p.final_id),
    'VM.set_vcpus': (p) => x.vm.setVcpus(p.dbg, p.id, p.n),
    'VM.set_scheduler_params': (p) => x.vm.setSchedulerParams(p.dbg, p.id, p.weight, p.cap),
    'VM.set_memory_dynamic_range': (p) => x.vm.setMemoryDynamicRange(p.dbg, p.id, p.min, p.max),
    'VM.send_sysrq': (p) => x.vm.sendSysrq(p.dbg, p.id, p.key),
    'VM.send_trigger': (p) => x.vm.sendTrigger(p.dbg, p.id, p.trigger),
    'VM.set_shadow_multiplier': (p) => x.vm.setShadowMultiplier(p.dbg, p.id, p.multiplier),
    'VM.snapshot_disks': (p) => x.vm.snapshotDisks(p.dbg, p.id, p.disks),
    'VM.export_metadata': (p) => x.vm.exportMetadata(p.id),
    'VM.import_metadata': (p) => x.vm.importMetadata(p.s),
    // The boundary checks (decode.ts) take wire values: what the IDL decoded is encoded back for them.
    'VBD.add': (p) => [...x.vbd.add(VbdC.encode(p.vbd))] as [string, string],
    'VBD.remove': (p) => x.vbd.remove(id(p.id)),
    'VBD.plug': (p) => x.vbd.plug(p.dbg, id(p.id)),
    'VBD.unplug': (p) => x.vbd.unplug(p.dbg, id(p.id), p.force),
    'VBD.stat': (p) => x.vbd.stat(id(p.id)),
    'VBD.list': (p) => x.vbd.list(p.vm),
    'VBD.insert': (p) => x.vbd.insert(p.dbg, id(p.id), p.disk),
    'VBD.eject': (p) => x.vbd.eject(p.dbg, id(p.id)),
    'VBD.resize': (p) => x.vbd.resize(p.dbg, id(p.id), p.size),
    'VBD.set_qos': (p) => x.vbd.setQos(p.dbg, id(p.id), p.qos ?? undefined),
    'VIF.add': (p) => [...x.vif.add(VifC.encode(p.vif))] as [string, string],
    'VIF.remove': (p) => x.vif.remove(id(p.id)),
    'VIF.plug': (p) => x.vif.plug(p.dbg, id(p.id)),
    'VIF.unplug': (p) => x.vif.unplug(p.dbg, id(p.id), p.force),
    'VIF.stat': (p) => x.vif.stat(id(p.id)),
    'VIF.list': (p) => x.vif.list(p.vm),
    'VIF.set_carrier': (p) => x.vif.setCarrier(p.dbg, id(p.id), p.carrier),
    'VIF.set_locking_mode': (p) => x.vif.setLockingMode(p.dbg, id(p.id), p.mode),
    'VIF.move': (p) => x.vif.move(p.dbg, id(p.id), p.network),
    'VIF.set_ipv4_configuration': (p) =>
      x.vif.setIpConfiguration(p.dbg, id(p.id), { ipv4: p.ipv4_configuration }),
    'VIF.set_ipv6_configuration': (p) =>
      x.vif.setIpConfiguration(p.dbg, id(p.id), { ipv6: p.ipv6_configuration }),
    'PCI.add': (p) => [...x.pci.add(PciC.encode(p.pci))] as [string, string],
    'PCI.remove': (p) => x.pci.remove(id(p.id)),
    'PCI.plug': (p) => x.pci.plug(p.dbg, id(p.id)),
    'PCI.unplug': (p) => x.pci.unplug(p.dbg, id(p.id), p.force),
    'PCI.stat': (p) => x.pci.stat(id(p.id)),
    'PCI.list': (p) => x.pci.list(p.vm),
    'UPDATES.get': async (p) => {
      const r = await x.updates.get(p.last_id, p.timeout);
      return [r.barriers, r.ids, r.next] as unknown as Json as never;
    },
    'UPDATES.last_id': () => x.updates.lastId(),
    'UPDATES.inject_barrier': (p) => x.updates.injectBarrier(p.vm_id, p.id),
    'UPDATES.remove_barrier': (p) => x.updates.removeBarrier(p.id),
    'UPDATES.refresh_vm': (p) => x.refreshVm(p.vm_id),
    'DEBUG.trigger': (p) => x.debugTrigger(p.cmd, p.args),
  };
  return answeringRegistryErrors(Xenops, impl);
}

/** Call through a client, turning interface errors back into registry errors. */
export async function call<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw fromIdlError(e);
  }
}

/** A migration peer reached through an interface client; plumbing failures name the peer. */
export function clientRemote(c: Client<XenopsInterface>, url: string): XenopsRemote {
  const r = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await call(f);
    } catch (e) {
      if (e instanceof ApiError && /^(RPC_|MESSAGE_SWITCH_)/.test(e.code)) {
        throw apiError('XENOPS_FAILED_TO_CONTACT_REMOTE_SERVICE', { url, reason: e.toWire().join(' ') });
      }
      throw e;
    }
  };
  return {
    instanceId: async (dbg) => (await r(() => c.call('query', { dbg }))).instance_id,
    importMetadata: (dbg, s) => r(() => c.call('VM.import_metadata', { dbg, s })),
    resume: (dbg, vmId, disk) => r(() => c.call('VM.resume', { dbg, id: vmId, disk })),
    receiveMemory: (dbg, vmId, finalId) =>
      r(() => c.call('VM.migrate_receive_memory', { dbg, id: vmId, final_id: finalId })),
    receiveComplete: (dbg, vmId, finalId) =>
      r(() => c.call('VM.migrate_receive_complete', { dbg, id: vmId, final_id: finalId })),
    unpause: (dbg, vmId) => r(() => c.call('VM.unpause', { dbg, id: vmId })),
    powerState: async (dbg, vmId) => {
      try {
        return (await r(() => c.call('VM.stat', { dbg, id: vmId })))[1].power_state;
      } catch (e) {
        if (e instanceof ApiError && e.code === 'XENOPS_DOES_NOT_EXIST') return 'absent';
        throw e;
      }
    },
    shutdown: (dbg, vmId, delay) =>
      r(() => c.call('VM.shutdown', delay === undefined ? { dbg, id: vmId } : { dbg, id: vmId, delay })),
    remove: async (dbg, vmId) => void (await r(() => c.call('VM.remove', { dbg, id: vmId }))),
    taskStat: (dbg, t) => r(() => c.call('Task.stat', { dbg, id: t })),
    taskDestroy: async (dbg, t) => void (await r(() => c.call('Task.destroy', { dbg, id: t }))),
  };
}
