// xe's message-create and message-destroy (message-list is the class's own
// <class>-list, whose columns are xe's: uuid, name, priority, class, obj-uuid,
// timestamp, body).
import type { Command, Ctx } from '../command.js';
import { CliFailure } from '../errors.js';

/** The object a message-create is about: xe looks for vm-uuid, pool-uuid, sr-uuid, host-uuid in that order. */
const OBJECT_PARAMS = [
  ['vm-uuid', 'VM'],
  ['pool-uuid', 'Pool'],
  ['sr-uuid', 'SR'],
  ['host-uuid', 'Host'],
] as const;

async function messageCreate(ctx: Ctx): Promise<void> {
  const priorityText = ctx.params.get('priority') ?? '';
  if (!/^[+-]?\d+$/.test(priorityText.trim())) throw new CliFailure('Priority field should be an integer');
  const about = OBJECT_PARAMS.find(([p]) => ctx.params.has(p));
  if (!about) throw new CliFailure('Need one of: vm-uuid, host-uuid, sr-uuid or pool-uuid');
  await ctx.api.call(
    'message.create',
    ctx.params.get('name'),
    Number(priorityText),
    about[1],
    ctx.params.get(about[0]),
    ctx.params.get('body'),
  );
}

async function messageDestroy(ctx: Ctx): Promise<void> {
  const uuid = ctx.params.get('uuid');
  const uuids = ctx.params.get('uuids');
  if (uuid !== undefined && uuids !== undefined)
    throw new CliFailure('Ambiguous arguments; need one of uuid, uuids');
  if (uuid === undefined && uuids === undefined) throw new CliFailure('Need one of uuid, uuids');
  const list = uuid !== undefined ? [uuid] : (uuids ?? '').split(',');
  const refs: string[] = [];
  for (const u of list) refs.push(String(await ctx.api.call('message.get_by_uuid', u)));
  await ctx.api.call('message.destroy_many', refs);
}

export const messageCommands: readonly Command[] = [
  {
    name: 'message-create',
    reqd: ['name', 'priority', 'body'],
    optn: ['vm-uuid', 'host-uuid', 'sr-uuid', 'pool-uuid'],
    help: 'Create a message associated with a particular API object. Note exactly one of the optional parameters must be supplied.',
    uses: ['message.create'],
    run: messageCreate,
  },
  {
    name: 'message-destroy',
    reqd: [],
    optn: ['uuid', 'uuids'],
    help: 'Destroy one existing message or many',
    uses: ['message.get_by_uuid', 'message.destroy_many'],
    run: messageDestroy,
  },
];
