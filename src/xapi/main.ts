// `xapi-ts xapi`: the XenAPI server daemon.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../common/config.js';
import { Xapi } from './server.js';

const USAGE = `usage: xapi-ts xapi [options]
  --state-dir DIR     state directory (default $XAPI_TS_STATE_DIR or .state/)
  --host ADDR         TCP address (default $XAPI_TS_HOST or 127.0.0.1)
  --port N            TCP port, 0 for any free one (default $XAPI_TS_PORT or 8080)
  --xenops TARGET     this host's xenopsd: a switch queue (org.xen.xapi.xenops.NAME)
                      or xenops+unix://SOCKET; none: VM operations are refused
  --rrdd TARGET       this host's rrdd: its switch queue (org.xen.xapi.rrd) or rrd+unix://SOCKET;
                      none: metrics calls fail (INTERNAL_ERROR), /rrd_updates answers 503
  --switch PATH       message switch socket (default <state-dir>/switch.sock)
  --poweroff-command CMD  shell command host.shutdown runs (default $XAPI_TS_POWEROFF_COMMAND or poweroff)
  --reboot-command CMD    shell command host.reboot runs (default $XAPI_TS_REBOOT_COMMAND or reboot)

After host.shutdown or host.reboot has run its command, xapi exits with status 0.
`;

const optional = <K extends string>(k: K, v: string | undefined): { [P in K]?: string } =>
  (v ? { [k]: v } : {}) as { [P in K]?: string };

export async function main(args: string[]): Promise<void> {
  const cfg = loadConfig();
  let o;
  try {
    o = parseArgs({
      args,
      options: {
        'state-dir': { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        xenops: { type: 'string' },
        rrdd: { type: 'string' },
        switch: { type: 'string' },
        'poweroff-command': { type: 'string' },
        'reboot-command': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (o.help) {
    process.stdout.write(USAGE);
    return;
  }
  const stateDir = o['state-dir'] ?? cfg.stateDir;
  const host = o.host ?? cfg.host;
  const xapi = await Xapi.start({
    stateDir,
    host,
    port: Number(o.port ?? cfg.port),
    ...(cfg.rootPassword ? { rootPassword: cfg.rootPassword } : {}),
    ...(o.xenops
      ? { xenops: { target: o.xenops, switchSocket: o.switch ?? join(stateDir, 'switch.sock') } }
      : {}),
    ...(o.rrdd ? { rrdd: { target: o.rrdd, switchSocket: o.switch ?? join(stateDir, 'switch.sock') } } : {}),
    power: {
      ...optional('poweroffCommand', o['poweroff-command'] ?? process.env['XAPI_TS_POWEROFF_COMMAND']),
      ...optional('rebootCommand', o['reboot-command'] ?? process.env['XAPI_TS_REBOOT_COMMAND']),
      // The machine is going down: the daemon's work is done.
      onToolstackDown: () => process.exit(0),
    },
  });
  if (xapi.generatedRootPassword) {
    process.stdout.write(
      `xapi: first start; the root password is ${xapi.generatedRootPassword} (also in ${stateDir}/root-password)\n`,
    );
  }
  process.stdout.write(`xapi: listening on http://${host}:${xapi.port} and ${xapi.socketPath}\n`);
  const stop = () => {
    xapi.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
