// The commands every class gets from the datamodel: <class>-list and
// <class>-param-list/-get/-set/-add/-remove/-clear, with xe's semantics and
// messages.
import { XenApiFailure } from '../../client/transport.js';
import { STD_PARAMS } from '../argv.js';
import type { Command, Ctx } from '../command.js';
import { CliFailure } from '../errors.js';
import { fieldJson, fieldText, mapEntries, setItems } from '../format.js';
import { cliClasses, fieldByName, type CliClass, type CliField } from '../model.js';
import {
  cells,
  fetchOne,
  fetchRecords,
  fieldType,
  filterRecords,
  loadRefs,
  selectFields,
} from '../records.js';
import { parseValue } from '../values.js';

const plural = (c: CliClass): string => `${c.name}s`;

function required(ctx: Ctx, name: string): string {
  return ctx.params.get(name) as string; // checked against the command's reqd list before run
}

async function list(c: CliClass, ctx: Ctx): Promise<void> {
  const all = await fetchRecords(ctx.api, ctx.refs, c);
  const filters = ctx.params.list.filter(
    ([k]) => k !== 'params' && !STD_PARAMS.includes(k) && !k.startsWith('database:'),
  );
  const fields = selectFields(c, ctx.params.get('params'), c.listParams);
  await loadRefs(ctx.refs, [
    ...fields,
    ...c.fields.filter((f) => filters.some(([k]) => k.startsWith(f.name))),
  ]);
  const recs = ctx.params.bool('all') ? all : filterRecords(c, all, [...c.listFilters, ...filters], ctx.refs);
  ctx.out.table(recs.map((r) => cells(r, fields, ctx.refs)));
}

async function paramList(c: CliClass, ctx: Ctx): Promise<void> {
  const rec = await fetchOne(ctx.api, ctx.refs, c, required(ctx, 'uuid'));
  await loadRefs(ctx.refs, c.fields);
  ctx.out.table([cells(rec, c.fields, ctx.refs)]);
}

/** xe reports an unknown parameter name this way, as a bare error code. */
function lookup(c: CliClass, name: string): CliField {
  const f = fieldByName(c, name);
  if (!f) throw new XenApiFailure('Missing parameter', [name]);
  return f;
}

async function paramGet(c: CliClass, ctx: Ctx): Promise<void> {
  const rec = await fetchOne(ctx.api, ctx.refs, c, required(ctx, 'uuid'));
  const f = lookup(c, required(ctx, 'param-name'));
  await loadRefs(ctx.refs, [f]);
  const key = ctx.params.get('param-key');
  if (key !== undefined && f.kind === 'map') {
    const hit = mapEntries(rec.r[f.field.name], f.field.ty, ctx.refs).find(([k]) => k === key);
    if (!hit) throw new CliFailure(`Key ${key} not found in map`);
    ctx.out.list([hit[1]]);
    return;
  }
  ctx.out.list([fieldText(rec.r, f, ctx.refs)], fieldJson(rec.r, f, ctx.refs));
}

async function paramSet(c: CliClass, ctx: Ctx): Promise<void> {
  const rec = await fetchOne(ctx.api, ctx.refs, c, required(ctx, 'uuid'));
  const call = (m: string, ...args: unknown[]) => ctx.api.call(`${c.cls.name}.${m}`, rec.ref, ...args);
  for (const [k, v] of ctx.params.list) {
    if (k === 'uuid' || STD_PARAMS.includes(k)) continue;
    const t = fieldType(c, k);
    const f = t.f;
    if (t.kind === 'normal') {
      if (!f.setter || f.kind !== 'normal') {
        if (f.add) throw new CliFailure(`Field '${k}' is a map or set. use the 'name:key=value' syntax.`);
        throw new CliFailure(`Field '${k}' is read-only.`);
      }
      await call(f.setter, await parseValue(ctx.api, v, f.field.ty, k));
    } else if (t.kind === 'map') {
      if (!f.add || !f.remove) throw new CliFailure(`Map field '${f.name}' is read-only.`);
      const ty = f.field.ty.kind === 'map' ? f.field.ty : undefined;
      const key = ty ? await parseValue(ctx.api, t.key, ty.key, k) : t.key;
      const value = ty ? await parseValue(ctx.api, v, ty.value, k) : v;
      const current = rec.r[f.field.name] as Record<string, unknown> | undefined;
      if (current && Object.hasOwn(current, String(key))) await call(f.remove, key);
      await call(f.add, key, value);
    } else {
      throw new CliFailure('Cannot param-set on set fields');
    }
  }
}

