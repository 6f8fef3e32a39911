// The backend contract: everything xenopsd needs from a hypervisor, and
// nothing more (the original's `Xenops_server_plugin.S`). One sub-object per
// kind of object; every operation that changes something takes a task handle
// for progress and cancellation. Optional features are declared in
// `capabilities`; xenopsd checks them before planning, and a backend asked
// for something it lacks throws `notSupported` (XENOPS_NOT_SUPPORTED).
import { apiError, type ApiError } from '../../datamodel/api-error.js';
import type {
  DeviceActionRequest,
  Disk,
  DomainActionRequest,
  DynamicId,
  HostStat,
  Pci,
  PciState,
  ShutdownRequest,
  Vbd,
  VbdState,
  Vif,
  VifState,
  Vm,
  VmState,
  VmStats,
  LockingMode,
  Network,
  Qos,
} from '../types.js';
import type { VmTrigger } from '../../idl/vm-signals.js';

/** What a backend operation sees of the task it runs in. */
export interface TaskHandle {
  readonly id: string;
  /** Aborted when the task is cancelled; pass it to anything that waits. */
  readonly signal: AbortSignal;
  /** Report progress within the current step, 0..1. */
  progress(fraction: number): void;
  /** A cancel point: throws XENOPS_CANCELLED if the task is being cancelled. */
  cancelPoint(): void;
  /** From here on the task can no longer be cancelled (e.g. past the point of no return of a save). */
  prohibitCancellation(): void;
}

export interface BackendCapabilities {
  /** Which guest types `VM.create`/`build` accept. */
  readonly hvm: boolean;
  readonly pv: boolean;
  /** VM.save/restore (suspend, resume, migrate). */
  readonly suspend: boolean;
  readonly pciPassthrough: boolean;
  readonly vcpuHotplug: boolean;
  readonly memoryBallooning: boolean;
  /** CD insert/eject on a running VM. */
  readonly cdromMedia: boolean;
  readonly vifCarrier: boolean;
  readonly vifLockingMode: boolean;
  /** Statistics for the metrics daemon. */
  readonly stats: boolean;
  /** VBD.snapshot: switching a running disk onto a new overlay (live snapshots). */
  readonly liveDiskSnapshot: boolean;
  /** Live migration: `migration` streams a running guest to another domain (see MigrationBackend). */
  readonly liveMigration: boolean;
  /** VBD.resize: growing a plugged disk of a running guest, which sees the new size. */
  readonly onlineDiskResize: boolean;
}

export type Capability = keyof BackendCapabilities;

export interface SaveFlags {
  readonly live: boolean;
}

/** Something the backend noticed by itself (a guest shut down, a device went away). */
export type BackendEvent = DynamicId;

export interface BackendInitContext {
  /** Directory owned by this xenopsd instance. */
  readonly stateDir: string;
  /** Directory shared by every xenopsd on the "host" (what outlives them, like Xen). */
  readonly hostDir: string;
  readonly instance: string;
  /** Do no harm: the backend never touches a domain for which this is false. */
  readonly isManaged: (vmId: string) => boolean;
}

export interface HostBackend {
  stat(): Promise<HostStat>;
  getTotalMemoryMib(): Promise<number>;
}

