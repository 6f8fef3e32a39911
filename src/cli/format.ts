// How xe writes values and records: sets as `a; b`, maps as `k: v; k2: v2`,
// floats with three decimals, references as uuids, and records as aligned
// `name ( RW): value` blocks.
import type { Ty } from '../datamodel/types.js';
import type { CliField } from './model.js';
import { NOT_IN_DATABASE } from './refs.js';

export interface RefNames {
  uuid(ref: string): string;
  nameLabel(ref: string): string;
}

/** A value in JSON output: scalars keep their type, references become uuids. */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [k: string]: Json };

function scalar(v: unknown, ty: Ty, refs: RefNames): string {
  switch (ty.kind) {
    case 'float':
      return typeof v === 'number' ? v.toFixed(3) : String(v ?? '');
    case 'ref':
      return typeof v === 'string' ? refs.uuid(v) : NOT_IN_DATABASE;
    case 'enum':
      // xe writes power states in lower case and scripts match on that.
      return ty.name === 'vm_power_state' ? String(v ?? '').toLowerCase() : String(v ?? '');
    case 'option':
      return v === undefined || v === null ? '' : formatValue(v, ty.of, refs);
    default:
      return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

export function setItems(v: unknown, ty: Ty, refs: RefNames): string[] {
  const of = ty.kind === 'set' ? ty.of : ty;
  return Array.isArray(v) ? v.map((x) => scalar(x, of, refs)) : [];
}

export function mapEntries(v: unknown, ty: Ty, refs: RefNames): [string, string][] {
  if (ty.kind !== 'map' || v === null || typeof v !== 'object') return [];
  return Object.entries(v as Record<string, unknown>).map(([k, x]) => [
    scalar(k, ty.key, refs),
    scalar(x, ty.value, refs),
  ]);
}

export function formatValue(v: unknown, ty: Ty, refs: RefNames): string {
  if (ty.kind === 'set') return setItems(v, ty, refs).join('; ');
  if (ty.kind === 'map')
    return mapEntries(v, ty, refs)
      .map(([k, x]) => `${k}: ${x}`)
      .join('; ');
  return scalar(v, ty, refs);
}

/** The text of a CLI field of a wire record. */
export function fieldText(rec: Readonly<Record<string, unknown>>, f: CliField, refs: RefNames): string {
  const v = rec[f.field.name];
  if (f.via === 'name-label') return typeof v === 'string' ? refs.nameLabel(v) : NOT_IN_DATABASE;
  return formatValue(v, f.field.ty, refs);
}

function jsonScalar(v: unknown, ty: Ty, refs: RefNames): Json {
  switch (ty.kind) {
    case 'int':
    case 'int32':
    case 'float':
      return typeof v === 'number' ? v : Number(v);
    case 'bool':
      return v === true;
    case 'ref':
      return typeof v === 'string' && refs.uuid(v) !== NOT_IN_DATABASE ? refs.uuid(v) : null;
    default:
      return scalar(v, ty, refs);
  }
}

/** The JSON form of a CLI field: arrays for sets, objects for maps. */
export function fieldJson(rec: Readonly<Record<string, unknown>>, f: CliField, refs: RefNames): Json {
  const v = rec[f.field.name];
  const ty = f.field.ty;
  if (f.via === 'name-label') return fieldText(rec, f, refs);
  if (ty.kind === 'set') return Array.isArray(v) ? v.map((x) => jsonScalar(x, ty.of, refs)) : [];
  if (ty.kind === 'map') {
    const out: Record<string, Json> = {};
    if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) out[scalar(k, ty.key, refs)] = jsonScalar(x, ty.value, refs);
    return out;
  }
  return jsonScalar(v, ty, refs);
}

/**
 * One record as xe prints it: titles padded to the longest plus four, the
 * first left-aligned and the others right-aligned, then `: value`.
 */
export function renderRecord(pairs: readonly (readonly [string, string])[]): string {
  if (pairs.length === 0) return '\n';
  const width = 4 + Math.max(...pairs.map(([k]) => k.length));
  const lines = pairs.map(([k, v], i) => `${i === 0 ? k.padEnd(width) : k.padStart(width)}: ${v}`);
  return `${lines.join('\n')}\n`;
}

/** `--minimal` escapes commas and backslashes inside values. */
export function escapeMinimal(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/,/g, '\\,');
}
