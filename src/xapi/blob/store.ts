// Blob contents: one file per blob, `<state>/blobs/<blob uuid>`, written by
// rename so that a reader sees the old contents or the new, never half.
// The records are DB objects; the files go with them (blob.destroy, and the
// destruction of the VM a blob belongs to), wherever the record is destroyed
// from, through the directory registered for the database.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NULL_REF } from '../../datamodel/build.js';
import type { XapiDb } from '../store.js';
import { now } from '../time.js';

const dirs = new WeakMap<XapiDb, string>();

/** The classes whose records hold blobs (a `blobs` map of name → blob). */
export const BLOB_OWNERS = ['VM', 'host', 'pool', 'network', 'SR'] as const;
export type BlobOwner = (typeof BLOB_OWNERS)[number];

/** Keep the blobs of `db` under `<stateDir>/blobs`. */
export function attachBlobDir(db: XapiDb, stateDir: string): void {
  dirs.set(db, join(stateDir, 'blobs'));
}

function pathOf(db: XapiDb, uuid: string): string | undefined {
  const dir = dirs.get(db);
  return dir === undefined ? undefined : join(dir, uuid);
}

export const DEFAULT_MIME_TYPE = 'application/octet-stream';

/** A new empty blob (xapi: the empty mime type is application/octet-stream). */
export function createBlob(db: XapiDb, mimeType: string, isPublic: boolean, name = ''): string {
  return db.create('blob', {
    uuid: randomUUID(),
    name_label: name,
    name_description: '',
    size: 0,
    public: isPublic,
    last_updated: now(),
    mime_type: mimeType === '' ? DEFAULT_MIME_TYPE : mimeType,
  });
}

/** The contents of a blob (empty before the first write). */
export function readBlob(db: XapiDb, blob: string): Buffer {
  const path = pathOf(db, db.get('blob', blob).uuid);
  return path !== undefined && existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
}

/** Replace a blob's contents; size and last_updated follow. */
export function writeBlob(db: XapiDb, blob: string, data: Buffer): void {
  const path = pathOf(db, db.get('blob', blob).uuid);
  if (path === undefined) throw new Error('no blob directory for this database');
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  writeFileSync(`${path}.tmp`, data, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
  db.update('blob', blob, { size: data.length, last_updated: now() });
}

/** Destroy blobs with their contents, and drop them from every object's `blobs`. */
export function destroyBlobs(db: XapiDb, blobs: readonly string[]): void {
  const doomed = new Set(blobs.filter((b) => b !== NULL_REF && db.has('blob', b)));
  if (doomed.size === 0) return;
  const uuids = [...doomed].map((b) => db.get('blob', b).uuid);
  db.transaction(() => {
    for (const cls of BLOB_OWNERS) {
      for (const [ref, row] of [...db.all(cls)]) {
        for (const [name, b] of Object.entries(row.blobs)) {
          if (doomed.has(b)) db.removeFromMap(cls, ref, 'blobs', name);
        }
      }
    }
    for (const b of doomed) db.destroy('blob', b);
  });
  for (const uuid of uuids) {
    const path = pathOf(db, uuid);
    if (path !== undefined) rmSync(path, { force: true });
  }
}
