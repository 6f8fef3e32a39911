// Whole RRDs as documents: the rrdtool-dump-like XML and the JSON that xapi
// serves on /host_rrd and /vm_rrd, and the same JSON written without loss for
// the daemon's own archive files. Rows are written oldest first.
import { apiError } from '../../datamodel/api-error.js';
import { formatExactFloat, formatRrdFloat, parseRrdFloat } from './float-format.js';
import { Rrd, type Rra } from './rrd.js';
import { CFS, type Cf, type DsDef, type DsType, type RraDef } from './types.js';

export interface SerialiseOptions {
  /**
   * Full precision and the fields xapi's format lacks (transform, counter
   * width): for files this daemon reads back. Off: exactly what xapi serves.
   */
  readonly exact?: boolean;
}

const TYPE_NAMES: Record<DsType, string> = { gauge: 'GAUGE', absolute: 'ABSOLUTE', derive: 'DERIVE' };

/** The partial consolidation as xapi records it: AVERAGE as the mean of the known points so far. */
function cdpPrepValue(rra: Rra, i: number): number {
  const v = rra.cdpValue[i] ?? NaN;
  if (rra.cf !== 'AVERAGE') return v;
  const known = rra.pdpCnt - (rra.cdpUnknown[i] ?? 0);
  return known > 0 ? v / known : 0;
}

interface Views {
  readonly f: (x: number) => string;
  readonly last: (x: number) => string;
}

function views(opts: SerialiseOptions): Views {
  const f = opts.exact ? formatExactFloat : formatRrdFloat;
  return { f, last: (x) => (Number.isNaN(x) && !opts.exact ? '0.0' : f(x)) };
}

export function rrdToJson(rrd: Rrd, opts: SerialiseOptions = {}): string {
  const { f, last } = views(opts);
  const n = rrd.dsCount;
  const ds = rrd.dsDefs().map((d, i) => {
    const s = rrd.dsState(i);
    const o: Record<string, string> = {
      name: d.name,
      type: TYPE_NAMES[d.type],
      minimal_heartbeat: f(d.mrhb),
      min: f(d.min),
      max: f(d.max),
      last_ds: last(s.last),
      value: f(s.value),
      unknown_sec: f(s.unknownSec),
    };
    if (opts.exact && d.transform !== 'identity') o['transform'] = d.transform;
    if (opts.exact && d.wrapBits) o['wrap_bits'] = String(d.wrapBits);
    return o;
  });
  const rra = rrd.rras().map((r, k) => ({
    cf: r.cf,
    pdp_per_row: String(r.pdpCnt),
    params: { xff: f(r.xff) },
    cdp_prep: {
      ds: Array.from({ length: n }, (_, i) => ({
        primary_value: '0.0',
        secondary_value: '0.0',
        value: f(cdpPrepValue(r, i)),
        unknown_datapoints: String(r.cdpUnknown[i] ?? 0),
      })),
    },
    database: Array.from({ length: r.rows }, (_, row) =>
      Array.from({ length: n }, (_, i) => f(rrd.peek(k, r.rows - 1 - row, i))),
    ),
  }));
  const last_update = opts.exact ? formatExactFloat(rrd.lastUpdated) : formatRrdFloat(rrd.lastUpdated);
  const doc = { version: '0003', step: String(rrd.step), lastupdate: last_update, ds, rra };
  // the marker says last_ds is exact, so derive sources can go on from it
  return JSON.stringify(opts.exact ? { ...doc, precision: 'exact' } : doc);
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function rrdToXml(rrd: Rrd, opts: SerialiseOptions = {}): string {
  const { f, last } = views(opts);
  const n = rrd.dsCount;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?><rrd><version>0003</version>'];
  out.push(`<step>${rrd.step}</step><lastupdate>${Math.trunc(rrd.lastUpdated)}</lastupdate>`);
  rrd.dsDefs().forEach((d, i) => {
    const s = rrd.dsState(i);
    out.push(
      `<ds><name>${esc(d.name)}</name><type>${TYPE_NAMES[d.type]}</type>`,
      `<minimal_heartbeat>${f(d.mrhb)}</minimal_heartbeat><min>${f(d.min)}</min><max>${f(d.max)}</max>`,
      `<last_ds>${last(s.last)}</last_ds><value>${f(s.value)}</value>`,
      `<unknown_sec>${Math.trunc(s.unknownSec)}</unknown_sec></ds>`,
    );
  });
  rrd.rras().forEach((r, k) => {
    out.push(
      `<rra><cf>${r.cf}</cf><pdp_per_row>${r.pdpCnt}</pdp_per_row><params><xff>${f(r.xff)}</xff></params>`,
    );
    out.push('<cdp_prep>');
    for (let i = 0; i < n; i++) {
      out.push(
        '<ds><primary_value>0.0</primary_value><secondary_value>0.0</secondary_value>',
        `<value>${f(cdpPrepValue(r, i))}</value><unknown_datapoints>${r.cdpUnknown[i] ?? 0}</unknown_datapoints></ds>`,
      );
    }
    out.push('</cdp_prep><database>');
    for (let row = 0; row < r.rows; row++) {
      out.push('<row>');
      for (let i = 0; i < n; i++) out.push(`<v>${f(rrd.peek(k, r.rows - 1 - row, i))}</v>`);
      out.push('</row>');
    }
    out.push('</database></rra>');
  });
  out.push('</rrd>');
  return out.join('');
}

// ---- reading back ------------------------------------------------------

export function bad(why: string): never {
  throw apiError('INVALID_VALUE', { field: 'rrd', value: why });
}

function obj(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(`${what} is not an object`);
  return v as Record<string, unknown>;
}

function arr(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) bad(`${what} is not a list`);
  return v;
}

