// Host and pool maintenance commands: host-enable, host-disable, host-reboot,
// host-shutdown, host-evacuate, host-get-vms-which-prevent-evacuation,
// host-dmesg and pool-sync-database, with xe's parameters and output.
import type { Command, Ctx } from '../command.js';
import { CliFailure } from '../errors.js';
import { invoke } from '../invoke.js';
import type { Cell } from '../output.js';
import { forEachSelected } from '../select.js';

/** A command applying one message to the hosts chosen by selectors. */
function hostOp(
  name: string,
  help: string,
  uses: readonly string[],
  op: (ctx: Ctx, host: string) => Promise<void>,
  opts: { optn?: readonly string[]; single?: boolean } = {},
): Command {
  const optn = opts.optn ?? [];
  return {
    name,
    reqd: [],
    optn,
    help,
    selectors: 'host',
    uses,
    run: (ctx) =>
      forEachSelected(ctx, 'host', { ignore: optn, ...(opts.single ? { single: true } : {}) }, (h) =>
        op(ctx, h.ref),
      ),
  };
}

async function evacuate(ctx: Ctx, host: string): Promise<void> {
  const netUuid = ctx.params.get('network-uuid');
  const network = netUuid === undefined ? 'OpaqueRef:NULL' : await ctx.api.byUuid('network', netUuid);
  const size = ctx.params.get('batch-size');
  if (size !== undefined && !/^\d+$/.test(size)) throw new CliFailure(`Invalid batch-size: ${size}`);
  await invoke(ctx, 'host.evacuate', {
    host,
    network,
    evacuate_batch_size: size === undefined ? 0 : Number(size),
  });
}

const cell = (name: string, rw: boolean, text: string): Cell => ({
  name,
  title: `${name} ( ${rw ? 'RW' : 'RO'})`,
  text,
  json: text,
});

/** One record per blocking VM: its uuid, name and the reason as `CODE,param,...`. */
async function vmsWhichPreventEvacuation(ctx: Ctx): Promise<void> {
  const host = await ctx.api.byUuid('host', ctx.params.get('uuid') as string);
  const vms = (await ctx.api.call('host.get_vms_which_prevent_evacuation', host)) as Record<
    string,
    readonly string[]
  >;
  for (const [vm, reason] of Object.entries(vms)) {
    const r = await ctx.api.record('VM', vm);
    ctx.out.table([
      [
        cell('uuid', false, String(r['uuid'])),
        cell('name-label', true, String(r['name_label'])),
        cell('reason', false, reason.join(',')),
      ],
    ]);
  }
}

export const hostCommands: readonly Command[] = [
  hostOp(
    'host-enable',
    'Enable the XE host.',
    ['host.remove_from_other_config', 'host.enable'],
    async (ctx, h) => {
      // As xe does: drop the maintenance-mode mark a client may have left, so it does not disable the host again.
      await ctx.api.call('host.remove_from_other_config', h, 'MAINTENANCE_MODE');
      await invoke(ctx, 'host.enable', { host: h });
    },
  ),
  hostOp('host-disable', 'Disable the XE host.', ['host.disable'], async (ctx, h) => {
    await invoke(ctx, 'host.disable', { host: h });
  }),
  hostOp('host-shutdown', 'Shutdown the XE host.', ['host.shutdown'], async (ctx, h) => {
    await invoke(ctx, 'host.shutdown', { host: h });
  }),
  hostOp('host-reboot', 'Reboot the XE host.', ['host.reboot'], async (ctx, h) => {
    await invoke(ctx, 'host.reboot', { host: h });
  }),
  hostOp('host-evacuate', 'Migrate all VMs off a host.', ['host.evacuate'], evacuate, {
    optn: ['network-uuid', 'batch-size'],
    single: true,
  }),
  hostOp('host-dmesg', 'Get xen dmesg of the XE host.', ['host.dmesg'], async (ctx, h) => {
    ctx.out.list([String(await invoke(ctx, 'host.dmesg', { host: h }))]);
  }),
  {
    name: 'host-get-vms-which-prevent-evacuation',
    reqd: ['uuid'],
    optn: [],
    help: 'Return a list of VMs which prevent the evacuation of a specific host and display reasons for each one.',
    uses: ['host.get_vms_which_prevent_evacuation'],
    run: vmsWhichPreventEvacuation,
  },
  {
    name: 'pool-sync-database',
    reqd: [],
    optn: [],
    help: 'Synchronise the current database across all hosts in the pool.',
    uses: ['pool.sync_database'],
    async run(ctx) {
      await invoke(ctx, 'pool.sync_database', {});
    },
  },
];
