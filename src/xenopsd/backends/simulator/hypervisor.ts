// The simulated hypervisor's memory: one JSON file per domain under the
// host directory, rewritten (tmp + rename) on every change. It plays the role
// of Xen, which outlives xenopsd: a restarted xenopsd finds the domains as they
// were. Files are loaded lazily, per VM, so an instance never even reads the
// domains of VMs it does not manage.
import {
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  openSync,
  closeSync,
  readdirSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { Disk, DeviceNumber, DomainActionRequest, LockingMode, StringMap } from '../../types.js';

export type GuestBehaviour = 'cooperative' | 'uncooperative';
export type ShutdownReason = 'poweroff' | 'halt' | 'reboot' | 'suspend' | 'crash';

export interface SimVbd {
  device_number: DeviceNumber;
  backend?: Disk;
  ty: 'CDROM' | 'Disk' | 'Floppy';
  unplugRequested: boolean;
}
export interface SimVif {
  position: number;
  carrier: boolean;
  locking_mode: LockingMode;
}
export interface SimPci {
  position: number;
}

/** A domain, or (domid null) just the record of a suspend image. */
export interface Domain {
  uuid: string;
  domid: number | null;
  hvm: boolean;
  paused: boolean;
  built: boolean;
  qemu: boolean;
  /** Set once the guest has shut down (the domain lingers until destroyed). */
  shutdown?: ShutdownReason;
  /** A shutdown the guest acknowledged and is carrying out. */
  pendingShutdown?: ShutdownReason;
  /** xenopsd's private marker, e.g. "reboot me if you find me" during a start. */
  actionRequest?: DomainActionRequest;
  suspendImage?: Disk;
  guest: GuestBehaviour;
  vcpus: number;
  vcpuMax: number;
  memoryStaticMax: number;
  memoryDynamicMin: number;
  memoryDynamicMax: number;
  shadowMultiplier: number;
  xsdata: StringMap;
  createTime: number;
  vbds: Record<string, SimVbd>;
  vifs: Record<string, SimVif>;
  pcis: Record<string, SimPci>;
}

/** What a suspend image holds: the guest, minus the domain. */
export type SavedImage = Pick<
  Domain,
  'uuid' | 'hvm' | 'guest' | 'vcpus' | 'vcpuMax' | 'memoryDynamicMin' | 'memoryDynamicMax' | 'xsdata'
> & {
  readonly format: 'xapi-ts-simulator-image/1';
  readonly savedAt: number;
};

export class Hypervisor {
  private readonly domains = new Map<string, Domain | null>();
  private readonly domainDir: string;
  private readonly domidDir: string;
  private readonly vdiDir: string;
  private nextDomid = 1;

  /** Domains are filed per xenopsd instance (a migrating VM briefly has one on each side). */
  constructor(
    readonly root: string,
    instance: string,
  ) {
    this.domainDir = join(root, 'domains', encodeURIComponent(instance));
    this.domidDir = join(root, 'domids');
    this.vdiDir = join(root, 'vdis');
    for (const d of [this.domainDir, this.domidDir, this.vdiDir]) mkdirSync(d, { recursive: true });
    for (const name of readdirSync(this.domidDir)) {
      const n = Number(name);
      if (Number.isInteger(n) && n >= this.nextDomid) this.nextDomid = n + 1;
    }
  }

  get(uuid: string): Domain | undefined {
    let d = this.domains.get(uuid);
    if (d === undefined) {
      d = this.load(uuid);
      this.domains.set(uuid, d);
    }
    return d ?? undefined;
  }

  /** Persist a changed domain (every mutation goes through here). */
  put(d: Domain): void {
    this.domains.set(d.uuid, d);
    const file = this.domainFile(d.uuid);
    writeFileSync(`${file}.tmp`, JSON.stringify(d));
    renameSync(`${file}.tmp`, file);
  }

  delete(uuid: string): void {
    this.domains.set(uuid, null);
    rmSync(this.domainFile(uuid), { force: true });
  }

  /** A domid no other domain on the host holds (shared between instances via O_EXCL files). */
  allocateDomid(): number {
    for (;;) {
      const n = this.nextDomid++;
      try {
        closeSync(openSync(join(this.domidDir, String(n)), 'wx'));
        return n;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
  }

  releaseDomid(n: number): void {
    rmSync(join(this.domidDir, String(n)), { force: true });
  }

  /** Where a disk's bytes live: a dom0 path, or a file standing in for the VDI. */
  diskPath(disk: Disk): string {
    if (disk[0] === 'Local') return disk[1];
    const safe = disk[1].split('/').map((p) => encodeURIComponent(p));
    return join(this.vdiDir, ...safe);
  }

  writeImage(disk: Disk, image: SavedImage): void {
    const path = this.diskPath(disk);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.tmp`, JSON.stringify(image));
    renameSync(`${path}.tmp`, path);
  }

  readImage(disk: Disk): SavedImage | undefined {
    try {
      const v = JSON.parse(readFileSync(this.diskPath(disk), 'utf8')) as SavedImage;
      return v.format === 'xapi-ts-simulator-image/1' ? v : undefined;
    } catch {
      return undefined;
    }
  }

  private domainFile(uuid: string): string {
    return join(this.domainDir, `${encodeURIComponent(uuid)}.json`);
  }

  private load(uuid: string): Domain | null {
    try {
      return JSON.parse(readFileSync(this.domainFile(uuid), 'utf8')) as Domain;
    } catch {
      return null;
    }
  }
}
