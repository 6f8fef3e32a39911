// xapi's default archives: 5 s for 10 minutes, 1 min for 2 hours, 1 hour for a
// week, 1 day for a year. Host RRDs keep MIN and MAX beside AVERAGE for the
// coarser timescales; VM and SR RRDs only when the pool asks for it.
import { Rrd } from './rrd.js';
import type { DsDef, DsDescriptor, RraDef } from './types.js';

export const STEP_S = 5;

/** Longest gap between readings before a data source is unknown (rrdd's value). */
export const MRHB_S = 300;

export interface Timescale {
  readonly rows: number;
  readonly pdpCnt: number;
}

export const TIMESCALES: readonly Timescale[] = [
  { rows: 120, pdpCnt: 1 },
  { rows: 120, pdpCnt: 12 },
  { rows: 168, pdpCnt: 720 },
  { rows: 366, pdpCnt: 17280 },
];

export function defaultRras(useMinMax: boolean): RraDef[] {
  const out: RraDef[] = [];
  for (const t of TIMESCALES) {
    if (t.pdpCnt > 1 && useMinMax) {
      for (const cf of ['AVERAGE', 'MIN', 'MAX'] as const)
        out.push({ cf, rows: t.rows, pdpCnt: t.pdpCnt, xff: 1 });
    } else {
      out.push({ cf: 'AVERAGE', rows: t.rows, pdpCnt: t.pdpCnt, xff: 0.5 });
    }
  }
  return out;
}

export function dsDefOf(d: DsDescriptor): DsDef {
  const def: DsDef = {
    name: d.name,
    type: d.type,
    min: d.min,
    max: d.max,
    mrhb: MRHB_S,
    transform: d.transform,
  };
  return d.wrapBits ? { ...def, wrapBits: d.wrapBits } : def;
}

/** A new RRD with xapi's archives for the given sources. */
export function createRrd(dss: readonly DsDescriptor[], useMinMax: boolean, now: number): Rrd {
  return new Rrd(dss.map(dsDefOf), defaultRras(useMinMax), STEP_S, now);
}
