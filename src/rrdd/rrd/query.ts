// The query strings of /rrd_updates, /host_rrd and /vm_rrd, read into plain
// values (pure: the HTTP handler passes the URL's parameters and the Accept
// header), and the choice of RRDs that answer.
import { apiError } from '../../datamodel/api-error.js';
import type { Rrd } from './rrd.js';
import type { Cf } from './types.js';
import type { UpdatesSource } from './updates.js';

export interface RrdUpdatesQuery {
  /** Seconds since the epoch; negative: relative to the last update. */
  readonly start: number;
  /** Wanted resolution in seconds; 0 = finest. */
  readonly interval: number;
  /** One CF, or undefined for all. */
  readonly cf: Cf | undefined;
  readonly host: boolean;
  /** Only these VMs; empty = every resident VM. */
  readonly vmUuids: readonly string[];
  /** These SRs; empty = none. */
  readonly srUuids: readonly string[];
  readonly json: boolean;
}

function integer(params: URLSearchParams, name: string, dflt?: number): number {
  const raw = params.get(name);
  if (raw === null) {
    if (dflt !== undefined) return dflt;
    throw apiError('INVALID_VALUE', { field: name, value: '' });
  }
  if (!/^\s*-?\d+(\.\d*)?\s*$/.test(raw)) throw apiError('INVALID_VALUE', { field: name, value: raw });
  return Math.trunc(Number(raw));
}

/**
 * Whether the client asked for JSON: a `json` parameter (any value but
 * "false"), or an Accept header that ranks application/json above XML.
 */
export function wantsJson(params: URLSearchParams, accept?: string): boolean {
  const j = params.get('json');
  if (j !== null) return j.toLowerCase() !== 'false';
  if (!accept) return false;
  let json = -1;
  let xml = -1;
  for (const part of accept.split(',')) {
    const [type = '', ...attrs] = part.trim().toLowerCase().split(';');
    const qAttr = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
    const q = qAttr ? Number(qAttr.slice(2)) : 1;
    const weight = Number.isFinite(q) ? q : 0;
    if (type === 'application/json') json = Math.max(json, weight);
    if (type === 'text/xml' || type === 'application/xml') xml = Math.max(xml, weight);
  }
  return json > 0 && json > xml;
}

export function parseRrdUpdatesQuery(params: URLSearchParams, accept?: string): RrdUpdatesQuery {
  const start = integer(params, 'start');
  const interval = integer(params, 'interval', 0);
  if (interval < 0) throw apiError('INVALID_VALUE', { field: 'interval', value: String(interval) });
  const cfRaw = params.get('cf');
  let cf: Cf | undefined;
  if (cfRaw !== null) {
    const c = cfRaw.toUpperCase();
    if (c !== 'AVERAGE' && c !== 'MIN' && c !== 'MAX' && c !== 'LAST') {
      throw apiError('INVALID_VALUE', { field: 'cf', value: cfRaw });
    }
    cf = c;
  }
  return {
    start,
    interval,
    cf,
    host: params.get('host') === 'true',
    vmUuids: params.getAll('vm_uuid'),
    srUuids: params.getAll('sr_uuid'),
    json: wantsJson(params, accept),
  };
}

/** The RRDs the daemon holds, as the export sees them. */
export interface RrdSet {
  readonly hostUuid: string;
  readonly host: Rrd | undefined;
  /** VMs resident on this host. */
  readonly vms: ReadonlyMap<string, Rrd>;
  readonly srs: ReadonlyMap<string, Rrd>;
}

/** Host first (if asked), then the VMs (all resident, or those named), then the SRs named. */
export function sourcesFor(q: RrdUpdatesQuery, set: RrdSet): UpdatesSource[] {
  const out: UpdatesSource[] = [];
  if (q.host && set.host) out.push({ kind: 'host', uuid: set.hostUuid, rrd: set.host });
  if (q.vmUuids.length === 0) {
    for (const [uuid, rrd] of set.vms) out.push({ kind: 'vm', uuid, rrd });
  } else {
    for (const uuid of new Set(q.vmUuids)) {
      const rrd = set.vms.get(uuid);
      if (rrd) out.push({ kind: 'vm', uuid, rrd });
    }
  }
  for (const uuid of new Set(q.srUuids)) {
    const rrd = set.srs.get(uuid);
    if (rrd) out.push({ kind: 'sr', uuid, rrd });
  }
  return out;
}
