// Typed views of stored rows: the store holds every class's rows as generic
// field maps; the generated record types say what each one contains.
import type { RecordOf } from '../generated/api-types.js';
import { emptyValue } from '../datamodel/build.js';
import { classByName, enums } from '../datamodel/index.js';
import type { Value } from '../datamodel/types.js';
import type { Row } from '../db/store.js';
import type { Patch } from '../db/typed.js';
import type { StoredClass, StoredRecords } from './store.js';

export function recordOf<C extends keyof RecordOf>(_cls: C, row: Row): RecordOf[C] {
  return row as unknown as RecordOf[C];
}

/** A ref → record map of one class. */
export function recordsOf<C extends keyof RecordOf>(
  cls: C,
  rows: Iterable<readonly [string, Row]>,
  keep: (row: Row) => boolean = () => true,
): Record<string, RecordOf[C]> {
  const out: Record<string, RecordOf[C]> = {};
  for (const [ref, row] of rows) if (keep(row)) out[ref] = recordOf(cls, row);
  return out;
}

/** The pool's SR fields (its default SR and where images go), which follow an SR. */
export const POOL_SR_FIELDS = ['default_SR', 'suspend_image_SR', 'crash_dump_SR'] as const;

/**
 * For objects the server creates itself: fields the constructor would
 * require (no default) take the empty value of their type (an enum its first
 * value), so that only what matters needs spelling out.
 */
export function serverFields<C extends StoredClass>(
  cls: C,
  given: Patch<StoredRecords[C]>,
): Patch<StoredRecords[C]> {
  const decl = classByName.get(cls);
  if (!decl) throw new Error(`unknown class ${cls}`);
  // Each filled value is of its field's declared type, by construction.
  const filled: Record<string, Value | undefined> = {};
  for (const f of decl.fields) {
    if (f.name in given || f.default !== undefined || f.ty.kind === 'option') continue;
    filled[f.name] = f.ty.kind === 'enum' ? enums.get(f.ty.name)?.values[0]?.name : emptyValue(f.ty);
  }
  return Object.assign(filled, given);
}
