// POST /services/xenops: this host's xenopsd, for another host's xenopsd
// migrating a VM here (xapi's handler of the same name). The caller needs a
// session (`session_id` in the query, as migrate_receive hands out) with the
// vm-power-admin role, which the router has checked; bodies
// are JSON-RPC calls of the xenops interface, forwarded unchanged and answered
// with xenopsd's reply. `vm=<VM ref>` in the query names the record the
// source created for the VM arriving (see actions/migrate-incoming.ts);
// `pool_vm=<VM ref>` the VM arriving from another host of this pool, which
// keeps its record (actions/migrate-pool-incoming.ts).
import type { ServerResponse } from 'node:http';
import { toApiError } from '../../datamodel/api-error.js';
import type { Json } from '../../idl/index.js';
import { MAX_BODY_BYTES } from '../../idl/http.js';
import { encodeError } from '../../idl/interface.js';
import { encodeFailure } from '../../idl/jsonrpc.js';
import { toIdlError } from '../../idl/registry-errors.js';
import { Xenops } from '../../idl/xenops.js';
import type { Services } from '../context.js';
import { attachIncoming, bindIncoming, metadataVmId } from '../actions/migrate-incoming.js';
import {
  attachPoolIncoming,
  bindPoolIncoming,
  switchoverPoolIncoming,
} from '../actions/migrate-pool-incoming.js';
import { BodyTooLarge, readBody } from './body.js';
import type { Handler } from './router.js';
import { plain } from './reply.js';

function json(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** A JSON-RPC failure in the xenops interface's form. */
function failure(id: unknown, e: unknown): string {
  const error = encodeError(Xenops, toIdlError(Xenops, e));
  return encodeFailure(error, (id ?? null) as Json);
}

interface Frame {
  readonly method?: unknown;
  readonly params?: unknown;
  readonly id?: unknown;
}

export function xenopsServiceHandler(services: Services): Handler {
  return async (req, res, url) => {
    try {
      let body: string;
      try {
        body = (await readBody(req, MAX_BODY_BYTES)).toString('utf8');
      } catch (e) {
        if (e instanceof BodyTooLarge) plain(res, 413, `Request body larger than ${e.limit} bytes\n`);
        else res.destroy();
        return;
      }
      const link = services.xenops;
      if (!link) {
        plain(res, 503, 'this host has no VM manager (xenopsd) configured\n');
        return;
      }
      let frame: Frame = {};
      try {
        frame = JSON.parse(body) as Frame;
      } catch {
        // xenopsd answers malformed calls itself
      }
      const poolVm = url.searchParams.get('pool_vm');
      const arriving = poolVm ?? url.searchParams.get('vm');
      const importing = arriving !== null && frame.method === 'VM.import_metadata';
      if (importing) {
        try {
          // Calls carry their named parameters as the single element of `params`.
          const [p] = Array.isArray(frame.params) ? (frame.params as { s?: unknown }[]) : [];
          const id = metadataVmId(String(p?.s ?? ''));
          if (poolVm !== null) bindPoolIncoming(services, poolVm, id);
          else bindIncoming(services, arriving, id);
        } catch (e) {
          json(res, failure(frame.id, e));
          return;
        }
      }
      if (poolVm !== null && frame.method === 'VM.migrate_receive_complete') {
        try {
          await switchoverPoolIncoming(services, poolVm);
        } catch (e) {
          json(res, failure(frame.id, e));
          return;
        }
      }
      const reply = await link.client.transport.call(body, {
        service: 'xenops',
        method: typeof frame.method === 'string' ? frame.method : 'unknown',
        timeoutMs: 300_000,
        signal: undefined,
      });
      if (importing) {
        // A success carries `error: null` (JSON-RPC 1.0) or no error at all (2.0).
        const ok = (JSON.parse(reply) as { error?: unknown }).error == null;
        if (ok) {
          try {
            await (poolVm !== null ? attachPoolIncoming : attachIncoming)(services, arriving);
          } catch (e) {
            json(res, failure(frame.id, e));
            return;
          }
        }
      }
      json(res, reply);
    } catch (e) {
      const err = toApiError(e);
      plain(res, 503, `${err.toWire().join(' ')}\n`);
    }
  };
}
