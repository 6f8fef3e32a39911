// `xapi-ts xapi --etcd-endpoints … --pool-uuid …`: the daemon in pool mode.
// Each role change is one line on stdout, which tests and operators follow.
import type { XapiOptions } from '../xapi/server.js';
import type { PoolDbConfig } from './config.js';
import { startPoolXapi } from './xapi-pool.js';

export async function runInPool(
  xapi: Omit<XapiOptions, 'database' | 'inMemory'>,
  pool: PoolDbConfig,
): Promise<void> {
  const log = (line: string): void => {
    process.stdout.write(`xapi: ${line}\n`);
  };
  const running = await startPoolXapi({
    xapi,
    pool,
    log,
    onServing: (x, role) => {
      if (x.generatedRootPassword) log(`first start; the root password is in ${xapi.stateDir}/root-password`);
      log(`listening on http://${xapi.host ?? '127.0.0.1'}:${x.port} and ${x.socketPath} (${role})`);
    },
  });
  log(`pool ${pool.poolUuid}: host ${running.hostUuid}, lease TTL ${pool.leaseTtlSeconds} s`);
  const stop = (): void => {
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
