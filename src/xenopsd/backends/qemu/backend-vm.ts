// VM operations of the QEMU backend: a domain's life mapped onto one QEMU process.
import { existsSync } from 'node:fs';
import { apiError } from '../../../datamodel/api-error.js';
import { notSupported, type VmBackend } from '../api.js';
import { haltedVmState, type Vm, type VmState } from '../../types.js';
import { qemuUuidOf, type DomainRecord } from './domains.js';
import { balloonTarget, vcpuChange } from './hotplug.js';
import { migrationOutcome, resumeFromFile, suspendToFile } from './migration.js';
import { waitForStatus, type QmpClient } from './qmp.js';
import { migrationEnded, pollQmp } from './qmp-wait.js';
import { runPaths } from './argv.js';
import { diskFile } from './vm-config.js';
import { guestAgentKeys } from './guest-agent.js';
import { exportNvram, importNvram, removeNvram } from './uefi.js';
import { shutdownActions, type QemuContext } from './backend-context.js';
import { qosOf } from './cgroup-plan.js';
import { sysrqKeys, triggerCalls } from './signals.js';
import type { qemuMigrationOf, QemuSourceState } from './backend-migration.js';

const qemuError = (vm: string, e: unknown) =>
  apiError('INTERNAL_ERROR', { message: `QEMU of VM ${vm}: ${(e as Error).message}` });

/** Runs QMP calls in order, mapping QEMU's refusals to INTERNAL_ERROR. */
async function run(vm: string, qmp: QmpClient, calls: readonly { execute: string; arguments: object }[]) {
  for (const call of calls) {
    try {
      await qmp.execute(call.execute, call.arguments as Record<string, unknown>);
    } catch (e) {
      throw qemuError(vm, e);
    }
  }
}

