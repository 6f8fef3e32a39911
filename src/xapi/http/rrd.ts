// GET /rrd_updates, /host_rrd and /vm_rrd: answered by this host's rrdd
// (which renders the documents), written back unchanged. The router has
// checked the caller (read-only is enough, as in xapi).
import { apiError, toApiError } from '../../datamodel/api-error.js';
import type { Services } from '../context.js';
import type { Handler } from './router.js';
import { plain } from './reply.js';
import { toXenApiError } from '../xenapi-errors.js';

type Kind = 'get_updates' | 'get_host_rrd' | 'get_vm_rrd';

const STATUS: Readonly<Record<string, number>> = {
  INVALID_VALUE: 400,
  UUID_INVALID: 404,
  RRDD_UNAVAILABLE: 503,
  RPC_SERVICE_UNREACHABLE: 503,
  RPC_NO_CONSUMER: 503,
  RPC_TIMEOUT: 504,
};

export function rrdHandler(services: Services, kind: Kind): Handler {
  return async (req, res, url) => {
    try {
      const rrdd = services.rrdd;
      if (!rrdd) throw apiError('RRDD_UNAVAILABLE', { reason: 'no rrdd is configured for this host' });
      const query = url.searchParams;
      query.delete('session_id');
      const r = await rrdd.call((c) =>
        c.call(kind, {
          dbg: url.pathname,
          query: query.toString(),
          accept: req.headers.accept ?? '',
          host_uuid: rrdd.hostUuid(),
        }),
      );
      res.writeHead(200, {
        'content-type': r.content_type,
        'content-length': Buffer.byteLength(r.body),
        ...r.headers,
      });
      res.end(r.body);
    } catch (e) {
      // The status tells the internal cause apart; the text is what a XenAPI client would see.
      const err = toApiError(e);
      plain(res, STATUS[err.code] ?? 500, `${toXenApiError(err).toWire().join(' ')}\n`);
    }
  };
}
