// `xapi-ts rrdd --state-dir DIR [--switch PATH] [--xenops TARGET] [--interval-ms N]`:
// the metrics daemon, serving the rrd interface on the switch queue
// `org.xen.xapi.rrd` and directly on `<state-dir>/rrdd.sock`.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeServer, createDispatcher, serveHttpUnix } from '../idl/index.js';
import { Rrd, RRD_QUEUE } from '../idl/rrd.js';
import { xenopsQueue } from '../idl/xenops.js';
import { defaultStateDir, switchSocket } from '../switch/paths.js';
import { SwitchRpc } from '../switch/rpc.js';
import { serveOnSwitch, type SwitchService } from '../switch/service.js';
import { connectXenops } from '../idl/xenops-client.js';
import { Rrdd } from './daemon.js';
import { rrdImplementation } from './rpc.js';

const USAGE = `usage: xapi-ts rrdd [options]
  --state-dir DIR        state directory (default $XAPI_TS_STATE_DIR or .state/); RRDs in DIR/rrd/
  --switch PATH          message switch socket (default <state-dir>/switch.sock)
  --no-switch            serve only the direct socket
  --xenops TARGET        the xenopsd whose VMs are read: a switch queue or xenops+unix://SOCKET
                         (default ${xenopsQueue('local')})
  --interval-ms N        reading period (default 5000)
  --plugin-dir DIR       where plugins write their files (default /dev/shm/metrics)
`;

export async function main(args: string[]): Promise<void> {
  let o;
  try {
    o = parseArgs({
      args,
      options: {
        'state-dir': { type: 'string' },
        switch: { type: 'string' },
        'no-switch': { type: 'boolean' },
        xenops: { type: 'string' },
        'interval-ms': { type: 'string' },
        'plugin-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
    if (o.help) {
      process.stdout.write(USAGE);
      return;
    }
    const ms = o['interval-ms'];
    if (ms !== undefined && !(Number.isInteger(Number(ms)) && Number(ms) >= 100))
      throw new Error('--interval-ms must be an integer >= 100');
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const stateDir = o['state-dir'] ?? defaultStateDir();
  const sw = o.switch ?? switchSocket(stateDir);
  const xenops = connectXenops(o.xenops ?? xenopsQueue('local'), {
    viaSwitch: () => new SwitchRpc({ socketPath: sw }),
    timeoutMs: 4000,
  });
  const rrdd = new Rrdd({
    stateDir,
    ...(o['interval-ms'] ? { intervalMs: Number(o['interval-ms']) } : {}),
    ...(o['plugin-dir'] ? { pluginDir: o['plugin-dir'] } : {}),
    vmStats: () => xenops.client.call('HOST.vm_stats', { dbg: 'rrdd' }),
  });
  await rrdd.start();
  const dispatcher = createDispatcher(Rrd, rrdImplementation(rrdd));
  const socket = join(stateDir, 'rrdd.sock');
  const http = await serveHttpUnix(dispatcher, socket);
  let onSwitch: SwitchService | undefined;
  let stopping = false;
  if (!o['no-switch']) {
    // The switch may start after us: keep trying in the background.
    const attach = async (): Promise<void> => {
      while (!stopping && !onSwitch) {
        try {
          onSwitch = await serveOnSwitch(dispatcher, { socketPath: sw, queue: RRD_QUEUE });
        } catch {
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    };
    void attach();
  }
  process.stdout.write(`rrdd: serving ${socket}${o['no-switch'] ? '' : ` and ${RRD_QUEUE} on ${sw}`}\n`);
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await onSwitch?.close();
    await closeServer(http);
    await rrdd.stop();
    await xenops.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}
