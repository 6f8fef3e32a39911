// The storage manager's vocabulary: volumes (the images behind VDIs), SR
// statistics, datapaths and the plugin interface each SR type implements.
// Everything here is keyed by UUIDs, never by database refs: the storage
// layer knows nothing of the XenAPI database.

/** A long operation's options: it stops (and undoes its effects) when `signal` aborts. */
export interface OpOptions {
  readonly signal?: AbortSignal;
  /** Called with values between 0 and 1 as the work proceeds. */
  readonly progress?: (fraction: number) => void;
}

export type ImageFormat = 'qcow2' | 'raw' | 'sim';

/** What a plugin knows about one volume. */
export interface Volume {
  readonly uuid: string;
  /** Size seen by the guest, in bytes. */
  readonly virtualSize: number;
  /** Space the volume itself uses on the SR (not its backing chain), in bytes. */
  readonly physicalUtilisation: number;
  readonly format: ImageFormat;
  /** The volume this one is an overlay on, if any. */
  readonly parent: string | undefined;
  /**
   * A base image kept only because other volumes are overlays on it: it has
   * no VDI a client manages (XenAPI `managed = false`).
   */
  readonly hidden: boolean;
  /** Where the volume lives inside the SR (its file name). */
  readonly location: string;
}

export interface SrStat {
  /** Total space, in bytes. */
  readonly physicalSize: number;
  /** Space in use, in bytes. */
  readonly physicalUtilisation: number;
}

/** How a hypervisor backend reaches an attached volume. */
export interface AttachInfo {
  /** An image file for `file` SRs; a `sim:` pseudo path for the simulated SR. */
  readonly path: string;
  readonly format: ImageFormat;
  readonly readWrite: boolean;
}

export type Provisioning = 'thin' | 'thick';

export interface CreateSpec {
  readonly virtualSize: number;
  /** Image format (`file` SRs): qcow2 unless raw is asked for. */
  readonly format?: 'qcow2' | 'raw';
  readonly provisioning?: Provisioning;
}

/** Where the data of a copy comes from: an image file, or only a size (simulated volumes). */
export interface CopySource {
  readonly virtualSize: number;
  /** Bytes of data the source holds, its whole chain flattened. */
  readonly allocated: number;
  readonly image: { readonly path: string; readonly format: ImageFormat } | undefined;
}

export interface CopyOptions extends OpOptions {
  /** Bytes per second; unlimited when absent. */
  readonly rateLimit?: number;
  /**
   * Format of a new volume (`file` SRs; qcow2 when absent). A memory image is
   * copied raw: the hypervisor reads it back as a plain byte stream.
   */
  readonly format?: 'qcow2' | 'raw';
}

/**
 * One attached SR, as its plugin drives it. Mutating calls are serialised
 * per SR by the manager, so a driver needs no locking of its own.
 */
export interface SrDriver {
  stat(): Promise<SrStat>;
  /** Every volume in the SR, hidden bases included (a scan). */
  list(): Promise<Volume[]>;
  create(spec: CreateSpec): Promise<Volume>;
  /** Delete a volume nothing is an overlay on. */
  destroy(uuid: string): Promise<void>;
  /** Mark a volume that others are overlays on as a hidden base. */
  hide(uuid: string): Promise<void>;
  /** Grow a volume (shrinking is refused by the manager). */
  resize(uuid: string, virtualSize: number): Promise<Volume>;
  /**
   * Turn a writable volume into a hidden read-only base with the volume
   * (same uuid, still writable) as an overlay on it; returns the base.
   */
  splitBase(uuid: string): Promise<Volume>;
  /** A new empty overlay on `parent`, which must never be written again. */
  overlay(parent: string): Promise<Volume>;
  /**
   * `splitBase` of a volume a hypervisor has open (a live snapshot): the
   * image it holds becomes the base without being copied or reopened, so the
   * hypervisor carries on reading and writing it until it switches to the
   * overlay now at the volume's place. Returns the base.
   */
  freeze(uuid: string): Promise<Volume>;
  /** Undo `freeze` before anything wrote to the overlay: the base becomes the volume again. */
  thaw(uuid: string, base: string): Promise<void>;
  /** Where a copy reads the volume from. */
  copySource(uuid: string): Promise<CopySource>;
  /**
   * Write `source`'s data into volume `into`, or into a new volume when
   * `into` is undefined. On abort or failure a new volume is removed.
   */
  copyIn(source: CopySource, into: string | undefined, opts: CopyOptions): Promise<Volume>;
  /** The path and format a hypervisor opens. */
  attachInfo(uuid: string, readWrite: boolean): Promise<AttachInfo>;
  /** Store the datapath table of the SR (restored by `loadDatapaths` after a restart). */
  saveDatapaths(table: DatapathTable): Promise<void>;
  loadDatapaths(): Promise<DatapathTable>;
}

/** Connection settings of an SR on a host (PBD.device_config). */
export type DeviceConfig = Readonly<Record<string, string>>;

