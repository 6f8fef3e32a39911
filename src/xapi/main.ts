// `xapi-ts xapi`: the XenAPI server daemon.
import { loadConfig, parseFlags } from '../common/config.js';
import { Xapi } from './server.js';

export async function main(args: string[]): Promise<void> {
  const cfg = loadConfig();
  const flags = parseFlags(args);
  const stateDir = flags.get('state-dir') ?? cfg.stateDir;
  const port = Number(flags.get('port') ?? cfg.port);
  const host = flags.get('host') ?? cfg.host;
  const xapi = await Xapi.start({
    stateDir,
    host,
    port,
    ...(cfg.rootPassword ? { rootPassword: cfg.rootPassword } : {}),
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