export interface VmBackend {
  /** Allocate a (paused) domain; `actionRequest` is recorded on it until cleared. */
  create(task: TaskHandle, vm: Vm, actionRequest: DomainActionRequest | undefined): Promise<void>;
  build(task: TaskHandle, vm: Vm, force: boolean): Promise<void>;
  createDeviceModel(task: TaskHandle, vm: Vm, saveState: boolean): Promise<void>;
  destroyDeviceModel(task: TaskHandle, vm: Vm): Promise<void>;
  /** Destroy the domain (a suspend image, if any, is kept). */
  destroy(task: TaskHandle, vm: Vm): Promise<void>;
  pause(task: TaskHandle, vm: Vm): Promise<void>;
  unpause(task: TaskHandle, vm: Vm): Promise<void>;
  setVcpus(task: TaskHandle, vm: Vm, n: number): Promise<void>;
  setMemoryDynamicRange(task: TaskHandle, vm: Vm, min: number, max: number): Promise<void>;
  /** New vCPU QoS ([weight, cap], Xen credit scheduler semantics) for a running domain; optional. */
  setSchedulerParams?(task: TaskHandle, vm: Vm, priority: readonly [number, number]): Promise<void>;
  /** Press Alt+SysRq+`key` on the guest's keyboard (a key of `0-9a-z`); optional. */
  sendSysrq?(task: TaskHandle, vm: Vm, key: string): Promise<void>;
  /** Deliver a hardware trigger (NMI, reset, ACPI buttons...); optional, and may refuse some. */
  sendTrigger?(task: TaskHandle, vm: Vm, trigger: VmTrigger): Promise<void>;
  /** New shadow memory multiplier (>= 1) of a running HVM domain; optional. */
  setShadowMultiplier?(task: TaskHandle, vm: Vm, multiplier: number): Promise<void>;
  /** Ask the guest to shut down; true if it acknowledged within `ackTimeoutS`. */
  requestShutdown(task: TaskHandle, vm: Vm, reason: ShutdownRequest, ackTimeoutS: number): Promise<boolean>;
  /** Wait for the domain to shut down; true if it did within `timeoutS`. */
  waitShutdown(task: TaskHandle, vm: Vm, reason: ShutdownRequest, timeoutS: number): Promise<boolean>;
  /** Save the guest's memory and device state to `data`; the domain is left shut down (suspended). */
  save(task: TaskHandle, vm: Vm, flags: SaveFlags, data: Disk): Promise<void>;
  /** Load a saved image into a freshly created domain. */
  restore(task: TaskHandle, vm: Vm, data: Disk): Promise<void>;
  /** Undo a save in place: the guest carries on running (after a failed migration). */
  resumeInPlace(task: TaskHandle, vm: Vm): Promise<void>;
  getState(vm: Vm): Promise<VmState>;
  getDomainActionRequest(vm: Vm): Promise<DomainActionRequest | undefined>;
  setDomainActionRequest(vm: Vm, request: DomainActionRequest | undefined): Promise<void>;
  /** Opaque backend state exported with the metadata (for migration). */
  getInternalState(vm: Vm): Promise<string>;
  setInternalState(vm: Vm, state: string): Promise<void>;
  /** Forget everything about a VM being removed (its domain must already be gone). */
  remove(vm: Vm): Promise<void>;
  /** Seconds a crashed/rebooting guest must have run before an automatic restart. */
  readonly minimumRebootDelayS: number;
}

export interface DeviceBackend<D, S> {
  plug(task: TaskHandle, vm: Vm, device: D): Promise<void>;
  unplug(task: TaskHandle, vm: Vm, device: D, force: boolean): Promise<void>;
  getState(vm: Vm, device: D): Promise<S>;
  getDeviceActionRequest(vm: Vm, device: D): Promise<DeviceActionRequest | undefined>;
}

export interface VbdBackend extends DeviceBackend<Vbd, Omit<VbdState, 'active'>> {
  insert(task: TaskHandle, vm: Vm, vbd: Vbd, disk: Disk): Promise<void>;
  eject(task: TaskHandle, vm: Vm, vbd: Vbd): Promise<void>;
  /**
   * A live snapshot: the plugged disk's image was frozen (renamed, still
   * open) and `overlay`, an empty image of that format whose backing file is
   * the frozen one, now sits at the disk's place. Switch the device onto it
   * without the guest noticing; from then on writes go to the overlay.
   */
  snapshot(task: TaskHandle, vm: Vm, vbd: Vbd, overlay: Disk, format: string): Promise<void>;
  /** Grow the plugged disk's image to `size` bytes through the device model (backends with onlineDiskResize). */
  resize?(task: TaskHandle, vm: Vm, vbd: Vbd, size: number): Promise<void>;
  /** New I/O QoS for a plugged disk; a backend that cannot apply it throws VALUE_NOT_SUPPORTED. */
  setQos(task: TaskHandle, vm: Vm, vbd: Vbd, qos: Qos | undefined): Promise<void>;
  /** The QoS the backend applies to a plugged disk (undefined: none, or not plugged). */
  appliedQos(vm: Vm, vbd: Vbd): Promise<Qos | undefined>;
}

/** What a backend enforces on a plugged NIC, so that tests can check it. */
export interface VifApplied {
  readonly locking_mode: LockingMode;
  readonly network: Network;
}

