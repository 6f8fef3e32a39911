// The QEMU backend of xenopsd: a domain is one qemu-system-x86_64 process per VM.
// VM.create records the domain (a domid, nothing running yet); VM.build fixes what it
// boots; the device model start spawns QEMU paused (-S) with the devices plugged so
// far on its command line; later plugs are QMP hotplugs. QEMU's power actions pause
// the guest on poweroff/reboot/panic and report them as events, which become domain
// shutdown reasons exactly as Xen's would (see docs/design/qemu-backend.md).
// QEMUs outlive xenopsd; a restarted xenopsd re-adopts those carrying its instance tag.
import { balloonTarget } from './hotplug.js';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { apiError } from '../../../datamodel/api-error.js';
import { notSupported, type Backend, type BackendCapabilities, type BackendEvent } from '../api.js';
import type { BackendInitContext } from '../api.js';
import { buildArgv, runPaths } from './argv.js';
import type { HostCaps } from './config.js';
import { DomainStore } from './domains.js';
import { findOvmf, findQemu, hostStat } from './host.js';
import { QmpClient, type QmpEvent } from './qmp.js';
import { findOwnQemus, orphans } from './qemu-process.js';
import { alive, spawnDetached, stop } from './runtime.js';
import { vmConfigOf, type DirectBoot } from './vm-config.js';
import { waitUntil } from '../wait-until.js';
import { probeAccel } from './kvm-probe.js';
import { defaultCacheDir } from './guest-image/build.js';
import { devicesOf } from './backend-devices.js';
import { vmOpsOf } from './backend-vm.js';
import { builtinBoot } from './builtin-boot.js';
import { GuestAgents } from './guest-agent.js';
import { adoptNvram, checkEfiKernel, ensureNvram, wantsUefi } from './uefi.js';
import { QemuNetwork, restoredNic, type NetOptions } from './net.js';
import { CpuCgroups, probeCgroups } from './cgroup.js';
import { qosOf } from './cgroup-plan.js';
import { qemuMigrationOf } from './backend-migration.js';
import { withRecordedQos } from './disk-qos.js';
import type { QemuContext } from './backend-context.js';

export interface QemuBackendOptions {
  /** Default: qemu-system-x86_64 on PATH. */
  readonly qemuBinary?: string;
  /** Boot every VM from this kernel (the test guest); otherwise from the VM's own boot settings. */
  readonly directBoot?: DirectBoot;
  /** Force an accelerator; otherwise KVM only if the probe (which needs `directBoot`) shows it works. */
  readonly accel?: 'kvm' | 'tcg';
  /** Scheduling priority (nice value) of the QEMU processes; default: xenopsd's own. */
  readonly priority?: number;
  /** Where the KVM probe keeps its verdict (per host boot). Default: the guest image cache. */
  readonly cacheDir?: string;
  /**
   * Files named `builtin:<name>` in a VM's boot settings (the built-in
   * templates' kernel and initrd): where they are on this host.
   */
  readonly builtinFiles?: () => Promise<Readonly<Record<string, string>>>;
  /** VIF networking: which networks stay user-mode NAT, and whether bridging is tried at all. */
  readonly network?: NetOptions;
}

export const qemuCapabilities: BackendCapabilities = {
  hvm: true,
  pv: true,
  suspend: true,
  pciPassthrough: false,
  vcpuHotplug: true,
  memoryBallooning: true,
  cdromMedia: true,
  vifCarrier: true,
  /** Unlocked and Disabled (link held down); Locked is refused (no packet filter). */
  vifLockingMode: true,
  stats: true,
  liveDiskSnapshot: true,
  liveMigration: true,
  onlineDiskResize: true,
};

