// The shared state of one QEMU backend instance, which backend.ts builds and
// the VM, device and migration halves (backend-*.ts) use: its own module, so that
// the halves depend on what they share and not on the module that assembles them.
import type { BackendEvent, BackendInitContext, TaskHandle } from '../api.js';
import type { DomainActionRequest, Vm } from '../../types.js';
import type { HostCaps } from './config.js';
import type { CpuCgroups } from './cgroup.js';
import type { DomainRecord, DomainStore, ShutdownReason } from './domains.js';
import type { QemuNetwork } from './net.js';
import type { QmpClient } from './qmp.js';
import type { DirectBoot } from './vm-config.js';

export const shutdownActions: Record<ShutdownReason, DomainActionRequest> = {
  poweroff: 'Needs_poweroff',
  reboot: 'Needs_reboot',
  suspend: 'Needs_suspend',
  crash: 'Needs_crashdump',
};

/** The shared state of one backend instance, used by the VM and device halves. */
export interface QemuContext {
  readonly name: string;
  readonly caps: () => HostCaps;
  readonly store: () => DomainStore;
  readonly ctx: () => BackendInitContext;
  readonly directBoot: DirectBoot | undefined;
  readonly qmps: Map<string, QmpClient>;
  /** Domains being torn down on purpose: their QEMU's exit is no crash. */
  readonly stopping: Set<string>;
  readonly vdiDir: () => string;
  readonly net: () => QemuNetwork;
  readonly cgroups: () => CpuCgroups;
  record(vm: string): DomainRecord | undefined;
  /** The record of a VM with a domain, else XENOPS_DOES_NOT_EXIST. */
  live(vm: Vm): DomainRecord;
  /** A live domain that has been built, else XENOPS_DOMAIN_NOT_BUILT. */
  built(vm: Vm): DomainRecord;
  /** A live domain whose QEMU runs (QMP connected). */
  qmpOf(vm: Vm): QmpClient | undefined;
  put(d: DomainRecord): void;
  emit(e: BackendEvent): void;
  markShutdown(vm: string, reason: ShutdownReason): void;
  /** Resolves when `pred` holds (true) or after `timeoutS` (pred's value); cancellable. */
  waitUntil(pred: () => boolean, timeoutS: number, task: TaskHandle): Promise<boolean>;
  startDeviceModel(task: TaskHandle, vm: Vm, d: DomainRecord): Promise<QmpClient>;
  stopDeviceModel(d: DomainRecord): Promise<void>;
  runDir(d: DomainRecord): string;
  /**
   * Changes a device model whose guest has not run yet (QEMU still in `prelaunch`) by
   * starting it again with the new device set: nothing of the guest is lost, and no
   * guest is there to acknowledge a PCIe hot-unplug. False if the guest has run.
   */
  restartUnstarted(task: TaskHandle, vm: Vm, d: DomainRecord, change: () => void): Promise<boolean>;
}