export interface SrPlugin {
  /** SR type (`file`, `sim`). */
  readonly type: string;
  readonly description: string;
  /** SM.features: capability name → version. */
  readonly features: Readonly<Record<string, number>>;
  /** SM.configuration: device_config keys and their meaning. */
  readonly configuration: Readonly<Record<string, string>>;
  /** Initialise a new, empty SR with the given uuid. */
  create(uuid: string, config: DeviceConfig, opts: { physicalSize: number }): Promise<void>;
  /** Open an existing SR; refuses an SR with another uuid. */
  attach(uuid: string, config: DeviceConfig): Promise<SrDriver>;
  /** Remove an SR that holds no volumes any more. */
  destroy(uuid: string, config: DeviceConfig): Promise<void>;
  /** What is at `config`, touching nothing (SR.probe): each configuration, with the SR found there if any. */
  probe(config: DeviceConfig): Promise<ProbeFound[]>;
}

/** One result of a probe: a configuration SR.create could be given, and the SR already there. */
export interface ProbeFound {
  readonly configuration: Readonly<Record<string, string>>;
  readonly complete: boolean;
  readonly sr?: { readonly uuid: string; readonly totalSpace: number; readonly freeSpace: number };
}

export interface CloneOptions {
  /**
   * The source is never written (a snapshot or a read-only disk): the new
   * volume is an overlay on it directly, without splitting off a base.
   */
  readonly sourceImmutable?: boolean;
}

/** A live snapshot prepared by the storage, before the hypervisor switches. */
export interface LiveSnapshot {
  /** The new snapshot volume (an overlay on `base`, or on the volume itself when it is never written). */
  readonly snapshot: Volume;
  /** The frozen image the hypervisor still has open; absent when nothing needed freezing. */
  readonly base?: string;
  /**
   * Where the volume's image is now (a new overlay on `base`): what the
   * hypervisor switches to. Absent when it need not switch.
   */
  readonly attach?: AttachInfo;
}

/** Per-datapath state of a volume (daemons.md §5). */
export type DpState =
  | { readonly kind: 'attached'; readonly readWrite: boolean }
  | { readonly kind: 'activated'; readonly readWrite: boolean };

/** vdi uuid → datapath id → state. */
export type DatapathTable = Readonly<Record<string, Readonly<Record<string, DpState>>>>;

/** The storage manager: SMAPIv2-like, typed, keyed by SR and VDI uuids. */
export interface StorageManager {
  supportedTypes(): string[];
  plugin(type: string): SrPlugin | undefined;
  srCreate(sr: string, type: string, config: DeviceConfig, physicalSize: number): Promise<void>;
  srAttach(sr: string, type: string, config: DeviceConfig): Promise<void>;
  srDetach(sr: string): Promise<void>;
  srDestroy(sr: string, type: string, config: DeviceConfig): Promise<void>;
  srScan(sr: string): Promise<Volume[]>;
  srStat(sr: string): Promise<SrStat>;
  isAttached(sr: string): boolean;

  vdiCreate(sr: string, spec: CreateSpec): Promise<Volume>;
  /**
   * Delete a volume; one that others are overlays on becomes a hidden base
   * instead, and hidden bases left without overlays are deleted with it.
   */
  vdiDestroy(sr: string, vdi: string): Promise<void>;
  vdiResize(sr: string, vdi: string, virtualSize: number): Promise<Volume>;
  vdiSnapshot(sr: string, vdi: string, opts?: CloneOptions): Promise<Volume>;
  vdiClone(sr: string, vdi: string, opts?: CloneOptions): Promise<Volume>;
  /** Copy into a new volume of `destSr`, or into volume `into` of it. */
  vdiCopy(
    sr: string,
    vdi: string,
    destSr: string,
    into: string | undefined,
    opts: CopyOptions,
  ): Promise<Volume>;

  /**
   * The storage half of a live snapshot of a volume that datapaths hold:
   * freeze its image (see SrDriver.freeze) and make the snapshot, an overlay
   * on the frozen base. The hypervisor must then switch to `attach`, the
   * volume's new image; until it has, `liveSnapshotAbort` undoes all of it.
   */
  vdiLiveSnapshot(sr: string, vdi: string): Promise<LiveSnapshot>;
  /**
   * Undo a live snapshot: the snapshot goes, and unless the hypervisor has
   * switched to the new image (`switched`), the frozen base becomes the
   * volume again. Once switched, the chain stays (the data is the same).
   */
  vdiLiveSnapshotAbort(sr: string, vdi: string, live: LiveSnapshot, switched: boolean): Promise<void>;

  /**
   * With `exclusiveWrite`, a read-write attach is refused (VDI_IN_USE) while
   * another datapath holds the volume read-write (a disk that is not sharable).
   */
  attach(
    sr: string,
    vdi: string,
    dp: string,
    readWrite: boolean,
    opts?: { readonly exclusiveWrite?: boolean },
  ): Promise<AttachInfo>;
  activate(sr: string, vdi: string, dp: string): Promise<void>;
  deactivate(sr: string, vdi: string, dp: string): Promise<void>;
  detach(sr: string, vdi: string, dp: string): Promise<void>;
  /** The datapaths of a volume and their states. */
  datapaths(sr: string, vdi: string): Readonly<Record<string, DpState>>;
}
