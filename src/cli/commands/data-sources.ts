// Data source commands of VMs and hosts (vm-data-source-list, -query,
// -record, -forget and the host-* ones): they call get_data_sources,
// query_data_source, record_data_source and forget_data_source_archives.
import type { Command, Ctx, Selectors } from '../command.js';
import { CliFailure } from '../errors.js';
import type { Cell } from '../output.js';
import { forEachSelected } from '../select.js';

type Wire = 'VM' | 'host';

const CLASS: Readonly<Record<'vm' | 'host', Wire>> = { vm: 'VM', host: 'host' };

function cells(d: Readonly<Record<string, unknown>>): Cell[] {
  const cell = (name: string, text: string, json: string | number | boolean): Cell => ({
    name,
    title: `${name} ( RO)`,
    text,
    json,
  });
  const num = (v: unknown): string =>
    typeof v === 'number' && Number.isFinite(v) ? v.toFixed(3) : String(v);
  return [
    cell('name_label', String(d['name_label'] ?? ''), String(d['name_label'] ?? '')),
    cell('name_description', String(d['name_description'] ?? ''), String(d['name_description'] ?? '')),
    cell('enabled', String(d['enabled']), d['enabled'] === true),
    cell('standard', String(d['standard']), d['standard'] === true),
    cell('min', num(d['min']), num(d['min'])),
    cell('max', num(d['max']), num(d['max'])),
    cell('units', String(d['units'] ?? ''), String(d['units'] ?? '')),
  ];
}

function dataSource(ctx: Ctx): string {
  const ds = ctx.params.get('data-source');
  if (ds === undefined) throw new CliFailure('This operation needs the parameter data-source');
  return ds;
}

function commands(kind: 'vm' | 'host'): Command[] {
  const cls = CLASS[kind];
  const noun = kind === 'vm' ? 'VM' : 'host';
  const each = (ctx: Ctx, op: (ref: string) => Promise<void>) =>
    forEachSelected(ctx, kind as Selectors, { ignore: ['data-source'] }, (r) => op(r.ref));
  return [
    {
      name: `${kind}-data-source-list`,
      reqd: [],
      optn: [],
      help: `List the data sources that can be recorded for a ${noun}.`,
      selectors: kind,
      uses: [`${cls}.get_data_sources`],
      run: (ctx) =>
        each(ctx, async (ref) => {
          const list = (await ctx.api.call(`${cls}.get_data_sources`, ref)) as Record<string, unknown>[];
          ctx.out.table(list.map(cells));
        }),
    },
    {
      name: `${kind}-data-source-query`,
      reqd: ['data-source'],
      optn: [],
      help: `Print the latest value (5 s average) of a recorded data source of a ${noun}.`,
      selectors: kind,
      uses: [`${cls}.query_data_source`],
      run: (ctx) =>
        each(ctx, async (ref) => {
          const v = await ctx.api.call(`${cls}.query_data_source`, ref, dataSource(ctx));
          ctx.out.list([typeof v === 'number' && Number.isFinite(v) ? v.toFixed(3) : String(v)], v as number);
        }),
    },
    {
      name: `${kind}-data-source-record`,
      reqd: ['data-source'],
      optn: [],
      help: `Start recording a data source of a ${noun}.`,
      selectors: kind,
      uses: [`${cls}.record_data_source`],
      run: (ctx) =>
        each(
          ctx,
          async (ref) => void (await ctx.api.call(`${cls}.record_data_source`, ref, dataSource(ctx))),
        ),
    },
    {
      name: `${kind}-data-source-forget`,
      reqd: ['data-source'],
      optn: [],
      help: `Stop recording a data source of a ${noun} and drop its archives.`,
      selectors: kind,
      uses: [`${cls}.forget_data_source_archives`],
      run: (ctx) =>
        each(
          ctx,
          async (ref) =>
            void (await ctx.api.call(`${cls}.forget_data_source_archives`, ref, dataSource(ctx))),
        ),
    },
  ];
}

export const dataSourceCommands: readonly Command[] = [...commands('vm'), ...commands('host')];
