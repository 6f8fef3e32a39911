// The daemon's RRDs: one for the host and one per VM or SR, fed each cycle
// with the readings of every collector and plugin. Readings name their data
// sources; the store maps names to RRD columns once per descriptor list, so
// a steady-state cycle only copies numbers.
import { apiError } from '../datamodel/api-error.js';
import type { Rrd } from './rrd/rrd.js';
import { createRrd, dsDefOf } from './rrd/timescales.js';
import { ownerKey, type DsDescriptor, type Owner, type Reading } from './rrd/types.js';

export interface StoreOptions {
  /** VM and SR RRDs keep MIN and MAX archives too (the host's always do). */
  readonly useMinMax?: boolean;
  /** Record every data source, not only those marked default. */
  readonly enableAllDss?: boolean;
}

/** What query_possible_*_dss reports for one data source. */
export interface PossibleDs {
  readonly name: string;
  readonly description: string;
  readonly units: string;
  readonly enabled: boolean;
  readonly standard: boolean;
  readonly min: number;
  readonly max: number;
}

interface Entry {
  readonly owner: Owner;
  rrd: Rrd;
  /** Descriptor list → RRD column of each descriptor (-1: not recorded). */
  maps: WeakMap<readonly DsDescriptor[], Int32Array>;
  /** Every data source ever offered for this owner, recorded or not. */
  readonly known: Map<string, DsDescriptor>;
  scratch: Float64Array;
  cycle: number;
  reset: boolean;
}

export class RrdStore {
  private readonly entries = new Map<string, Entry>();
  private readonly touched: Entry[] = [];
  private cycle = 0;
  private useMinMax: boolean;
  private readonly enableAll: boolean;

  constructor(opts: StoreOptions = {}) {
    this.useMinMax = opts.useMinMax ?? false;
    this.enableAll = opts.enableAllDss ?? false;
  }

  /** New VM and SR RRDs get MIN/MAX archives from now on (existing ones keep theirs). */
  setUseMinMax(on: boolean): void {
    this.useMinMax = on;
  }

  /** Feed one cycle of readings, all taken at `now` (seconds since the epoch). */
  update(now: number, readings: readonly Reading[]): void {
    const cycle = ++this.cycle;
    const touched = this.touched;
    touched.length = 0;
    for (const r of readings) {
      const e = this.entryFor(r.owner, r.descriptors, now);
      if (e.cycle !== cycle) {
        e.cycle = cycle;
        e.reset = false;
        e.scratch.fill(NaN);
        touched.push(e);
      }
      const map = e.maps.get(r.descriptors) ?? this.mapFor(e, r.descriptors);
      const values = r.values;
      const scratch = e.scratch;
      for (let j = 0; j < map.length; j++) {
        const k = map[j] ?? -1;
        if (k >= 0) scratch[k] = values[j] ?? NaN;
      }
      if (r.countersReset) e.reset = true;
    }
    for (const e of touched) e.rrd.update(now, e.scratch, e.reset);
    touched.length = 0;
  }

  get(owner: Owner): Rrd | undefined {
    return this.entries.get(ownerKey(owner))?.rrd;
  }

  has(owner: Owner): boolean {
    return this.entries.has(ownerKey(owner));
  }

  owners(): Owner[] {
    return [...this.entries.values()].map((e) => e.owner);
  }

  /** Install an RRD (loaded from disk, or pushed from another host), replacing any. */
  set(owner: Owner, rrd: Rrd): void {
    const known = new Map<string, DsDescriptor>();
    this.entries.set(ownerKey(owner), {
      owner,
      rrd,
      maps: new WeakMap(),
      known,
      scratch: new Float64Array(rrd.dsCount),
      cycle: 0,
      reset: false,
    });
  }

  remove(owner: Owner): boolean {
    return this.entries.delete(ownerKey(owner));
  }

  /** Start recording a data source that has been offered but is not recorded. */
  addDs(owner: Owner, name: string): void {
    const e = this.entryOrFail(owner);
    const d = e.known.get(name);
    if (!d) throw apiError('INVALID_VALUE', { field: 'ds_name', value: name });
    if (e.rrd.dsIndex(name) >= 0) return;
    e.rrd.addDs(dsDefOf(d));
    this.columnsChanged(e);
  }

  /** Stop recording a data source and drop its history. */
  forgetDs(owner: Owner, name: string): void {
    const e = this.entryOrFail(owner);
    if (!e.rrd.removeDs(name)) throw apiError('INVALID_VALUE', { field: 'ds_name', value: name });
    this.columnsChanged(e);
  }

  queryPossibleDss(owner: Owner): PossibleDs[] {
    const e = this.entryOrFail(owner);
    const out: PossibleDs[] = [];
    const seen = new Set<string>();
    for (const d of e.known.values()) {
      seen.add(d.name);
      out.push({
        name: d.name,
        description: d.description,
        units: d.units,
        enabled: e.rrd.dsIndex(d.name) >= 0,
        standard: d.default,
        min: d.min,
        max: d.max,
      });
    }
    // sources recorded in a loaded RRD but not offered since
    for (const d of e.rrd.dsDefs()) {
      if (seen.has(d.name)) continue;
      out.push({
        name: d.name,
        description: '',
        units: '',
        enabled: true,
        standard: true,
        min: d.min,
        max: d.max,
      });
    }
    return out;
  }

  private entryOrFail(owner: Owner): Entry {
    const e = this.entries.get(ownerKey(owner));
    if (!e) throw apiError('UUID_INVALID', { type: owner.kind, uuid: owner.uuid });
    return e;
  }

  private recorded(d: DsDescriptor): boolean {
    return this.enableAll || d.default;
  }

  private entryFor(owner: Owner, descriptors: readonly DsDescriptor[], now: number): Entry {
    const key = ownerKey(owner);
    const found = this.entries.get(key);
    if (found) return found;
    const rrd = createRrd(
      descriptors.filter((d) => this.recorded(d)),
      owner.kind === 'host' || this.useMinMax,
      now,
    );
    this.set(owner, rrd);
    return this.entries.get(key) as Entry;
  }

  /** Map a descriptor list onto the RRD's columns, adding recorded sources it lacks. */
  private mapFor(e: Entry, descriptors: readonly DsDescriptor[]): Int32Array {
    let added = false;
    for (const d of descriptors) {
      e.known.set(d.name, d);
      if (this.recorded(d) && e.rrd.dsIndex(d.name) < 0) {
        e.rrd.addDs(dsDefOf(d));
        added = true;
      }
    }
    if (added) {
      // keep values already gathered this cycle; new columns start unknown
      const grown = new Float64Array(e.rrd.dsCount).fill(NaN);
      grown.set(e.scratch);
      e.scratch = grown;
    }
    const map = Int32Array.from(descriptors, (d) => e.rrd.dsIndex(d.name));
    e.maps.set(descriptors, map);
    return map;
  }

  private columnsChanged(e: Entry): void {
    e.maps = new WeakMap();
    e.scratch = new Float64Array(e.rrd.dsCount);
  }
}
