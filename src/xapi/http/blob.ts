// /blob?ref=<blob> (or uuid=<blob uuid>): a blob's contents, as xapi's blob
// handler. GET answers them with the blob's mime type; a public blob needs no
// session, any other a session (query, cookie, Basic or the local socket) as
// for the other handlers. PUT replaces them (size and last_updated
// follow) and need the rights of create_new_blob.
import { messages } from '../../datamodel/index.js';
import type { Services } from '../context.js';
import { readBlob, writeBlob } from '../blob/store.js';
import { authenticate, type HttpCaller } from './auth.js';
import { BodyTooLarge, readBody } from './body.js';
import type { Handler } from './router.js';
import { plain } from './reply.js';

/** The largest blob accepted (blobs hold icons, logos, small documents). */
export const MAX_BLOB_BYTES = 64 << 20;

function blobOf(services: Services, url: URL): string | undefined {
  const { db } = services;
  const ref = url.searchParams.get('ref');
  if (ref !== null) return db.has('blob', ref) ? ref : undefined;
  const uuid = url.searchParams.get('uuid');
  return uuid !== null ? db.refByUuid('blob', uuid) : undefined;
}

export function blobHandler(services: Services): Handler {
  return async (req, res, url) => {
    const blob = blobOf(services, url);
    const reading = req.method === 'GET';
    const open = reading && blob !== undefined && services.db.get('blob', blob).public;
    let caller: HttpCaller | undefined;
    if (!open) {
      caller = await authenticate(services, req, url);
      if (!caller) {
        req.resume();
        plain(res, 401, 'Unauthorised\n', { 'www-authenticate': 'Basic realm="xapi"' });
        return;
      }
    }
    try {
      if (blob === undefined) {
        req.resume();
        plain(res, 404, 'No such blob\n');
        return;
      }
      if (reading) {
        const data = readBlob(services.db, blob);
        res.writeHead(200, {
          'content-type': services.db.get('blob', blob).mime_type,
          'content-length': data.length,
        });
        res.end(data);
        return;
      }
      const needed = messages.get('VM.create_new_blob')?.msg.roles ?? [];
      if (caller && !needed.some((r) => caller.session.roles.has(r))) {
        req.resume();
        plain(res, 403, 'Forbidden: the session lacks the vm-power-admin role\n');
        return;
      }
      let data: Buffer;
      try {
        data = await readBody(req, MAX_BLOB_BYTES);
      } catch (e) {
        if (e instanceof BodyTooLarge) plain(res, 413, `Request body larger than ${e.limit} bytes\n`);
        else res.destroy();
        return;
      }
      if (!services.db.has('blob', blob)) {
        plain(res, 404, 'No such blob\n');
        return;
      }
      writeBlob(services.db, blob, data);
      await services.db.flush();
      plain(res, 200, '');
    } finally {
      caller?.done();
    }
  };
}
