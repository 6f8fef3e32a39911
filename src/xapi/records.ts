// Helpers for building and returning records of the typed store (XapiDb).
import { emptyValue } from '../datamodel/build.js';
import { classByName, enums } from '../datamodel/index.js';
import type { Value } from '../datamodel/types.js';
import type { Patch } from '../db/typed.js';
import type { StoredClass, StoredRecords } from './store.js';

/** A ref → record map of one class. */
export function recordsOf<T>(
  rows: Iterable<readonly [string, T]>,
  keep: (row: T) => boolean = () => true,
): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [ref, row] of rows) if (keep(row)) out[ref] = row;
  return out;
}

/** The fields a client gave a constructor, without the ones it left out (the store refuses undefined for a field that is not optional). */
export function givenFields<T extends object>(args: T): T {
  const out = { ...args };
  for (const k in out) if (out[k] === undefined) delete out[k];
  return out;
}

/** Whether `name` is a field the row has: the narrowing that lets a declared field name index a typed row. */
export function hasField<T extends object>(row: T, name: string): name is Extract<keyof T, string> {
  return name in row;
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
