// rrdd's data sources as XenAPI data_source records.
import type { DataSourceRecord } from '../../generated/api-types.js';
import { apiError } from '../../datamodel/api-error.js';
import { numFromWire, type DataSource } from '../../idl/rrd.js';
import type { CallContext } from '../context.js';
import type { RrddLink } from './link.js';

export function dataSourceRecord(d: DataSource): DataSourceRecord {
  return {
    name_label: d.name,
    name_description: d.description,
    enabled: d.enabled,
    standard: d.standard,
    units: d.units,
    min: numFromWire(d.min),
    max: numFromWire(d.max),
    value: numFromWire(d.value),
  };
}

/** This host's rrdd, or RRDD_UNAVAILABLE when xapi runs without one. */
export function rrddOf(ctx: Pick<CallContext, 'services'>): RrddLink {
  const r = ctx.services.rrdd;
  if (!r) throw apiError('RRDD_UNAVAILABLE', { reason: 'no rrdd is configured for this host' });
  return r;
}
