// The storage manager: SR types as plugins, attached SRs, the chain rules
// common to every type (a volume others are overlays on is never written;
// destroying it hides it; hidden bases go when their last overlay goes) and
// the datapath table. Mutating operations are serialised per SR; a copy runs
// outside that lock and marks its source and target busy instead.
import { apiError } from '../datamodel/api-error.js';
import { activateDp, attachDp, deactivateDp, detachDp, type Dps } from './datapath.js';
import { Mutex } from './mutex.js';
import type {
  AttachInfo,
  CloneOptions,
  CopyOptions,
  CreateSpec,
  DatapathTable,
  DeviceConfig,
  DpState,
  LiveSnapshot,
  SrDriver,
  SrPlugin,
  SrStat,
  StorageManager,
  Volume,
} from './types.js';

interface AttachedSr {
  readonly type: string;
  readonly driver: SrDriver;
  readonly lock: Mutex;
  dps: DatapathTable;
  /** vdi → operations in progress outside the lock (copies). */
  readonly busy: Map<string, number>;
}

export class LocalStorageManager implements StorageManager {
  private readonly plugins: Map<string, SrPlugin>;
  private readonly srs = new Map<string, AttachedSr>();

  constructor(plugins: readonly SrPlugin[]) {
    this.plugins = new Map(plugins.map((p) => [p.type, p]));
  }

  supportedTypes(): string[] {
    return [...this.plugins.keys()];
  }

  plugin(type: string): SrPlugin | undefined {
    return this.plugins.get(type);
  }

  private pluginOf(type: string): SrPlugin {
    const p = this.plugins.get(type);
    if (!p) throw apiError('SR_UNKNOWN_DRIVER', { driver: type });
    return p;
  }

  private sr(sr: string): AttachedSr {
    const s = this.srs.get(sr);
    if (!s) throw apiError('SR_NOT_ATTACHED', { sr });
    return s;
  }

  isAttached(sr: string): boolean {
    return this.srs.has(sr);
  }

  async srCreate(sr: string, type: string, config: DeviceConfig, physicalSize: number): Promise<void> {
    await this.pluginOf(type).create(sr, config, { physicalSize });
  }

  async srAttach(sr: string, type: string, config: DeviceConfig): Promise<void> {
    if (this.srs.has(sr)) return;
    const driver = await this.pluginOf(type).attach(sr, config);
    const dps = await driver.loadDatapaths();
    if (this.srs.has(sr)) return;
    this.srs.set(sr, { type, driver, lock: new Mutex(), dps, busy: new Map() });
  }

  async srDetach(sr: string): Promise<void> {
    const s = this.srs.get(sr);
    if (!s) return;
    await s.lock.run(async () => {
      const used = Object.entries(s.dps).find(([, d]) => Object.keys(d).length > 0);
      if (used) throw apiError('VDI_IN_USE', { vdi: used[0], operation: 'sr_detach' });
      const busy = [...s.busy.keys()][0];
      if (busy) throw apiError('VDI_IN_USE', { vdi: busy, operation: 'sr_detach' });
      this.srs.delete(sr);
    });
  }

  async srDestroy(sr: string, type: string, config: DeviceConfig): Promise<void> {
    if (this.srs.has(sr)) throw apiError('SR_HAS_PBD', { sr });
    await this.pluginOf(type).destroy(sr, config);
  }

  async srScan(sr: string): Promise<Volume[]> {
    return this.sr(sr).driver.list();
  }

  async srStat(sr: string): Promise<SrStat> {
    return this.sr(sr).driver.stat();
  }

  private async find(s: AttachedSr, sr: string, vdi: string): Promise<{ vol: Volume; all: Volume[] }> {
    const all = await s.driver.list();
    const vol = all.find((v) => v.uuid === vdi);
    if (!vol) throw apiError('VDI_MISSING', { sr, vdi });
    return { vol, all };
  }

  /** Refuse an operation on a volume in use by a datapath or a copy. */
  private assertIdle(s: AttachedSr, vdi: string, operation: string): void {
    if (Object.keys(s.dps[vdi] ?? {}).length > 0 || s.busy.has(vdi)) {
      throw apiError('VDI_IN_USE', { vdi, operation });
    }
  }

