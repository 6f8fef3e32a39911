// The `file` SR: a directory of `<vdi-uuid>.qcow2` or `<vdi-uuid>.raw` images
// driven by qemu-img. New images are thin (qcow2, or sparse raw) unless thick
// provisioning preallocates them. Snapshots and fast clones use backing files:
// the disk's current image becomes a hidden read-only base and both the disk
// (same uuid, still writable) and the snapshot are qcow2 overlays on it; a
// base is never written again and is deleted once no overlay uses it.
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statfsSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { open, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { apiError } from '../datamodel/api-error.js';
import {
  convertArgs,
  createArgs,
  infoArgs,
  measureArgs,
  parseInfo,
  parseMeasure,
  resizeArgs,
  runQemuImg,
  type ImageInfo,
  type QemuFormat,
} from './qemu-img.js';
import { sectorAlign } from './sizes.js';
import {
  checkOwner,
  DatapathFile,
  datapathFileOf,
  isDatapathFile,
  locationOf,
  MetaFile,
  metaPath,
  newMeta,
  probeDir,
  readDatapathFile,
  readMeta,
  type SrMeta,
} from './sidecar.js';
import type {
  AttachInfo,
  CopyOptions,
  CopySource,
  CreateSpec,
  DatapathTable,
  DeviceConfig,
  SrDriver,
  SrPlugin,
  SrStat,
  Volume,
} from './types.js';

interface FileVolMeta {
  hidden?: boolean;
  /** Set while this base is being split off the disk named (see splitBase). */
  splitOf?: string;
  /** Set while this base is being turned back into the disk named (see thaw). */
  thawOf?: string;
}

const IMAGE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(qcow2|raw)$/;

/** Free and total bytes of the filesystem holding `dir`. */
export function fsStat(dir: string): { size: number; used: number; free: number } {
  const s = statfsSync(dir);
  return { size: s.blocks * s.bsize, used: (s.blocks - s.bfree) * s.bsize, free: s.bavail * s.bsize };
}

/** What identifies one state of an image file: any write changes it. */
function fileStamp(path: string): string | undefined {
  try {
    const st = statSync(path);
    return `${st.ino}:${st.size}:${st.blocks}:${st.mtimeMs}:${st.ctimeMs}`;
  } catch {
    return undefined;
  }
}

/** What `qemu-img info` says of a raw image, from the file itself. */
function rawInfo(path: string): ImageInfo {
  try {
    const st = statSync(path);
    return { virtualSize: st.size, actualSize: st.blocks * 512, format: 'raw', backingFile: undefined };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw apiError('SR_BACKEND_FAILURE', { status: code, stdout: '', stderr: (e as Error).message });
  }
}

/** A sparse file of `size` bytes (a thin raw image), failing as qemu-img would. */
async function createSparse(path: string, size: number): Promise<void> {
  try {
    const f = await open(path, 'w');
    try {
      await f.truncate(size);
    } finally {
      await f.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw apiError('SR_BACKEND_FAILURE', { status: code, stdout: '', stderr: (e as Error).message });
  }
}

/** Partial copies are written under a name scans ignore, then renamed. */
const PART = /^\.[0-9a-f-]{36}\.part$/;

class FileSr implements SrDriver {
  /** qemu-img info results by file name, valid while the file's stamp is unchanged. */
  private readonly infos = new Map<string, { stamp: string; info: ImageInfo }>();

  constructor(
    private readonly dir: string,
    private readonly file: MetaFile<FileVolMeta>,
    /** A shared SR: this host's own datapath table, outside the SR's metadata file. */
    private readonly dpFile?: DatapathFile,
  ) {
    // Leftovers of copies a crash interrupted.
    for (const n of readdirSync(dir)) if (PART.test(n)) rmSync(join(dir, n), { force: true });
  }

  private async info(name: string): Promise<ImageInfo> {
    const path = join(this.dir, name);
    // A raw image is its file: no qemu-img process needed (and none probing its contents)
    if (name.endsWith('.raw')) return rawInfo(path);
    const stamp = fileStamp(path);
    const cached = this.infos.get(name);
    if (stamp !== undefined && cached?.stamp === stamp) return cached.info;
    const info = parseInfo(await runQemuImg(infoArgs(path)));
    if (stamp !== undefined && fileStamp(path) === stamp) this.infos.set(name, { stamp, info });
    return info;
  }

  private imageName(uuid: string): string | undefined {
    for (const ext of ['qcow2', 'raw'] as const) {
      if (existsSync(join(this.dir, `${uuid}.${ext}`))) return `${uuid}.${ext}`;
    }
    return undefined;
  }

  private async volume(name: string): Promise<Volume> {
    const m = IMAGE.exec(name);
    if (!m) throw new Error(`not an image name: ${name}`);
    const uuid = m[1] as string;
    const info = await this.info(name);
    const b = info.backingFile ? IMAGE.exec(info.backingFile) : null;
    return {
      uuid,
      virtualSize: info.virtualSize,
      physicalUtilisation: info.actualSize,
      format: m[2] as QemuFormat,
      parent: b ? b[1] : undefined,
      hidden: this.file.meta.volumes[uuid]?.hidden === true,
      location: name,
    };
  }

  private async get(uuid: string): Promise<Volume> {
    const name = this.imageName(uuid);
    if (!name) throw apiError('VDI_MISSING', { sr: this.file.meta.uuid, vdi: uuid });
    return this.volume(name);
  }

  async stat(): Promise<SrStat> {
    const fs = fsStat(this.dir);
    return { physicalSize: fs.size, physicalUtilisation: fs.used };
  }

  async list(): Promise<Volume[]> {
    const names = readdirSync(this.dir).filter((n) => IMAGE.test(n));
    for (const n of this.infos.keys()) if (!names.includes(n)) this.infos.delete(n);
    const vols = await Promise.all(names.map((n) => this.volume(n)));
    // Forget metadata of images that were removed behind our back.
    const present = new Set(vols.map((v) => v.uuid));
    const stale = Object.keys(this.file.meta.volumes).filter((u) => !present.has(u));
    if (stale.length) {
      for (const u of stale) delete this.file.meta.volumes[u];
      await this.file.save();
    }
    return vols.sort((a, b) => a.uuid.localeCompare(b.uuid));
  }

  async create(spec: CreateSpec): Promise<Volume> {
    const format = spec.format ?? 'qcow2';
    const size = sectorAlign(spec.virtualSize);
    const thick = spec.provisioning === 'thick';
    if (thick) {
      const free = fsStat(this.dir).free;
      if (size > free) throw apiError('SR_FULL', { requested: size, maximum: free });
    }
    const uuid = randomUUID();
    const path = join(this.dir, `${uuid}.${format}`);
    try {
      // a thin raw image is a sparse file of the size, as `qemu-img create -f raw` makes it
      if (format === 'raw' && !thick) await createSparse(path, size);
      else await runQemuImg(createArgs(path, format, size, { preallocate: thick }));
    } catch (e) {
      await rm(path, { force: true });
      throw e;
    }
    return this.get(uuid);
  }

  async destroy(uuid: string): Promise<void> {
    const name = this.imageName(uuid);
    if (name) await unlink(join(this.dir, name));
    delete this.file.meta.volumes[uuid];
    await this.file.save();
  }

  async hide(uuid: string): Promise<void> {
    await this.get(uuid);
    this.file.meta.volumes[uuid] = { ...this.file.meta.volumes[uuid], hidden: true };
    await this.file.save();
  }

  async resize(uuid: string, virtualSize: number): Promise<Volume> {
    const v = await this.get(uuid);
    await runQemuImg(
      resizeArgs(join(this.dir, v.location), v.format as QemuFormat, sectorAlign(virtualSize)),
    );
    return this.get(uuid);
  }

  /**
   * Crash-safe in every step: the overlay is made first under a temporary
   * name (backed by the base's future name), the metadata records the split,
   * then the image is renamed to the base and the overlay into place.
   * `recoverSplits` finishes or undoes a split a crash interrupted.
   */
  async splitBase(uuid: string): Promise<Volume> {
    const v = await this.get(uuid);
    const format = v.format as QemuFormat;
    const base = randomUUID();
    const baseName = `${base}.${format}`;
    const part = join(this.dir, `.${uuid}.part`);
    try {
      await runQemuImg(
        createArgs(part, 'qcow2', v.virtualSize, {
          backing: { file: baseName, format },
          backingMayBeAbsent: true,
        }),
      );
    } catch (e) {
      await rm(part, { force: true });
      throw e;
    }
    this.file.meta.volumes[base] = { hidden: true, splitOf: uuid };
    await this.file.save();
    await rename(join(this.dir, v.location), join(this.dir, baseName));
    await rename(part, join(this.dir, `${uuid}.qcow2`));
    this.file.meta.volumes[base] = { hidden: true };
    await this.file.save();
    return this.get(base);
  }

  /**
   * A split is made by renames only, so it is safe while a hypervisor has the
   * image open (it keeps its file descriptor on the renamed file).
   */
  freeze(uuid: string): Promise<Volume> {
    return this.splitBase(uuid);
  }

  /**
   * Crash-safe: the metadata records the undo first; a qcow2 base is renamed
   * over the overlay in one step, a raw one back to its name before the
   * overlay goes. `recoverSplits` finishes an undo a crash interrupted.
   */
  async thaw(uuid: string, base: string): Promise<void> {
    await this.get(base);
    this.file.meta.volumes[base] = { hidden: true, thawOf: uuid };
    await this.file.save();
    FileSr.finishThaw(this.dir, base, uuid);
    delete this.file.meta.volumes[base];
    await this.file.save();
  }

  private static finishThaw(dir: string, base: string, disk: string): void {
    for (const ext of ['qcow2', 'raw']) {
      const from = join(dir, `${base}.${ext}`);
      if (!existsSync(from)) continue;
      renameSync(from, join(dir, `${disk}.${ext}`));
      if (ext === 'raw') rmSync(join(dir, `${disk}.qcow2`), { force: true });
    }
  }

  /** Finish the splits a crash interrupted (see splitBase), or undo those that had not begun. */
  static recoverSplits(dir: string, meta: SrMeta<FileVolMeta>): boolean {
    let changed = false;
    for (const [base, m] of Object.entries(meta.volumes)) {
      if (m.thawOf !== undefined) {
        FileSr.finishThaw(dir, base, m.thawOf);
        if (existsSync(join(dir, `${m.thawOf}.raw`))) rmSync(join(dir, `${m.thawOf}.qcow2`), { force: true });
        delete meta.volumes[base];
        changed = true;
        continue;
      }
      const disk = m.splitOf;
      if (disk === undefined) continue;
      const baseFile = ['qcow2', 'raw'].map((e) => `${base}.${e}`).find((n) => existsSync(join(dir, n)));
      const part = join(dir, `.${disk}.part`);
      const diskFile = ['qcow2', 'raw'].map((e) => `${disk}.${e}`).find((n) => existsSync(join(dir, n)));
      if (baseFile === undefined) {
        // The image was never moved: the disk is as it was.
        rmSync(part, { force: true });
        delete meta.volumes[base];
      } else {
        if (diskFile === undefined && existsSync(part)) renameSync(part, join(dir, `${disk}.qcow2`));
        meta.volumes[base] = { hidden: true };
      }
      changed = true;
    }
    return changed;
  }

  async overlay(parent: string): Promise<Volume> {
    const p = await this.get(parent);
    const uuid = randomUUID();
    const path = join(this.dir, `${uuid}.qcow2`);
    try {
      // Without opening the base: a hypervisor may hold it locked (a live snapshot).
      await runQemuImg(
        createArgs(path, 'qcow2', p.virtualSize, {
          backing: { file: p.location, format: p.format as QemuFormat },
          backingMayBeAbsent: true,
        }),
      );
    } catch (e) {
      await rm(path, { force: true });
      throw e;
    }
    return this.get(uuid);
  }

  async copySource(uuid: string): Promise<CopySource> {
    const v = await this.get(uuid);
    const path = join(this.dir, v.location);
    const allocated = parseMeasure(await runQemuImg(measureArgs(path, v.format as QemuFormat)));
    return { virtualSize: v.virtualSize, allocated, image: { path, format: v.format } };
  }

  async copyIn(source: CopySource, into: string | undefined, opts: CopyOptions): Promise<Volume> {
    if (into !== undefined) {
      const t = await this.get(into);
      if (source.image)
        await this.convert(source, join(this.dir, t.location), t.format as QemuFormat, true, opts);
      opts.progress?.(1);
      return this.get(into);
    }
    const free = fsStat(this.dir).free;
    if (source.allocated > free) throw apiError('SR_FULL', { requested: source.allocated, maximum: free });
    const uuid = randomUUID();
    const part = join(this.dir, `.${uuid}.part`);
    const format = opts.format ?? 'qcow2';
    try {
      if (source.image && source.image.format !== 'sim')
        await this.convert(source, part, format, false, opts);
      else await runQemuImg(createArgs(part, format, sectorAlign(source.virtualSize)), opts);
      await rename(part, join(this.dir, `${uuid}.${format}`));
    } catch (e) {
      await rm(part, { force: true });
      throw e;
    }
    opts.progress?.(1);
    return this.get(uuid);
  }

  private async convert(
    source: CopySource,
    path: string,
    format: QemuFormat,
    existing: boolean,
    opts: CopyOptions,
  ): Promise<void> {
    const img = source.image;
    if (!img || img.format === 'sim') return;
    await runQemuImg(
      convertArgs(
        { path: img.path, format: img.format },
        { path, format },
        { existing, rateLimit: opts.rateLimit },
      ),
      opts,
    );
  }

  async attachInfo(uuid: string, readWrite: boolean): Promise<AttachInfo> {
    const v = await this.get(uuid);
    return { path: join(this.dir, v.location), format: v.format, readWrite };
  }

  async saveDatapaths(table: DatapathTable): Promise<void> {
    if (this.dpFile) return this.dpFile.save(table);
    this.file.meta.datapaths = table;
    await this.file.save();
  }

  async loadDatapaths(): Promise<DatapathTable> {
    return this.dpFile ? readDatapathFile(this.dpFile.path) : this.file.meta.datapaths;
  }
}

export const filePlugin: SrPlugin = {
  type: 'file',
  description: 'A directory of qcow2 or raw images, managed with qemu-img',
  features: {
    SR_PROBE: 1,
    SR_UPDATE: 1,
    VDI_CREATE: 1,
    VDI_DELETE: 1,
    VDI_ATTACH: 1,
    VDI_DETACH: 1,
    VDI_ACTIVATE: 1,
    VDI_DEACTIVATE: 1,
    VDI_RESIZE: 1,
    VDI_SNAPSHOT: 1,
    VDI_CLONE: 1,
    VDI_INTRODUCE: 1,
    VDI_UPDATE: 1,
    VDI_RESET_ON_BOOT: 2,
    THIN_PROVISIONING: 1,
  },
  configuration: { location: 'Absolute path of the directory holding the images' },

  async create(uuid: string, config: DeviceConfig): Promise<void> {
    const dir = locationOf(config);
    mkdirSync(dir, { recursive: true });
    const existing = readMeta(dir);
    if (existing) checkOwner(existing, uuid, 'file', dir);
    await new MetaFile(dir, existing ?? newMeta<FileVolMeta>(uuid, 'file')).save();
  },

  async attach(uuid: string, config: DeviceConfig): Promise<SrDriver> {
    const dir = locationOf(config);
    if (!existsSync(dir)) {
      throw apiError('SR_BACKEND_FAILURE', { status: 'ENOENT', stdout: '', stderr: `${dir} does not exist` });
    }
    const meta = readMeta<FileVolMeta>(dir);
    checkOwner(meta, uuid, 'file', dir);
    const file = new MetaFile(dir, meta ?? newMeta<FileVolMeta>(uuid, 'file'));
    if (!meta || FileSr.recoverSplits(dir, file.meta)) await file.save();
    const dpPath = datapathFileOf(dir, config);
    return new FileSr(dir, file, dpPath === undefined ? undefined : new DatapathFile(dpPath));
  },

  async probe(config: DeviceConfig) {
    return probeDir(config, 'file', async (dir) => {
      const fs = fsStat(dir);
      return { total: fs.size, free: fs.free };
    });
  },

  async destroy(uuid: string, config: DeviceConfig): Promise<void> {
    const dir = locationOf(config);
    if (!existsSync(dir)) return;
    checkOwner(readMeta(dir), uuid, 'file', dir);
    if (readdirSync(dir).some((n) => IMAGE.test(n))) throw apiError('SR_NOT_EMPTY', {});
    if (existsSync(metaPath(dir))) unlinkSync(metaPath(dir));
    for (const n of readdirSync(dir)) if (isDatapathFile(n)) unlinkSync(join(dir, n));
    try {
      rmdirSync(dir);
    } catch {
      // Other files of the administrator's stay, with the directory.
    }
  },
};