function num(v: unknown, what: string): number {
  const x = typeof v === 'number' ? v : typeof v === 'string' ? parseRrdFloat(v) : undefined;
  if (x === undefined) bad(`${what} is not a number`);
  return x;
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string') bad(`${what} is not a string`);
  return v;
}

function dsType(s: string): DsType {
  const t = (Object.keys(TYPE_NAMES) as DsType[]).find((k) => TYPE_NAMES[k] === s);
  return t ?? bad(`unknown data source type ${s}`);
}

/** Read an RRD written by rrdToJson (either form) or by xapi. */
export function rrdFromJson(text: string): Rrd {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    bad('not JSON');
  }
  return rrdFromDoc(doc);
}

/** Build an RRD from the JSON document's tree (also what the XML reader produces). */
export function rrdFromDoc(doc: unknown): Rrd {
  const top = obj(doc, 'rrd');
  const step = num(top['step'], 'step');
  const lastUpdated = num(top['lastupdate'], 'lastupdate');
  if (!(step > 0) || !Number.isInteger(step)) bad(`bad step ${step}`);
  const dsList = arr(top['ds'], 'ds').map((x, i) => obj(x, `ds ${i}`));
  const defs: DsDef[] = dsList.map((d, i) => {
    const def: DsDef = {
      name: str(d['name'], `ds ${i} name`),
      type: dsType(str(d['type'], `ds ${i} type`)),
      min: num(d['min'], `ds ${i} min`),
      max: num(d['max'], `ds ${i} max`),
      mrhb: num(d['minimal_heartbeat'], `ds ${i} minimal_heartbeat`),
      transform: d['transform'] === 'inverse' ? 'inverse' : 'identity',
    };
    const w = d['wrap_bits'];
    return w === '32' || w === '64' ? { ...def, wrapBits: w === '32' ? 32 : 64 } : def;
  });
  if (new Set(defs.map((d) => d.name)).size !== defs.length) bad('duplicate data source names');
  const rraList = arr(top['rra'], 'rra').map((x, i) => obj(x, `rra ${i}`));
  const rraDefs: RraDef[] = rraList.map((r, k) => {
    const cf = str(r['cf'], `rra ${k} cf`);
    if (!(CFS as readonly string[]).includes(cf)) bad(`rra ${k}: unknown cf ${cf}`);
    const rows = arr(r['database'], `rra ${k} database`).length;
    const pdpCnt = num(r['pdp_per_row'], `rra ${k} pdp_per_row`);
    if (!(rows > 0) || !(pdpCnt >= 1) || !Number.isInteger(pdpCnt)) bad(`rra ${k}: bad shape`);
    return {
      cf: cf as Cf,
      rows,
      pdpCnt,
      xff: num(obj(r['params'], `rra ${k} params`)['xff'], `rra ${k} xff`),
    };
  });
  const rrd = new Rrd(defs, rraDefs, step, lastUpdated);
  // xapi rounds last_ds to 5 digits: only an exact one is a usable counter
  const exact = top['precision'] === 'exact';
  dsList.forEach((d, i) => {
    const last = d['last_ds'];
    rrd.restoreDs(i, {
      last: exact && typeof last === 'string' ? (parseRrdFloat(last) ?? NaN) : NaN,
      value: num(d['value'], `ds ${i} value`),
      unknownSec: num(d['unknown_sec'], `ds ${i} unknown_sec`),
    });
  });
  rraList.forEach((r, k) => {
    const def = rraDefs[k] as RraDef;
    const cdps = arr(obj(r['cdp_prep'], `rra ${k} cdp_prep`)['ds'], `rra ${k} cdp_prep ds`).map((c, i) => {
      const o = obj(c, `rra ${k} cdp ${i}`);
      const unknown = num(o['unknown_datapoints'], `rra ${k} cdp ${i} unknown_datapoints`);
      let value = num(o['value'], `rra ${k} cdp ${i} value`);
      if (def.cf === 'AVERAGE') value *= def.pdpCnt - unknown;
      // a MIN/MAX with nothing consolidated yet starts from its identity element
      if (def.cf === 'MIN' && unknown === def.pdpCnt) value = Infinity;
      if (def.cf === 'MAX' && unknown === def.pdpCnt) value = -Infinity;
      return { value, unknown };
    });
    const rows = arr(r['database'], `rra ${k} database`).map((row, j) =>
      arr(row, `rra ${k} row ${j}`).map((v, i) => num(v, `rra ${k} row ${j} value ${i}`)),
    );
    try {
      rrd.restoreRra(k, { rows, cdps });
    } catch (e) {
      bad(e instanceof Error ? e.message : String(e));
    }
  });
  return rrd;
}
