// host.*_data_source*: the host's data sources, from this host's rrdd.
import { numFromWire } from '../../idl/rrd.js';
import type { CallContext } from '../context.js';
import { dataSourceRecord, rrddOf } from '../rrdd/records.js';

export const hostMetricsActions = {
  async get_data_sources(ctx: CallContext, _host: string) {
    const list = await rrddOf(ctx).call((c) => c.call('HOST.get_data_sources', { dbg: ctx.method }));
    return list.map(dataSourceRecord);
  },
  async record_data_source(ctx: CallContext, _host: string, ds: string) {
    await rrddOf(ctx).call((c) => c.call('HOST.add_data_source', { dbg: ctx.method, ds }));
  },
  async query_data_source(ctx: CallContext, _host: string, ds: string) {
    return numFromWire(
      await rrddOf(ctx).call((c) => c.call('HOST.query_data_source', { dbg: ctx.method, ds })),
    );
  },
  async forget_data_source_archives(ctx: CallContext, _host: string, ds: string) {
    await rrddOf(ctx).call((c) => c.call('HOST.forget_data_source', { dbg: ctx.method, ds }));
  },
};
