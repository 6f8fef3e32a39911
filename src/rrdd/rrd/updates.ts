// /rrd_updates: the rows of several RRDs since a given time, as rrdtool's
// "xport" document (XML or JSON). Pure functions: which archive answers,
// which rows and columns, and the exact text xapi's clients parse.
import { formatRrdFloat } from './float-format.js';
import type { Rrd } from './rrd.js';
import type { Cf, OwnerKind } from './types.js';

/** One RRD offered to the export, with whose data it is. */
export interface UpdatesSource {
  readonly kind: OwnerKind;
  readonly uuid: string;
  readonly rrd: Rrd;
}

/** The exported rows: newest first; each row has one value per legend entry. */
export interface Xport {
  readonly start: number;
  readonly step: number;
  readonly end: number;
  readonly legend: readonly string[];
  readonly rows: readonly XportRow[];
}

export interface XportRow {
  readonly t: number;
  readonly values: Float64Array;
}

/**
 * The archives of one RRD that answer a request: the first (finest) one of
 * the wanted CF whose resolution is at least `pdpInterval` points and whose
 * span still reaches back to `start`, plus the other CFs of the same
 * timescale; if none reaches back that far, the longest timescale.
 */
export function selectRras(rrd: Rrd, pdpInterval: number, cf: Cf | undefined, start: number): number[] {
  const all = rrd.rras();
  const candidates = all.flatMap((r, i) => (cf === undefined || r.cf === cf ? [i] : []));
  if (candidates.length === 0) return [];
  const lastPdpTime = Math.floor(rrd.lastUpdated / rrd.step) * rrd.step;
  const reaches = (t: number, i: number): boolean => {
    const r = all[i];
    return !!r && r.pdpCnt >= pdpInterval && t > lastPdpTime - rrd.step * r.rows * r.pdpCnt;
  };
  const sameScale = (first: number): number[] => {
    const f = all[first];
    return candidates.filter((i) => all[i]?.pdpCnt === f?.pdpCnt && all[i]?.rows === f?.rows);
  };
  const first = candidates.find((i) => reaches(start, i));
  if (first !== undefined) return sameScale(first);
  const longest = candidates[candidates.length - 1] as number;
  const r = all[longest];
  if (!r) return [];
  const oldest = 1 + lastPdpTime - rrd.step * r.rows * r.pdpCnt;
  return candidates.filter((i) => reaches(oldest, i));
}

/**
 * Build the export. `start` is seconds since the epoch, or negative for
 * "that many seconds before the last update"; `interval` is the wanted
 * resolution in seconds (0 = finest available).
 */
export function buildXport(
  sources: readonly UpdatesSource[],
  start: number,
  interval: number,
  cf?: Cf,
): Xport {
  const firstSource = sources[0];
  if (!firstSource)
    return { start: Math.max(0, start), step: 0, end: Math.max(0, start), legend: [], rows: [] };
  const { step, lastUpdated } = firstSource.rrd;
  const usable = sources.filter((s) => s.rrd.step === step);
  const from = usable.reduce(
    (m, s) => Math.min(m, start < 0 ? start + Math.trunc(s.rrd.lastUpdated) : start),
    Number.MAX_SAFE_INTEGER,
  );
  const pdpInterval = Math.trunc(interval / step);
  const chosen = usable.map((s) => selectRras(s.rrd, pdpInterval, cf, from));
  const firstIdx = chosen.findIndex((c) => c.length > 0);
  const firstRra = firstIdx >= 0 ? usable[firstIdx]?.rrd.rras()[chosen[firstIdx]?.[0] ?? -1] : undefined;
  if (!firstRra) return { start: from, step, end: Math.trunc(lastUpdated), legend: [], rows: [] };

  // only archives shaped like the first one line up row by row
  const columns: { rrd: Rrd; rra: number; ds: number }[] = [];
  const legend: string[] = [];
  usable.forEach((s, k) => {
    const rras = s.rrd.rras();
    const names = s.rrd.dsNames();
    for (const i of chosen[k] ?? []) {
      const r = rras[i];
      if (!r || r.pdpCnt !== firstRra.pdpCnt || r.rows !== firstRra.rows) continue;
      names.forEach((name, d) => {
        legend.push(`${r.cf}:${s.kind}:${s.uuid}:${name}`);
        columns.push({ rrd: s.rrd, rra: i, ds: d });
      });
    }
  });

  const rraStep = step * firstRra.pdpCnt;
  const lastCdpTime = Math.floor(lastUpdated / rraStep) * rraStep;
  const firstCdpTime = Math.floor(from / rraStep) * rraStep + rraStep;
  const rows: XportRow[] = [];
  for (let age = 0; age < firstRra.rows; age++) {
    const t = lastCdpTime - age * rraStep;
    if (t < from) break;
    const values = new Float64Array(columns.length);
    for (let c = 0; c < columns.length; c++) {
      const col = columns[c] as (typeof columns)[number];
      values[c] = col.rrd.peek(col.rra, age, col.ds);
    }
    rows.push({ t, values });
  }
  return { start: firstCdpTime, step: rraStep, end: lastCdpTime, legend, rows };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xportToXml(x: Xport): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?><xport><meta>'];
  out.push(`<start>${x.start}</start><step>${x.step}</step><end>${x.end}</end>`);
  out.push(`<rows>${x.rows.length}</rows><columns>${x.legend.length}</columns><legend>`);
  for (const e of x.legend) out.push(`<entry>${esc(e)}</entry>`);
  out.push('</legend></meta><data>');
  for (const row of x.rows) {
    let s = `<row><t>${row.t}</t>`;
    for (let i = 0; i < row.values.length; i++) s += `<v>${formatRrdFloat(row.values[i] ?? NaN)}</v>`;
    out.push(s, '</row>');
  }
  out.push('</data></xport>');
  return out.join('');
}

export function xportToJson(x: Xport): string {
  const out: string[] = [
    `{"meta":{"start":${x.start},"step":${x.step},"end":${x.end},"rows":${x.rows.length},`,
    `"columns":${x.legend.length},"legend":${JSON.stringify(x.legend)}},"data":[`,
  ];
  x.rows.forEach((row, k) => {
    let s = `${k > 0 ? ',' : ''}{"t":${row.t},"values":[`;
    for (let i = 0; i < row.values.length; i++)
      s += `${i > 0 ? ',' : ''}"${formatRrdFloat(row.values[i] ?? NaN)}"`;
    out.push(s, ']}');
  });
  out.push(']}');
  return out.join('');
}
