// The RPC endpoints: XML-RPC on `POST /` (and every unmatched path), JSON-RPC
// on `POST /jsonrpc`. Parse, dispatch, wait until the call's writes are
// durable, then answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toApiError } from '../../datamodel/api-error.js';
import type { XapiDb } from '../store.js';
import {
  contentType,
  encodeFailure,
  encodeSuccessParts,
  parseErrorHtml,
  parseJsonRequest,
  parseXmlRequest,
  RpcParseError,
  type RpcRequest,
} from '../../rpc/index.js';
import type { Dispatcher } from '../dispatch.js';
import { BodyTooLarge, readBody } from './body.js';
import { ForwardToMaster } from '../pool/host-pool.js';
import { forwardRequest } from '../pool/forward.js';
import { apiError } from '../../datamodel/api-error.js';

export const MAX_RPC_BODY = 300 * 1024;

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'X-Requested-With',
} as const;

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...CORS });
  res.end(body);
}

/** Pieces are written in groups of about this many characters. */
const GROUP = 64 * 1024;

/**
 * Write a body given as pieces (the same bytes as their concatenation). A large
 * answer (get_all_records of thousands of objects) goes out group by group as
 * the client reads it, instead of as one string and one buffer of its whole size.
 */
async function sendParts(res: ServerResponse, type: string, parts: readonly string[]): Promise<void> {
  if (parts.length < 64) return send(res, 200, type, parts.join(''));
  let length = 0;
  for (const p of parts) length += Buffer.byteLength(p);
  res.writeHead(200, { 'content-type': type, 'content-length': length, ...CORS });
  let group = '';
  for (const p of parts) {
    group += p;
    if (group.length < GROUP) continue;
    const more = res.write(group);
    group = '';
    if (!more) await drained(res);
    if (res.destroyed) return;
  }
  res.end(group);
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export function rpcHandler(dispatcher: Dispatcher, db: XapiDb, protocol: 'xml' | 'json') {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let body: Buffer;
    try {
      body = await readBody(req, MAX_RPC_BODY);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        res.setHeader('connection', 'close');
        send(res, 413, 'text/plain', `Request body larger than ${e.limit} bytes\n`);
      } else {
        res.destroy();
      }
      return;
    }
    let request: RpcRequest;
    try {
      request = protocol === 'xml' ? parseXmlRequest(body) : parseJsonRequest(body);
    } catch (e) {
      if (e instanceof RpcParseError) send(res, 500, 'text/html', parseErrorHtml(e));
      else send(res, 500, 'text/plain', 'internal error\n');
      return;
    }
    const local = req.socket.remoteAddress === undefined;
    let reply: string | string[];
    try {
      const r = await dispatcher.call(request.method, request.params, {
        local,
        lossyUtf8: request.lossyUtf8,
      });
      // Writes are acknowledged only once durable. Reads answer at once: a
      // reader may see a change a commit later (if the server then died,
      // its event token would be ahead and it would get EVENTS_LOST).
      if (!r.readOnly) await db.flush();
      reply = encodeSuccessParts(request, r.value, r.ty, r.raw === true);
    } catch (e) {
      if (e instanceof ForwardToMaster) {
        await forward(res, e, req.url ?? '/', request, body);
        return;
      }
      const err = toApiError(e);
      await db.flush();
      reply = encodeFailure(request, err.toWire());
    }
    if (typeof reply === 'string') send(res, 200, contentType(request), reply);
    else await sendParts(res, contentType(request), reply);
  };
}

/** Hand a request to the master and pass its answer back; a master that cannot be reached leaves this host in emergency mode. */
async function forward(
  res: ServerResponse,
  to: ForwardToMaster,
  path: string,
  request: RpcRequest,
  body: Buffer,
): Promise<void> {
  try {
    const r = await forwardRequest(to.url, path, contentType(request), body);
    res.writeHead(r.status, { 'content-type': r.contentType, 'content-length': r.body.length, ...CORS });
    res.end(r.body);
  } catch {
    send(
      res,
      200,
      contentType(request),
      encodeFailure(request, apiError('HOST_IN_EMERGENCY_MODE', {}).toWire()),
    );
  }
}
