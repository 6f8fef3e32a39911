// A round-robin database: data sources turned into primary data points (one
// per step), consolidated into archives of fixed length. The maths follows
// rrdtool and xapi's xapi-rrd (see docs/design/rrdd.md for the few places
// where it deliberately differs). Everything lives in typed arrays so an
// update allocates nothing: the daemon updates ~10,000 sources every 5 s.
import type { Cf, DsDef, RraDef } from './types.js';

const GAUGE = 0;
const ABSOLUTE = 1;
const DERIVE = 2;
const CF_AVERAGE = 0;
const CF_MIN = 1;
const CF_MAX = 2;
const CF_LAST = 3;
const CF_CODE: Record<Cf, number> = { AVERAGE: CF_AVERAGE, MIN: CF_MIN, MAX: CF_MAX, LAST: CF_LAST };

/** Derive rates this little above the maximum are measurement jitter: clamp them. */
const DERIVE_MAX_TOLERANCE = 1.05;

/** One archive: a ring of rows (all data sources side by side) and the row in progress. */
export interface Rra extends RraDef {
  readonly cfCode: number;
  /** rows × nds values, row-major; `head` is the newest row. */
  data: Float64Array;
  head: number;
  /** Consolidation in progress: AVERAGE sums, MIN/MAX extremes, LAST the last point. */
  cdpValue: Float64Array;
  cdpUnknown: Int32Array;
}

/** The state of one data source between updates, for persistence. */
export interface DsState {
  /** Last raw reading (derive sources subtract it from the next); NaN if unknown. */
  readonly last: number;
  /** Accumulated rate × seconds in the primary point in progress. */
  readonly value: number;
  /** Seconds of the primary point in progress for which the rate is unknown. */
  readonly unknownSec: number;
}

export interface RraState {
  /** Rows oldest first, each with one value per data source. */
  readonly rows: readonly (readonly number[])[];
  readonly cdps: readonly { readonly value: number; readonly unknown: number }[];
}

export class Rrd {
  readonly step: number;
  lastUpdated: number;
  private defs: DsDef[] = [];
  private rraList: Rra[] = [];
  // per data source, in column order
  private type: Uint8Array = new Uint8Array(0);
  private min: Float64Array = new Float64Array(0);
  private max: Float64Array = new Float64Array(0);
  private mrhb: Float64Array = new Float64Array(0);
  private inverse: Uint8Array = new Uint8Array(0);
  private wrap: Float64Array = new Float64Array(0);
  private last: Float64Array = new Float64Array(0);
  private value: Float64Array = new Float64Array(0);
  private unknownSec: Float64Array = new Float64Array(0);
  // scratch for one update
  private rate: Float64Array = new Float64Array(0);
  private pdp: Float64Array = new Float64Array(0);

  /**
   * A fresh RRD whose first instant is `now`: every primary and consolidated
   * point that began before `now` counts its earlier part as unknown.
   */
  constructor(dss: readonly DsDef[], rras: readonly RraDef[], step: number, now: number) {
    if (!(step > 0) || !Number.isInteger(step)) throw new RangeError(`bad RRD step ${step}`);
    this.step = step;
    this.lastUpdated = now;
    this.rraList = rras.map((r) => {
      if (!(r.rows > 0 && r.pdpCnt > 0)) throw new RangeError(`bad RRA ${r.cf} ${r.rows}×${r.pdpCnt}`);
      return {
        cf: r.cf,
        rows: r.rows,
        pdpCnt: r.pdpCnt,
        xff: r.xff,
        cfCode: CF_CODE[r.cf],
        data: new Float64Array(0),
        head: r.rows - 1,
        cdpValue: new Float64Array(0),
        cdpUnknown: new Int32Array(0),
      };
    });
    for (const d of dss) this.addDs(d);
  }

  get dsCount(): number {
    return this.defs.length;
  }

  dsDefs(): readonly DsDef[] {
    return this.defs;
  }