  vdiCreate(sr: string, spec: CreateSpec): Promise<Volume> {
    if (!Number.isSafeInteger(spec.virtualSize) || spec.virtualSize < 0) {
      throw apiError('INVALID_VALUE', { field: 'virtual_size', value: String(spec.virtualSize) });
    }
    const s = this.sr(sr);
    return s.lock.run(() => s.driver.create(spec));
  }

  vdiDestroy(sr: string, vdi: string): Promise<void> {
    const s = this.sr(sr);
    return s.lock.run(async () => {
      const { vol, all } = await this.find(s, sr, vdi);
      if (vol.hidden) throw apiError('VDI_NOT_MANAGED', { vdi });
      this.assertIdle(s, vdi, 'destroy');
      const children = (u: string): Volume[] => all.filter((v) => v.parent === u);
      if (children(vdi).length > 0) {
        // Overlays still read it: it stays as a hidden base.
        await s.driver.hide(vdi);
        return;
      }
      await s.driver.destroy(vdi);
      const gone = new Set([vdi]);
      // Hidden bases left without overlays go too, up the chain.
      for (let p = vol.parent; p !== undefined;) {
        const base = all.find((v) => v.uuid === p);
        if (!base?.hidden || children(p).some((c) => !gone.has(c.uuid))) break;
        await s.driver.destroy(p);
        gone.add(p);
        p = base.parent;
      }
    });
  }

  vdiResize(sr: string, vdi: string, virtualSize: number): Promise<Volume> {
    const s = this.sr(sr);
    return s.lock.run(async () => {
      const { vol, all } = await this.find(s, sr, vdi);
      if (vol.hidden) throw apiError('VDI_NOT_MANAGED', { vdi });
      this.assertIdle(s, vdi, 'resize');
      if (all.some((v) => v.parent === vdi)) throw apiError('VDI_READONLY', { vdi });
      if (!Number.isSafeInteger(virtualSize) || virtualSize < vol.virtualSize) {
        throw apiError('VALUE_NOT_SUPPORTED', {
          field: 'size',
          value: String(virtualSize),
          reason: `a disk can only grow (it has ${vol.virtualSize} bytes)`,
        });
      }
      return s.driver.resize(vdi, virtualSize);
    });
  }

  /** Snapshot and clone are the same at this level: a new overlay sharing the data. */
  private derive(sr: string, vdi: string, operation: string, opts: CloneOptions): Promise<Volume> {
    const s = this.sr(sr);
    return s.lock.run(async () => {
      const { vol, all } = await this.find(s, sr, vdi);
      if (vol.hidden) throw apiError('VDI_NOT_MANAGED', { vdi });
      const immutable = opts.sourceImmutable === true || all.some((v) => v.parent === vdi);
      if (immutable) {
        if (s.busy.has(vdi)) throw apiError('VDI_IN_USE', { vdi, operation });
        return s.driver.overlay(vdi);
      }
      // Splitting moves the disk's image: nobody may have it open.
      this.assertIdle(s, vdi, operation);
      const base = await s.driver.splitBase(vdi);
      return s.driver.overlay(base.uuid);
    });
  }

  vdiLiveSnapshot(sr: string, vdi: string): Promise<LiveSnapshot> {
    const s = this.sr(sr);
    return s.lock.run(async () => {
      const { vol, all } = await this.find(s, sr, vdi);
      if (vol.hidden) throw apiError('VDI_NOT_MANAGED', { vdi });
      if (s.busy.has(vdi)) throw apiError('VDI_IN_USE', { vdi, operation: 'snapshot' });
      // A volume others are overlays on is never written: it needs no freezing.
      if (all.some((v) => v.parent === vdi)) return { snapshot: await s.driver.overlay(vdi) };
      const base = await s.driver.freeze(vdi);
      try {
        const snapshot = await s.driver.overlay(base.uuid);
        const rw = Object.values(s.dps[vdi] ?? {}).some((d) => d.readWrite);
        return { snapshot, base: base.uuid, attach: await s.driver.attachInfo(vdi, rw) };
      } catch (e) {
        await s.driver.thaw(vdi, base.uuid);
        throw e;
      }
    });
  }

  vdiLiveSnapshotAbort(sr: string, vdi: string, live: LiveSnapshot, switched: boolean): Promise<void> {
    const s = this.sr(sr);
    return s.lock.run(async () => {
      await s.driver.destroy(live.snapshot.uuid);
      if (live.base !== undefined && !switched) await s.driver.thaw(vdi, live.base);
    });
  }

