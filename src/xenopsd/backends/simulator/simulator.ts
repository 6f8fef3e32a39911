// The simulator backend: in-memory domains with Xen's state machine, kept in
// the simulated hypervisor (hypervisor.ts) so they outlive xenopsd, with
// configurable latencies and a simulated guest. It never spawns processes.
import { waitUntil as waitUntilChanged } from '../wait-until.js';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { apiError } from '../../../datamodel/api-error.js';
import type {
  Backend,
  BackendCapabilities,
  BackendEvent,
  BackendInitContext,
  SaveFlags,
  TaskHandle,
} from '../api.js';
import { notSupported } from '../api.js';
import { sleep } from '../../sleep.js';
import {
  haltedVmState,
  type Disk,
  type DomainActionRequest,
  type ShutdownRequest,
  type Vm,
  type VmState,
} from '../../types.js';
import { Hypervisor, imageOf, type Domain, type GuestBehaviour, type ShutdownReason } from './hypervisor.js';
import { guestReaction, guestWillAcknowledge, reasonOf, SIGNALS_KEPT, statsOf } from './guest.js';
import { simulatedDevices } from './devices.js';
import { simulatedMigration } from './migration.js';
import { zeroLatencies, type SimulatorLatencies } from './latencies.js';

export interface SimulatorOptions {
  readonly latencies?: Partial<SimulatorLatencies>;
  /** Remove capabilities, e.g. to exercise XENOPS_NOT_SUPPORTED. */
  readonly capabilities?: Partial<BackendCapabilities>;
  /** How long a guest may take to acknowledge a suspend request. */
  readonly suspendAckTimeoutS?: number;
}

const imageChunks = 4;

const fullCapabilities: BackendCapabilities = {
  hvm: true,
  pv: true,
  suspend: true,
  pciPassthrough: true,
  vcpuHotplug: true,
  memoryBallooning: true,
  cdromMedia: true,
  vifCarrier: true,
  vifLockingMode: true,
  stats: true,
  liveDiskSnapshot: true,
  liveMigration: true,
  // the simulated SR's sizes are xapi's metadata: nothing here could grow them
  onlineDiskResize: false,
};

const shutdownActions: Record<ShutdownReason, DomainActionRequest> = {
  poweroff: 'Needs_poweroff',
  halt: 'Needs_poweroff',
  reboot: 'Needs_reboot',
  suspend: 'Needs_suspend',
  crash: 'Needs_crashdump',
};