export function createQemuBackend(opts: QemuBackendOptions = {}): Backend {
  const listeners = new Set<(e: BackendEvent) => void>();
  const changed = new Set<() => void>();
  const qmps = new Map<string, QmpClient>();
  const stopping = new Set<string>();
  let store: DomainStore | undefined;
  let ctx: BackendInitContext | undefined;
  let caps: HostCaps | undefined;
  let net: QemuNetwork | undefined;
  let cgroups: CpuCgroups | undefined;
  let accelReason = '';
  let version = 'unknown';

  const notify = () => {
    for (const w of [...changed]) w();
  };
  const agents = new GuestAgents((vm, apply) => {
    const d = c.record(vm);
    if (!d) return;
    const known = d.guestIps ?? {};
    const next = apply(known);
    if (JSON.stringify(next) === JSON.stringify(known)) return;
    d.guestIps = next;
    c.put(d);
    c.emit(['Vm', vm]);
  });

  const c: QemuContext = {
    name: 'qemu',
    caps: () => {
      if (!caps) throw apiError('INTERNAL_ERROR', { message: 'qemu backend used before init' });
      return caps;
    },
    store: () => {
      if (!store) throw apiError('INTERNAL_ERROR', { message: 'qemu backend used before init' });
      return store;
    },
    ctx: () => {
      if (!ctx) throw apiError('INTERNAL_ERROR', { message: 'qemu backend used before init' });
      return ctx;
    },
    directBoot: opts.directBoot,
    qmps,
    stopping,
    vdiDir: () => join(c.ctx().hostDir, 'vdi'),
    net: () => {
      if (!net) throw apiError('INTERNAL_ERROR', { message: 'qemu backend used before init' });
      return net;
    },
    cgroups: () => {
      if (!cgroups) throw apiError('INTERNAL_ERROR', { message: 'qemu backend used before init' });
      return cgroups;
    },
    record: (vm) => c.store().domains.get(vm),
    live(vm) {
      const d = c.record(vm.id);
      if (!d) throw apiError('XENOPS_DOES_NOT_EXIST', { kind: 'domain', id: vm.id });
      return d;
    },
    built(vm) {
      const d = c.live(vm);
      if (!d.built) throw apiError('XENOPS_DOMAIN_NOT_BUILT', { vm: vm.id });
      return d;
    },
    qmpOf(vm) {
      const q = qmps.get(vm.id);
      return q && !q.isClosed ? q : undefined;
    },
    put(d) {
      c.store().put(d);
      notify();
    },
    emit(e) {
      for (const l of [...listeners]) l(e);
    },
    markShutdown(vm, reason) {
      const d = c.record(vm);
      if (!d || d.shutdown !== undefined) return;
      d.shutdown = reason;
      c.put(d);
      c.emit(['Vm', vm]);
    },
    waitUntil: (pred, timeoutS, task) => waitUntil(changed, pred, timeoutS, task),
    runDir: (d) => join(c.ctx().hostDir, 'qemu', `d${d.domid}`),
    async startDeviceModel(task, vm, d) {
      const runDir = c.runDir(d);
      rmSync(runDir, { recursive: true, force: true });
      mkdirSync(runDir, { recursive: true });
      // a resumed QEMU has the saved one's devices, on this domain's taps
      const uefi = !opts.directBoot && wantsUefi(vm);
      if (uefi && !d.restoreFrom) adoptNvram(c.ctx().stateDir, vm);
      const base =
        d.config && d.restoreFrom
          ? {
              ...d.config,
              runDir,
              nics: d.config.nics.map((n) => restoredNic(d, n)),
              disks: withRecordedQos(d.config.disks, d.vbds),
            }
          : vmConfigOf(
              vm,
              d,
              runDir,
              opts.directBoot ?? (await builtinBoot(vm, opts.builtinFiles, uefi)),
              uefi ? ensureNvram(c.ctx().stateDir, vm, c.caps().ovmfVarsTemplate) : undefined,
            );
      if (base.boot.kind === 'uefi' && base.boot.kernel) checkEfiKernel(base.boot.kernel, 'PV_kernel');
      const config = { ...base, startPaused: true, incoming: d.restoreFrom !== undefined };
      const cmd = buildArgv(config, c.caps());
      const qos = qosOf(vm.scheduler_params.priority);
      c.cgroups().check(qos);
      const { pid, qmp } = await spawnDetached(cmd, join(runDir, 'qemu.log'), task.signal, opts.priority);
      try {
        await c.cgroups().attach(d.qemuUuid, pid, qos);
      } catch (e) {
        await stop(pid, qmp);
        await c.cgroups().remove(d.qemuUuid);
        throw e;
      }
      d.qos = qos;
      d.pid = pid;
      d.config = config;
      for (const disk of config.disks) {
        const v = d.vbds[disk.id];
        if (v) v.inQemu = true;
      }
      for (const n of Object.values(d.vifs)) n.inQemu = true;
      c.put(d);
      adopt(vm.id, qmp, pid);
      // QEMU's memory is static_max; a fresh guest starts at dynamic_max, the balloon
      // taking the rest as soon as its driver is up (a resumed one carries its own target)
      if (!config.incoming && (config.platform?.balloon ?? true) && d.memoryDynamicMax < d.memoryStaticMax) {
        const target = balloonTarget(config, d.memoryDynamicMax);
        try {
          await qmp.execute(target.execute, { ...target.arguments });
        } catch (e) {
          throw apiError('INTERNAL_ERROR', { message: `QEMU of VM ${vm.id}: ${(e as Error).message}` });
        }
      }
      return qmp;
    },
    async restartUnstarted(task, vm, d, change) {
      const qmp = c.qmpOf(vm);
      if (!qmp || d.restoreFrom !== undefined) return false;
      const st = await qmp.execute<{ status: string }>('query-status').catch(() => undefined);
      if (st?.status !== 'prelaunch') return false;
      await c.stopDeviceModel(d);
      change();
      for (const v of Object.values(d.vbds)) v.port = undefined;
      for (const n of Object.values(d.vifs)) n.port = undefined;
      d.shutdown = undefined;
      await c.startDeviceModel(task, vm, d);
      return true;
    },
    async stopDeviceModel(d) {
      if (d.pid === undefined) return;
      stopping.add(d.vm);
      agents.forget(qmps.get(d.vm));
      try {
        await stop(d.pid, qmps.get(d.vm));
      } finally {
        qmps.delete(d.vm);
        stopping.delete(d.vm);
      }
      d.pid = undefined;
      for (const v of Object.values(d.vbds)) v.inQemu = false;
      for (const n of Object.values(d.vifs)) n.inQemu = false;
      c.put(d);
      rmSync(c.runDir(d), { recursive: true, force: true });
      await c.cgroups().remove(d.qemuUuid);
    },
  };

  /** Follow a QEMU's events and its death. */
  const adopt = (first: string, qmp: QmpClient, pid: number): void => {
    qmps.set(first, qmp);
    // the VM this QEMU belongs to now (a migration renames VMs)
    const owner = (): string => [...qmps].find(([, q]) => q === qmp)?.[0] ?? first;
    const rec = c.record(first);
    const log = rec?.config ? runPaths({ ...rec.config, runDir: c.runDir(rec) }).serialLog : undefined;
    if (log) agents.follow(qmp, log, owner);
    qmp.onEvent((e: QmpEvent) => {
      const vm = owner();
      if (e.event === 'SHUTDOWN' && e.data.guest === true) {
        c.markShutdown(
          vm,
          e.data.reason === 'guest-reset' ? 'reboot' : e.data.reason === 'guest-panic' ? 'crash' : 'poweroff',
        );
      } else if (e.event === 'GUEST_PANICKED') {
        c.markShutdown(vm, 'crash');
      }
      notify();
    });
    void qmp.closed.then(() => {
      agents.forget(qmp);
      const vm = owner();
      if (qmps.get(vm) !== qmp) return;
      qmps.delete(vm);
      if (stopping.has(vm) || alive(pid)) return;
      // QEMU went away by itself (killed, or crashed): the domain crashed
      const d = c.record(vm);
      if (d && d.pid === pid) {
        d.pid = undefined;
        c.put(d);
        c.markShutdown(vm, 'crash');
        void c.cgroups().remove(d.qemuUuid);
      }
    });
  };

  const tagOf = (init: BackendInitContext): string =>
    `${init.instance.replace(/[^A-Za-z0-9_.-]/g, '_')}.${createHash('sha1').update(init.hostDir).digest('hex').slice(0, 8)}`;

  const migration = qemuMigrationOf(c);
  const vmOps = vmOpsOf(c, migration);
  const devices = devicesOf(c);

  return {
    name: 'qemu',
    capabilities: qemuCapabilities,
    async init(init) {
      ctx = init;
      const qemuBinary = opts.qemuBinary ?? findQemu();
      if (!qemuBinary) throw apiError('INTERNAL_ERROR', { message: 'qemu-system-x86_64 is not installed' });
      try {
        version = execFileSync(qemuBinary, ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? version;
      } catch {
        // reported as unknown
      }
      let accel: 'kvm' | 'tcg' = opts.accel ?? 'tcg';
      accelReason = opts.accel ? 'configured' : 'no guest kernel to probe KVM with';
      if (!opts.accel && opts.directBoot?.initrd) {
        const decision = await probeAccel({
          qemuBinary,
          kernel: opts.directBoot.kernel,
          initrd: opts.directBoot.initrd,
          cacheDir: opts.cacheDir ?? defaultCacheDir(),
        });
        accel = decision.accel;
        accelReason = decision.reason;
      }
      caps = { accel, qemuBinary, instanceTag: tagOf(init), ...findOvmf() };
      net = await QemuNetwork.init(init.hostDir, caps.instanceTag, opts.network ?? {});
      cgroups = new CpuCgroups(probeCgroups(caps.instanceTag), caps.instanceTag);
      store = new DomainStore(init.stateDir, init.hostDir);
      const own = await findOwnQemus(caps.instanceTag);
      for (const d of [...store.domains.values()]) {
        if (d.pid === undefined || !init.isManaged(d.vm)) continue;
        const found = own.find((o) => o.pid === d.pid && o.uuid === d.qemuUuid);
        if (!found || !d.config) {
          d.pid = undefined;
          c.put(d);
          c.markShutdown(d.vm, 'crash');
          continue;
        }
        try {
          const qmp = await QmpClient.connect(runPaths({ ...d.config, runDir: c.runDir(d) }).qmp, {
            timeoutMs: 5000,
            commandTimeoutMs: 30_000,
          });
          adopt(d.vm, qmp, d.pid);
        } catch {
          // QEMU is there but its QMP does not answer: leave it be; operations will fail cleanly
        }
        // a QEMU found again stays in (or goes back into) its own cgroup
        if (d.pid !== undefined && !cgroups.pids(d.qemuUuid).includes(d.pid)) {
          try {
            await cgroups.attach(d.qemuUuid, d.pid, d.qos ?? qosOf(undefined));
          } catch {
            // its limits cannot be applied here any more: it runs unlimited
          }
        }
      }
      for (const o of orphans(own, [...store.domains.values()], init.isManaged))
        await stop(o.pid, undefined, 0);
      // what this instance made for domains that are gone goes now
      const domains = [...store.domains.values()];
      await net.sweep(domains);
      await cgroups.sweep(new Set(domains.filter((d) => d.pid !== undefined).map((d) => d.qemuUuid)));
      cgroups.sweepAbandoned();
    },
    async close() {
      listeners.clear();
      agents.close();
      for (const q of qmps.values()) await q.close().catch(() => {});
      qmps.clear();
    },
    host: {
      async stat() {
        return hostStat({
          version,
          accel: caps?.accel ?? 'tcg',
          accelReason,
          bridging: net !== undefined && net.noBridging === undefined,
          network: net?.describe() ?? 'unknown',
          cpuQos: cgroups?.mode.kind ?? 'none',
          cpuQosDetail: cgroups?.describe() ?? 'unknown',
          uefi: caps?.ovmfCode !== undefined,
        });
      },
      async getTotalMemoryMib() {
        const { totalmem } = await import('node:os');
        return Math.floor(totalmem() / 2 ** 20);
      },
    },
    vm: vmOps,
    vbd: devices.vbd,
    vif: devices.vif,
    pci: {
      async plug() {
        throw notSupported('qemu', 'PCI.plug');
      },
      async unplug() {
        throw notSupported('qemu', 'PCI.unplug');
      },
      async getState() {
        return { plugged: false };
      },
      async getDeviceActionRequest() {
        return undefined;
      },
    },
    updates: {
      watch(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    debug: devices.debug,
    stats: devices.stats,
    migration,
  };
}
