// The simulated hypervisor's memory: every domain of one xenopsd instance, kept
// in a journal under the host directory and appended to on every change. It
// plays the role of Xen, which outlives xenopsd: a restarted xenopsd finds the
// domains as they were. Each instance has its own journal, so an instance
// never even reads the domains of another; domids are unique on the host,
// handed out from blocks each instance reserves with an exclusive create.
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  writeFileSync,
  openSync,
  closeSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { Journal } from '../../journal.js';
import type {
  Disk,
  DeviceNumber,
  DomainActionRequest,
  LockingMode,
  Network,
  Qos,
  StringMap,
} from '../../types.js';

export type GuestBehaviour = 'cooperative' | 'uncooperative';
export type ShutdownReason = 'poweroff' | 'halt' | 'reboot' | 'suspend' | 'crash';

export interface SimVbd {
  device_number: DeviceNumber;
  backend?: Disk;
  ty: 'CDROM' | 'Disk' | 'Floppy';
  unplugRequested: boolean;
  /** How many live snapshots switched the disk onto a new overlay. */
  snapshots?: number;
  /** The I/O QoS in force (recorded: the simulated disk has no I/O to shape). */
  qos?: Qos;
}
export interface SimVif {
  position: number;
  carrier: boolean;
  locking_mode: LockingMode;
  /** The network the NIC's host side is on (absent in records written before VIF.move existed). */
  network?: Network;
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
  /** Stopped at the end of a live migration's stream; reported running until it is resumed or goes. */
  migratingOut?: boolean;
  guest: GuestBehaviour;
  vcpus: number;
  vcpuMax: number;
  memoryStaticMax: number;
  memoryDynamicMin: number;
  memoryDynamicMax: number;
  shadowMultiplier: number;
  /** The latest SysRq keys (`sysrq:<key>`) and triggers (`trigger:<name>`) delivered, oldest first. */
  signals?: string[];
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

const domidBlock = 256;
const maxDomid = 32752;

interface JournalRecord {
  readonly uuid: string;
  readonly domain: Domain | null;
}

export class Hypervisor {
  private readonly domains = new Map<string, Domain>();
  private readonly journal: Journal<JournalRecord>;
  private readonly domidDir: string;
  private readonly vdiDir: string;
  private readonly freeDomids: number[] = [];

  constructor(
    readonly root: string,
    private readonly instance: string,
  ) {
    const domainDir = join(root, 'domains');
    this.domidDir = join(root, 'domid-blocks');
    this.vdiDir = join(root, 'vdis');
    for (const d of [domainDir, this.domidDir, this.vdiDir]) mkdirSync(d, { recursive: true });
    this.journal = new Journal<JournalRecord>(
      join(domainDir, `${encodeURIComponent(instance)}.journal`),
      (r) => (r.domain ? this.domains.set(r.uuid, r.domain) : this.domains.delete(r.uuid)),
      () => [...this.domains].map(([uuid, domain]) => ({ uuid, domain })),
    );
    const used = new Set([...this.domains.values()].map((d) => d.domid));
    for (const block of readdirSync(this.domidDir)) {
      if (readFileSync(join(this.domidDir, block), 'utf8') !== instance) continue;
      this.addBlock(Number(block), used);
    }
  }

  get(uuid: string): Domain | undefined {
    return this.domains.get(uuid);
  }

  /** Record a changed domain (every mutation goes through here). */
  put(d: Domain): void {
    this.domains.set(d.uuid, d);
    this.journal.append({ uuid: d.uuid, domain: d });
  }

  delete(uuid: string): void {
    if (this.domains.delete(uuid)) this.journal.append({ uuid, domain: null });
  }

  private addBlock(k: number, used: ReadonlySet<number | null>): void {
    for (let n = Math.max(1, k * domidBlock); n < Math.min(maxDomid, (k + 1) * domidBlock); n++) {
      if (!used.has(n)) this.freeDomids.push(n);
    }
  }

  /** A domid no other domain on the host holds. */
  allocateDomid(): number {
    if (this.freeDomids.length === 0) {
      for (let k = 0; k * domidBlock < maxDomid; k++) {
        try {
          const fd = openSync(join(this.domidDir, String(k)), 'wx');
          writeSync(fd, this.instance);
          closeSync(fd);
          this.addBlock(k, new Set());
          break;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        }
      }
    }
    // First in, first out: like Xen, a domid just released is not handed out again at once.
    const n = this.freeDomids.shift();
    if (n === undefined) throw new Error('simulated hypervisor: out of domids');
    return n;
  }

  releaseDomid(n: number): void {
    this.freeDomids.push(n);
  }

  close(): void {
    this.journal.close();
  }

  /** Where a disk's bytes live: a dom0 path, or a file standing in for the VDI. */
  diskPath(disk: Disk): string {
    // A simulated SR's `sim:<sr>/<vdi>` pseudo path is a VDI like any other, kept here.
    if (disk[0] === 'Local' && !disk[1].startsWith('sim:')) return disk[1];
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
      // A copy of an image may be padded to whole sectors with zero bytes.
      const text = readFileSync(this.diskPath(disk), 'utf8').replace(/\0+$/, '');
      const v = JSON.parse(text) as SavedImage;
      return v.format === 'xapi-ts-simulator-image/1' ? v : undefined;
    } catch {
      return undefined;
    }
  }
}

/** The state of a guest that a save or a migration carries. */
export function imageOf(d: Domain): SavedImage {
  return {
    format: 'xapi-ts-simulator-image/1',
    uuid: d.uuid,
    hvm: d.hvm,
    guest: d.guest,
    vcpus: d.vcpus,
    vcpuMax: d.vcpuMax,
    memoryDynamicMin: d.memoryDynamicMin,
    memoryDynamicMax: d.memoryDynamicMax,
    xsdata: d.xsdata,
    savedAt: Date.now(),
  };
}
