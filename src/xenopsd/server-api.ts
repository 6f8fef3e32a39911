// The VM and device parts of the xenops API. Lifecycle calls queue an
// operation and return its task id at once; metadata calls are synchronous.
import type { GuestEvents } from './guest-events.js';
import { apiError } from '../datamodel/api-error.js';
import type { Backend } from './backends/api.js';
import { decodePci, decodeVbd, decodeVif, decodeVm } from './decode.js';
import { checkSnapshotDisks } from './disk-snapshot.js';
import { parseSysrqKey, parseTrigger } from '../idl/vm-signals.js';
import { signalDevice } from './exec-context.js';
import type { DeviceConfigs, MetadataStore } from './metadata.js';
import type { Atom, DeviceKind, MigrationTarget, Operation } from './plan.js';
import type { Task } from './tasks.js';
import type { Updates } from './updates.js';
import type {
  DeviceId,
  Disk,
  DiskSnapshot,
  Ipv4Configuration,
  Ipv6Configuration,
  LockingMode,
  Metadata,
  Network,
  Qos,
  PciState,
  VbdState,
  VifState,
  Vm,
  VmState,
} from './types.js';

/**
 * What the API needs of its xenopsd (server.ts's Xenopsd is one): its state,
 * and queueing work on a VM's queue.
 */
export interface XenopsdCore {
  readonly backend: Backend;
  readonly db: MetadataStore;
  readonly updates: Updates;
  readonly guestEvents: GuestEvents;
  readonly vbd: DeviceApi<'VBD'>;
  readonly vif: DeviceApi<'VIF'>;
  readonly pci: DeviceApi<'PCI'>;
  /** Queue an operation on its VM's queue; returns the task. */
  queue(dbg: string, op: Operation): Task;
  /** Queue an operation and wait for it. */
  immediate(dbg: string, op: Operation): Promise<void>;
  /** Queue one atom on the VM's queue; returns the task id. */
  atomic(dbg: string, vmId: string, atom: Atom): string;
}

export class VmApi {
  constructor(private readonly x: XenopsdCore) {}

  /** Register a VM, or replace the configuration (used at the next start) of one already known. */
  add(input: unknown): string {
    const vm = decodeVm(input);
    this.x.db.putVm(vm);
    this.x.updates.add(['Vm', vm.id]);
    return vm.id;
  }

  /** Forget a halted or suspended VM and its devices (queued behind its other work, and waited for). */
  async remove(dbg: string, id: string): Promise<void> {
    this.x.db.vm(id);
    await this.x.immediate(dbg, { op: 'Atomic', id, atom: { op: 'VM_remove', vm: id } });
  }

  exists(id: string): boolean {
    return this.x.db.has(id);
  }

  async stat(id: string): Promise<[Vm, VmState]> {
    const vm = this.x.db.vm(id);
    return [vm, await this.state(vm)];
  }

  async list(): Promise<[Vm, VmState][]> {
    return Promise.all(this.x.db.listVms().map(async (vm) => [vm, await this.state(vm)] as [Vm, VmState]));
  }

  /** The backend's view of the VM, with the last shutdown its guest asked for. */
  private async state(vm: Vm): Promise<VmState> {
    const state = await this.x.backend.vm.getState(vm);
    const event = this.x.guestEvents.get(vm.id);
    return event ? { ...state, last_guest_event: event } : state;
  }

  /** Start a halted VM; it is left paused (call unpause). */
  start(dbg: string, id: string, force = false): string {
    this.x.db.vm(id);
    return this.x.queue(dbg, { op: 'VM_start', id, force }).id;
  }

  /** No delay: hard shutdown; a delay (seconds): clean shutdown with that timeout. */
  shutdown(dbg: string, id: string, delay?: number): string {
    this.x.db.vm(id);
    return this.x.queue(
      dbg,
      delay === undefined ? { op: 'VM_poweroff', id } : { op: 'VM_poweroff', id, timeout: delay },
    ).id;
  }

  reboot(dbg: string, id: string, delay?: number): string {
    this.x.db.vm(id);
    return this.x.queue(
      dbg,
      delay === undefined ? { op: 'VM_reboot', id } : { op: 'VM_reboot', id, timeout: delay },
    ).id;
  }

  pause(dbg: string, id: string): string {
    return this.x.atomic(dbg, id, { op: 'VM_pause', vm: id });
  }

  unpause(dbg: string, id: string): string {
    return this.x.atomic(dbg, id, { op: 'VM_unpause', vm: id });
  }

  suspend(dbg: string, id: string, disk: Disk): string {
    this.x.db.vm(id);
    return this.x.queue(dbg, { op: 'VM_suspend', id, disk }).id;
  }

