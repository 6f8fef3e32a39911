// Devices, guest-side debug triggers and statistics of the QEMU backend. Disks with
// an image file and NICs (backend-vifs.ts) are real QEMU devices: on the command line
// when plugged before the device model starts, hot-plugged on a spare PCIe root port
// after. CD-ROM drives exist in QEMU only when plugged before the start
// (q35's AHCI has no hotplug); media changes reach QEMU for those.
import { statSync } from 'node:fs';
import { apiError } from '../../../datamodel/api-error.js';
import type { DebugBackend, StatsBackend, TaskHandle, VbdBackend, VifBackend } from '../api.js';
import type { DeviceNumber, Vbd, Vm, VmStats } from '../../types.js';
import type { DomainRecord } from './domains.js';
import { vifsOf } from './backend-vifs.js';
import {
  cdromEject,
  cdromInsert,
  diskPlug,
  diskSetQos,
  diskUnplug,
  type QmpCall,
  type Unplug,
} from './hotplug.js';
import { ioLimitsOf } from './disk-qos.js';
import { snapshotVbd, unplugWithOverlays } from './block-snapshot.js';
import { resizeVbd } from './block-resize.js';
import { portLayout } from './names.js';
import type { QmpClient } from './qmp.js';
import { SerialConsole } from './serial.js';
import { runPaths } from './argv.js';
import { threadCpuNs } from './runtime.js';
import { diskFile, diskSerial } from './vm-config.js';
import type { QemuContext } from './backend-context.js';

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

export async function run(vm: string, qmp: QmpClient, calls: readonly QmpCall[]): Promise<void> {
  for (const call of calls) {
    try {
      await qmp.execute(call.execute, call.arguments as Record<string, unknown>);
    } catch (e) {
      throw apiError('INTERNAL_ERROR', { message: `QEMU of VM ${vm}: ${(e as Error).message}` });
    }
  }
}

/**
 * device_del, the guest's acknowledgement (DEVICE_DELETED), then the backend objects.
 * Only asked of a guest that can answer (see guestAnswers).
 */
export async function unplugDevice(vm: string, qmp: QmpClient, u: Unplug, task: TaskHandle): Promise<void> {
  const deleted = qmp.waitForEvent((e) => e.event === 'DEVICE_DELETED' && e.data.device === u.device, {
    timeoutMs: 30_000,
    signal: task.signal,
  });
  deleted.catch(() => {});
  await run(vm, qmp, [u.request]);
  try {
    await deleted;
  } catch {
    throw apiError('XENOPS_TIMEOUT', { operation: `unplug ${u.device}`, seconds: 30 });
  }
  await run(vm, qmp, u.cleanup);
}

/**
 * Whether a hot-unplug can be asked of the guest: not once it has shut down, nor while
 * its state is elsewhere (migrated out, or still to be loaded), nor — when forced, as
 * in a hard shutdown — while it is paused: it could not answer, so the device is only
 * forgotten and goes with the QEMU.
 */
export async function guestAnswers(d: DomainRecord, qmp: QmpClient, force: boolean): Promise<boolean> {
  if (d.shutdown !== undefined || d.migratingOut || d.restoreFrom !== undefined) return false;
  if (!force) return true;
  const st = await qmp.execute<{ status: string }>('query-status').catch(() => undefined);
  return st?.status === 'running';
}

