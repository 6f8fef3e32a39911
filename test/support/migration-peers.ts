// Two independent toolstacks for migration tests: each its own xapi (own
// state dir, own DB, own loopback port) and its own xenopsd (simulator) that
// can reach other xenopsds through their xapi's /services/xenops. The two
// simulators share one directory, standing in for a hypervisor's storage of
// migration images until memory travels over the network.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeServer, createDispatcher, serveHttpUnix } from '../../src/idl/index.js';
import { Xenops } from '../../src/idl/xenops.js';
import { createSimulator, type SimulatorOptions } from '../../src/xenopsd/backends/simulator/simulator.js';
import { remoteResolver } from '../../src/xenopsd/connect.js';
import { xenopsImplementation } from '../../src/xenopsd/rpc.js';
import { Xenopsd } from '../../src/xenopsd/server.js';
import type { Backend } from '../../src/xenopsd/backends/api.js';
import type { XapiOptions } from '../../src/xapi/server.js';
import { startTestServer, type TestServer } from './xapi-server.js';

export interface Peer extends TestServer {
  readonly xenopsd: Xenopsd;
}

export async function startPeer(
  shared: string,
  name: string,
  sim: SimulatorOptions = {},
  backend?: Backend,
  xapi: Partial<XapiOptions> = {},
): Promise<Peer> {
  const stateDir = mkdtempSync(join(tmpdir(), `xapi-ts-peer-${name}-`));
  const remote = remoteResolver(join(shared, 'no-switch.sock'));
  const x = new Xenopsd({ name, backend: backend ?? createSimulator(sim), stateDir: shared, remote });
  await x.start();
  const socket = join(shared, `xenopsd-${name}.sock`);
  const http = await serveHttpUnix(createDispatcher(Xenops, xenopsImplementation(x)), socket);
  const server = await startTestServer({
    cleanShutdownTimeoutS: 5,
    ...xapi,
    stateDir,
    xenops: { target: `xenops+unix://${socket}` },
  });
  return {
    ...server,
    xenopsd: x,
    async [Symbol.asyncDispose]() {
      await server[Symbol.asyncDispose]();
      await closeServer(http);
      await remote.close();
      await x.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export function sharedDir(): { path: string } & Disposable {
  const path = mkdtempSync(join(tmpdir(), 'xapi-ts-hv-'));
  return { path, [Symbol.dispose]: () => rmSync(path, { recursive: true, force: true }) };
}