export function createSimulator(options: SimulatorOptions = {}): Backend {
  const lat: SimulatorLatencies = { ...zeroLatencies, ...options.latencies };
  const capabilities: BackendCapabilities = { ...fullCapabilities, ...options.capabilities };
  const suspendAckTimeoutS = options.suspendAckTimeoutS ?? 30;
  const listeners = new Set<(e: BackendEvent) => void>();
  const changed = new Set<() => void>();
  const timers = new Set<NodeJS.Timeout>();
  let hv: Hypervisor | undefined;
  let ctx: BackendInitContext | undefined;

  const hyp = (): Hypervisor => {
    if (!hv) throw apiError('INTERNAL_ERROR', { message: 'simulator used before init' });
    return hv;
  };
  const emit = (e: BackendEvent): void => {
    for (const l of listeners) l(e);
  };
  const put = (d: Domain): void => {
    hyp().put(d);
    for (const w of changed) w();
  };

  /** The record of a VM, completing any shutdown its guest carried out while nobody watched. */
  const record = (uuid: string): Domain | undefined => {
    const d = hyp().get(uuid);
    if (d && d.pendingShutdown && d.shutdown === undefined && !timersFor.has(uuid)) {
      d.shutdown = d.pendingShutdown;
      d.pendingShutdown = undefined;
      put(d);
    }
    return d;
  };
  const timersFor = new Set<string>();

  const live = (vm: Vm): Domain => {
    const d = record(vm.id);
    if (!d || d.domid === null) throw apiError('XENOPS_DOES_NOT_EXIST', { kind: 'domain', id: vm.id });
    return d;
  };
  const built = (vm: Vm): Domain => {
    const d = live(vm);
    if (!d.built) throw apiError('XENOPS_DOMAIN_NOT_BUILT', { vm: vm.id });
    return d;
  };

  /** The guest finishes an acknowledged shutdown after a while, then the "hypervisor" reports it. */
  const scheduleGuestShutdown = (d: Domain, reason: ShutdownReason): void => {
    d.pendingShutdown = reason;
    put(d);
    const domid = d.domid;
    timersFor.add(d.uuid);
    const t = setTimeout(() => {
      timers.delete(t);
      timersFor.delete(d.uuid);
      const cur = hyp().get(d.uuid);
      if (!cur || cur.domid !== domid || cur.shutdown !== undefined) return;
      cur.shutdown = reason;
      cur.pendingShutdown = undefined;
      put(cur);
      emit(['Vm', d.uuid]);
    }, lat.guestShutdownMs);
    timers.add(t);
  };

  /** Resolve when `pred` holds or after `timeoutS`; cancellable. */
  const waitUntil = (pred: () => boolean, timeoutS: number, task: TaskHandle): Promise<boolean> =>
    waitUntilChanged(changed, pred, timeoutS, task);

  const freshDomain = (vm: Vm, prev: Domain | undefined, actionRequest?: DomainActionRequest): Domain => ({
    uuid: vm.id,
    domid: hyp().allocateDomid(),
    hvm: vm.ty[0] === 'HVM',
    paused: true,
    built: false,
    qemu: false,
    actionRequest,
    suspendImage: prev?.suspendImage,
    guest: vm.platformdata['simulator-guest'] === 'uncooperative' ? 'uncooperative' : 'cooperative',
    vcpus: vm.vcpus,
    vcpuMax: vm.vcpu_max,
    memoryStaticMax: vm.memory_static_max,
    memoryDynamicMin: vm.memory_dynamic_min,
    memoryDynamicMax: vm.memory_dynamic_max,
    shadowMultiplier: vm.ty[0] === 'HVM' ? vm.ty[1].shadow_multiplier : 1,
    xsdata: { ...vm.xsdata },
    createTime: Date.now(),
    vbds: {},
    vifs: {},
    pcis: {},
  });

  const chunks = async (task: TaskHandle, ms: number): Promise<void> => {
    for (let i = 0; i < imageChunks; i++) {
      await sleep(ms, task);
      task.progress((i + 1) / imageChunks);
    }
  };

  const stateOf = (vm: Vm, d: Domain | undefined): VmState => {
    if (!d) return haltedVmState;
    if (d.domid === null) return { ...haltedVmState, power_state: d.suspendImage ? 'Suspended' : 'Halted' };
    const hvm = vm.ty[0] === 'HVM';
    return {
      ...haltedVmState,
      power_state: d.paused ? 'Paused' : 'Running',
      domids: [d.domid],
      consoles: d.qemu
        ? [
            hvm
              ? { protocol: 'Rfb', port: 0, path: join(hyp().root, `vnc-${d.domid}`) }
              : { protocol: 'Vt100', port: 9000 + d.domid, path: '' },
          ]
        : [],
      memory_target: d.memoryDynamicMax,
      memory_actual: d.memoryDynamicMax,
      memory_limit: d.memoryStaticMax,
      vcpu_target: d.vcpus,
      shadow_multiplier_target: d.shadowMultiplier,
      xsdata_state: d.xsdata,
      pv_drivers_detected: d.built && d.guest === 'cooperative',
      last_start_time: d.createTime / 1000,
      hvm,
      domain_type: hvm
        ? 'Domain_HVM'
        : vm.ty[0] === 'PV'
          ? 'Domain_PV'
          : vm.ty[0] === 'PVH'
            ? 'Domain_PVH'
            : 'Domain_PVinPVH',
    };
  };

  const setShutdown = (id: string, reason: ShutdownReason): void => {
    if (!ctx?.isManaged(id)) throw apiError('XENOPS_DOES_NOT_EXIST', { kind: 'VM', id });
    const d = record(id);
    if (!d || d.domid === null)
      throw apiError('XENOPS_BAD_POWER_STATE', { actual: 'Halted', expected: 'Running' });
    if (d.shutdown !== undefined) return;
    d.shutdown = reason;
    d.pendingShutdown = undefined;
    put(d);
    emit(['Vm', id]);
  };

  /** A SysRq key or trigger reaches the guest: logged on the domain, then the guest reacts. */
  const deliver = (d: Domain, signal: Parameters<typeof guestReaction>[1], entry: string): void => {
    d.signals = [...(d.signals ?? []), entry].slice(-SIGNALS_KEPT);
    put(d);
    const r = guestReaction(d, signal);
    if (!r || d.shutdown !== undefined || d.pendingShutdown !== undefined) return;
    if (r.acknowledged) scheduleGuestShutdown(d, r.reason);
    else setShutdown(d.uuid, r.reason);
  };

  const migration = simulatedMigration({ hyp, record, live, put, chunkMs: lat.saveChunkMs });

  const arg = (args: readonly string[], i: number, cmd: string): string => {
    const v = args[i];
    if (v === undefined) throw apiError('INVALID_VALUE', { field: `${cmd} argument ${i + 1}`, value: '' });
    return v;
  };

  return {
    name: 'simulator',
    capabilities,
    async init(c) {
      ctx = c;
      hv = new Hypervisor(join(c.hostDir, 'simulator'), c.instance);
    },
    async close() {
      migration.close();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      listeners.clear();
      hv?.close();
      hv = undefined;
    },
    host: {
      async stat() {
        const n = cpus().length || 1;
        return {
          cpu_info: {
            cpu_count: n,
            socket_count: 1,
            threads_per_core: 1,
            nr_nodes: 1,
            vendor: 'Simulated',
            speed: '2400.000',
            modelname: 'xapi-ts simulated CPU',
            family: '6',
            model: '85',
            stepping: '7',
            flags: 'fpu de tsc msr pae cx8 apic sep pge cmov pat clflush mmx fxsr sse sse2 ht',
            features: '',
            features_pv: '',
            features_hvm: '',
            features_pv_host: '',
            features_hvm_host: '',
          },
          hypervisor: { version: '4.17-simulated', capabilities: 'xen-3.0-x86_64 hvm-3.0-x86_64' },
          chipset_info: { iommu: true, hvm: true },
        };
      },
      async getTotalMemoryMib() {
        return 1024 * 1024;
      },
    },
    vm: {
      minimumRebootDelayS: 0,
      async create(task, vm, actionRequest) {
        const prev = record(vm.id);
        if (prev && prev.domid !== null)
          throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'domain', id: vm.id });
        await sleep(lat.createMs, task);
        put(freshDomain(vm, prev, actionRequest));
      },
      async build(task, vm) {
        const d = live(vm);
        await sleep(lat.buildMs, task);
        d.built = true;
        put(d);
      },
      async createDeviceModel(task, vm) {
        const d = built(vm);
        await sleep(lat.deviceModelMs, task);
        d.qemu = true;
        put(d);
      },
      async destroyDeviceModel(task, vm) {
        const d = record(vm.id);
        if (!d || d.domid === null || !d.qemu) return;
        await sleep(lat.deviceModelMs, task);
        d.qemu = false;
        put(d);
      },
      async destroy(task, vm) {
        migration.forget(vm.id);
        const d = record(vm.id);
        if (!d || d.domid === null) return;
        await sleep(lat.destroyMs, task);
        hyp().releaseDomid(d.domid);
        if (d.suspendImage) {
          put({
            ...d,
            domid: null,
            built: false,
            qemu: false,
            paused: false,
            shutdown: undefined,
            pendingShutdown: undefined,
            actionRequest: undefined,
            vbds: {},
            vifs: {},
            pcis: {},
          });
        } else {
          hyp().delete(vm.id);
          for (const w of changed) w();
        }
      },
      async pause(task, vm) {
        const d = built(vm);
        await sleep(lat.pauseMs, task);
        d.paused = true;
        put(d);
      },
      async unpause(task, vm) {
        const d = built(vm);
        if (d.hvm && !d.qemu) throw apiError('XENOPS_DOMAIN_NOT_BUILT', { vm: vm.id });
        await sleep(lat.pauseMs, task);
        d.paused = false;
        put(d);
      },
      async setVcpus(_task, vm, n) {
        const d = built(vm);
        if (!Number.isInteger(n) || n < 1 || n > d.vcpuMax)
          throw apiError('XENOPS_INVALID_VCPUS', { vcpu_max: d.vcpuMax });
        d.vcpus = n;
        put(d);
      },
      async setMemoryDynamicRange(_task, vm, min, max) {
        const d = built(vm);
        if (!(min >= 0 && min <= max && max <= d.memoryStaticMax))
          throw apiError('XENOPS_INVALID_MEMORY', { min, max });
        d.memoryDynamicMin = min;
        d.memoryDynamicMax = max;
        put(d);
      },
      async sendSysrq(_task, vm, key) {
        deliver(built(vm), { sysrq: key }, `sysrq:${key}`);
      },
      async sendTrigger(_task, vm, trigger) {
        deliver(built(vm), { trigger }, `trigger:${trigger}`);
      },
      async setShadowMultiplier(_task, vm, multiplier) {
        const d = built(vm);
        if (!d.hvm) throw notSupported('simulator', 'VM.set_shadow_multiplier (PV domain)');
        d.shadowMultiplier = multiplier;
        put(d);
        emit(['Vm', vm.id]);
      },
      async requestShutdown(task, vm, reason: ShutdownRequest, ackTimeoutS) {
        const d = live(vm);
        if (d.shutdown !== undefined || d.pendingShutdown !== undefined) return true;
        if (!guestWillAcknowledge(d)) return waitUntil(() => false, ackTimeoutS, task);
        await sleep(lat.guestAckMs, task);
        const cur = live(vm);
        if (cur.shutdown === undefined && cur.pendingShutdown === undefined)
          scheduleGuestShutdown(cur, reasonOf(reason));
        return true;
      },
      async waitShutdown(task, vm, _reason, timeoutS) {
        return waitUntil(
          () => record(vm.id)?.shutdown !== undefined || record(vm.id)?.domid == null,
          timeoutS,
          task,
        );
      },
      async save(task, vm, _flags: SaveFlags, data: Disk) {
        const d = built(vm);
        if (d.shutdown !== undefined && d.shutdown !== 'suspend')
          throw apiError('XENOPS_BAD_POWER_STATE', { actual: 'Halted', expected: 'Running' });
        if (!guestWillAcknowledge(d) && d.shutdown === undefined) {
          await waitUntil(() => false, suspendAckTimeoutS, task);
          throw apiError('XENOPS_FAILED_TO_ACKNOWLEDGE_SUSPEND_REQUEST', { vm: vm.id });
        }
        await chunks(task, lat.saveChunkMs);
        const image = imageOf(d);
        try {
          hyp().writeImage(data, image);
        } catch (e) {
          throw apiError('XENOPS_STORAGE_ERROR', { disk: data[1], reason: (e as Error).message });
        }
        const cur = built(vm);
        cur.shutdown = 'suspend';
        cur.pendingShutdown = undefined;
        cur.suspendImage = data;
        put(cur);
      },
      async restore(task, vm, data) {
        const d = live(vm);
        if (d.built) throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'built domain', id: vm.id });
        const image = hyp().readImage(data);
        if (!image) throw apiError('XENOPS_STORAGE_ERROR', { disk: data[1], reason: 'no suspend image' });
        if (image.uuid !== vm.id)
          throw apiError('XENOPS_STORAGE_ERROR', { disk: data[1], reason: `image of VM ${image.uuid}` });
        await chunks(task, lat.restoreChunkMs);
        const cur = live(vm);
        Object.assign(cur, {
          built: true,
          guest: image.guest,
          vcpus: image.vcpus,
          memoryDynamicMin: image.memoryDynamicMin,
          memoryDynamicMax: image.memoryDynamicMax,
          xsdata: image.xsdata,
          suspendImage: undefined,
        });
        put(cur);
      },
      async resumeInPlace(_task, vm) {
        const d = record(vm.id);
        if (!d || d.domid === null || d.shutdown !== 'suspend') return;
        d.shutdown = undefined;
        d.suspendImage = undefined;
        put(d);
      },
      async getState(vm) {
        return stateOf(vm, record(vm.id));
      },
      async getDomainActionRequest(vm) {
        const d = record(vm.id);
        if (!d || d.domid === null) return undefined;
        return d.shutdown !== undefined ? shutdownActions[d.shutdown] : d.actionRequest;
      },
      async setDomainActionRequest(vm, request) {
        const d = record(vm.id);
        if (!d || d.domid === null || d.actionRequest === request) return;
        d.actionRequest = request;
        put(d);
      },
      async getInternalState(vm) {
        const d = record(vm.id);
        if (!d) return '{}';
        // the disks' images, so that a migration's receiver knows which ones move
        const disks: Record<string, string> = {};
        for (const [name, v] of Object.entries(d.vbds))
          if (v.backend && v.ty !== 'CDROM') disks[name] = hyp().diskPath(v.backend);
        return JSON.stringify({ guest: d.guest, disks });
      },
      async setInternalState(vm, state) {
        let parsed: { guest?: GuestBehaviour; disks?: Record<string, string> };
        try {
          parsed = JSON.parse(state) as { guest?: GuestBehaviour; disks?: Record<string, string> };
        } catch {
          throw apiError('INVALID_VALUE', { field: 'domains', value: state.slice(0, 80) });
        }
        if (parsed.disks && typeof parsed.disks === 'object')
          migration.sources.set(vm.id, { disks: parsed.disks });
        const d = record(vm.id);
        if (d && parsed.guest && d.guest !== parsed.guest) put({ ...d, guest: parsed.guest });
      },
      async remove(vm) {
        const d = record(vm.id);
        if (d && d.domid === null) hyp().delete(vm.id);
      },
    },
    ...simulatedDevices({ lat, live, record, put }),
    updates: {
      watch(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    debug: {
      async trigger(command, args) {
        switch (command) {
          case 'reboot':
          case 'halt':
          case 'crash':
          case 'poweroff':
            return setShutdown(arg(args, 0, command), command);
          case 'set-guest': {
            const id = arg(args, 0, command);
            const mode = arg(args, 1, command);
            if (mode !== 'cooperative' && mode !== 'uncooperative')
              throw apiError('INVALID_VALUE', { field: 'guest', value: mode });
            if (!ctx?.isManaged(id)) throw apiError('XENOPS_DOES_NOT_EXIST', { kind: 'VM', id });
            const d = record(id);
            if (d) put({ ...d, guest: mode });
            return;
          }
          case 'unplug-vbd': {
            const id = arg(args, 0, command);
            const name = arg(args, 1, command);
            if (!ctx?.isManaged(id)) throw apiError('XENOPS_DOES_NOT_EXIST', { kind: 'VM', id });
            const d = record(id);
            const p = d?.vbds[name];
            if (!d || !p) throw apiError('XENOPS_DEVICE_NOT_CONNECTED', { kind: 'VBD', id: name });
            p.unplugRequested = true;
            put(d);
            emit(['Vbd', [id, name]]);
            return;
          }
          default:
            throw apiError('XENOPS_UNKNOWN_DEBUG_COMMAND', { command });
        }
      },
    },
    stats: {
      async vm(vm) {
        const d = record(vm.id);
        return d ? statsOf(d, Date.now()) : undefined;
      },
    },
    migration,
  };
}