async function paramAdd(c: CliClass, ctx: Ctx): Promise<void> {
  const rec = await fetchOne(ctx.api, ctx.refs, c, required(ctx, 'uuid'));
  const f = lookup(c, required(ctx, 'param-name'));
  const call = (m: string, ...args: unknown[]) => ctx.api.call(`${c.cls.name}.${m}`, rec.ref, ...args);
  const ty = f.field.ty;
  if (f.kind === 'set' && f.add && ty.kind === 'set') {
    const key = ctx.params.get('param-key');
    if (key === undefined) {
      throw new CliFailure(
        'When adding a key to a set, use the syntax: *-param-add param-name=<name> param-key=<key>',
      );
    }
    await call(f.add, await parseValue(ctx.api, key, ty.of, f.name));
  } else if (f.kind === 'map' && f.add && ty.kind === 'map') {
    const skip = new Set(['uuid', 'param-name', 'param-key', ...STD_PARAMS]);
    for (const [k, v] of ctx.params.list) {
      if (skip.has(k)) continue;
      await call(
        f.add,
        await parseValue(ctx.api, k, ty.key, f.name),
        await parseValue(ctx.api, v, ty.value, f.name),
      );
    }
  } else if (f.kind !== 'normal') {
    throw new CliFailure('Parameter is read-only');
  } else {
    throw new CliFailure('Can only add to parameters of type Set or Map');
  }
}

async function paramRemove(c: CliClass, ctx: Ctx): Promise<void> {
  const rec = await fetchOne(ctx.api, ctx.refs, c, required(ctx, 'uuid'));
  const f = lookup(c, required(ctx, 'param-name'));
  const key = required(ctx, 'param-key');
  const v = rec.r[f.field.name];
  const ty = f.field.ty;
  await loadRefs(ctx.refs, [f]);
  if (f.kind === 'set' && f.remove && ty.kind === 'set') {
    if (!setItems(v, ty, ctx.refs).includes(key)) throw new CliFailure(`Key ${key} is not in the set`);
    await ctx.api.call(`${c.cls.name}.${f.remove}`, rec.ref, await parseValue(ctx.api, key, ty.of, f.name));
  } else if (f.kind === 'map' && f.remove && ty.kind === 'map') {
    if (!mapEntries(v, ty, ctx.refs).some(([k]) => k === key))
      throw new CliFailure(`Key ${key} is not in map`);
    await ctx.api.call(`${c.cls.name}.${f.remove}`, rec.ref, await parseValue(ctx.api, key, ty.key, f.name));
  } else if (f.kind !== 'normal') {
    throw new CliFailure('Cannot remove parameters from read-only map');
  } else {
    throw new CliFailure('Can only remove from parameters of type Set or Map');
  }
}

async function paramClear(c: CliClass, ctx: Ctx): Promise<void> {
  const rec = await fetchOne(ctx.api, ctx.refs, c, required(ctx, 'uuid'));
  const f = lookup(c, required(ctx, 'param-name'));
  const call = (m: string, ...args: unknown[]) => ctx.api.call(`${c.cls.name}.${m}`, rec.ref, ...args);
  const v = rec.r[f.field.name];
  if (f.kind === 'set' && f.remove) {
    for (const x of Array.isArray(v) ? v : []) await call(f.remove, x);
  } else if (f.kind === 'map' && f.setter) {
    await call(f.setter, {});
  } else if (f.kind === 'map' && f.remove) {
    for (const k of Object.keys((v ?? {}) as object)) await call(f.remove, k);
  } else if (f.kind === 'normal' && f.setter) {
    let empty: unknown;
    try {
      empty = await parseValue(ctx.api, '', f.field.ty, f.name);
    } catch {
      throw new CliFailure('Cannot clear this parameter');
    }
    await call(f.setter, empty);
  } else {
    throw new CliFailure('Can only clear RW parameters');
  }
}