  resume(dbg: string, id: string, disk: Disk): string {
    this.x.db.vm(id);
    return this.x.queue(dbg, { op: 'VM_resume', id, disk }).id;
  }

  migrate(dbg: string, id: string, target: MigrationTarget): string {
    this.x.db.vm(id);
    return this.x.queue(dbg, { op: 'VM_migrate', id, target }).id;
  }

  receiveMemory(dbg: string, id: string, finalId: string): string {
    this.x.db.vm(id);
    return this.x.queue(dbg, { op: 'VM_receive_memory', id, finalId }).id;
  }

  receiveComplete(dbg: string, id: string, finalId: string): string {
    this.x.db.vm(id);
    return this.x.queue(dbg, { op: 'VM_receive_complete', id, finalId }).id;
  }

  setVcpus(dbg: string, id: string, n: number): string {
    return this.x.atomic(dbg, id, { op: 'VM_set_vcpus', vm: id, n });
  }

  setSchedulerParams(dbg: string, id: string, weight: number, cap: number): string {
    return this.x.atomic(dbg, id, { op: 'VM_set_scheduler_params', vm: id, weight, cap });
  }

  sendSysrq(dbg: string, id: string, key: string): string {
    return this.x.atomic(dbg, id, { op: 'VM_send_sysrq', vm: id, key: parseSysrqKey(key) });
  }

  sendTrigger(dbg: string, id: string, trigger: string): string {
    return this.x.atomic(dbg, id, { op: 'VM_send_trigger', vm: id, trigger: parseTrigger(trigger) });
  }

  setShadowMultiplier(dbg: string, id: string, multiplier: number): string {
    if (!(multiplier >= 1))
      throw apiError('INVALID_VALUE', { field: 'multiplier', value: String(multiplier) });
    return this.x.atomic(dbg, id, { op: 'VM_set_shadow_multiplier', vm: id, multiplier });
  }

  setMemoryDynamicRange(dbg: string, id: string, min: number, max: number): string {
    return this.x.atomic(dbg, id, { op: 'VM_set_memory_dynamic_range', vm: id, min, max });
  }

  /** Switch plugged disks of a running or paused VM onto the overlays a live snapshot made. */
  snapshotDisks(dbg: string, id: string, disks: readonly DiskSnapshot[]): string {
    checkSnapshotDisks(this.x.db, id, disks);
    return this.x.queue(dbg, { op: 'VM_snapshot_disks', id, disks }).id;
  }

  async exportMetadataRecord(id: string): Promise<Metadata> {
    const vm = this.x.db.vm(id);
    const { db } = this.x;
    return {
      vm,
      vbds: db.devices('VBD', id).map((d) => d.config),
      vifs: db.devices('VIF', id).map((d) => d.config),
      pcis: db.devices('PCI', id).map((d) => d.config),
      domains: await this.x.backend.vm.getInternalState(vm),
    };
  }

  async exportMetadata(id: string): Promise<string> {
    return JSON.stringify(await this.exportMetadataRecord(id));
  }

  /** Register a VM with its devices from exported metadata; returns the VM id. */
  async importMetadata(text: string): Promise<string> {
    let md: Record<string, unknown>;
    try {
      md = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw apiError('INVALID_VALUE', { field: 'metadata', value: text.slice(0, 80) });
    }
    const list = (k: string): unknown[] => {
      const v = md[k] ?? [];
      if (!Array.isArray(v)) throw apiError('FIELD_TYPE_ERROR', { field: `metadata.${k}` });
      return v;
    };
    const vm = decodeVm(md.vm);
    const vbds = list('vbds').map(decodeVbd);
    const vifs = list('vifs').map(decodeVif);
    const pcis = list('pcis').map(decodePci);
    for (const d of [...vbds, ...vifs, ...pcis]) {
      if (d.id[0] !== vm.id)
        throw apiError('INVALID_VALUE', { field: 'metadata device id', value: d.id.join('.') });
    }
    this.x.db.putVm(vm);
    for (const c of vbds) this.x.vbd.put(c);
    for (const c of vifs) this.x.vif.put(c);
    for (const c of pcis) this.x.pci.put(c);
    if (typeof md.domains === 'string' && md.domains !== '')
      await this.x.backend.vm.setInternalState(vm, md.domains);
    this.x.updates.add(['Vm', vm.id]);
    return vm.id;
  }
}

type StateOf = { VBD: VbdState; VIF: VifState; PCI: PciState };

const decoders: { [K in DeviceKind]: (x: unknown) => DeviceConfigs[K] } = {
  VBD: decodeVbd,
  VIF: decodeVif,
  PCI: decodePci,
};

