// The object database of xapi. `message` objects are not DB objects in the
// XenAPI (no implicit messages), but xapi-ts keeps them in the store anyway:
// they persist with everything else and reach event.from like other objects.
import { classes, relations } from '../datamodel/index.js';
import type { ClassDecl } from '../datamodel/types.js';
import { MemoryStore, openDatabase } from '../db/index.js';
import type { ObjectStore } from '../db/store.js';

export const STORED_OUTSIDE_DATAMODEL = new Set(['message']);

export function storeClasses(): ClassDecl[] {
  return classes.map((c) => (STORED_OUTSIDE_DATAMODEL.has(c.name) ? { ...c, inDb: true } : c));
}

/** Open the database file, or an in-memory store when `path` is undefined. */
export function openStore(path: string | undefined): ObjectStore {
  const opts = { classes: storeClasses(), relations };
  return path === undefined ? new MemoryStore(opts) : openDatabase({ ...opts, path });
}
