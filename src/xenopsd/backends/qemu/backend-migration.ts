// Live migration for the QEMU backend (live-migration.ts has the QMP calls). The
// source exports what the destination QEMU must look like (its command-line config,
// the devices hot-plugged since, its disks' images and sizes) as the VM's internal
// state; the receiver starts the same machine with `-incoming defer`, its disks at
// their destination paths (images created at the source's virtual size when they
// move), and listens on free ports of the migration address.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { apiError } from '../../../datamodel/api-error.js';
import type { MigrationBackend, MigrationStats, TaskHandle } from '../api.js';
import type { Vm } from '../../types.js';
import type { QemuContext } from './backend-context.js';
import type { DiskConfig, NicConfig, VmConfig } from './config.js';
import type { DomainRecord } from './domains.js';
import { diskPlug, nicPlug, vcpuChange, type QmpCall } from './hotplug.js';
import { ioLimitsOf } from './disk-qos.js';
import * as live from './live-migration.js';
import { migrationOutcome } from './migration.js';
import { mustCancel, mustContinue, stillCancelling } from './migration-resume.js';
import { restoredNic } from './net.js';
import type { QmpClient, QmpEvent } from './qmp.js';
import { migrationEnded, migrationEvent, pollQmp, type PollOptions } from './qmp-wait.js';
import { carriedGuestIps, type GuestIps } from './guest-agent.js';
import { incomingNvram, renameNvram } from './uefi.js';
import { diskFile } from './vm-config.js';

const exec = promisify(execFile);

/** What a source QEMU exports for its receiver (the VM's internal state). */
export interface QemuSourceState {
  readonly config: VmConfig;
  readonly vcpus: number;
  readonly memoryDynamicMin: number;
  readonly memoryDynamicMax: number;
  readonly disks: Readonly<
    Record<string, { path: string; format: string; readOnly: boolean; size: number; port?: string }>
  >;
  readonly nics: Readonly<Record<string, { devid: number; mac: string; port?: string }>>;
  /** What the guest said about its addresses: a migrated guest does not say it again. */
  readonly guestIps?: GuestIps;
}

interface MigrateInfo {
  status?: string;
  'total-time'?: number;
  downtime?: number;
  'error-desc'?: string;
  ram?: { transferred: number; total: number; remaining: number };
}

const failed = (vm: string, reason: string) => apiError('XENOPS_MIGRATION_FAILED', { vm, reason });

async function run(vm: string, qmp: QmpClient, calls: readonly QmpCall[]): Promise<void> {
  for (const c of calls) {
    try {
      await qmp.execute(c.execute, c.arguments as Record<string, unknown>);
    } catch (e) {
      throw failed(vm, `${c.execute}: ${(e as Error).message}`);
    }
  }
}

/** A TCP port free on `host` right now (QEMU binds it next). */
async function freePort(host: string): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve, reject) => {
    s.once('error', reject);
    s.listen(0, host, () => resolve());
  });
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * The virtual size of each image QEMU has open, by file name, from its format nodes:
 * one QMP call for all the disks instead of a `qemu-img info` process per disk.
 */
async function openImageSizes(qmp: QmpClient | undefined): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  if (!qmp) return sizes;
  const nodes = await qmp
    .execute<{ drv: string; image?: { filename?: string; 'virtual-size'?: number } }[]>(
      'query-named-block-nodes',
      { flat: true },
    )
    .catch(() => []);
  for (const n of nodes) {
    const size = n.image?.['virtual-size'];
    const file = n.image?.filename;
    if ((n.drv === 'qcow2' || n.drv === 'raw') && file !== undefined && typeof size === 'number')
      sizes.set(file, size);
  }
  return sizes;
}

async function virtualSize(path: string): Promise<number> {
  try {
    const { stdout } = await exec('qemu-img', ['info', '-U', '--output=json', path]);
    return Number((JSON.parse(stdout) as { 'virtual-size': number })['virtual-size']);
  } catch {
    return statSync(path).size;
  }
}

