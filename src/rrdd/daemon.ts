// rrdd assembled: every interval it reads the host (/proc, /sys), the VMs
// xenopsd reports running and the registered plugins, and feeds the RRDs.
// VM RRDs follow the VMs: loaded from `<state>/rrd/` when a VM is first seen
// running here, archived and dropped when it stops. Everything is archived
// periodically and at stop, and the host's RRD is reloaded at start.
import { join } from 'node:path';
import { apiError } from '../datamodel/api-error.js';
import { numToWire, type MetricsSummary } from '../idl/rrd.js';
import { DirArchive, type RrdArchive } from './archive.js';
import { HostCollector } from './collectors/host.js';
import type { Collector } from './collectors/collector.js';
import type { VmStats } from '../idl/xenops-types.js';
import { VmReadings } from './collectors/vm-sources.js';
import { runCycle, type CycleReport } from './cycle.js';
import { PluginRegistry } from './plugin/registry.js';
import type { RrdSet } from './rrd/query.js';
import type { Rrd } from './rrd/rrd.js';
import type { Owner } from './rrd/types.js';
import { RrdStore, type PossibleDs } from './store.js';

export interface RrddOptions {
  readonly stateDir: string;
  /** Reading period (xapi: 5 s). */
  readonly intervalMs?: number;
  /** Statistics of the VMs running here; rejecting leaves their sources unknown that cycle. */
  readonly vmStats: () => Promise<readonly VmStats[]>;
  /** Root of /proc and /sys (tests point this at a fixture). */
  readonly hostRoot?: string;
  readonly pluginDir?: string;
  /** How often every RRD is written to disk (default 5 minutes). */
  readonly archiveEveryMs?: number;
  readonly log?: (line: string) => void;
  /** Milliseconds since the epoch (tests step it by the interval). */
  readonly clock?: () => number;
}

export interface DsWithValue extends PossibleDs {
  readonly value: number;
}

const HOST: Owner = { kind: 'host', uuid: '' };

export class Rrdd {
  readonly store = new RrdStore();
  readonly archive: RrdArchive;
  readonly plugins: PluginRegistry;
  private readonly intervalMs: number;
  private readonly collectors: Collector[];
  private readonly vmReadings = new VmReadings();
  /** VMs running here, whose RRDs are live in the store. */
  private readonly resident = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private nextAt = 0;
  private lastArchive = Date.now();
  private stopped = false;
  private failing = new Set<string>();
  lastCycle: { at: number; report: CycleReport } | undefined;

  constructor(private readonly opts: RrddOptions) {
    this.intervalMs = opts.intervalMs ?? 5000;
    this.archive = new DirArchive(join(opts.stateDir, 'rrd'));
    this.plugins = new PluginRegistry({
      ...(opts.pluginDir ? { dir: opts.pluginDir } : {}),
      secondsToNextReading: () => Math.max(0, (this.nextAt - Date.now()) / 1000),
    });
    const vms: Collector = {
      name: 'vms',
      collect: async () => {
        const stats = await opts.vmStats();
        for (const s of stats) await this.vmStarted(s.vm);
        const running = new Set(stats.map((s) => s.vm));
        for (const uuid of [...this.resident]) if (!running.has(uuid)) await this.vmStopped(uuid);
        return this.vmReadings.readings(stats);
      },
    };
    this.collectors = [new HostCollector(opts.hostRoot ? { root: opts.hostRoot } : {}), vms];
  }

  /** Reload the host's and the SRs' RRDs and start the reading loop. */
  async start(): Promise<void> {
    try {
      const rrd = await this.archive.load(HOST);
      if (rrd) this.store.set(HOST, rrd);
    } catch (e) {
      this.log(`host RRD not reloaded: ${String(e)}`);
    }
    // SR sources come from plugins, which may not have published yet: their history comes back now.
    for (const owner of (await this.archive.list().catch(() => [])).filter((o) => o.kind === 'sr')) {
      try {
        const rrd = await this.archive.load(owner);
        if (rrd && !this.store.has(owner)) this.store.set(owner, rrd);
      } catch (e) {
        this.log(`SR ${owner.uuid}: archived RRD not reloaded: ${String(e)}`);
      }
    }
    this.schedule(0);
  }

  /** Run one reading cycle now (also what the timer does). */
  cycle(): Promise<unknown> {
    const run = this.running.then(async () => {
      if (this.stopped) return;
      const at = (this.opts.clock ?? Date.now)();
      const report = await runCycle(at / 1000, this.collectors, this.plugins, this.store);
      this.lastCycle = { at, report };
      // a source that keeps failing (xenopsd down) is logged once, not every cycle
      const failing = new Set(report.failures.map((f) => `${f.source}: ${f.error}`));
      for (const f of failing) if (!this.failing.has(f)) this.log(`cycle: ${f}`);
      this.failing = failing;
      if (at - this.lastArchive >= (this.opts.archiveEveryMs ?? 300_000)) {
        this.lastArchive = at;
        await this.saveAll();
      }
    });
    this.running = run.catch((e: unknown) => this.log(`cycle failed: ${String(e)}`));
    return this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.nextAt = Date.now() + delayMs;
    this.timer = setTimeout(() => {
      void this.cycle().then(() => this.schedule(Math.max(0, this.nextAt + this.intervalMs - Date.now())));
    }, delayMs);
  }

