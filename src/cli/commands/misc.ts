// Commands that are not per-class: task-cancel, event-wait, network-create,
// and host-get-servertime.
import { STD_PARAMS } from '../argv.js';
import type { Command, Ctx } from '../command.js';
import { CliFailure } from '../errors.js';
import { fieldText } from '../format.js';
import { cliClassByName, fieldByName, type CliClass } from '../model.js';
import { fetchOne, fetchRecords, loadRefs, type Rec } from '../records.js';
import { forEachSelected } from '../select.js';
import { parseValue } from '../values.js';

type Condition = { readonly field: string; readonly value: string; readonly negate: boolean };

/** `key=value` and `key=/=value` (not equal) conditions of event-wait. */
export function parseConditions(params: readonly (readonly [string, string])[]): Condition[] {
  return params
    .filter(([k]) => k !== 'class' && !STD_PARAMS.includes(k) && k !== 'timeout')
    .map(([k, v]) =>
      v.startsWith('/=')
        ? { field: k, value: v.slice(2), negate: true }
        : { field: k, value: v, negate: false },
    );
}

function matches(ctx: Ctx, c: CliClass, rec: Rec, conds: readonly Condition[]): boolean {
  return conds.every((cond) => {
    const f = fieldByName(c, cond.field);
    if (!f) throw new CliFailure(`key missing: ${cond.field}`);
    const text = fieldText(rec.r, f, ctx.refs);
    const eq = f.caseInsensitive ? text.toLowerCase() === cond.value.toLowerCase() : text === cond.value;
    return cond.negate ? !eq : eq;
  });
}

/** Block until an object of the class satisfies every condition (xe's event-wait). */
async function eventWait(ctx: Ctx): Promise<void> {
  const name = ctx.params.get('class') as string;
  const c = cliClassByName.get(name);
  if (!c) throw new CliFailure(`Unknown class: ${name}`);
  const conds = parseConditions(ctx.params.list);
  for (const cond of conds)
    if (!fieldByName(c, cond.field)) throw new CliFailure(`key missing: ${cond.field}`);
  const timeoutS = ctx.params.has('timeout') ? Number(ctx.params.get('timeout')) : undefined;
  if (timeoutS !== undefined && !(timeoutS >= 0)) throw new CliFailure('timeout must be a number of seconds');
  const deadline = timeoutS === undefined ? undefined : Date.now() + timeoutS * 1000;
  await loadRefs(ctx.refs, c.fields);
  // Take the token first so no change between the check and the wait is missed.
  let token = String(((await ctx.api.call('event.from', [c.cls.name], '', 0)) as { token: string }).token);
  const all = await fetchRecords(ctx.api, ctx.refs, c);
  if (all.some((r) => matches(ctx, c, r, conds))) return;
  for (;;) {
    const left = deadline === undefined ? 30 : (deadline - Date.now()) / 1000;
    if (left <= 0) throw new CliFailure('Timed out waiting for the condition');
    const res = (await ctx.api.call('event.from', [c.cls.name], token, Math.min(30, left))) as {
      events: readonly { ref: string; operation: string; snapshot?: Readonly<Record<string, unknown>> }[];
      token: string;
    };
    token = res.token;
    for (const ev of res.events) {
      if (ev.operation === 'del' || !ev.snapshot) continue;
      ctx.refs.addRecord(c.cls.name, ev.ref, ev.snapshot);
      if (matches(ctx, c, { ref: ev.ref, r: ev.snapshot }, conds)) return;
    }
  }
}

async function networkCreate(ctx: Ctx): Promise<void> {
  const args: Record<string, unknown> = {
    name_label: ctx.params.get('name-label'),
    name_description: ctx.params.get('name-description') ?? '',
    other_config: ctx.params.mapOf('other-config'),
  };
  const mtu = ctx.params.get('MTU');
  if (mtu !== undefined) args['MTU'] = await parseValue(ctx.api, mtu, { kind: 'int' }, 'MTU');
  const bridge = ctx.params.get('bridge');
  if (bridge !== undefined) args['bridge'] = bridge;
  const ref = String(await ctx.api.call('network.create', args));
  ctx.out.list([String(await ctx.api.call('network.get_uuid', ref))]);
}

async function taskCancel(ctx: Ctx): Promise<void> {
  const rec = await fetchOne(
    ctx.api,
    ctx.refs,
    cliClassByName.get('task') as CliClass,
    ctx.params.get('uuid') as string,
  );
  await ctx.api.call('task.cancel', rec.ref);
}

export const miscCommands: readonly Command[] = [
  {
    name: 'task-cancel',
    reqd: ['uuid'],
    optn: [],
    help: 'Set a task to cancelling and return.',
    uses: ['task.cancel'],
    run: taskCancel,
  },
  {
    name: 'event-wait',
    reqd: ['class'],
    optn: ['timeout'],
    help: "Wait for the event that satisfies the conditions given on the command line. To wait for a VM to reach a state, use for example 'class=vm uuid=<uuid> power-state=running'; 'field=/=value' waits for the field to differ from the value.",
    uses: ['event.from'],
    run: eventWait,
  },
  {
    name: 'network-create',
    reqd: ['name-label'],
    optn: ['name-description', 'MTU', 'bridge', 'other-config:'],
    help: 'Create a new network.',
    uses: ['network.create'],
    run: networkCreate,
  },
  {
    name: 'network-destroy',
    reqd: ['uuid'],
    optn: [],
    help: 'Delete an existing network.',
    uses: ['network.destroy'],
    async run(ctx) {
      const rec = await fetchOne(
        ctx.api,
        ctx.refs,
        cliClassByName.get('network') as CliClass,
        ctx.params.get('uuid') as string,
      );
      await ctx.api.call('network.destroy', rec.ref);
    },
  },
  {
    name: 'host-get-servertime',
    reqd: [],
    optn: [],
    help: "Print the host's idea of the time, in UTC.",
    selectors: 'host',
    uses: ['host.get_servertime'],
    run: (ctx) =>
      forEachSelected(ctx, 'host', { ignore: [] }, async (h) => {
        ctx.out.list([String(await ctx.api.call('host.get_servertime', h.ref))]);
      }),
  },
];