  dsNames(): string[] {
    return this.defs.map((d) => d.name);
  }

  dsIndex(name: string): number {
    return this.defs.findIndex((d) => d.name === name);
  }

  rras(): readonly Rra[] {
    return this.rraList;
  }

  /** The value of data source `ds` in row `age` of archive `rra` (0 = newest). */
  peek(rra: number, age: number, ds: number): number {
    const r = this.rraList[rra];
    if (!r || age < 0 || age >= r.rows || ds < 0 || ds >= this.defs.length) return NaN;
    const row = (r.head - age + r.rows) % r.rows;
    return r.data[row * this.defs.length + ds] ?? NaN;
  }

  dsState(i: number): DsState {
    return { last: this.last[i] ?? NaN, value: this.value[i] ?? 0, unknownSec: this.unknownSec[i] ?? 0 };
  }

  /**
   * Feed one reading per data source (column order; NaN = unknown) taken at
   * `now` (seconds since the epoch). `countersReset` says the counters behind
   * derive sources restarted from zero (a new domain), so the raw reading is
   * itself the increase.
   */
  update(now: number, values: Float64Array, countersReset = false): void {
    const n = this.defs.length;
    const step = this.step;
    if (now < this.lastUpdated) {
      this.clockWentBack();
      return;
    }
    const interval = now - this.lastUpdated;
    if (interval === 0) {
      // no time has passed (a reading at the RRD's creation): only prime counters
      for (let i = 0; i < n; i++) if (this.type[i] === DERIVE) this.last[i] = values[i] ?? NaN;
      return;
    }
    const procSt = Math.floor(this.lastUpdated / step) * step;
    const occuSt = Math.floor(now / step) * step;
    const occuAge = now - occuSt;
    const elapsed = Math.round((occuSt - procSt) / step);
    const pre = elapsed > 0 ? interval - occuAge : interval;
    const post = elapsed > 0 ? occuAge : 0;
    this.lastUpdated = now;

    const { type, last, rate, value, unknownSec, mrhb, wrap } = this;
    for (let i = 0; i < n; i++) {
      const v = values[i] ?? NaN;
      const t = type[i] ?? GAUGE;
      let r = NaN;
      if (t === DERIVE) {
        const prev = countersReset ? 0 : (last[i] ?? NaN);
        if (v === v && prev === prev) {
          let delta = v - prev;
          if (delta < 0) {
            // A counter that went down either wrapped (if it was in the top
            // half of its range) or was reset: the interval is then unknown.
            const w = wrap[i] ?? 0;
            delta = w > 0 && prev >= w / 2 ? delta + w : NaN;
          }
          r = delta;
        }
        last[i] = v;
      } else if (t === GAUGE) {
        r = v * interval;
      } else {
        r = v;
      }
      if (interval > (mrhb[i] ?? Infinity)) r = NaN;
      rate[i] = r;
      if (r === r) value[i] = (value[i] ?? 0) + (pre * r) / interval;
      else unknownSec[i] = (unknownSec[i] ?? 0) + pre;
    }
    if (elapsed <= 0) return;

    const span = occuSt - procSt;
    const { pdp, min, max, inverse } = this;
    for (let i = 0; i < n; i++) {
      const known = span - (unknownSec[i] ?? 0);
      let x = known > 0 ? (value[i] ?? 0) / known : NaN;
      const hi = max[i] ?? Infinity;
      if (type[i] === DERIVE && x > hi && x <= hi * DERIVE_MAX_TOLERANCE) x = hi;
      if (inverse[i]) x = 1 - x;
      if (x < (min[i] ?? -Infinity) || x > hi) x = NaN;
      pdp[i] = x;
    }
    const procPdp = Math.round(procSt / step);
    for (const rra of this.rraList) this.consolidate(rra, procPdp, elapsed);

    for (let i = 0; i < n; i++) {
      const r = rate[i] ?? NaN;
      if (r === r) {
        value[i] = (post * r) / interval;
        unknownSec[i] = 0;
      } else {
        value[i] = 0;
        unknownSec[i] = post;
      }
    }
  }