  vdiSnapshot(sr: string, vdi: string, opts: CloneOptions = {}): Promise<Volume> {
    return this.derive(sr, vdi, 'snapshot', opts);
  }

  vdiClone(sr: string, vdi: string, opts: CloneOptions = {}): Promise<Volume> {
    return this.derive(sr, vdi, 'clone', opts);
  }

  async vdiCopy(
    sr: string,
    vdi: string,
    destSr: string,
    into: string | undefined,
    opts: CopyOptions,
  ): Promise<Volume> {
    const s = this.sr(sr);
    const d = this.sr(destSr);
    const { source, target } = await s.lock.run(async () => {
      const { vol } = await this.find(s, sr, vdi);
      if (vol.hidden) throw apiError('VDI_NOT_MANAGED', { vdi });
      return { source: await s.driver.copySource(vdi), target: into };
    });
    if (target !== undefined) {
      await d.lock.run(async () => {
        const { vol, all } = await this.find(d, destSr, target);
        if (vol.hidden || all.some((v) => v.parent === target))
          throw apiError('VDI_READONLY', { vdi: target });
        this.assertIdle(d, target, 'copy');
        if (vol.virtualSize < source.virtualSize) {
          throw apiError('VDI_TOO_SMALL', { vdi: target, minimum_size: source.virtualSize });
        }
      });
    }
    const marks: [AttachedSr, string][] = [[s, vdi]];
    if (target !== undefined) marks.push([d, target]);
    for (const [x, v] of marks) x.busy.set(v, (x.busy.get(v) ?? 0) + 1);
    try {
      return await d.driver.copyIn(source, target, opts);
    } finally {
      for (const [x, v] of marks) {
        const n = (x.busy.get(v) ?? 1) - 1;
        if (n > 0) x.busy.set(v, n);
        else x.busy.delete(v);
      }
    }
  }

  private async updateDps(
    sr: string,
    vdi: string,
    change: (dps: Dps, vol: Volume, all: Volume[]) => Dps,
  ): Promise<Volume> {
    const s = this.sr(sr);
    return s.lock.run(async () => {
      const { vol, all } = await this.find(s, sr, vdi);
      const before = s.dps[vdi] ?? {};
      const after = change(before, vol, all);
      if (after !== before) {
        const table: Record<string, Dps> = { ...s.dps };
        if (Object.keys(after).length === 0) delete table[vdi];
        else table[vdi] = after;
        await s.driver.saveDatapaths(table);
        s.dps = table;
      }
      return vol;
    });
  }

  async attach(
    sr: string,
    vdi: string,
    dp: string,
    readWrite: boolean,
    opts: { readonly exclusiveWrite?: boolean } = {},
  ): Promise<AttachInfo> {
    await this.updateDps(sr, vdi, (dps, vol, all) => {
      if (vol.hidden) throw apiError('VDI_NOT_MANAGED', { vdi });
      if (readWrite && all.some((v) => v.parent === vdi)) throw apiError('VDI_READONLY', { vdi });
      if (this.sr(sr).busy.has(vdi) && readWrite) throw apiError('VDI_IN_USE', { vdi, operation: 'attach' });
      const otherWriter = Object.entries(dps).some(([id, s]) => id !== dp && s.readWrite);
      if (readWrite && opts.exclusiveWrite && otherWriter)
        throw apiError('VDI_IN_USE', { vdi, operation: 'attach' });
      return attachDp(vdi, dps, dp, readWrite);
    });
    return this.sr(sr).driver.attachInfo(vdi, readWrite);
  }

  async activate(sr: string, vdi: string, dp: string): Promise<void> {
    await this.updateDps(sr, vdi, (dps) => activateDp(vdi, dps, dp));
  }

  async deactivate(sr: string, vdi: string, dp: string): Promise<void> {
    await this.updateDps(sr, vdi, (dps) => deactivateDp(dps, dp));
  }

  async detach(sr: string, vdi: string, dp: string): Promise<void> {
    const s = this.sr(sr);
    // Detaching a volume that has gone is allowed: there is nothing left to release.
    if (!s.dps[vdi]?.[dp]) return;
    await this.updateDps(sr, vdi, (dps) => detachDp(dps, dp));
  }

  datapaths(sr: string, vdi: string): Readonly<Record<string, DpState>> {
    return this.srs.get(sr)?.dps[vdi] ?? {};
  }
}
