// `xapi-ts <command>`: one line per daemon or tool, each loaded on demand.
import { stopWithSupervisor } from './supervisor/supervised.js';

type Entry = { readonly load: () => Promise<{ main(args: string[]): Promise<void> }>; readonly doc: string };

const commands: Readonly<Record<string, Entry>> = {
  start: { load: () => import('./supervisor/main.js'), doc: 'start the toolstack (what `npm start` runs)' },
  xapi: { load: () => import('./xapi/main.js'), doc: 'the XenAPI server daemon' },
  xe: { load: () => import('./cli/main.js'), doc: 'the xe command-line interface' },
  'message-switch': { load: () => import('./switch/main.js'), doc: 'the message switch daemon (IPC broker)' },
  switch: { load: () => import('./switch/cli.js'), doc: 'inspect and use the message switch' },
  xenopsd: {
    load: () => import('./xenopsd/main.js'),
    doc: 'the VM manager daemon (one instance, one backend)',
  },
  xenops: { load: () => import('./xenopsd/cli.js'), doc: 'debugging CLI for a xenopsd' },
  rrdd: { load: () => import('./rrdd/main.js'), doc: 'the metrics daemon (RRDs of the host and its VMs)' },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, e]) => `  ${name.padEnd(16)} ${e.doc}`);
  return `usage: xapi-ts <command> [args]\n\ncommands:\n${lines.join('\n')}\n`;
}

export async function main(args: string[]): Promise<void> {
  const [name, ...rest] = args;
  const entry = name === undefined ? undefined : commands[name];
  if (!entry) {
    process.stderr.write(usage());
    process.exitCode = name === undefined || name === 'help' || name === '--help' ? 0 : 2;
    return;
  }
  stopWithSupervisor();
  const mod = await entry.load();
  await mod.main(rest);
}
