// Plugin protocol V2: the file a plugin rewrites every 5 s and rrdd reads.
// Big-endian layout (daemons.md §3.2):
//   0  "DATASOURCES"             11 bytes
//   11 uint32 data CRC32         over bytes [23, 31 + 8n)
//   15 uint32 metadata CRC32     over the metadata bytes
//   19 uint32 n                  number of data sources
//   23 float64 timestamp         seconds since the epoch
//   31 n × 8 bytes               values: int64 or float64, per metadata
//   31+8n uint32 metadata length, then the metadata JSON
// Values change every cycle; metadata rarely, so readers parse it only when
// its CRC changes.
import { crc32 } from 'node:zlib';
import type { DsDescriptor, Owner, Reading } from '../rrd/types.js';
import { ownerKey } from '../rrd/types.js';
import { metadataJson, parseDatasources, PluginFormatError, type PluginDs } from './metadata.js';

export const HEADER = 'DATASOURCES';
const HEADER_BYTES = Buffer.from(HEADER, 'latin1');
const OFF_DATA_CRC = 11;
const OFF_META_CRC = 15;
const OFF_COUNT = 19;
const OFF_TIMESTAMP = 23;
const OFF_VALUES = 31;
/** More sources than this in one file is not a plugin we can trust. */
const MAX_SOURCES = 1 << 20;

/** Encodes successive readings of a fixed set of data sources. */
export class PluginV2Writer {
  private readonly meta: Buffer;
  private readonly metaCrc: number;
  private readonly isInt: boolean[];

  constructor(readonly dss: readonly PluginDs[]) {
    this.meta = Buffer.from(metadataJson(dss), 'utf8');
    this.metaCrc = crc32(this.meta);
    this.isInt = dss.map((d) => d.valueType === 'int64');
  }

  encode(timestamp: number, values: ArrayLike<number | bigint>): Buffer {
    const n = this.dss.length;
    if (values.length !== n) throw new RangeError(`${values.length} values for ${n} data sources`);
    const buf = Buffer.alloc(OFF_VALUES + 8 * n + 4 + this.meta.length);
    HEADER_BYTES.copy(buf, 0);
    buf.writeUInt32BE(this.metaCrc, OFF_META_CRC);
    buf.writeUInt32BE(n, OFF_COUNT);
    buf.writeDoubleBE(timestamp, OFF_TIMESTAMP);
    for (let i = 0; i < n; i++) {
      const v = values[i] ?? NaN;
      const off = OFF_VALUES + 8 * i;
      if (this.isInt[i]) buf.writeBigInt64BE(typeof v === 'bigint' ? v : BigInt(Math.trunc(v)), off);
      else buf.writeDoubleBE(Number(v), off);
    }
    buf.writeUInt32BE(crc32(buf.subarray(OFF_TIMESTAMP, OFF_VALUES + 8 * n)), OFF_DATA_CRC);
    buf.writeUInt32BE(this.meta.length, OFF_VALUES + 8 * n);
    this.meta.copy(buf, OFF_VALUES + 8 * n + 4);
    return buf;
  }
}

export type PluginRead =
  | { readonly kind: 'no-update' }
  | { readonly kind: 'readings'; readonly timestamp: number; readonly readings: readonly Reading[] };

interface Group {
  readonly owner: Owner;
  readonly descriptors: DsDescriptor[];
  /** Index of each of this owner's sources among the file's values. */
  readonly columns: number[];
  readonly values: Float64Array;
}

interface Layout {
  readonly crc: number;
  readonly isInt: Uint8Array;
  readonly groups: readonly Group[];
  readonly readings: readonly Reading[];
}

/**
 * Reads one plugin's file, remembering what it has seen: an unchanged data
 * CRC is "no update", an unchanged metadata CRC reuses the parsed sources
 * (and the same descriptor arrays, which the store relies on).
 */
export class PluginV2Reader {
  private lastDataCrc: number | undefined;
  private layout: Layout | undefined;

  read(buf: Buffer): PluginRead {
    if (buf.length < OFF_VALUES + 4 || !buf.subarray(0, OFF_DATA_CRC).equals(HEADER_BYTES)) {
      throw new PluginFormatError('not a V2 plugin file (bad header)');
    }
    const dataCrc = buf.readUInt32BE(OFF_DATA_CRC);
    const metaCrc = buf.readUInt32BE(OFF_META_CRC);
    const n = buf.readUInt32BE(OFF_COUNT);
    if (n > MAX_SOURCES) throw new PluginFormatError(`too many data sources (${n})`);
    const valuesEnd = OFF_VALUES + 8 * n;
    if (buf.length < valuesEnd + 4) throw new PluginFormatError('file shorter than its values');
    if (dataCrc === this.lastDataCrc) return { kind: 'no-update' };
    if (crc32(buf.subarray(OFF_TIMESTAMP, valuesEnd)) !== dataCrc)
      throw new PluginFormatError('data CRC mismatch');
    const metaLen = buf.readUInt32BE(valuesEnd);
    if (buf.length < valuesEnd + 4 + metaLen) throw new PluginFormatError('file shorter than its metadata');
    let layout = this.layout;
    if (!layout || layout.crc !== metaCrc) {
      const meta = buf.subarray(valuesEnd + 4, valuesEnd + 4 + metaLen);
      if (crc32(meta) !== metaCrc) throw new PluginFormatError('metadata CRC mismatch');
      layout = buildLayout(metaCrc, parseMetadata(meta));
      if (layout.isInt.length !== n) {
        throw new PluginFormatError(`metadata lists ${layout.isInt.length} sources, header ${n}`);
      }
      this.layout = layout;
    }
    const timestamp = buf.readDoubleBE(OFF_TIMESTAMP);
    if (!Number.isFinite(timestamp)) throw new PluginFormatError('timestamp is not a number');
    for (const g of layout.groups) {
      for (let j = 0; j < g.columns.length; j++) {
        const i = g.columns[j] ?? 0;
        const off = OFF_VALUES + 8 * i;
        g.values[j] = layout.isInt[i] ? Number(buf.readBigInt64BE(off)) : buf.readDoubleBE(off);
      }
    }
    this.lastDataCrc = dataCrc;
    return { kind: 'readings', timestamp, readings: layout.readings };
  }
}

function parseMetadata(meta: Buffer): PluginDs[] {
  let end = meta.length;
  while (end > 0 && meta[end - 1] === 0) end--;
  let doc: unknown;
  try {
    doc = JSON.parse(meta.subarray(0, end).toString('utf8'));
  } catch {
    throw new PluginFormatError('metadata is not JSON');
  }
  return parseDatasources(doc);
}

/** Group sources by owner; readings reuse these arrays on every read. */
export function buildLayout(crc: number, dss: readonly PluginDs[]): Layout {
  const byOwner = new Map<string, { owner: Owner; descriptors: DsDescriptor[]; columns: number[] }>();
  dss.forEach((d, i) => {
    const key = ownerKey(d.owner);
    let g = byOwner.get(key);
    if (!g) byOwner.set(key, (g = { owner: d.owner, descriptors: [], columns: [] }));
    g.descriptors.push(d.descriptor);
    g.columns.push(i);
  });
  const groups: Group[] = [...byOwner.values()].map((g) => ({
    ...g,
    values: new Float64Array(g.columns.length),
  }));
  return {
    crc,
    isInt: Uint8Array.from(dss, (d) => (d.valueType === 'int64' ? 1 : 0)),
    groups,
    readings: groups.map((g) => ({ owner: g.owner, descriptors: g.descriptors, values: g.values })),
  };
}
