// The vocabulary of round-robin databases, as xapi's metrics daemon uses it.

/**
 * How an incoming reading becomes a rate:
 * - gauge: the value is the quantity itself (memory, load average);
 * - absolute: a counter reset on every read, so value / interval;
 * - derive: a running counter, so (value - previous) / interval.
 */
export type DsType = 'gauge' | 'absolute' | 'derive';

/** Consolidation functions: how several primary points make one archived row. */
export type Cf = 'AVERAGE' | 'MIN' | 'MAX' | 'LAST';

export const CFS: readonly Cf[] = ['AVERAGE', 'MIN', 'MAX', 'LAST'];

/** A transform applied to the primary point once it is computed (idle → busy). */
export type DsTransform = 'identity' | 'inverse';

/** Whose data a data source is: `host`, `vm <uuid>`, `sr <uuid>` in xapi's notation. */
export type OwnerKind = 'host' | 'vm' | 'sr';

export interface Owner {
  readonly kind: OwnerKind;
  /** The VM's or SR's uuid; the host's own uuid (or '') for the host. */
  readonly uuid: string;
}

/** The definition of one data source inside an RRD. */
export interface DsDef {
  readonly name: string;
  readonly type: DsType;
  readonly min: number;
  readonly max: number;
  /** Longest gap between two readings, in seconds, before the data is unknown. */
  readonly mrhb: number;
  readonly transform: DsTransform;
  /**
   * For derive sources: the width of the hardware counter (32 or 64 bits).
   * A decrease of such a counter is read as a wrap when plausible; without
   * it, any decrease is a counter reset and the interval is unknown.
   */
  readonly wrapBits?: 32 | 64;
}

/** The definition of one round-robin archive. */
export interface RraDef {
  readonly cf: Cf;
  readonly rows: number;
  /** Primary data points per consolidated row. */
  readonly pdpCnt: number;
  /** Largest fraction of unknown primary points a row may hold and still be known. */
  readonly xff: number;
}

/** A data source as a collector or plugin describes it (xapi's `Ds.ds`). */
export interface DsDescriptor {
  readonly name: string;
  readonly description: string;
  readonly units: string;
  readonly type: DsType;
  readonly min: number;
  readonly max: number;
  /** Recorded in RRDs unless asked otherwise. */
  readonly default: boolean;
  readonly transform: DsTransform;
  readonly wrapBits?: 32 | 64;
}

/**
 * One owner's readings at one instant: values line up with descriptors; NaN
 * means unknown. Collectors reuse the same descriptor array (and may reuse the
 * same values array) from one cycle to the next, which lets the store map
 * names to columns once.
 */
export interface Reading {
  readonly owner: Owner;
  readonly descriptors: readonly DsDescriptor[];
  readonly values: Float64Array;
  /** The counters restarted from zero (a new domain): derive uses the raw value. */
  readonly countersReset?: boolean;
}

export function ownerKey(o: Owner): string {
  return o.kind === 'host' ? 'host' : `${o.kind}:${o.uuid}`;
}

/** xapi's owner string in plugin metadata: `host`, `vm <uuid>`, `sr <uuid>`. */
export function ownerToString(o: Owner): string {
  return o.kind === 'host' ? 'host' : `${o.kind} ${o.uuid}`;
}
