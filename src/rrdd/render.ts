// What the HTTP handlers of /rrd_updates, /host_rrd and /vm_rrd answer,
// computed without any I/O: the handler passes the query, the Accept header
// and the daemon's RRDs, and writes back status, headers and body.
import { apiError } from '../datamodel/api-error.js';
import { parseRrdUpdatesQuery, sourcesFor, wantsJson, type RrdSet } from './rrd/query.js';
import type { Rrd } from './rrd/rrd.js';
import { rrdToJson, rrdToXml } from './rrd/serialise.js';
import { buildXport, xportToJson, xportToXml } from './rrd/updates.js';

export interface Rendered {
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const JSON_TYPE = 'application/json';
const XML_TYPE = 'text/xml';

/** GET /rrd_updates?start=…[&interval][&cf][&host=true][&vm_uuid…][&sr_uuid…][&json] */
export function renderRrdUpdates(params: URLSearchParams, accept: string | undefined, set: RrdSet): Rendered {
  const q = parseRrdUpdatesQuery(params, accept);
  const x = buildXport(sourcesFor(q, set), q.start, q.interval, q.cf);
  return {
    contentType: q.json ? JSON_TYPE : XML_TYPE,
    headers: { 'Access-Control-Allow-Origin': '*' },
    body: q.json ? xportToJson(x) : xportToXml(x),
  };
}

/** GET /host_rrd, /vm_rrd?uuid=, /sr_rrd?uuid=: one whole RRD, XML unless JSON is asked for. */
export function renderRrd(rrd: Rrd, params: URLSearchParams, accept: string | undefined): Rendered {
  const json = wantsJson(params, accept);
  return {
    contentType: json ? JSON_TYPE : XML_TYPE,
    headers: {},
    body: json ? rrdToJson(rrd) : rrdToXml(rrd),
  };
}

/** The RRD a /vm_rrd or /sr_rrd request names, or UUID_INVALID. */
export function pickRrd(kind: 'vm' | 'sr', params: URLSearchParams, rrds: ReadonlyMap<string, Rrd>): Rrd {
  const uuid = params.get('uuid');
  if (uuid === null) throw apiError('INVALID_VALUE', { field: 'uuid', value: '' });
  const rrd = rrds.get(uuid);
  if (!rrd) throw apiError('UUID_INVALID', { type: kind === 'vm' ? 'VM' : 'SR', uuid });
  return rrd;
}
