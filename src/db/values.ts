// Value helpers for the store: frozen copies (so callers can never mutate
// stored state), structural equality and per-field defaults.
import { emptyValue } from '../datamodel/build.js';
import { Typed, type FieldDecl, type Value } from '../datamodel/types.js';

const EMPTY_ARRAY: readonly never[] = Object.freeze([]);
const EMPTY_OBJECT: { readonly [k: string]: never } = Object.freeze({});

/**
 * An array frozen, or the one shared empty array: a VM row holds a dozen empty
 * sets (its VBDs, VIFs, snapshots… before it has any), which add up over
 * thousands of rows.
 */
export function frozenArray<T>(a: T[]): readonly T[] {
  return a.length === 0 ? EMPTY_ARRAY : Object.freeze(a);
}

function isEmptyObject(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return false;
  return true;
}

/**
 * A deeply frozen copy of a value (frozen input is shared, not copied; empty
 * arrays and maps become shared empty ones).
 */
export function frozenCopy(v: Value): Value {
  if (typeof v !== 'object' || Object.isFrozen(v)) return v;
  if (v instanceof Typed) return Object.freeze(new Typed(frozenCopy(v.value), v.ty));
  if (Array.isArray(v)) {
    const arr = v as readonly Value[];
    if (arr.length === 0) return EMPTY_ARRAY;
    const out = new Array<Value>(arr.length);
    for (let i = 0; i < arr.length; i++) out[i] = frozenCopy(arr[i] as Value);
    return Object.freeze(out);
  }
  const obj = v as { readonly [k: string]: Value | undefined };
  const out: Record<string, Value> = {};
  for (const k in obj) {
    const x = obj[k];
    if (x !== undefined) out[k] = frozenCopy(x);
  }
  return isEmptyObject(out) ? EMPTY_OBJECT : Object.freeze(out);
}

/** Freeze a value in place (for values nobody else holds, e.g. just parsed). */
export function deepFreeze<V extends Value>(v: V): V {
  if (typeof v !== 'object' || Object.isFrozen(v)) return v;
  if (v instanceof Typed) {
    deepFreeze(v.value);
  } else if (Array.isArray(v)) {
    for (const x of v as readonly Value[]) deepFreeze(x);
  } else {
    const obj = v as { readonly [k: string]: Value | undefined };
    for (const k in obj) {
      const x = obj[k];
      if (x !== undefined) deepFreeze(x);
    }
  }
  return Object.freeze(v);
}

export function valueEquals(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Typed || b instanceof Typed) {
    return a instanceof Typed && b instanceof Typed && valueEquals(a.value, b.value);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as readonly Value[];
    return a.length === bb.length && a.every((x: Value, i: number) => valueEquals(x, bb[i]));
  }
  const ao = a as Record<string, Value | undefined>;
  const bo = b as Record<string, Value | undefined>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => valueEquals(ao[k], bo[k]));
}

/** Whether create() must be given this field. */
export function isMandatory(f: FieldDecl): boolean {
  return f.default === undefined && f.ty.kind !== 'option';
}

/**
 * The value a field takes when it is missing from stored data (a field added
 * to the datamodel since the row was written, or one that is not persisted).
 */
export function fillValue(f: FieldDecl): Value | undefined {
  return f.default ?? emptyValue(f.ty);
}
