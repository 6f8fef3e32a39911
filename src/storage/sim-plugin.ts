// The simulated SR (`sim`), for the simulator backend and machines without
// QEMU: the same semantics as the `file` SR — thin or thick volumes, hidden
// bases under snapshots and clones, copies with progress — but only metadata
// (sizes and chains) kept in the SR directory's metadata file, no image data.
// Volumes use no space until something is copied into them; a thick volume
// uses its whole size. Copies proceed at the rate asked for (instantly
// without one), reporting progress and stopping when aborted.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmdirSync, unlinkSync } from 'node:fs';
import { apiError } from '../datamodel/api-error.js';
import { checkOwner, locationOf, MetaFile, metaPath, newMeta, probeDir, readMeta } from './sidecar.js';
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
import { sectorAlign } from './sizes.js';

interface SimVolMeta {
  virtualSize: number;
  physicalUtilisation: number;
  parent?: string;
  hidden?: boolean;
  /** Fully allocated at creation, and when grown. */
  thick?: boolean;
}

/** The size of a simulated SR created without one. */
export const DEFAULT_SIM_SIZE = 1024 ** 4;

const TICK_MS = 20;

class SimSr implements SrDriver {
  constructor(private readonly file: MetaFile<SimVolMeta>) {}

  private get vols(): Record<string, SimVolMeta> {
    return this.file.meta.volumes;
  }

  private volume(uuid: string): Volume {
    const m = this.vols[uuid];
    if (!m) throw apiError('VDI_MISSING', { sr: this.file.meta.uuid, vdi: uuid });
    return {
      uuid,
      virtualSize: m.virtualSize,
      physicalUtilisation: m.physicalUtilisation,
      format: 'sim',
      parent: m.parent,
      hidden: m.hidden === true,
      location: uuid,
    };
  }

  private used(): number {
    return Object.values(this.vols).reduce((n, v) => n + v.physicalUtilisation, 0);
  }

  private free(): number {
    return Math.max(0, (this.file.meta.physicalSize ?? DEFAULT_SIM_SIZE) - this.used());
  }

  private async add(meta: SimVolMeta): Promise<Volume> {
    const uuid = randomUUID();
    this.vols[uuid] = meta;
    await this.file.save();
    return this.volume(uuid);
  }

  async stat(): Promise<SrStat> {
    return {
      physicalSize: this.file.meta.physicalSize ?? DEFAULT_SIM_SIZE,
      physicalUtilisation: this.used(),
    };
  }

  async list(): Promise<Volume[]> {
    return Object.keys(this.vols)
      .sort()
      .map((u) => this.volume(u));
  }

  async create(spec: CreateSpec): Promise<Volume> {
    const size = sectorAlign(spec.virtualSize);
    const thick = spec.provisioning === 'thick';
    if (thick && size > this.free()) throw apiError('SR_FULL', { requested: size, maximum: this.free() });
    return this.add({
      virtualSize: size,
      physicalUtilisation: thick ? size : 0,
      ...(thick ? { thick } : {}),
    });
  }

  async destroy(uuid: string): Promise<void> {
    delete this.vols[uuid];
    await this.file.save();
  }

  async hide(uuid: string): Promise<void> {
    this.volume(uuid);
    this.vols[uuid] = { ...(this.vols[uuid] as SimVolMeta), hidden: true };
    await this.file.save();
  }

  async resize(uuid: string, virtualSize: number): Promise<Volume> {
    this.volume(uuid);
    const m = this.vols[uuid] as SimVolMeta;
    const size = sectorAlign(virtualSize);
    const thick = m.thick === true;
    if (thick && size - m.physicalUtilisation > this.free()) {
      throw apiError('SR_FULL', { requested: size - m.physicalUtilisation, maximum: this.free() });
    }
    this.vols[uuid] = { ...m, virtualSize: size, ...(thick ? { physicalUtilisation: size } : {}) };
    await this.file.save();
    return this.volume(uuid);
  }

  async splitBase(uuid: string): Promise<Volume> {
    const m = this.volume(uuid);
    const base = randomUUID();
    const old = this.vols[uuid] as SimVolMeta;
    this.vols[base] = { ...old, hidden: true };
    // The overlay starts empty; a thick disk stays thick only in its base.
    this.vols[uuid] = { virtualSize: m.virtualSize, physicalUtilisation: 0, parent: base };
    await this.file.save();
    return this.volume(base);
  }

  /** Nothing of a simulated volume is open anywhere: a split is all it takes. */
  freeze(uuid: string): Promise<Volume> {
    return this.splitBase(uuid);
  }

  async thaw(uuid: string, base: string): Promise<void> {
    this.volume(base);
    const { hidden: _hidden, ...meta } = this.vols[base] as SimVolMeta;
    this.vols[uuid] = meta;
    delete this.vols[base];
    await this.file.save();
  }

