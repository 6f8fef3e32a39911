// The four data source messages (get_data_sources, record_data_source,
// query_data_source, forget_data_source_archives), one implementation for
// every class whose metrics rrdd keeps: the host, VMs and SRs. Only the rrd
// interface's namespace and owner argument differ from class to class.
import type { Client } from '../../idl/index.js';
import { numFromWire, type DataSource, type RrdInterface } from '../../idl/rrd.js';
import type { CallContext } from '../context.js';
import { dataSourceRecord, rrddOf } from './records.js';

type C = Client<RrdInterface>;

/** How one class reaches rrdd's calls for one of its objects. */
interface OwnerCalls {
  list(c: C, dbg: string, uuid: string): Promise<readonly DataSource[]>;
  query(c: C, dbg: string, uuid: string, ds: string): Promise<string>;
  add(c: C, dbg: string, uuid: string, ds: string): Promise<unknown>;
  forget(c: C, dbg: string, uuid: string, ds: string): Promise<unknown>;
}

const OWNERS = {
  host: {
    list: (c, dbg) => c.call('HOST.get_data_sources', { dbg }),
    query: (c, dbg, _u, ds) => c.call('HOST.query_data_source', { dbg, ds }),
    add: (c, dbg, _u, ds) => c.call('HOST.add_data_source', { dbg, ds }),
    forget: (c, dbg, _u, ds) => c.call('HOST.forget_data_source', { dbg, ds }),
  },
  VM: {
    list: (c, dbg, vm_uuid) => c.call('VM.get_data_sources', { dbg, vm_uuid }),
    query: (c, dbg, vm_uuid, ds) => c.call('VM.query_data_source', { dbg, vm_uuid, ds }),
    add: (c, dbg, vm_uuid, ds) => c.call('VM.add_data_source', { dbg, vm_uuid, ds }),
    forget: (c, dbg, vm_uuid, ds) => c.call('VM.forget_data_source', { dbg, vm_uuid, ds }),
  },
  SR: {
    list: (c, dbg, sr_uuid) => c.call('SR.get_data_sources', { dbg, sr_uuid }),
    query: (c, dbg, sr_uuid, ds) => c.call('SR.query_data_source', { dbg, sr_uuid, ds }),
    add: (c, dbg, sr_uuid, ds) => c.call('SR.add_data_source', { dbg, sr_uuid, ds }),
    forget: (c, dbg, sr_uuid, ds) => c.call('SR.forget_data_source', { dbg, sr_uuid, ds }),
  },
} as const satisfies Record<string, OwnerCalls>;

export type DataSourceClass = keyof typeof OWNERS;

/** The data source messages of `cls`; the object is the call's first parameter. */
export function dataSourceActions(cls: DataSourceClass) {
  const calls: OwnerCalls = OWNERS[cls];
  const uuidOf = (ctx: CallContext, ref: string): string => ctx.services.db.get(cls, ref).uuid;
  return {
    async get_data_sources(ctx: CallContext, self: string) {
      const uuid = uuidOf(ctx, self);
      const list = await rrddOf(ctx).call((c) => calls.list(c, ctx.method, uuid));
      return list.map(dataSourceRecord);
    },
    async record_data_source(ctx: CallContext, self: string, ds: string) {
      const uuid = uuidOf(ctx, self);
      await rrddOf(ctx).call((c) => calls.add(c, ctx.method, uuid, ds));
    },
    async query_data_source(ctx: CallContext, self: string, ds: string) {
      const uuid = uuidOf(ctx, self);
      return numFromWire(await rrddOf(ctx).call((c) => calls.query(c, ctx.method, uuid, ds)));
    },
    async forget_data_source_archives(ctx: CallContext, self: string, ds: string) {
      const uuid = uuidOf(ctx, self);
      await rrddOf(ctx).call((c) => calls.forget(c, ctx.method, uuid, ds));
    },
  };
}