/** The generic commands of one xe class, as xe's gen_cmds makes them. */
export function paramCommands(c: CliClass): Command[] {
  const names = c.fields.map((f) => f.name);
  const settable = [
    ...c.fields.filter((f) => f.kind === 'normal' && f.setter).map((f) => f.name),
    ...c.fields.filter((f) => f.kind === 'map' && f.add).map((f) => `${f.name}:`),
  ];
  const addable = c.fields.filter((f) => f.kind !== 'normal' && f.add).map((f) => f.name);
  const clearable = c.fields.filter((f) => (f.kind === 'normal' ? f.setter : f.remove)).map((f) => f.name);
  const get = `${c.cls.name}.get_record`;
  const cmds: Command[] = [
    {
      name: `${c.name}-list`,
      reqd: [],
      optn: [
        'params',
        ...names,
        ...c.fields.filter((f) => f.kind === 'set').map((f) => `${f.name}:contains`),
      ],
      help: `Lists all the ${plural(c)}, filtering on the optional arguments. To filter on map parameters, use the syntax 'map-param:key=value'`,
      standard: ['vm', 'network', 'sr'].includes(c.name),
      uses: [`${c.cls.name}.get_all_records`],
      run: (ctx) => list(c, ctx),
    },
    {
      name: `${c.name}-param-list`,
      reqd: ['uuid'],
      optn: [],
      help: 'Lists all the parameters of the object specified by the uuid.',
      uses: [get],
      run: (ctx) => paramList(c, ctx),
    },
    {
      name: `${c.name}-param-get`,
      reqd: ['uuid', 'param-name'],
      optn: ['param-key'],
      help: "Gets the parameter specified of the object. If the parameter is a map of key=value pairs, use 'param-key=<key>' to get the value associated with a particular key.",
      uses: [get],
      run: (ctx) => paramGet(c, ctx),
    },
  ];
  if (settable.length) {
    cmds.push({
      name: `${c.name}-param-set`,
      reqd: ['uuid'],
      optn: settable,
      help: "Sets the parameter specified. If param-value is not given, the parameter is set to a null value. To set a (key,value) pair in a map parameter, use the syntax 'map-param:key=value'.",
      uses: [get],
      run: (ctx) => paramSet(c, ctx),
    });
  }
  if (addable.length) {
    cmds.push(
      {
        name: `${c.name}-param-add`,
        reqd: ['uuid', 'param-name'],
        optn: ['param-key'],
        help: "Adds to a set or map parameter. If the parameter is a set, use param-key=<key to add>. If the parameter is a map, pass the values to add as 'key=value' pairs.",
        uses: [get],
        run: (ctx) => paramAdd(c, ctx),
      },
      {
        name: `${c.name}-param-remove`,
        reqd: ['uuid', 'param-name', 'param-key'],
        optn: [],
        help: 'Removes a member or a key,value pair from a set/map respectively.',
        uses: [get],
        run: (ctx) => paramRemove(c, ctx),
      },
    );
  }
  if (clearable.length) {
    cmds.push({
      name: `${c.name}-param-clear`,
      reqd: ['uuid', 'param-name'],
      optn: [],
      help: `Clears the specified parameter (param-name can be ${clearable.join(',')}).`,
      uses: [get],
      run: (ctx) => paramClear(c, ctx),
    });
  }
  return cmds;
}

export const allParamCommands: readonly Command[] = cliClasses.flatMap(paramCommands);
