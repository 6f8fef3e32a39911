// perfmon's loop inside xapi: every interval (xapi's perfmon: 5 minutes) it
// reads the rows rrdd consolidated since the last run (/rrd_updates: the host
// and the resident VMs, AVERAGE at the RRD step, 60 s by default), runs each
// object's other_config:perfmon over them (evaluate.ts) and raises the ALARMs
// due. Configurations are read from the database at every run, so a change
// takes effect at the next one (perfmon re-reads them every 30 minutes); a
// variable whose configuration is unchanged keeps its count and its last
// alarm time. The clock is injectable and `runOnce` can be called directly,
// so tests step time instead of waiting.
//
// rrdd keeps no SR data sources yet: an SR attached here reads, for each row
// of the run, its record's present physical_utilisation and physical_size,
// under the data source names of xapi's SR RRDs (physical_utilisation, size).
import type { RrddLink } from '../rrdd/link.js';
import type { XapiDb } from '../store.js';
import { systemClock, type Clock } from '../time.js';
import { raiseAlert } from '../alerts/raise.js';
import { parsePerfmonConfig, type MonitorKind, type VariableConfig } from './config.js';
import { alarmBody, evaluate, type ObjectSamples, type VariableState } from './evaluate.js';

export interface PerfmonOptions {
  readonly db: XapiDb;
  readonly host: string;
  readonly rrdd: RrddLink;
  readonly clock?: Clock;
  /** Between runs (perfmon: 300 s). */
  readonly intervalMs?: number;
  /** Resolution of the rows read, seconds: 5 or 60 (perfmon's --rrdstep; default 60). */
  readonly rrdStepS?: 5 | 60;
  readonly log?: (line: string) => void;
}

interface Kept {
  readonly xml: string;
  readonly state: VariableState;
}

interface Owner {
  readonly kind: MonitorKind;
  readonly uuid: string;
  readonly samples: ObjectSamples;
}

interface Export {
  readonly meta: { readonly step: number; readonly end: number; readonly legend: readonly string[] };
  readonly data: readonly { readonly t: number; readonly values: readonly string[] }[];
}

const KIND: Readonly<Record<string, MonitorKind>> = { vm: 'VM', host: 'Host', sr: 'SR' };

/** The export's columns grouped by object, rows oldest first (rrd_updates lists the newest first). */
export function samplesOf(x: Export): Owner[] {
  const owners = new Map<string, { kind: MonitorKind; uuid: string; names: string[]; cols: number[] }>();
  x.meta.legend.forEach((entry, col) => {
    const [, kind, uuid, ...name] = entry.split(':');
    const k = KIND[kind ?? ''];
    if (!k || uuid === undefined) return;
    const key = `${k}/${uuid}`;
    const o = owners.get(key) ?? { kind: k, uuid, names: [], cols: [] };
    o.names.push(name.join(':'));
    o.cols.push(col);
    owners.set(key, o);
  });
  const rows = [...x.data].reverse();
  return [...owners.values()].map((o) => ({
    kind: o.kind,
    uuid: o.uuid,
    samples: { names: o.names, rows: rows.map((r) => o.cols.map((c) => Number(r.values[c]))) },
  }));
}

