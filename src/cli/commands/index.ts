// The command table: help, the per-class commands derived from the datamodel,
// and the hand-written ones. Later entries never shadow earlier names.
import type { Command } from '../command.js';
import { bashCompletion, helpCommand } from '../help.js';
import { consoleCommands } from './console.js';
import { dataSourceCommands } from './data-sources.js';
import { deviceCommands } from './devices.js';
import { miscCommands } from './misc.js';
import { messageCommands } from './messages.js';
import { hostCommands } from './host.js';
import { poolCommands } from './pool.js';
import { allParamCommands } from './params.js';
import { vmCommands } from './vm.js';
import { vmMemoryCommands } from './vm-memory.js';

let table: Map<string, Command> | undefined;

export function commandTable(): ReadonlyMap<string, Command> {
  if (table) return table;
  const t = new Map<string, Command>();
  const add = (c: Command) => {
    if (!t.has(c.name)) t.set(c.name, c);
  };
  add(helpCommand(() => commandTable()));
  add({
    name: 'bash-completion',
    reqd: [],
    optn: [],
    help: 'Print a bash completion script for xe: source <(xe bash-completion)',
    offline: true,
    async run(ctx) {
      ctx.io.stdout.write(bashCompletion([...commandTable().values()]));
    },
  });
  for (const c of [
    ...vmCommands,
    ...vmMemoryCommands,
    ...deviceCommands,
    ...consoleCommands,
    ...miscCommands,
    ...messageCommands,
    ...hostCommands,
    ...poolCommands,
    ...dataSourceCommands,
    ...allParamCommands,
  ])
    add(c);
  table = t;
  return t;
}
