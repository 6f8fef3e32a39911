// Pool membership commands, with xe's names and parameters: pool-join,
// pool-eject, pool-designate-new-master, pool-emergency-transition-to-master,
// pool-emergency-reset-master and pool-recover-slaves.
import type { Command } from '../command.js';
import { invoke, uuidOf } from '../invoke.js';

export const poolCommands: readonly Command[] = [
  {
    name: 'pool-join',
    reqd: ['master-address', 'master-username', 'master-password'],
    optn: ['force'],
    help: 'Instruct host to join an existing pool.',
    uses: ['pool.join', 'pool.join_force'],
    async run(ctx) {
      const args = {
        master_address: ctx.params.get('master-address'),
        master_username: ctx.params.get('master-username'),
        master_password: ctx.params.get('master-password'),
      };
      await invoke(ctx, ctx.params.bool('force') ? 'pool.join_force' : 'pool.join', args);
    },
  },
  {
    name: 'pool-eject',
    reqd: ['host-uuid'],
    optn: [],
    help: 'Instruct host to leave an existing pool.',
    uses: ['pool.eject'],
    async run(ctx) {
      const host = await ctx.api.byUuid('host', ctx.params.get('host-uuid') as string);
      await invoke(ctx, 'pool.eject', { host });
    },
  },
  {
    name: 'pool-designate-new-master',
    reqd: ['host-uuid'],
    optn: [],
    help: 'Request an orderly handover of the role of master to another host.',
    uses: ['pool.designate_new_master'],
    async run(ctx) {
      const host = await ctx.api.byUuid('host', ctx.params.get('host-uuid') as string);
      await invoke(ctx, 'pool.designate_new_master', { host });
    },
  },
  {
    name: 'pool-emergency-transition-to-master',
    reqd: [],
    optn: [],
    help: 'Instruct a slave host to become the pool master.',
    uses: ['pool.emergency_transition_to_master'],
    async run(ctx) {
      await invoke(ctx, 'pool.emergency_transition_to_master', {});
    },
  },
  {
    name: 'pool-emergency-reset-master',
    reqd: ['master-address'],
    optn: [],
    help: 'Instruct a slave host to reset its master address.',
    uses: ['pool.emergency_reset_master'],
    async run(ctx) {
      await invoke(ctx, 'pool.emergency_reset_master', { master_address: ctx.params.get('master-address') });
    },
  },
  {
    name: 'pool-recover-slaves',
    reqd: [],
    optn: [],
    help: 'Instruct the pool master to try to reset the master address of all slaves currently running in emergency mode.',
    uses: ['pool.recover_slaves'],
    async run(ctx) {
      const hosts = (await invoke(ctx, 'pool.recover_slaves', {})) as readonly string[];
      ctx.out.list(await Promise.all(hosts.map((h) => uuidOf(ctx, 'host', h))));
    },
  },
];
