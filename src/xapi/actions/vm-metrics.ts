// VM.*_data_source*: a VM's data sources, from this host's rrdd.
import { numFromWire } from '../../idl/rrd.js';
import type { CallContext } from '../context.js';
import { dataSourceRecord, rrddOf } from '../rrdd/records.js';

function uuidOf(ctx: CallContext, vm: string): string {
  return ctx.services.db.get('VM', vm).uuid;
}

export const vmMetricsActions = {
  async get_data_sources(ctx: CallContext, self: string) {
    const vm_uuid = uuidOf(ctx, self);
    const list = await rrddOf(ctx).call((c) => c.call('VM.get_data_sources', { dbg: ctx.method, vm_uuid }));
    return list.map(dataSourceRecord);
  },
  async record_data_source(ctx: CallContext, self: string, ds: string) {
    const vm_uuid = uuidOf(ctx, self);
    await rrddOf(ctx).call((c) => c.call('VM.add_data_source', { dbg: ctx.method, vm_uuid, ds }));
  },
  async query_data_source(ctx: CallContext, self: string, ds: string) {
    const vm_uuid = uuidOf(ctx, self);
    return numFromWire(
      await rrddOf(ctx).call((c) => c.call('VM.query_data_source', { dbg: ctx.method, vm_uuid, ds })),
    );
  },
  async forget_data_source_archives(ctx: CallContext, self: string, ds: string) {
    const vm_uuid = uuidOf(ctx, self);
    await rrddOf(ctx).call((c) => c.call('VM.forget_data_source', { dbg: ctx.method, vm_uuid, ds }));
  },
};
