// blob.create and blob.destroy, and create_new_blob of the classes that hold
// blobs (VM, host, pool, network, SR). Contents go over HTTP (http/blob.ts).
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import { createBlob, destroyBlobs, type BlobOwner } from '../blob/store.js';

/** A new blob named `name` in the object's `blobs` (MAP_DUPLICATE_KEY if the name is taken). */
export function createNewBlob(
  ctx: CallContext,
  cls: BlobOwner,
  self: string,
  name: string,
  mimeType: string,
  isPublic: boolean,
): string {
  const { db } = ctx.services;
  return db.transaction(() => {
    const row = db.get(cls, self);
    if (name in row.blobs)
      throw apiError('MAP_DUPLICATE_KEY', { type: cls, param_name: 'blobs', uuid: row.uuid, key: name });
    const blob = createBlob(db, mimeType, isPublic, name);
    db.addToMap(cls, self, 'blobs', name, blob);
    return blob;
  });
}

export const blobActions = {
  async create(ctx: CallContext, mimeType: string, isPublic: boolean) {
    return createBlob(ctx.services.db, mimeType, isPublic);
  },
  async destroy(ctx: CallContext, self: string) {
    destroyBlobs(ctx.services.db, [self]);
  },
};

const owner = (cls: BlobOwner) => ({
  async create_new_blob(ctx: CallContext, self: string, name: string, mimeType: string, isPublic: boolean) {
    return createNewBlob(ctx, cls, self, name, mimeType, isPublic);
  },
});
export const hostBlobActions = owner('host');
export const poolBlobActions = owner('pool');
export const networkBlobActions = owner('network');
export const srBlobActions = owner('SR');
