// The JSON that describes a plugin's data sources (protocol V2's metadata
// block, and V1's whole payload): one entry per source, in publishing order,
// every field a string. Parsed once per change and cached by the reader.
import type { DsDescriptor, DsType, Owner } from '../rrd/types.js';

export type ValueType = 'int64' | 'float';

/** One published data source: what it is, whose it is, how its value is encoded. */
export interface PluginDs {
  readonly descriptor: DsDescriptor;
  readonly owner: Owner;
  readonly valueType: ValueType;
}

/** Malformed plugin output; the registry backs off from such a plugin. */
export class PluginFormatError extends Error {
  override readonly name = 'PluginFormatError';
}

const UUID_RE = /^[0-9A-Za-z-]{1,128}$/;

export function parseOwner(s: string): Owner {
  if (s === 'host') return { kind: 'host', uuid: '' };
  const [kind, uuid = '', ...rest] = s.split(' ');
  if ((kind === 'vm' || kind === 'sr') && rest.length === 0 && UUID_RE.test(uuid)) return { kind, uuid };
  throw new PluginFormatError(`bad owner ${JSON.stringify(s)}`);
}

function field(o: Record<string, unknown>, name: string, dflt: string): string {
  const v = o[name];
  if (v === undefined) return dflt;
  if (typeof v !== 'string') throw new PluginFormatError(`field ${name} is not a string`);
  return v;
}

function bound(s: string, what: string): number {
  const t = s.trim().toLowerCase();
  if (t === 'inf' || t === '+inf' || t === 'infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  const x = Number(t);
  if (t === '' || !Number.isFinite(x)) throw new PluginFormatError(`bad ${what} ${JSON.stringify(s)}`);
  return x;
}

/** Parse one data source's metadata object. */
export function parseDs(name: string, v: unknown): PluginDs {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new PluginFormatError(`${name}: not an object`);
  const o = v as Record<string, unknown>;
  if (name === '') throw new PluginFormatError('empty data source name');
  const valueType = field(o, 'value_type', '');
  if (valueType !== 'int64' && valueType !== 'float') throw new PluginFormatError(`${name}: bad value_type`);
  const type = field(o, 'type', 'absolute');
  if (type !== 'absolute' && type !== 'gauge' && type !== 'derive')
    throw new PluginFormatError(`${name}: bad type`);
  const dflt = field(o, 'default', 'false');
  const transform = field(o, 'transform', 'identity');
  if (transform !== 'identity' && transform !== 'inverse')
    throw new PluginFormatError(`${name}: bad transform`);
  return {
    owner: parseOwner(field(o, 'owner', 'host')),
    valueType,
    descriptor: {
      name,
      description: field(o, 'description', ''),
      units: field(o, 'units', ''),
      type: type as DsType,
      min: bound(field(o, 'min', '-inf'), `${name} min`),
      max: bound(field(o, 'max', 'inf'), `${name} max`),
      default: dflt === 'true',
      transform,
    },
  };
}

/**
 * The data sources of a `{"datasources": {...}}` object, in key order.
 * JavaScript objects put integer-like keys first whatever their position,
 * so such names are refused rather than silently misaligned with the values.
 */
export function parseDatasources(obj: unknown, key = 'datasources'): PluginDs[] {
  if (typeof obj !== 'object' || obj === null) throw new PluginFormatError('metadata is not an object');
  const dss = (obj as Record<string, unknown>)[key];
  if (typeof dss !== 'object' || dss === null || Array.isArray(dss))
    throw new PluginFormatError(`no ${key} object`);
  return Object.entries(dss as Record<string, unknown>).map(([name, v]) => {
    if (/^(0|[1-9]\d*)$/.test(name)) throw new PluginFormatError(`data source name ${name} is an integer`);
    return parseDs(name, v);
  });
}

/** The metadata JSON for a list of sources (what a writer publishes). */
export function metadataJson(dss: readonly PluginDs[]): string {
  const out: Record<string, Record<string, string>> = {};
  for (const { descriptor: d, owner, valueType } of dss) {
    if (/^(0|[1-9]\d*)$/.test(d.name))
      throw new PluginFormatError(`data source name ${d.name} is an integer`);
    // names are the metadata's keys: one file cannot publish a name twice
    if (Object.hasOwn(out, d.name)) throw new PluginFormatError(`data source ${d.name} published twice`);
    const o: Record<string, string> = {
      description: d.description,
      owner: owner.kind === 'host' ? 'host' : `${owner.kind} ${owner.uuid}`,
      value_type: valueType,
      type: d.type,
      default: d.default ? 'true' : 'false',
      units: d.units,
      min: d.min === -Infinity ? '-inf' : String(d.min),
      max: d.max === Infinity ? 'inf' : String(d.max),
    };
    if (d.transform === 'inverse') o['transform'] = 'inverse';
    out[d.name] = o;
  }
  return JSON.stringify({ datasources: out });
}