export class Perfmon {
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly rrdStepS: number;
  /** Where the next /rrd_updates starts, seconds (one after the last row read). */
  private nextStart: number | undefined;
  private readonly kept = new Map<string, Map<string, Kept>>();
  /** The configuration text whose errors were last logged, per object. */
  private readonly logged = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: PerfmonOptions) {
    this.clock = opts.clock ?? systemClock;
    this.intervalMs = opts.intervalMs ?? 300_000;
    this.rrdStepS = opts.rrdStepS ?? 60;
  }

  start(): void {
    const tick = (): void => {
      this.running = this.runOnce().catch((e: unknown) => this.log(`perfmon: ${String(e)}`));
      void this.running.then(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, this.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private log(line: string): void {
    (this.opts.log ?? ((l: string) => process.stderr.write(`${l}\n`)))(line);
  }

  /** One run: read the new rows, evaluate, raise the alarms due. Returns the refs of the messages made. */
  async runOnce(): Promise<string[]> {
    const { db, rrdd } = this.opts;
    const nowS = Math.floor(this.clock() / 1000);
    const start = this.nextStart ?? nowS - Math.floor(this.intervalMs / 1000);
    const query = new URLSearchParams({
      start: String(start),
      host: 'true',
      cf: 'AVERAGE',
      interval: String(this.rrdStepS),
      json: 'true',
    }).toString();
    const r = await rrdd.call((c) =>
      c.call('get_updates', {
        dbg: 'perfmon',
        query,
        accept: 'application/json',
        host_uuid: rrdd.hostUuid(),
      }),
    );
    const x = JSON.parse(r.body) as Export;
    if (x.data.length > 0) this.nextStart = x.meta.end + 1;
    else this.nextStart ??= start;
    const owners = samplesOf(x).filter((o) => o.kind !== 'SR');
    owners.push(...this.srSamples(x.data.length));
    const made: string[] = [];
    const seen = new Set<string>();
    db.transaction(() => {
      for (const o of owners) {
        const text = this.configOf(o.kind, o.uuid);
        if (text === undefined) continue;
        seen.add(o.uuid);
        const config = parsePerfmonConfig(o.kind, text);
        if (this.logged.get(o.uuid) !== text) {
          this.logged.set(o.uuid, text);
          for (const e of config.errors) this.log(`perfmon: ${o.kind} ${o.uuid} config error: ${e}`);
        }
        const before = this.kept.get(o.uuid) ?? new Map<string, Kept>();
        const states = new Map<string, VariableState>();
        for (const v of config.variables) {
          const k = before.get(v.name);
          if (k && k.xml === v.xml) states.set(v.name, k.state);
        }
        // rrdd answers from a coarser archive when the finer one does not reach back to `start`
        const stepS = x.meta.step > 0 ? x.meta.step : this.rrdStepS;
        const result = evaluate(config.variables, states, o.samples, nowS, stepS);
        this.kept.set(o.uuid, keep(config.variables, result.states));
        for (const a of result.alarms) {
          made.push(
            raiseAlert(db, {
              name: 'ALARM',
              cls: o.kind,
              objUuid: o.uuid,
              body: alarmBody(a),
              priority: a.variable.priority,
            }),
          );
        }
      }
    });
    // objects that left (a VM no longer resident, a config removed) start afresh when they return
    for (const uuid of [...this.kept.keys()]) if (!seen.has(uuid)) this.kept.delete(uuid);
    return made;
  }

  private configOf(kind: MonitorKind, uuid: string): string | undefined {
    const { db } = this.opts;
    const cls = kind === 'VM' ? 'VM' : kind === 'Host' ? 'host' : 'SR';
    const ref = db.refByUuid(cls, uuid);
    if (ref === undefined) return undefined;
    return db.get(cls, ref).other_config['perfmon'];
  }

  /** `rows` samples of each SR attached to this host, from its record. */
  private srSamples(rows: number): Owner[] {
    const { db, host } = this.opts;
    const out: Owner[] = [];
    for (const [, sr] of db.all('SR')) {
      if (sr.other_config['perfmon'] === undefined) continue;
      const here = sr.PBDs.some((p) => {
        const pbd = db.find('PBD', p);
        return pbd !== undefined && pbd.host === host && pbd.currently_attached;
      });
      if (!here) continue;
      out.push({
        kind: 'SR',
        uuid: sr.uuid,
        samples: {
          names: ['physical_utilisation', 'size'],
          rows: Array.from({ length: rows }, () => [sr.physical_utilisation, sr.physical_size]),
        },
      });
    }
    return out;
  }
}

function keep(
  variables: readonly VariableConfig[],
  states: ReadonlyMap<string, VariableState>,
): Map<string, Kept> {
  const out = new Map<string, Kept>();
  for (const v of variables) {
    const s = states.get(v.name);
    if (s) out.set(v.name, { xml: v.xml, state: s });
  }
  return out;
}