export class DeviceApi<K extends DeviceKind> {
  constructor(
    private readonly x: XenopsdCore,
    readonly kind: K,
  ) {}

  /** Register a device of a managed VM (replacing its configuration if known); returns its id. */
  add(input: unknown): DeviceId {
    const cfg = decoders[this.kind](input);
    this.put(cfg);
    return cfg.id;
  }

  put(cfg: DeviceConfigs[K]): void {
    if (!this.x.db.has(cfg.id[0])) throw apiError('XENOPS_DOES_NOT_EXIST', { kind: 'VM', id: cfg.id[0] });
    const active = this.x.db.hasDevice(this.kind, cfg.id)
      ? this.x.db.device(this.kind, cfg.id).active
      : false;
    this.x.db.putDevice(this.kind, { config: cfg, active });
    signalDevice(this.x.updates, this.kind, cfg.id);
  }

  async remove(id: DeviceId): Promise<void> {
    const [, state] = await this.stat(id);
    if (state.plugged || ('active' in state && state.active)) {
      throw apiError('XENOPS_DEVICE_IS_CONNECTED', { kind: this.kind, id: id.join('.') });
    }
    this.x.db.removeDevice(this.kind, id);
    this.x.updates.remove([this.kind === 'VBD' ? 'Vbd' : this.kind === 'VIF' ? 'Vif' : 'Pci', id]);
  }

  plug(dbg: string, id: DeviceId): string {
    this.x.db.device(this.kind, id);
    return this.x.queue(dbg, { op: 'Device_hotplug', kind: this.kind, id }).id;
  }

  unplug(dbg: string, id: DeviceId, force = false): string {
    this.x.db.device(this.kind, id);
    return this.x.queue(dbg, { op: 'Device_hotunplug', kind: this.kind, id, force }).id;
  }

  async stat(id: DeviceId): Promise<[DeviceConfigs[K], StateOf[K]]> {
    const rec = this.x.db.device(this.kind, id);
    const vm = this.x.db.vm(id[0]);
    const b = this.x.backend;
    let state: VbdState | VifState | PciState;
    if (this.kind === 'VBD')
      state = { ...(await b.vbd.getState(vm, rec.config as DeviceConfigs['VBD'])), active: rec.active };
    else if (this.kind === 'VIF')
      state = { ...(await b.vif.getState(vm, rec.config as DeviceConfigs['VIF'])), active: rec.active };
    else state = await b.pci.getState(vm, rec.config as DeviceConfigs['PCI']);
    return [rec.config, state as StateOf[K]];
  }

  async list(vmId: string): Promise<[DeviceConfigs[K], StateOf[K]][]> {
    return Promise.all(this.x.db.devices(this.kind, vmId).map((d) => this.stat(d.config.id)));
  }

  insert(dbg: string, id: DeviceId, disk: Disk): string {
    this.x.db.device('VBD', id);
    return this.x.atomic(dbg, id[0], { op: 'VBD_insert', id, disk });
  }

  eject(dbg: string, id: DeviceId): string {
    this.x.db.device('VBD', id);
    return this.x.atomic(dbg, id[0], { op: 'VBD_eject', id });
  }

  resize(dbg: string, id: DeviceId, size: number): string {
    this.x.db.device('VBD', id);
    return this.x.atomic(dbg, id[0], { op: 'VBD_resize', id, size });
  }

  setCarrier(dbg: string, id: DeviceId, carrier: boolean): string {
    this.x.db.device('VIF', id);
    return this.x.atomic(dbg, id[0], { op: 'VIF_set_carrier', id, carrier });
  }

  setLockingMode(dbg: string, id: DeviceId, mode: LockingMode): string {
    this.x.db.device('VIF', id);
    return this.x.atomic(dbg, id[0], { op: 'VIF_set_locking_mode', id, mode });
  }

  move(dbg: string, id: DeviceId, network: Network): string {
    this.x.db.device('VIF', id);
    return this.x.atomic(dbg, id[0], { op: 'VIF_move', id, network });
  }

  setIpConfiguration(
    dbg: string,
    id: DeviceId,
    conf: { ipv4?: Ipv4Configuration; ipv6?: Ipv6Configuration },
  ): string {
    this.x.db.device('VIF', id);
    return this.x.atomic(dbg, id[0], { op: 'VIF_set_ip_configuration', id, ...conf });
  }

  setQos(dbg: string, id: DeviceId, qos: Qos | undefined): string {
    this.x.db.device('VBD', id);
    return this.x.atomic(dbg, id[0], { op: 'VBD_set_qos', id, qos });
  }
}
