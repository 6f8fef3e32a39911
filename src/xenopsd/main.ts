// `xapi-ts xenopsd --name NAME --backend simulator --state-dir DIR`: one
// xenopsd instance, serving the xenops interface on the switch queue
// `org.xen.xapi.xenops.NAME` and directly on `<state-dir>/xenopsd-NAME.sock`.
import { isIP } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeServer, createDispatcher, serveHttpUnix } from '../idl/index.js';
import { Xenops, xenopsQueue } from '../idl/xenops.js';
import { defaultStateDir, switchSocket } from '../switch/paths.js';
import { serveOnSwitch, type SwitchService } from '../switch/service.js';
import type { Backend } from './backends/api.js';
import { createSimulator } from './backends/simulator/simulator.js';
import { remoteResolver } from './connect.js';
import { hooksFrom } from './hooks.js';
import { xenopsImplementation } from './rpc.js';
import { Xenopsd } from './server.js';
import { GUEST_CMDLINE } from './backends/qemu/guest-image/rootfs.js';

const USAGE = `usage: xapi-ts xenopsd --name NAME [options]
  --name NAME            instance name, unique on the host (queue org.xen.xapi.xenops.NAME)
  --backend simulator    the backend: simulator (default) or qemu
  --state-dir DIR        state directory (default $XAPI_TS_STATE_DIR or .state/)
  --switch PATH          message switch socket (default <state-dir>/switch.sock)
  --no-switch            serve only the direct socket
  --workers N            worker pool size (default 16)
  --hooks-dir DIR        run VM lifecycle hooks from DIR/<hook>/
  --migration-address A  IP address incoming live migrations are streamed to (default 127.0.0.1)
  --sim-latency-ms N     simulator: latency of every domain and device operation
  --sim-migration-chunk-ms N  simulator: delay between the chunks of a migration stream or save
  --qemu-test-guest      qemu: boot every VM from the small test guest (direct kernel boot)
`;

// QEMU's modules load only when asked for, so the simulator's start-up is unchanged.
const qemuBackend = async (testGuest: boolean): Promise<Backend> => {
  const { createQemuBackend } = await import('./backends/qemu/backend.js');
  const { ensureGuestImage } = await import('./backends/qemu/guest-image/build.js');
  const { netOptionsFromEnv } = await import('./backends/qemu/net.js');
  const network = netOptionsFromEnv(process.env);
  const { builtinGuestFiles } = await import('./backends/qemu/guest-image/builtin-files.js');
  // The built-in "Tiny Linux" template boots the small guest image, built on first use.
  const builtinFiles = builtinGuestFiles();
  if (!testGuest) return createQemuBackend({ builtinFiles, network });
  const image = await ensureGuestImage();
  return createQemuBackend({
    builtinFiles,
    network,
    directBoot: { kernel: image.vmlinux, initrd: image.initrd, cmdline: GUEST_CMDLINE },
  });
};

const backends: Readonly<Record<string, ((latencyMs: number, chunkMs: number) => Backend) | undefined>> = {
  simulator: (ms, chunkMs) =>
    createSimulator({
      latencies: {
        saveChunkMs: chunkMs,
        createMs: ms,
        buildMs: ms,
        deviceModelMs: ms,
        destroyMs: ms,
        plugMs: ms,
        unplugMs: ms,
        guestAckMs: ms,
        guestShutdownMs: ms,
      },
    }),
  qemu: undefined,
};

export async function main(args: string[]): Promise<void> {
  let o;
  try {
    o = parseArgs({
      args,
      options: {
        name: { type: 'string' },
        backend: { type: 'string', default: 'simulator' },
        'state-dir': { type: 'string' },
        switch: { type: 'string' },
        'no-switch': { type: 'boolean' },
        workers: { type: 'string' },
        'hooks-dir': { type: 'string' },
        'migration-address': { type: 'string', default: '127.0.0.1' },
        'sim-latency-ms': { type: 'string' },
        'sim-migration-chunk-ms': { type: 'string' },
        'qemu-test-guest': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
    if (o.help) {
      process.stdout.write(USAGE);
      return;
    }
    if (!o.name || !/^[A-Za-z0-9_.-]+$/.test(o.name))
      throw new Error('--name is required (letters, digits, _ . -)');
    if (!Object.hasOwn(backends, o.backend ?? '')) throw new Error(`unknown backend ${o.backend}`);
    if (isIP(o['migration-address'] ?? '') === 0)
      throw new Error(`--migration-address must be an IP address, not ${o['migration-address']}`);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const stateDir = o['state-dir'] ?? defaultStateDir();
  const sw = o.switch ?? switchSocket(stateDir);
  const remote = remoteResolver(sw);
  const makeBackend = backends[o.backend ?? 'simulator'];
  const backend = makeBackend
    ? makeBackend(Number(o['sim-latency-ms'] ?? 0), Number(o['sim-migration-chunk-ms'] ?? 0))
    : await qemuBackend(!!o['qemu-test-guest'] || process.env.XAPI_TS_QEMU_TEST_GUEST === '1');
  const x = new Xenopsd({
    name: o.name,
    backend,
    stateDir,
    workerPoolSize: o.workers ? Number(o.workers) : 16,
    ...(o['hooks-dir'] ? { hooks: hooksFrom(o['hooks-dir']) } : {}),
    remote,
    migrationAddress: o['migration-address'] ?? '127.0.0.1',
  });
  await x.start();
  const dispatcher = createDispatcher(Xenops, xenopsImplementation(x));
  const socket = join(stateDir, `xenopsd-${o.name}.sock`);
  const http = await serveHttpUnix(dispatcher, socket);
  let onSwitch: SwitchService | undefined;
  let stopping = false;
  if (!o['no-switch']) {
    // The switch may start after us: keep trying in the background.
    const attach = async (): Promise<void> => {
      while (!stopping && !onSwitch) {
        try {
          onSwitch = await serveOnSwitch(dispatcher, {
            socketPath: sw,
            queue: xenopsQueue(o.name as string),
          });
        } catch {
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    };
    void attach();
  }
  process.stdout.write(
    `xenopsd ${o.name}: serving ${socket}${o['no-switch'] ? '' : ` and ${xenopsQueue(o.name)} on ${sw}`}\n`,
  );
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    // Stop taking switch requests first, then end xenopsd's long polls and
    // tasks so that running requests answer; the switch service waits for
    // those answers only within its grace (the switch may be gone already).
    const offSwitch = onSwitch?.close();
    await closeServer(http);
    await x.close();
    await offSwitch;
    await remote.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}