  /** Push `elapsed` primary points (all equal to this.pdp) into one archive. */
  private consolidate(rra: Rra, procPdp: number, elapsed: number): void {
    const p = rra.pdpCnt;
    const toComplete = p - (procPdp % p);
    this.accumulate(rra, Math.min(toComplete, elapsed));
    if (elapsed < toComplete) return;
    const rows = Math.floor((elapsed - toComplete) / p) + 1;
    const n = this.defs.length;
    const maxUnknown = Math.floor(rra.xff * p);
    // the row that was in progress
    rra.head = (rra.head + 1) % rra.rows;
    let off = rra.head * n;
    for (let i = 0; i < n; i++) {
      const unknown = rra.cdpUnknown[i] ?? 0;
      const c = rra.cdpValue[i] ?? NaN;
      let v = NaN;
      if (unknown <= maxUnknown && unknown < p) v = rra.cfCode === CF_AVERAGE ? c / (p - unknown) : c;
      rra.data[off + i] = v;
    }
    // whole rows skipped by a long gap: each is made of copies of the same point
    const fill = Math.min(rows - 1, rra.rows);
    for (let k = 0; k < fill; k++) {
      rra.head = (rra.head + 1) % rra.rows;
      off = rra.head * n;
      for (let i = 0; i < n; i++) rra.data[off + i] = this.pdp[i] ?? NaN;
    }
    this.resetCdps(rra);
    this.accumulate(rra, (elapsed - toComplete) % p);
  }

  private accumulate(rra: Rra, count: number): void {
    if (count <= 0) return;
    const n = this.defs.length;
    const { pdp } = this;
    const { cdpValue, cdpUnknown } = rra;
    for (let i = 0; i < n; i++) {
      const x = pdp[i] ?? NaN;
      if (x !== x) {
        cdpUnknown[i] = (cdpUnknown[i] ?? 0) + count;
        continue;
      }
      const c = cdpValue[i] ?? NaN;
      switch (rra.cfCode) {
        case CF_AVERAGE:
          cdpValue[i] = c + x * count;
          break;
        case CF_MIN:
          cdpValue[i] = x < c ? x : c;
          break;
        case CF_MAX:
          cdpValue[i] = x > c ? x : c;
          break;
        default:
          cdpValue[i] = x;
      }
    }
  }

  private resetCdps(rra: Rra): void {
    rra.cdpValue.fill(cdpInit(rra.cfCode));
    rra.cdpUnknown.fill(0);
  }

  /**
   * A reading older than the last one means the clock went backwards. Row
   * times are derived from `lastUpdated`, so the reading is dropped rather
   * than written as a row out of order; counters are no longer comparable
   * across the jump, so the next derive interval is unknown.
   */
  private clockWentBack(): void {
    for (let i = 0; i < this.defs.length; i++) if (this.type[i] === DERIVE) this.last[i] = NaN;
  }