export function vmOpsOf(
  c: QemuContext,
  live: Pick<ReturnType<typeof qemuMigrationOf>, 'exportState' | 'importState'>,
): VmBackend {
  const need = (vm: Vm): QmpClient => {
    const q = c.qmpOf(vm);
    if (!q) throw apiError('XENOPS_DOMAIN_NOT_BUILT', { vm: vm.id });
    return q;
  };

  /**
   * Waits for an outgoing or incoming migration to end (QEMU's MIGRATION event), asking
   * for its progress every 100 ms meanwhile.
   */
  const migration = (vm: Vm, qmp: QmpClient, task: Parameters<VmBackend['save']>[0]) =>
    pollQmp(
      qmp,
      async () => {
        const info = await qmp.execute<{ status?: string; ram?: { transferred: number; total: number } }>(
          'query-migrate',
        );
        const outcome = migrationOutcome(info.status);
        if (outcome === 'completed') return true;
        if (outcome === 'failed') throw qemuError(vm.id, new Error(`migration ${info.status ?? ''}`));
        if (info.ram && info.ram.total > 0) task.progress(Math.min(1, info.ram.transferred / info.ram.total));
        return undefined;
      },
      { intervalMs: 100, wake: migrationEnded },
    );

  const stateOf = async (vm: Vm, d: DomainRecord): Promise<VmState> => {
    const hvm = vm.ty[0] === 'HVM';
    const qmp = c.qmpOf(vm);
    let paused = true;
    let memoryActual = d.memoryDynamicMax;
    if (qmp) {
      try {
        const st = await qmp.execute<{ status: string }>('query-status', {}, { timeoutMs: 5000 });
        paused = st.status !== 'running' && !d.migratingOut;
        const b = await qmp.execute<{ actual: number }>('query-balloon', {}, { timeoutMs: 5000 });
        memoryActual = b.actual;
      } catch {
        // QEMU is going away: report it paused
      }
    }
    const paths = d.config ? runPaths({ ...d.config, runDir: c.runDir(d) }) : undefined;
    return {
      ...haltedVmState,
      power_state: paused ? 'Paused' : 'Running',
      domids: [d.domid],
      consoles:
        paths && d.pid !== undefined
          ? [
              { protocol: 'Vt100', port: 0, path: paths.serial ?? '' },
              { protocol: 'Rfb', port: 0, path: paths.vnc ?? '' },
            ]
          : [],
      guest_agent: guestAgentKeys(d.guestIps ?? {}, Object.values(d.vifs)),
      memory_target: d.memoryDynamicMax,
      memory_actual: memoryActual,
      memory_limit: d.memoryStaticMax,
      vcpu_target: d.vcpus,
      shadow_multiplier_target: 1,
      pv_drivers_detected: false,
      last_start_time: d.createTime / 1000,
      hvm,
      domain_type: hvm ? 'Domain_HVM' : 'Domain_PVH',
    };
  };

  return {
    minimumRebootDelayS: 0,
    async create(task, vm, actionRequest) {
      task.cancelPoint();
      const store = c.store();
      if (store.domains.has(vm.id)) throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'domain', id: vm.id });
      const dynMax = vm.memory_dynamic_max > 0 ? vm.memory_dynamic_max : vm.memory_static_max;
      const dynMin = vm.memory_dynamic_min > 0 ? vm.memory_dynamic_min : dynMax;
      const suspended = store.suspended.get(vm.id);
      const d: DomainRecord = {
        vm: vm.id,
        qemuUuid: qemuUuidOf(vm.id),
        domid: store.allocateDomid(),
        createTime: Date.now(),
        built: false,
        actionRequest,
        vcpus: vm.vcpus > 0 ? vm.vcpus : vm.vcpu_max,
        vcpuMax: Math.max(1, vm.vcpu_max),
        memoryStaticMax: vm.memory_static_max,
        memoryDynamicMin: dynMin,
        memoryDynamicMax: dynMax,
        vbds: {},
        vifs: {},
        ...(suspended
          ? {
              suspendImage: suspended.suspendImage,
              config: suspended.config,
              vcpus: suspended.vcpus,
              guestIps: suspended.guestIps,
            }
          : {}),
      };
      c.put(d);
    },
    async build(task, vm) {
      task.cancelPoint();
      const d = c.live(vm);
      d.built = true;
      c.put(d);
    },
    async createDeviceModel(task, vm) {
      const d = c.built(vm);
      if (d.pid !== undefined) return;
      task.cancelPoint();
      const qmp = await c.startDeviceModel(task, vm, d);
      if (d.restoreFrom === undefined) return;
      // resume: the devices hot-added before the save come back, then the state is loaded
      const boot = d.config?.vcpus.atStartup ?? d.vcpus;
      if (d.config && d.vcpus > boot) await run(vm.id, qmp, vcpuChange(d.config, c.caps(), boot, d.vcpus));
      await run(vm.id, qmp, resumeFromFile(d.restoreFrom));
      await migration(vm, qmp, task);
      await waitForStatus(qmp, ['paused'], { timeoutMs: 30_000 }).catch((e: unknown) => {
        throw qemuError(vm.id, e);
      });
      d.restoreFrom = undefined;
      c.put(d);
    },
    async destroyDeviceModel() {
      // the device model is the domain: it goes with VM.destroy
    },
    async destroy(task, vm) {
      const d = c.record(vm.id);
      if (!d) return;
      task.cancelPoint();
      await c.stopDeviceModel(d);
      // the domain's host-side NICs and cgroup go with it (a crashed QEMU left them)
      for (const v of Object.values(d.vifs)) await c.net().disconnect(v);
      await c.cgroups().remove(d.qemuUuid);
      if (d.shutdown === 'suspend' && d.suspendImage) {
        c.store().putSuspended({
          vm: vm.id,
          suspendImage: d.suspendImage,
          vcpus: d.vcpus,
          config: d.config,
          guestIps: d.guestIps,
        });
      } else {
        c.store().delete(vm.id);
      }
      c.emit(['Vm', vm.id]);
    },
    async pause(task, vm) {
      c.built(vm);
      task.cancelPoint();
      await run(vm.id, need(vm), [{ execute: 'stop', arguments: {} }]);
    },
    async unpause(task, vm) {
      c.built(vm);
      task.cancelPoint();
      await run(vm.id, need(vm), [{ execute: 'cont', arguments: {} }]);
    },
    async setVcpus(_task, vm, n) {
      const d = c.built(vm);
      if (!Number.isInteger(n) || n < 1 || n > d.vcpuMax)
        throw apiError('XENOPS_INVALID_VCPUS', { vcpu_max: d.vcpuMax });
      if (n === d.vcpus) return;
      const qmp = c.qmpOf(vm);
      if (qmp && d.config) {
        if (n < d.vcpus) throw notSupported('qemu', 'VM.set_vcpus (vCPU hot-unplug)');
        await run(vm.id, qmp, vcpuChange(d.config, c.caps(), d.vcpus, n));
      }
      d.vcpus = n;
      c.put(d);
    },
    async setSchedulerParams(_task, vm, priority) {
      const d = c.built(vm);
      const qos = qosOf(priority);
      if (d.pid !== undefined) c.cgroups().update(d.qemuUuid, qos);
      else c.cgroups().check(qos);
      d.qos = qos;
      c.put(d);
    },
    async setMemoryDynamicRange(_task, vm, min, max) {
      const d = c.built(vm);
      if (!(min >= 0 && min <= max && max <= d.memoryStaticMax))
        throw apiError('XENOPS_INVALID_MEMORY', { min, max });
      const qmp = c.qmpOf(vm);
      if (qmp && d.config) {
        const config = { ...d.config, memory: { ...d.config.memory, dynamicMin: 0 } };
        await run(vm.id, qmp, [balloonTarget(config, max)]);
      }
      d.memoryDynamicMin = min;
      d.memoryDynamicMax = max;
      c.put(d);
    },
    async sendSysrq(task, vm, key) {
      c.built(vm);
      task.cancelPoint();
      await run(vm.id, need(vm), [sysrqKeys(key)]);
    },
    async sendTrigger(task, vm, trigger) {
      const d = c.built(vm);
      const qmp = need(vm);
      task.cancelPoint();
      const calls = triggerCalls(trigger);
      if (!calls) throw notSupported('qemu', `VM.send_trigger ${trigger}`);
      await run(vm.id, qmp, calls);
      // a machine reset is the guest's reboot, as Xen reports a reset domain
      if (trigger === 'reset' && d.shutdown === undefined) c.markShutdown(vm.id, 'reboot');
    },
    async requestShutdown(task, vm, reason, ackTimeoutS) {
      const d = c.built(vm);
      if (d.shutdown !== undefined) return true;
      const qmp = need(vm);
      if (reason === 'Suspend') return true; // QEMU saves a guest without its help
      if (reason === 'Reboot') {
        // a hard reset, reported as the guest's reboot: xenopsd then rebuilds the domain
        await run(vm.id, qmp, [
          { execute: 'stop', arguments: {} },
          { execute: 'system_reset', arguments: {} },
        ]);
        c.markShutdown(vm.id, 'reboot');
        return true;
      }
      // The ACPI power button; a guest still booting misses a press, so press again
      // each second until it powers off or the acknowledgement time is up.
      const deadline = Date.now() + ackTimeoutS * 1000;
      for (;;) {
        await qmp.execute('system_powerdown').catch(() => {});
        const done = await c.waitUntil(
          () => c.record(vm.id)?.shutdown !== undefined,
          Math.min(1, Math.max(0, (deadline - Date.now()) / 1000)),
          task,
        );
        if (done) return true;
        if (Date.now() >= deadline || !c.qmpOf(vm)) return false;
      }
    },
    async waitShutdown(task, vm, _reason, timeoutS) {
      return c.waitUntil(
        () => {
          const d = c.record(vm.id);
          return !d || d.shutdown !== undefined;
        },
        timeoutS,
        task,
      );
    },
    async save(task, vm, _flags, data) {
      const d = c.built(vm);
      const qmp = need(vm);
      if (d.shutdown !== undefined && d.shutdown !== 'suspend')
        throw apiError('XENOPS_BAD_POWER_STATE', { actual: 'Halted', expected: 'Running' });
      const path = diskFile(c.vdiDir(), data);
      const { mkdirSync } = await import('node:fs');
      const { dirname } = await import('node:path');
      try {
        mkdirSync(dirname(path), { recursive: true });
      } catch (e) {
        throw apiError('XENOPS_STORAGE_ERROR', { disk: data[1], reason: (e as Error).message });
      }
      task.progress(0);
      await run(vm.id, qmp, suspendToFile(path));
      await migration(vm, qmp, task);
      await waitForStatus(qmp, ['postmigrate'], { timeoutMs: 30_000 }).catch(() => {});
      task.progress(1);
      d.suspendImage = data;
      d.shutdown = 'suspend';
      c.put(d);
      c.emit(['Vm', vm.id]);
    },
    async restore(task, vm, data) {
      const d = c.live(vm);
      if (d.pid !== undefined) throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'built domain', id: vm.id });
      const path = diskFile(c.vdiDir(), data);
      if (!existsSync(path))
        throw apiError('XENOPS_STORAGE_ERROR', { disk: data[1], reason: 'no suspend image' });
      task.cancelPoint();
      // An image with no record of the QEMU that saved it (a copy: a reverted
      // checkpoint, a clone of a suspended snapshot) is loaded into a device
      // model configured from the VM's devices now, as a start would.
      d.restoreFrom = path;
      d.built = true;
      d.suspendImage = undefined;
      c.put(d);
    },
    async resumeInPlace(_task, vm) {
      const d = c.record(vm.id);
      const qmp = c.qmpOf(vm);
      if (!d || !qmp || d.shutdown !== 'suspend') return;
      await run(vm.id, qmp, [{ execute: 'cont', arguments: {} }]);
      d.shutdown = undefined;
      d.suspendImage = undefined;
      c.put(d);
    },
    async getState(vm) {
      const d = c.record(vm.id);
      if (!d)
        return { ...haltedVmState, power_state: c.store().suspended.has(vm.id) ? 'Suspended' : 'Halted' };
      return stateOf(vm, d);
    },
    async getDomainActionRequest(vm) {
      const d = c.record(vm.id);
      if (!d) return undefined;
      return d.shutdown !== undefined ? shutdownActions[d.shutdown] : d.actionRequest;
    },
    async setDomainActionRequest(vm, request) {
      const d = c.record(vm.id);
      if (!d || d.actionRequest === request) return;
      d.actionRequest = request;
      c.put(d);
    },
    async getInternalState(vm) {
      // what travels with the VM's metadata: what a migration's destination QEMU must
      // look like (backend-migration.ts), and the VM's UEFI variables
      const state = JSON.parse(await live.exportState(vm)) as Record<string, unknown>;
      const nvram = exportNvram(c.ctx().stateDir, vm.id);
      return JSON.stringify(nvram !== undefined ? { ...state, nvram } : state);
    },
    async setInternalState(vm, state) {
      let parsed: { migration?: QemuSourceState; nvram?: unknown };
      try {
        parsed = JSON.parse(state) as { migration?: QemuSourceState; nvram?: unknown };
      } catch {
        throw apiError('INVALID_VALUE', { field: 'domains', value: state.slice(0, 80) });
      }
      if (parsed.migration) live.importState(vm, parsed.migration);
      if (typeof parsed.nvram === 'string') importNvram(c.ctx().stateDir, vm.id, parsed.nvram);
    },
    async remove(vm) {
      if (c.record(vm.id)) return;
      c.store().delete(vm.id);
      removeNvram(c.ctx().stateDir, vm.id);
    },
  };
}