/**
 * Poll until `f` gives a value, honouring cancellation and a deadline; the check runs
 * again at once on a QEMU event `wake` accepts (or on cancellation), else every 50 ms.
 */
async function poll<T>(
  task: TaskHandle,
  timeoutS: number,
  qmp: QmpClient,
  wake: PollOptions['wake'],
  f: () => Promise<T | undefined>,
  firstMs?: number,
): Promise<T> {
  const deadline = Date.now() + timeoutS * 1000;
  return pollQmp(qmp, f, {
    intervalMs: 50,
    ...(firstMs !== undefined ? { firstMs } : {}),
    wake,
    signal: task.signal,
    between: () => {
      if (task.signal.aborted) throw apiError('XENOPS_CANCELLED', { task: task.id });
      if (Date.now() > deadline)
        throw apiError('XENOPS_TIMEOUT', { operation: 'live migration', seconds: timeoutS });
    },
  });
}

/** A block job of ours changed state (ready, completed, cancelled, failed). */
const blockJobEvent = (e: QmpEvent): boolean =>
  e.event.startsWith('BLOCK_JOB_') || e.event === 'JOB_STATUS_CHANGE';

export function qemuMigrationOf(c: QemuContext): MigrationBackend & {
  exportState(vm: Vm): Promise<string>;
  importState(vm: Vm, state: QemuSourceState): void;
} {
  const sources = new Map<string, QemuSourceState>();
  /** Receiver: the disks each incoming domain serves over NBD. */
  const incoming = new Map<string, readonly string[]>();
  const need = (vm: Vm): QmpClient => {
    const q = c.qmpOf(vm);
    if (!q) throw apiError('XENOPS_DOMAIN_NOT_BUILT', { vm: vm.id });
    return q;
  };

  /** Source: the mirrors of `disks` end, whatever state they are in. */
  const endMirrors = async (qmp: QmpClient, disks: readonly string[]) => {
    if (disks.length === 0) return;
    const { cancel, cleanup } = live.mirrorEnd(disks);
    for (const call of cancel) await qmp.execute(call.execute, call.arguments).catch(() => undefined);
    const ids = new Set(live.mirrorJobIds(disks));
    // the jobs go within 10 s (woken by their BLOCK_JOB_COMPLETED/CANCELLED events)
    const deadline = Date.now() + 10_000;
    await pollQmp(
      qmp,
      async () => {
        const jobs = await qmp.execute<{ device: string }[]>('query-block-jobs').catch(() => []);
        return !jobs.some((j) => ids.has(j.device)) || Date.now() > deadline ? true : undefined;
      },
      { intervalMs: 50, wake: blockJobEvent },
    ).catch(() => undefined);
    for (const call of cleanup) await qmp.execute(call.execute, call.arguments).catch(() => undefined);
  };

  const resumeSource = async (vm: Vm) => {
    const d = c.record(vm.id);
    const qmp = c.qmpOf(vm);
    if (!d || !qmp) return;
    const info = await qmp.execute<MigrateInfo>('query-migrate').catch(() => ({}) as MigrateInfo);
    if (mustCancel(info.status)) {
      await qmp.execute('migrate_cancel').catch(() => undefined);
      // settled within 10 s (woken by its MIGRATION events)
      const deadline = Date.now() + 10_000;
      await pollQmp(
        qmp,
        async () => {
          const s = await qmp.execute<MigrateInfo>('query-migrate').catch(() => ({}) as MigrateInfo);
          return !stillCancelling(s.status) || Date.now() > deadline ? true : undefined;
        },
        { intervalMs: 50, wake: migrationEvent },
      ).catch(() => undefined);
    }
    const st = await qmp.execute<{ status: string }>('query-status').catch(() => undefined);
    if (mustContinue(st?.status, !!d.migratingOut))
      await run(vm.id, qmp, [{ execute: 'cont', arguments: {} }]);
    if (d.migratingOut) {
      d.migratingOut = undefined;
      c.put(d);
    }
  };

  return {
    async exportState(vm) {
      const d = c.record(vm.id);
      if (!d?.config) return '{}';
      const disks: Record<string, QemuSourceState['disks'][string]> = {};
      const open = Object.values(d.vbds).some((v) => !v.cdrom && v.attached && v.inQemu)
        ? await openImageSizes(c.qmpOf(vm))
        : new Map<string, number>();
      for (const [name, v] of Object.entries(d.vbds)) {
        if (v.cdrom || !v.attached || !v.inQemu) continue;
        disks[name] = {
          path: v.attached,
          format: v.format === 'qcow2' ? 'qcow2' : 'raw',
          readOnly: v.readOnly,
          size: open.get(v.attached) ?? (await virtualSize(v.attached)),
          ...(v.port ? { port: v.port } : {}),
        };
      }
      const nics: Record<string, QemuSourceState['nics'][string]> = {};
      for (const [name, n] of Object.entries(d.vifs))
        if (n.inQemu) nics[name] = { devid: n.position, mac: n.mac, ...(n.port ? { port: n.port } : {}) };
      const state: QemuSourceState = {
        config: d.config,
        vcpus: d.vcpus,
        memoryDynamicMin: d.memoryDynamicMin,
        memoryDynamicMax: d.memoryDynamicMax,
        disks,
        nics,
        ...(d.guestIps ? { guestIps: d.guestIps } : {}),
      };
      return JSON.stringify({ migration: state });
    },

    importState(vm, state) {
      sources.set(vm.id, state);
    },

    async prepareIncoming(task, vm, address) {
      const d0 = c.live(vm);
      if (d0.pid !== undefined) throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'device model', id: vm.id });
      const src = sources.get(vm.id);
      if (!src) throw failed(vm.id, 'the source sent no description of its QEMU');
      task.cancelPoint();
      // the destination's image of each disk, created at the source's size when it moves
      const moving: string[] = [];
      const pathOf = new Map<string, string>();
      for (const [name, s] of Object.entries(src.disks)) {
        const v = d0.vbds[name];
        if (!v?.backend) throw failed(vm.id, `disk ${name} has no image at the destination`);
        const path = diskFile(c.vdiDir(), v.backend);
        pathOf.set(name, path);
        if (path === s.path) continue;
        if (s.readOnly) throw failed(vm.id, `read-only disk ${name} cannot move`);
        moving.push(name);
        if (!existsSync(path)) {
          mkdirSync(dirname(path), { recursive: true });
          await exec('qemu-img', ['create', '-q', '-f', s.format, path, String(s.size)]).catch((e: Error) => {
            throw apiError('XENOPS_STORAGE_ERROR', { disk: v.backend?.[1] ?? name, reason: e.message });
          });
        }
      }
      const disks: DiskConfig[] = src.config.disks.map((k) => {
        const p = pathOf.get(k.id);
        if (k.kind === 'cdrom') {
          const at = d0.vbds[k.id]?.attached;
          return { ...k, ...(at ? { path: at } : {}) };
        }
        return p ? { ...k, path: p } : k;
      });
      // a UEFI guest's flash is this VM's own file here (its id may be a temporary one)
      const bootCfg: VmConfig['boot'] =
        src.config.boot.kind === 'uefi'
          ? {
              ...src.config.boot,
              varsPath: incomingNvram(c.ctx().stateDir, vm.id, c.caps().ovmfVarsTemplate),
            }
          : src.config.boot;
      const config: VmConfig = { ...src.config, disks, boot: bootCfg };
      // the same machine as the source: its QEMU uuid, config, vCPUs, memory and devices
      const d: DomainRecord = {
        ...d0,
        qemuUuid: src.config.uuid,
        config,
        restoreFrom: 'migration',
        built: true,
        vcpus: src.vcpus,
        memoryDynamicMin: src.memoryDynamicMin,
        memoryDynamicMax: src.memoryDynamicMax,
        vbds: { ...d0.vbds },
        vifs: { ...d0.vifs },
        guestIps: carriedGuestIps(src.guestIps),
      };
      for (const [name, s] of Object.entries(src.disks)) {
        const v = d.vbds[name];
        if (v) d.vbds[name] = { ...v, attached: pathOf.get(name), format: s.format, port: s.port };
      }
      for (const [name, n] of Object.entries(src.nics)) {
        const v = d.vifs[name];
        if (v) d.vifs[name] = { ...v, mac: n.mac, port: n.port };
      }
      c.put(d);
      const qmp = await c.startDeviceModel(task, vm, d);
      // devices hot-plugged at the source since its start, on the same ports
      const boot = config.vcpus.atStartup;
      const replay: QmpCall[] = src.vcpus > boot ? vcpuChange(config, c.caps(), boot, src.vcpus) : [];
      for (const [name, s] of Object.entries(src.disks)) {
        if (s.port === undefined) continue;
        // the destination's own VBD record says how the disk is throttled here
        const limits = ioLimitsOf(d.vbds[name]?.qos);
        const disk: DiskConfig = {
          id: name,
          kind: 'disk',
          path: pathOf.get(name) as string,
          mode: s.readOnly ? 'RO' : 'RW',
          format: s.format === 'qcow2' ? 'qcow2' : 'raw',
          ...(limits ? { qos: limits } : {}),
        };
        replay.push(...diskPlug(disk, s.port));
      }
      for (const n of Object.values(src.nics)) {
        if (n.port === undefined) continue;
        // on the host side this domain made for the VIF (its tap on the bridge, or user-mode)
        const nic: NicConfig = { devid: n.devid, mac: n.mac, backend: { kind: 'user', restrict: true } };
        replay.push(...nicPlug(restoredNic(d, nic), n.port));
      }
      await run(vm.id, qmp, replay);
      for (const v of Object.values(d.vbds)) if (v.port) v.inQemu = true;
      for (const v of Object.values(d.vifs)) if (v.port) v.inQemu = true;
      const memPort = await freePort(address);
      const uri = live.tcpUri(address, memPort);
      let targets: { name: string; uri: string }[] = [];
      if (moving.length > 0) {
        const nbdPort = await freePort(address);
        await run(vm.id, qmp, live.nbdExport(address, nbdPort, moving));
        targets = moving.map((name) => ({
          name,
          uri: live.nbdUri({ host: address, port: nbdPort, export: name }),
        }));
      }
      await run(vm.id, qmp, live.incoming(uri));
      incoming.set(vm.id, moving);
      sources.delete(vm.id);
      c.put(d);
      return { uri, disks: targets };
    },

    async send(task, vm, endpoint): Promise<MigrationStats> {
      const d = c.built(vm);
      const qmp = need(vm);
      if (d.shutdown !== undefined)
        throw apiError('XENOPS_BAD_POWER_STATE', { actual: 'Halted', expected: 'Running' });
      const t0 = Date.now();
      const mirrors = endpoint.disks.map((x) => ({ name: x.name, target: live.parseNbdUri(x.uri) }));
      const names = mirrors.map((m) => m.name);
      try {
        if (mirrors.length > 0) {
          await run(vm.id, qmp, live.mirrorStart(mirrors));
          const ids = new Set(live.mirrorJobIds(names));
          await poll(task, 3600, qmp, blockJobEvent, async () => {
            const jobs =
              await qmp.execute<{ device: string; ready: boolean; len: number; offset: number }[]>(
                'query-block-jobs',
              );
            const ours = jobs.filter((j) => ids.has(j.device));
            if (ours.length < ids.size) throw failed(vm.id, 'a disk mirror job ended early');
            const len = ours.reduce((n, j) => n + j.len, 0);
            if (len > 0) task.progress((0.5 * ours.reduce((n, j) => n + j.offset, 0)) / len);
            return ours.every((j) => j.ready) ? true : undefined;
          });
        }
        const base = mirrors.length > 0 ? 0.5 : 0;
        // from here the guest stops at some point: it is still reported running (it is, elsewhere)
        d.migratingOut = true;
        c.put(d);
        await run(vm.id, qmp, live.send(endpoint.uri));
        const info = await poll(task, 3600, qmp, migrationEnded, async () => {
          const i = await qmp.execute<MigrateInfo>('query-migrate');
          const outcome = migrationOutcome(i.status);
          if (outcome === 'failed') throw failed(vm.id, i['error-desc'] ?? `migration ${i.status ?? ''}`);
          if (outcome === 'completed') return i;
          if (i.ram && i.ram.total > 0)
            task.progress(base + (1 - base) * Math.min(1, i.ram.transferred / i.ram.total));
          return undefined;
        });
        // The stream is over but nothing is committed yet: a cancel that came meanwhile
        // still wins (the source guest resumes below), even if no progress was reported.
        task.progress(1);
        task.cancelPoint();
        await endMirrors(qmp, names);
        return {
          total_ms: info['total-time'] ?? Date.now() - t0,
          downtime_ms: info.downtime ?? 0,
          bytes: info.ram?.transferred ?? 0,
          disks_copied: names.length,
        };
      } catch (e) {
        await resumeSource(vm).catch(() => undefined);
        await endMirrors(qmp, names).catch(() => undefined);
        throw e;
      }
    },

    async awaitIncoming(task, vm, timeoutS) {
      if (c.live(vm).restoreFrom !== 'migration') throw failed(vm.id, 'no incoming migration');
      const qmp = need(vm);
      await poll(task, timeoutS, qmp, migrationEnded, async () => {
        const i = await qmp.execute<MigrateInfo>('query-migrate');
        const outcome = migrationOutcome(i.status);
        if (outcome === 'failed') throw failed(vm.id, i['error-desc'] ?? 'incoming migration failed');
        return outcome === 'completed' ? true : undefined;
      });
      await run(vm.id, qmp, live.nbdStop(incoming.get(vm.id) ?? []));
      incoming.delete(vm.id);
      // the run state follows the stream's end within moments, with no event of its own
      await poll(
        task,
        30,
        qmp,
        undefined,
        async () => {
          const st = await qmp.execute<{ status: string }>('query-status');
          return st.status === 'paused' || st.status === 'running' ? true : undefined;
        },
        1,
      );
      const d = c.live(vm);
      d.restoreFrom = undefined;
      c.put(d);
    },

    async abortOutgoing(_task, vm) {
      await resumeSource(vm);
    },

    rename(from, to) {
      const store = c.store();
      const d = store.domains.get(from);
      if (store.domains.has(to)) throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'domain', id: to });
      // synchronous like the rest: the ids swap with no instant in between
      const vars = renameNvram(c.ctx().stateDir, from, to);
      if (d) {
        store.delete(from);
        const boot = d.config?.boot;
        const config =
          d.config && boot?.kind === 'uefi' && vars !== undefined
            ? { ...d.config, boot: { ...boot, varsPath: vars } }
            : d.config;
        c.put({ ...d, vm: to, config });
      }
      const q = c.qmps.get(from);
      if (q) {
        c.qmps.delete(from);
        c.qmps.set(to, q);
      }
      if (c.stopping.delete(from)) c.stopping.add(to);
      for (const m of [sources, incoming] as Map<string, unknown>[]) {
        const v = m.get(from);
        if (v !== undefined) {
          m.delete(from);
          m.set(to, v);
        }
      }
    },
  };
}
