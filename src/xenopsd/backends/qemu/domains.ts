// What the QEMU backend remembers about each domain, on disk so that a restarted
// xenopsd finds its domains as they were: one JSON file per VM in the instance's
// state directory, and a host-wide domain-number counter (a stable domid per domain,
// unique across every xenopsd instance sharing the host directory).
import { createHash } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { DeviceNumber, Disk, DomainActionRequest, LockingMode, Qos } from '../../types.js';
import type { VmConfig } from './config.js';
import type { GuestIps } from './guest-agent.js';
import type { CpuQos } from './cgroup-plan.js';

export type ShutdownReason = 'poweroff' | 'reboot' | 'suspend' | 'crash';

export interface VbdRecord {
  readonly device_number: DeviceNumber;
  backend?: Disk | undefined;
  readonly cdrom: boolean;
  readonly readOnly: boolean;
  /** The image file behind it (on the command line or hot-plugged), if it has one. */
  attached?: string | undefined;
  /** Its image format (`qcow2`, `raw`), as the storage manager said in the VBD's backend keys. */
  format?: string | undefined;
  /** The drive exists in the running QEMU (cold-plugged, or hot-plugged). */
  inQemu: boolean;
  /** PCIe root port of a hot-plugged disk. */
  port?: string | undefined;
  /** The disk's I/O QoS (throttling; xenops' Vbd.qos), applied while it is in QEMU. */
  qos?: Qos | undefined;
}

export interface VifRecord {
  readonly position: number;
  readonly mac: string;
  carrier: boolean;
  locking_mode: LockingMode;
  /** The NIC exists in the running QEMU. */
  inQemu: boolean;
  port?: string | undefined;
  /** The host tap and Linux bridge xenopsd made for it; absent: QEMU's user-mode network. */
  tap?: string | undefined;
  bridge?: string | undefined;
  mtu?: number | undefined;
  /** The XenAPI network (bridge name) it is on (absent in records made before VIF.move). */
  network?: string | undefined;
}

export interface DomainRecord {
  readonly vm: string;
  /** The UUID QEMU is started with (the VM id when it is one, else derived from it). */
  readonly qemuUuid: string;
  readonly domid: number;
  readonly createTime: number;
  built: boolean;
  /** The QEMU process, once the device model has been started. */
  pid?: number | undefined;
  /** The config QEMU was started with (needed to hot-plug and to restore alike). */
  config?: VmConfig | undefined;
  actionRequest?: DomainActionRequest | undefined;
  shutdown?: ShutdownReason | undefined;
  /** Set by restore: the device model starts from this image. */
  restoreFrom?: string | undefined;
  vcpus: number;
  readonly vcpuMax: number;
  readonly memoryStaticMax: number;
  memoryDynamicMin: number;
  memoryDynamicMax: number;
  readonly vbds: Record<string, VbdRecord>;
  readonly vifs: Record<string, VifRecord>;
  /** vCPU QoS (VCPUs_params weight and cap), applied through the QEMU's cgroup. */
  qos?: CpuQos | undefined;
  /** Stopped at the end of an outgoing live migration: reported running until resumed or destroyed. */
  migratingOut?: boolean | undefined;
  /** Where the domain's suspend image lies while it is suspended (no domid then). */
  suspendImage?: Disk | undefined;
  /** The guest's reported addresses by interface (guest-agent.ts). */
  guestIps?: GuestIps | undefined;
}

/** A VM's record once its domain is gone but its suspend image remains. */
export interface SuspendedRecord {
  readonly vm: string;
  readonly suspendImage: Disk;
  readonly vcpus: number;
  /** The config the saved QEMU ran with: the resumed one must have the same devices. */
  readonly config?: VmConfig | undefined;
  /** The guest's addresses when it was saved: a resumed guest does not report them again. */
  readonly guestIps?: GuestIps | undefined;
}

export function qemuUuidOf(vmId: string): string {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(vmId)) return vmId.toLowerCase();
  const h = createHash('sha1').update(`xenopsd-vm:${vmId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class DomainStore {
  readonly domains = new Map<string, DomainRecord>();
  readonly suspended = new Map<string, SuspendedRecord>();
  private readonly dir: string;

  constructor(
    stateDir: string,
    private readonly hostDir: string,
  ) {
    this.dir = join(stateDir, 'qemu-domains');
    mkdirSync(this.dir, { recursive: true });
    for (const f of readdirSync(this.dir)) {
      if (!f.endsWith('.json')) continue;
      try {
        const v = JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as
          { kind: 'domain'; record: DomainRecord } | { kind: 'suspended'; record: SuspendedRecord };
        if (v.kind === 'domain') this.domains.set(v.record.vm, v.record);
        else this.suspended.set(v.record.vm, v.record);
      } catch {
        // a torn write of a record being replaced: the rename never happened, ignore
      }
    }
  }

  private file(vm: string): string {
    return join(this.dir, `${encodeURIComponent(vm)}.json`);
  }

  private write(vm: string, content: unknown): void {
    const f = this.file(vm);
    writeFileSync(`${f}.tmp`, JSON.stringify(content));
    renameSync(`${f}.tmp`, f);
  }

  put(d: DomainRecord): void {
    this.domains.set(d.vm, d);
    this.suspended.delete(d.vm);
    this.write(d.vm, { kind: 'domain', record: d });
  }

  putSuspended(s: SuspendedRecord): void {
    this.domains.delete(s.vm);
    this.suspended.set(s.vm, s);
    this.write(s.vm, { kind: 'suspended', record: s });
  }

  delete(vm: string): void {
    this.domains.delete(vm);
    this.suspended.delete(vm);
    rmSync(this.file(vm), { force: true });
  }

  /** A domain number no other domain on the host has had since the host directory was made. */
  allocateDomid(): number {
    mkdirSync(this.hostDir, { recursive: true });
    const counter = join(this.hostDir, 'qemu-next-domid');
    const lock = `${counter}.lock`;
    // a short exclusive section across processes: O_EXCL on the lock file
    for (let tries = 0; ; tries++) {
      try {
        closeSync(openSync(lock, 'wx'));
        break;
      } catch {
        if (tries > 1000) rmSync(lock, { force: true });
      }
    }
    try {
      let next = 1;
      try {
        next = Number(readFileSync(counter, 'utf8')) || 1;
      } catch {
        // first domain on this host
      }
      writeFileSync(`${counter}.tmp`, String(next + 1));
      renameSync(`${counter}.tmp`, counter);
      return next;
    } finally {
      rmSync(lock, { force: true });
    }
  }
}
