// Records of an xe class: fetching, xe's filters (`field=value`,
// `map:key=value`, `set:contains=value`, the older `map-key=value`) and the
// cells printed for them.
import type { Api, WireRecord } from './api.js';
import { CliFailure } from './errors.js';
import { fieldJson, fieldText, mapEntries, setItems } from './format.js';
import { fieldByName, qualifierTag, type CliClass, type CliField } from './model.js';
import type { Cell } from './output.js';
import { refClasses, type RefIndex } from './refs.js';

export interface Rec {
  readonly ref: string;
  readonly r: WireRecord;
}

export async function fetchRecords(api: Api, refs: RefIndex, c: CliClass): Promise<Rec[]> {
  const all = await api.records(c.cls.name);
  refs.addRecords(c.cls.name, all);
  return Object.entries(all).map(([ref, r]) => ({ ref, r }));
}

export async function fetchOne(api: Api, refs: RefIndex, c: CliClass, uuid: string): Promise<Rec> {
  const ref = await api.byUuid(c.cls.name, uuid);
  const r = await api.record(c.cls.name, ref);
  refs.addRecord(c.cls.name, ref, r);
  return { ref, r };
}

/** Fetch the objects the given fields refer to, so they print as uuids. */
export async function loadRefs(refs: RefIndex, fields: readonly CliField[]): Promise<void> {
  const wanted = new Set<string>();
  for (const f of fields) refClasses(f.field.ty, wanted);
  await refs.load(wanted);
}

type FieldType = { kind: 'normal'; f: CliField } | { kind: 'map' | 'set'; f: CliField; key: string };

/** Which field a parameter name addresses, by xe's rules. */
export function fieldType(c: CliClass, name: string): FieldType {
  const exact = fieldByName(c, name);
  if (exact) return { kind: 'normal', f: exact };
  const colon = name.indexOf(':');
  if (colon >= 0) {
    const f = fieldByName(c, name.slice(0, colon));
    if (!f) throw new CliFailure(`Unknown field '${name}'`);
    if (f.kind === 'normal') throw new CliFailure(`Field '${f.name}' is not a set or map`);
    return { kind: f.kind, f, key: name.slice(colon + 1) };
  }
  // The older form `map-name-key`: the longest map (then set) whose name prefixes it.
  for (const kind of ['map', 'set'] as const) {
    const f = c.fields
      .filter((x) => x.kind === kind && name.startsWith(`${x.name}-`))
      .sort((a, b) => b.name.length - a.name.length)[0];
    if (f) return { kind, f, key: name.slice(f.name.length + 1) };
  }
  throw new CliFailure(`Unknown field '${name}'`);
}

function same(f: CliField, a: string, b: string): boolean {
  return f.caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** Keep the records matching every `name=value` filter, as xe does. */
export function filterRecords(
  c: CliClass,
  recs: readonly Rec[],
  filters: readonly (readonly [string, string])[],
  refs: RefIndex,
): Rec[] {
  let out = [...recs];
  for (const [k, v] of filters) {
    if (out.length === 0) return out;
    const t = fieldType(c, k);
    if (t.kind === 'normal') {
      out = out.filter((x) => same(t.f, fieldText(x.r, t.f, refs), v));
    } else if (t.kind === 'map') {
      out = out.filter((x) =>
        mapEntries(x.r[t.f.field.name], t.f.field.ty, refs).some(([mk, mv]) => mk === t.key && mv === v),
      );
    } else {
      if (t.key !== 'contains') {
        throw new CliFailure('Invalid syntax for set filtering (should be set-param:contains=key)');
      }
      out = out.filter((x) => setItems(x.r[t.f.field.name], t.f.field.ty, refs).some((s) => same(t.f, s, v)));
    }
  }
  return out;
}

/** The fields named by `params=` (all for `params=all`), in the record's order. */
export function selectFields(
  c: CliClass,
  paramsValue: string | undefined,
  defaults: readonly string[],
): CliField[] {
  if (paramsValue === 'all') return [...c.fields];
  const names = new Set(paramsValue === undefined ? defaults : paramsValue.split(','));
  return c.fields.filter((f) => names.has(f.name));
}

export function cells(rec: Rec, fields: readonly CliField[], refs: RefIndex): Cell[] {
  return fields.map((f) => ({
    name: f.name,
    title: `${f.name} ${qualifierTag(f)}`,
    text: fieldText(rec.r, f, refs),
    json: fieldJson(rec.r, f, refs),
  }));
}
