// xapi's connection to this host's rrdd: the interface client (switch queue,
// or `rrd+unix://<socket>` directly), the calls the XenAPI messages and HTTP
// handlers make, and a slow loop that copies host memory and per-VM memory
// and vCPU use into host_metrics and VM_metrics, and NIC rates into
// VIF_metrics, writing only what changed.
import { apiError, ApiError } from '../../datamodel/api-error.js';
import type { Patch } from '../../db/typed.js';
import type { VMMetricsRecord } from '../../generated/api-types.js';
import type { XapiDb } from '../store.js';
import { Client, HttpUnixTransport } from '../../idl/index.js';
import { fromIdlError } from '../../idl/registry-errors.js';
import { numFromWire, Rrd, type MetricsSummary, type RrdInterface } from '../../idl/rrd.js';
import { SwitchRpc } from '../../switch/rpc.js';
import { now } from '../time.js';
import { applyVifRates } from './vif-metrics.js';

export const rrdSocketScheme = 'rrd+unix://';

/** An rrdd error back into the registry form; anything else says rrdd could not be reached. */
export function fromRrdError(e: unknown): unknown {
  if (e instanceof ApiError) return e;
  const r = fromIdlError(e);
  if (r instanceof ApiError) return r;
  return apiError('RRDD_UNAVAILABLE', { reason: e instanceof Error ? e.message : String(e) });
}

export interface RrddLinkOptions {
  readonly db: XapiDb;
  readonly host: string;
  /** How often host_metrics and VM_metrics are refreshed (default 5 s). */
  readonly metricsEveryMs?: number;
}

export class RrddLink {
  readonly client: Client<RrdInterface>;
  private readonly closeTransport: () => void;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    target: string,
    switchSocket: string,
    private readonly opts: RrddLinkOptions,
  ) {
    if (target.startsWith(rrdSocketScheme)) {
      this.client = new Client(Rrd, new HttpUnixTransport(target.slice(rrdSocketScheme.length)), {
        timeoutMs: 10_000,
      });
      this.closeTransport = () => void this.client.close();
    } else {
      const rpc = new SwitchRpc({ socketPath: switchSocket });
      this.client = new Client(Rrd, rpc.transport(target), { timeoutMs: 10_000 });
      this.closeTransport = () => rpc.close();
    }
  }

  /** Call rrdd, with its errors as XenAPI errors. */
  async call<T>(f: (c: Client<RrdInterface>) => Promise<T>): Promise<T> {
    try {
      return await f(this.client);
    } catch (e) {
      throw fromRrdError(e);
    }
  }

  hostUuid(): string {
    return this.opts.db.get('host', this.opts.host).uuid;
  }

  start(): void {
    const every = this.opts.metricsEveryMs ?? 5000;
    const tick = async (): Promise<void> => {
      try {
        this.apply(await this.client.call('get_metrics_summary', { dbg: 'xapi' }));
      } catch {
        // rrdd down or restarting: the figures stay as they were
      }
      if (!this.stopped) this.timer = setTimeout(() => void tick(), every);
    };
    this.timer = setTimeout(() => void tick(), Math.min(every, 1000));
  }

  /** Copy the figures into the database, touching only rows whose values changed. */
  apply(s: MetricsSummary): void {
    const { db, host } = this.opts;
    db.transaction(() => {
      const hm = db.find('host', host)?.metrics;
      const total = numFromWire(s.memory_total_kib);
      const free = numFromWire(s.memory_free_kib);
      if (hm !== undefined && db.has('host_metrics', hm) && Number.isFinite(total) && Number.isFinite(free)) {
        const row = db.get('host_metrics', hm);
        const t = Math.round(total * 1024);
        const f = Math.round(free * 1024);
        if (row.memory_total !== t || row.memory_free !== f) {
          db.update('host_metrics', hm, { memory_total: t, memory_free: f, last_updated: now() });
        }
      }
      for (const v of s.vms) {
        const vm = db.refByUuid('VM', v.uuid);
        const m = vm ? db.get('VM', vm).metrics : undefined;
        if (m === undefined || !db.has('VM_metrics', m)) continue;
        const row = db.get('VM_metrics', m);
        const mem = numFromWire(v.memory_actual);
        const util: Record<string, number> = {};
        v.vcpus_utilisation.forEach((u, i) => {
          const x = numFromWire(u);
          if (Number.isFinite(x)) util[String(i)] = Math.round(x * 1e4) / 1e4;
        });
        const changes: Patch<VMMetricsRecord> = {};
        if (Number.isFinite(mem) && row.memory_actual !== Math.round(mem))
          changes.memory_actual = Math.round(mem);
        if (JSON.stringify(row.VCPUs_utilisation) !== JSON.stringify(util)) changes.VCPUs_utilisation = util;
        if (Object.keys(changes).length > 0) db.update('VM_metrics', m, changes);
      }
      applyVifRates(db, s.vms);
    });
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.closeTransport();
  }
}