  /** Stop reading and archive every RRD. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.saveAll();
  }

  /** Write every RRD to disk now (after the cycle in progress, so a consistent state). */
  archiveNow(): Promise<void> {
    const run = this.running.then(() => this.saveAll());
    this.running = run.catch((e: unknown) => this.log(`archiving failed: ${String(e)}`));
    return run;
  }

  private async saveAll(): Promise<void> {
    for (const owner of this.store.owners()) {
      const rrd = this.store.get(owner);
      if (!rrd) continue;
      try {
        await this.archive.save(owner, rrd);
      } catch (e) {
        this.log(`archiving ${owner.kind} ${owner.uuid}: ${String(e)}`);
      }
    }
  }

  /** The VM runs here: bring its archived RRD back before its first reading. */
  async vmStarted(uuid: string): Promise<void> {
    if (this.resident.has(uuid)) return;
    this.resident.add(uuid);
    const owner: Owner = { kind: 'vm', uuid };
    if (this.store.has(owner)) return;
    try {
      const rrd = await this.archive.load(owner);
      if (rrd) this.store.set(owner, rrd);
    } catch (e) {
      this.log(`VM ${uuid}: archived RRD not reloaded: ${String(e)}`);
    }
  }

  /** The VM left: archive its RRD and drop it from memory. */
  async vmStopped(uuid: string): Promise<void> {
    const owner: Owner = { kind: 'vm', uuid };
    this.resident.delete(uuid);
    const rrd = this.store.get(owner);
    if (!rrd) return;
    try {
      await this.archive.save(owner, rrd);
    } catch (e) {
      this.log(`VM ${uuid}: RRD not archived: ${String(e)}`);
    }
    this.store.remove(owner);
  }

  /** The RRDs that answer /rrd_updates: the host and the resident VMs. */
  rrdSet(hostUuid: string): RrdSet {
    const vms = new Map<string, Rrd>();
    for (const uuid of this.resident) {
      const rrd = this.store.get({ kind: 'vm', uuid });
      if (rrd) vms.set(uuid, rrd);
    }
    const srs = new Map<string, Rrd>();
    for (const owner of this.store.owners()) {
      const rrd = owner.kind === 'sr' ? this.store.get(owner) : undefined;
      if (rrd) srs.set(owner.uuid, rrd);
    }
    return { hostUuid, host: this.store.get(HOST), vms, srs };
  }

  /** An SR's owner; its RRD exists once a plugin has published a source of it. */
  srOwner(uuid: string): Owner {
    return { kind: 'sr', uuid };
  }

  vmOwner(uuid: string): Owner {
    const owner: Owner = { kind: 'vm', uuid };
    if (!this.resident.has(uuid) || !this.store.has(owner))
      throw apiError('UUID_INVALID', { type: 'VM', uuid });
    return owner;
  }

  hostOwner(): Owner {
    return HOST;
  }

  /** Every data source offered for an owner, with its latest 5 s value (NaN if not recorded). */
  dataSources(owner: Owner): DsWithValue[] {
    if (!this.store.has(owner)) return [];
    return this.store.queryPossibleDss(owner).map((d) => ({ ...d, value: this.latest(owner, d.name) }));
  }

  /** The latest 5 s average of a recorded data source. */
  query(owner: Owner, ds: string): number {
    const rrd = this.store.get(owner);
    const i = rrd ? rrd.dsIndex(ds) : -1;
    if (!rrd || i < 0) throw apiError('INVALID_VALUE', { field: 'ds_name', value: ds });
    return rrd.peek(0, 0, i);
  }

  latest(owner: Owner, ds: string): number {
    const rrd = this.store.get(owner);
    const i = rrd ? rrd.dsIndex(ds) : -1;
    return rrd && i >= 0 ? rrd.peek(0, 0, i) : NaN;
  }

  /** What xapi copies into host_metrics and VM_metrics. */
  summary(): MetricsSummary {
    const vms = [...this.resident].flatMap((uuid) => {
      const owner: Owner = { kind: 'vm', uuid };
      const rrd = this.store.get(owner);
      if (!rrd) return [];
      const cpus: string[] = [];
      for (let i = 0; rrd.dsIndex(`cpu${i}`) >= 0; i++) cpus.push(numToWire(this.latest(owner, `cpu${i}`)));
      const vifs = rrd.dsNames().flatMap((name) => {
        const m = /^vif_(.+)_rx$/.exec(name);
        if (!m) return [];
        const device = m[1] as string;
        const kib = (ds: string) => numToWire(this.latest(owner, ds) / 1024);
        return [{ device, rx_kib_s: kib(name), tx_kib_s: kib(`vif_${device}_tx`) }];
      });
      return [
        { uuid, memory_actual: numToWire(this.latest(owner, 'memory')), vcpus_utilisation: cpus, vifs },
      ];
    });
    return {
      timestamp: (this.lastCycle?.at ?? 0) / 1000,
      memory_total_kib: numToWire(this.latest(HOST, 'memory_total_kib')),
      memory_free_kib: numToWire(this.latest(HOST, 'memory_free_kib')),
      vms,
    };
  }

  residentVms(): string[] {
    return [...this.resident];
  }

  private log(line: string): void {
    (this.opts.log ?? ((l: string) => process.stderr.write(`rrdd: ${l}\n`)))(line);
  }
}