export interface VifBackend extends DeviceBackend<Vif, Omit<VifState, 'active'>> {
  setCarrier(task: TaskHandle, vm: Vm, vif: Vif, carrier: boolean): Promise<void>;
  setLockingMode(task: TaskHandle, vm: Vm, vif: Vif, mode: LockingMode): Promise<void>;
  /** Move a plugged NIC's host side onto `network`; the guest keeps its NIC (VIF.move). */
  move(task: TaskHandle, vm: Vm, vif: Vif, network: Network): Promise<void>;
  /** What is enforced on a plugged NIC (undefined when not plugged). */
  applied(vm: Vm, vif: Vif): Promise<VifApplied | undefined>;
}

export type PciBackend = DeviceBackend<Pci, PciState>;

export interface UpdatesBackend {
  /** Subscribe to the backend's own events; returns the unsubscribe function. */
  watch(listener: (event: BackendEvent) => void): () => void;
}

export interface DebugBackend {
  /** Backend-specific debugging commands (the simulator fakes guest events). */
  trigger(command: string, args: readonly string[]): Promise<void>;
}

export interface StatsBackend {
  vm(vm: Vm): Promise<VmStats | undefined>;
}

/**
 * Where a receiving domain waits for a migration stream. Plain JSON: it travels
 * from the receiving xenopsd to the sending one as a task result. Opaque to
 * xenopsd: only the same backend on the other side interprets it.
 */
export interface MigrationEndpoint {
  /** The memory stream, e.g. `tcp:127.0.0.1:40123`. */
  readonly uri: string;
  /** Disks whose contents must travel (the destination uses another image), and where to send each. */
  readonly disks: readonly { readonly name: string; readonly uri: string }[];
}

/** Figures of one finished outgoing migration (what was cheap to measure). */
export interface MigrationStats {
  readonly total_ms: number;
  /** How long the guest did not run (final stop-and-copy). */
  readonly downtime_ms: number;
  readonly bytes: number;
  readonly disks_copied: number;
}

/**
 * Live migration between two domains, possibly of two xenopsd instances of the
 * same backend (or the same instance, under temporary ids). The sequence:
 *   receiver: create + plug devices (as for a start), then `prepareIncoming` → endpoint;
 *   sender:   `send(endpoint)` — live; cancellable until it returns; leaves the
 *             source stopped but intact (`abortOutgoing` resumes it);
 *   receiver: `awaitIncoming` → a complete, paused domain, then unpause;
 *   both:     `rename` moves a domain between VM ids (the temporary ids of a migration).
 */
export interface MigrationBackend {
  /**
   * Receiver: on a created domain with its devices plugged, start what waits for the
   * stream, listening on `address` (a port chosen free). The source's exported internal
   * state (setInternalState) says what the guest needs (its devices, its disks' paths).
   */
  prepareIncoming(task: TaskHandle, vm: Vm, address: string): Promise<MigrationEndpoint>;
  /** Sender: stream the running guest (and the listed disks) to `endpoint`; progress 0..1; cancellable. */
  send(task: TaskHandle, vm: Vm, endpoint: MigrationEndpoint): Promise<MigrationStats>;
  /** Receiver: wait until the whole stream has arrived; the domain is left paused and complete. */
  awaitIncoming(task: TaskHandle, vm: Vm, timeoutS: number): Promise<void>;
  /** Sender, after a failed or cancelled migration: stop any transfer, the guest runs on here. */
  abortOutgoing(task: TaskHandle, vm: Vm): Promise<void>;
  /** Move the domain of VM `from` to VM id `to` (free). Synchronous, so that a swap has no gap. */
  rename(from: string, to: string): void;
}

export interface Backend {
  readonly name: string;
  readonly capabilities: BackendCapabilities;
  init(ctx: BackendInitContext): Promise<void>;
  close(): Promise<void>;
  readonly host: HostBackend;
  readonly vm: VmBackend;
  readonly vbd: VbdBackend;
  readonly vif: VifBackend;
  readonly pci: PciBackend;
  readonly updates: UpdatesBackend;
  readonly debug: DebugBackend;
  readonly stats: StatsBackend;
  readonly migration: MigrationBackend;
}

export function notSupported(backend: string, operation: string): ApiError {
  return apiError('XENOPS_NOT_SUPPORTED', { backend, operation });
}

/** Throw XENOPS_NOT_SUPPORTED unless the backend declares `cap`. */
export function requireCapability(backend: Backend, cap: Capability, operation: string): void {
  if (!backend.capabilities[cap]) throw notSupported(backend.name, operation);
}