  /**
   * Add a data source (no-op if one of that name exists). Its history is
   * unknown: NaN rows, and the rows in progress count their past as unknown.
   */
  addDs(def: DsDef): void {
    if (this.dsIndex(def.name) >= 0) return;
    const old = this.defs.length;
    const n = old + 1;
    const pdpIndex = Math.floor(this.lastUpdated / this.step);
    for (const rra of this.rraList) {
      const data = new Float64Array(rra.rows * n).fill(NaN);
      for (let row = 0; row < rra.rows; row++) {
        data.set(rra.data.subarray(row * old, row * old + old), row * n);
      }
      rra.data = data;
      rra.cdpValue = grow(rra.cdpValue, cdpInit(rra.cfCode));
      const unknown = new Int32Array(n);
      unknown.set(rra.cdpUnknown);
      unknown[old] = pdpIndex % rra.pdpCnt;
      rra.cdpUnknown = unknown;
    }
    this.defs.push(def);
    this.type = growU8(this.type, def.type === 'gauge' ? GAUGE : def.type === 'absolute' ? ABSOLUTE : DERIVE);
    this.min = grow(this.min, def.min);
    this.max = grow(this.max, def.max);
    this.mrhb = grow(this.mrhb, def.mrhb);
    this.inverse = growU8(this.inverse, def.transform === 'inverse' ? 1 : 0);
    this.wrap = grow(this.wrap, def.wrapBits ? 2 ** def.wrapBits : 0);
    this.last = grow(this.last, NaN);
    this.value = grow(this.value, 0);
    this.unknownSec = grow(this.unknownSec, this.lastUpdated - pdpIndex * this.step);
    this.rate = new Float64Array(n);
    this.pdp = new Float64Array(n);
  }

  /** Remove a data source and all its history. Returns false if there is none of that name. */
  removeDs(name: string): boolean {
    const k = this.dsIndex(name);
    if (k < 0) return false;
    const old = this.defs.length;
    const keep = (_: unknown, i: number): boolean => i !== k;
    for (const rra of this.rraList) {
      const data = new Float64Array(rra.rows * (old - 1));
      let w = 0;
      for (let j = 0; j < rra.data.length; j++) if (j % old !== k) data[w++] = rra.data[j] ?? NaN;
      rra.data = data;
      rra.cdpValue = rra.cdpValue.filter(keep);
      rra.cdpUnknown = rra.cdpUnknown.filter(keep);
    }
    this.defs.splice(k, 1);
    this.type = this.type.filter(keep);
    this.min = this.min.filter(keep);
    this.max = this.max.filter(keep);
    this.mrhb = this.mrhb.filter(keep);
    this.inverse = this.inverse.filter(keep);
    this.wrap = this.wrap.filter(keep);
    this.last = this.last.filter(keep);
    this.value = this.value.filter(keep);
    this.unknownSec = this.unknownSec.filter(keep);
    this.rate = new Float64Array(old - 1);
    this.pdp = new Float64Array(old - 1);
    return true;
  }

  /** Overwrite the state of data source `i` and of the archives (used when loading). */
  restoreDs(i: number, s: DsState): void {
    this.last[i] = s.last;
    this.value[i] = s.value;
    this.unknownSec[i] = s.unknownSec;
  }

  restoreRra(index: number, s: RraState): void {
    const rra = this.rraList[index];
    const n = this.defs.length;
    if (!rra) throw new RangeError(`no RRA ${index}`);
    if (s.rows.length !== rra.rows || s.cdps.length !== n)
      throw new RangeError(`RRA ${index} shape mismatch`);
    s.rows.forEach((row, r) => {
      if (row.length !== n) throw new RangeError(`RRA ${index} row ${r} has ${row.length} values, not ${n}`);
      rra.data.set(row, r * n);
    });
    rra.head = rra.rows - 1;
    s.cdps.forEach((c, i) => {
      rra.cdpValue[i] = c.value;
      rra.cdpUnknown[i] = c.unknown;
    });
  }
}

/** What a consolidation starts from; AVERAGE sums, so it starts at 0. */
function cdpInit(cfCode: number): number {
  switch (cfCode) {
    case CF_AVERAGE:
      return 0;
    case CF_MIN:
      return Infinity;
    case CF_MAX:
      return -Infinity;
    default:
      return NaN;
  }
}

function grow(a: Float64Array, v: number): Float64Array {
  const b = new Float64Array(a.length + 1);
  b.set(a);
  b[a.length] = v;
  return b;
}

function growU8(a: Uint8Array, v: number): Uint8Array {
  const b = new Uint8Array(a.length + 1);
  b.set(a);
  b[a.length] = v;
  return b;
}
