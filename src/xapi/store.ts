// The object database of xapi. `message` objects are not DB objects in the
// XenAPI (no implicit messages), but xapi-ts keeps them in the store anyway:
// they persist with everything else and reach event.from like other objects.
import { classes, relations } from '../datamodel/index.js';
import type { ClassDecl } from '../datamodel/types.js';
import type { DbClass, RecordOf } from '../generated/api-types.js';
import { MemoryStore, openDatabase } from '../db/index.js';
import type { ObjectStore } from '../db/store.js';
import { typedView, type TypedStore } from '../db/typed.js';

const OUTSIDE_DATAMODEL = ['message'] as const;

export const STORED_OUTSIDE_DATAMODEL: ReadonlySet<string> = new Set(OUTSIDE_DATAMODEL);

/** Record type of every class the store holds, by class name. */
export type StoredRecords = Pick<RecordOf, DbClass | (typeof OUTSIDE_DATAMODEL)[number]>;

/** A stored class name. */
export type StoredClass = keyof StoredRecords;

/** The object database, typed by the datamodel. */
export type XapiDb = TypedStore<StoredRecords>;

export function storeClasses(): ClassDecl[] {
  return classes.map((c) => (STORED_OUTSIDE_DATAMODEL.has(c.name) ? { ...c, inDb: true } : c));
}

/** Open the database file, or an in-memory store when `path` is undefined. */
export function openStore(path: string | undefined): XapiDb {
  const opts = { classes: storeClasses(), relations };
  const store: ObjectStore = path === undefined ? new MemoryStore(opts) : openDatabase({ ...opts, path });
  return typedView<StoredRecords>(store);
}