export function devicesOf(c: QemuContext): {
  vbd: VbdBackend;
  vif: VifBackend;
  debug: DebugBackend;
  stats: StatsBackend;
} {
  const freePort = (d: DomainRecord): string => {
    if (!d.config) throw apiError('XENOPS_DOMAIN_NOT_BUILT', { vm: d.vm });
    const used = new Set([
      ...Object.values(d.vbds).map((v) => v.port),
      ...Object.values(d.vifs).map((v) => v.port),
    ]);
    const port = portLayout(d.config).spare.find((p) => !used.has(p));
    if (!port)
      throw apiError('XENOPS_NOT_SUPPORTED', {
        backend: 'qemu',
        operation: 'hotplug (no free PCIe root port)',
      });
    return port;
  };

  const nextDeviceNumber = (d: DomainRecord, vbd: Vbd): DeviceNumber => {
    const used = new Set(Object.values(d.vbds).map((v) => v.device_number.join(':')));
    if (vbd.position) {
      if (used.has(vbd.position.join(':')))
        throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'VBD position', id: vbd.position.join(':') });
      return vbd.position;
    }
    for (let n = 0; ; n++) if (!used.has(`Xen:${n}:0`)) return ['Xen', n, 0];
  };

  const plugged = (vm: Vm, kind: 'VBD' | 'VIF', name: string) => {
    const d = c.live(vm);
    const p = kind === 'VBD' ? d.vbds[name] : d.vifs[name];
    if (!p) throw apiError('XENOPS_DEVICE_NOT_CONNECTED', { kind, id: name });
    return d;
  };

  const vbd: VbdBackend = {
    async plug(task, vm, v) {
      const d = c.live(vm);
      const name = v.id[1];
      if (d.vbds[name]) throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'VBD', id: name });
      const device_number = nextDeviceNumber(d, v);
      const cdrom = v.ty === 'CDROM';
      const file = v.backend ? diskFile(c.vdiDir(), v.backend) : undefined;
      const readOnly = cdrom || v.mode === 'ReadOnly';
      const attached = file !== undefined && isFile(file) ? file : undefined;
      const format = v.extra_backend_keys['format'] === 'qcow2' ? 'qcow2' : 'raw';
      const limits = ioLimitsOf(v.qos);
      if (cdrom && limits && Object.keys(limits).length > 0)
        throw apiError('VALUE_NOT_SUPPORTED', {
          field: 'VBD.qos_algorithm_type',
          value: 'throttle',
          reason: 'CD drives are not throttled',
        });
      const qmp = c.qmpOf(vm);
      let port: string | undefined;
      let inQemu = false;
      task.cancelPoint();
      if (qmp && !cdrom && attached) {
        port = freePort(d);
        await run(
          vm.id,
          qmp,
          diskPlug(
            {
              id: name,
              kind: 'disk',
              path: attached,
              mode: readOnly ? 'RO' : 'RW',
              format,
              ...diskSerial(name),
              ...(limits ? { qos: limits } : {}),
            },
            port,
          ),
        );
        inQemu = true;
      }
      d.vbds[name] = {
        device_number,
        backend: v.backend,
        cdrom,
        readOnly,
        attached,
        format,
        inQemu,
        port,
        ...(v.qos ? { qos: v.qos } : {}),
      };
      c.put(d);
    },
    async unplug(task, vm, v, force) {
      const name = v.id[1];
      const d = plugged(vm, 'VBD', name);
      const p = d.vbds[name];
      const qmp = c.qmpOf(vm);
      // a domain that has shut down keeps its devices until it is destroyed: forget them only
      if (p && qmp && p.inQemu && !p.cdrom && p.attached && (await guestAnswers(d, qmp, force))) {
        if (await c.restartUnstarted(task, vm, d, () => delete d.vbds[name])) return;
        const u = diskUnplug({ id: name, kind: 'disk', mode: 'RO' });
        await unplugDevice(vm.id, qmp, await unplugWithOverlays(qmp, name, u), task);
      }
      delete d.vbds[name];
      c.put(d);
    },
    async getState(vm, v) {
      const p = c.record(vm.id)?.vbds[v.id[1]];
      return p
        ? { plugged: true, device_number: p.device_number, backend_present: p.backend }
        : { plugged: false };
    },
    async getDeviceActionRequest() {
      return undefined;
    },
    async insert(_task, vm, v, disk) {
      const name = v.id[1];
      const d = plugged(vm, 'VBD', name);
      const p = d.vbds[name];
      if (!p) return;
      if (!p.cdrom) throw apiError('XENOPS_MEDIA_NOT_EJECTABLE', { vbd: name });
      if (p.backend) throw apiError('XENOPS_MEDIA_PRESENT', { vbd: name });
      const file = diskFile(c.vdiDir(), disk);
      const qmp = c.qmpOf(vm);
      if (qmp && p.inQemu) {
        if (!isFile(file)) throw apiError('XENOPS_STORAGE_ERROR', { disk: disk[1], reason: 'no such image' });
        await run(vm.id, qmp, [cdromInsert({ id: name, kind: 'cdrom', mode: 'RO' }, file)]);
      }
      p.backend = disk;
      p.attached = isFile(file) ? file : undefined;
      c.put(d);
    },
    snapshot: (task, vm, v, overlay, format) => snapshotVbd(c, task, vm, v, overlay, format),
    resize: (_task, vm, v, size) => resizeVbd(c, vm, v, size),
    async setQos(_task, vm, v, qos) {
      const name = v.id[1];
      const d = plugged(vm, 'VBD', name);
      const p = d.vbds[name];
      if (!p) return;
      const limits = ioLimitsOf(qos);
      if (p.cdrom && limits && Object.keys(limits).length > 0)
        throw apiError('VALUE_NOT_SUPPORTED', {
          field: 'VBD.qos_algorithm_type',
          value: 'throttle',
          reason: 'CD drives are not throttled',
        });
      const qmp = c.qmpOf(vm);
      if (qmp && p.inQemu && !p.cdrom) await run(vm.id, qmp, [diskSetQos({ id: name }, limits ?? {})]);
      p.qos = qos;
      c.put(d);
    },
    async appliedQos(vm, v) {
      return c.record(vm.id)?.vbds[v.id[1]]?.qos;
    },
    async eject(_task, vm, v) {
      const name = v.id[1];
      const d = plugged(vm, 'VBD', name);
      const p = d.vbds[name];
      if (!p) return;
      if (!p.cdrom) throw apiError('XENOPS_MEDIA_NOT_EJECTABLE', { vbd: name });
      if (!p.backend) throw apiError('XENOPS_MEDIA_NOT_PRESENT', { vbd: name });
      const qmp = c.qmpOf(vm);
      if (qmp && p.inQemu) await run(vm.id, qmp, [cdromEject({ id: name, kind: 'cdrom', mode: 'RO' })]);
      p.backend = undefined;
      p.attached = undefined;
      c.put(d);
    },
  };

  const vif = vifsOf(c, { freePort, plugged, run, unplugDevice, guestAnswers });

  /** Guest commands typed on the test guest's serial root shell: a real guest-initiated event. */
  const guestCommands: Record<string, string> = {
    poweroff: 'poweroff',
    halt: 'poweroff',
    reboot: 'reboot',
    crash: 'echo c > /proc/sysrq-trigger',
  };

  const debug: DebugBackend = {
    async trigger(command, args) {
      const line = guestCommands[command];
      if (line === undefined) throw apiError('XENOPS_UNKNOWN_DEBUG_COMMAND', { command });
      const id = args[0];
      if (id === undefined) throw apiError('INVALID_VALUE', { field: `${command} argument 1`, value: '' });
      if (!c.ctx().isManaged(id)) throw apiError('XENOPS_DOES_NOT_EXIST', { kind: 'VM', id });
      const d = c.record(id);
      const serial = d?.config ? runPaths({ ...d.config, runDir: c.runDir(d) }).serial : undefined;
      if (!d || d.pid === undefined || !serial)
        throw apiError('XENOPS_BAD_POWER_STATE', { actual: 'Halted', expected: 'Running' });
      const con = await SerialConsole.connect(serial, { timeoutMs: 5000 });
      try {
        // wait for the shell (the guest may still be booting), then type the command
        const deadline = Date.now() + 90_000;
        for (;;) {
          const from = con.output.length;
          con.write('\n');
          const ok = await con.waitFor('guest# ', { from, timeoutMs: 2000 }).then(
            () => true,
            () => false,
          );
          if (ok) break;
          if (Date.now() > deadline)
            throw apiError('XENOPS_TIMEOUT', { operation: 'waiting for the guest shell', seconds: 90 });
        }
        con.write(`${line}\n`);
        const task: TaskHandle = {
          id: 'debug',
          signal: new AbortController().signal,
          progress: () => {},
          cancelPoint: () => {},
          prohibitCancellation: () => {},
        };
        if (!(await c.waitUntil(() => c.record(id)?.shutdown !== undefined, 60, task)))
          throw apiError('XENOPS_TIMEOUT', { operation: `guest ${command}`, seconds: 60 });
      } finally {
        con.close();
      }
    },
  };

  const stats: StatsBackend = {
    async vm(vm): Promise<VmStats | undefined> {
      const d = c.record(vm.id);
      if (!d) return undefined;
      const qmp = c.qmpOf(vm);
      let vcpu_time_ns: number[] = Array.from({ length: d.vcpus }, () => 0);
      let memory_actual = d.memoryDynamicMax;
      const vbds: { name: string; read_bytes: number; write_bytes: number }[] = [];
      if (qmp && d.pid !== undefined) {
        const pid = d.pid;
        const cpusFast = await qmp
          .execute<{ 'thread-id': number }[]>('query-cpus-fast', {}, { timeoutMs: 5000 })
          .catch(() => []);
        if (cpusFast.length > 0) vcpu_time_ns = cpusFast.map((x) => threadCpuNs(pid, x['thread-id']));
        const b = await qmp
          .execute<{ actual: number }>('query-balloon', {}, { timeoutMs: 5000 })
          .catch(() => undefined);
        if (b) memory_actual = b.actual;
        const bs = await qmp
          .execute<{ qdev?: string; stats: { rd_bytes: number; wr_bytes: number } }[]>(
            'query-blockstats',
            {},
            { timeoutMs: 5000 },
          )
          .catch(() => []);
        for (const s of bs) {
          const name = /vbd-([^/]+)/.exec(s.qdev ?? '')?.[1];
          if (name && d.vbds[name])
            vbds.push({ name, read_bytes: s.stats.rd_bytes, write_bytes: s.stats.wr_bytes });
        }
      }
      return {
        vm: vm.id,
        domid: d.domid,
        vcpu_time_ns,
        memory_actual,
        memory_internal_free: 0,
        vbds,
        vifs: [],
      };
    },
  };

  return { vbd, vif, debug, stats };
}