  async overlay(parent: string): Promise<Volume> {
    const p = this.volume(parent);
    return this.add({ virtualSize: p.virtualSize, physicalUtilisation: 0, parent });
  }

  async copySource(uuid: string): Promise<CopySource> {
    const v = this.volume(uuid);
    let allocated = 0;
    for (let p: string | undefined = uuid; p !== undefined; p = this.vols[p]?.parent) {
      allocated += this.vols[p]?.physicalUtilisation ?? 0;
    }
    return { virtualSize: v.virtualSize, allocated: Math.min(allocated, v.virtualSize), image: undefined };
  }

  async copyIn(source: CopySource, into: string | undefined, opts: CopyOptions): Promise<Volume> {
    const target = into === undefined ? undefined : this.volume(into);
    const needed = target ? Math.max(0, source.allocated - target.physicalUtilisation) : source.allocated;
    if (needed > this.free()) throw apiError('SR_FULL', { requested: needed, maximum: this.free() });
    await transfer(source.virtualSize, opts);
    if (target) {
      const m = this.vols[target.uuid] as SimVolMeta;
      const phys = Math.min(m.virtualSize, Math.max(m.physicalUtilisation, source.allocated));
      this.vols[target.uuid] = { ...m, physicalUtilisation: phys };
      await this.file.save();
      return this.volume(target.uuid);
    }
    return this.add({ virtualSize: source.virtualSize, physicalUtilisation: source.allocated });
  }

  async attachInfo(uuid: string, readWrite: boolean): Promise<AttachInfo> {
    this.volume(uuid);
    return { path: `sim:${this.file.meta.uuid}/${uuid}`, format: 'sim', readWrite };
  }

  async saveDatapaths(table: DatapathTable): Promise<void> {
    this.file.meta.datapaths = table;
    await this.file.save();
  }

  async loadDatapaths(): Promise<DatapathTable> {
    return this.file.meta.datapaths;
  }
}

/** Simulate moving `bytes` at `opts.rateLimit` bytes/s, with progress and abort. */
function transfer(bytes: number, opts: CopyOptions): Promise<void> {
  const rate = opts.rateLimit;
  const total = rate ? (bytes / rate) * 1000 : 0;
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const step = (): void => {
      if (opts.signal?.aborted) return reject(opts.signal.reason);
      const f = total === 0 ? 1 : Math.min(1, (Date.now() - t0) / total);
      opts.progress?.(f);
      if (f >= 1) return resolve();
      setTimeout(step, TICK_MS);
    };
    step();
  });
}

export const simPlugin: SrPlugin = {
  type: 'sim',
  description: 'A simulated SR: volume sizes and chains only, no data (for the simulator backend)',
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
  configuration: {
    location: 'Absolute path of the directory holding the metadata file',
    size: 'Total simulated space in bytes (default: physical_size, else 1 TiB)',
  },

  async create(uuid: string, config: DeviceConfig, opts: { physicalSize: number }): Promise<void> {
    const dir = locationOf(config);
    mkdirSync(dir, { recursive: true });
    const existing = readMeta<SimVolMeta>(dir);
    if (existing) checkOwner(existing, uuid, 'sim', dir);
    const meta = existing ?? newMeta<SimVolMeta>(uuid, 'sim');
    const size = Number(config['size'] ?? opts.physicalSize);
    meta.physicalSize = Number.isSafeInteger(size) && size > 0 ? size : DEFAULT_SIM_SIZE;
    await new MetaFile(dir, meta).save();
  },

  async attach(uuid: string, config: DeviceConfig): Promise<SrDriver> {
    const dir = locationOf(config);
    if (!existsSync(dir)) {
      throw apiError('SR_BACKEND_FAILURE', { status: 'ENOENT', stdout: '', stderr: `${dir} does not exist` });
    }
    const meta = readMeta<SimVolMeta>(dir);
    checkOwner(meta, uuid, 'sim', dir);
    const file = new MetaFile(dir, meta ?? newMeta<SimVolMeta>(uuid, 'sim'));
    if (!meta) await file.save();
    return new SimSr(file);
  },

  async probe(config: DeviceConfig) {
    return probeDir<SimVolMeta>(config, 'sim', async (dir, meta) => {
      const st = await new SimSr(new MetaFile(dir, meta)).stat();
      return { total: st.physicalSize, free: Math.max(0, st.physicalSize - st.physicalUtilisation) };
    });
  },

  async destroy(uuid: string, config: DeviceConfig): Promise<void> {
    const dir = locationOf(config);
    const meta = readMeta<SimVolMeta>(dir);
    if (!meta) return;
    checkOwner(meta, uuid, 'sim', dir);
    if (Object.keys(meta.volumes).length > 0) throw apiError('SR_NOT_EMPTY', {});
    if (existsSync(metaPath(dir))) unlinkSync(metaPath(dir));
    try {
      rmdirSync(dir);
    } catch {
      // Other files stay, with the directory.
    }
  },
};
