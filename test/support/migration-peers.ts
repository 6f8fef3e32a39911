// Two independent toolstacks for migration tests: each its own xapi (own
// state dir, own DB, own loopback port) and its own xenopsd with its own host
// directory, which reaches other xenopsds through their xapi's
// /services/xenops. The peers share nothing but loopback TCP: the guest's
// memory and the disks that move travel over it.
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
  name: string,
  sim: SimulatorOptions = {},
  backend?: Backend,
  xapi: Partial<XapiOptions> = {},
): Promise<Peer> {
  const stateDir = mkdtempSync(join(tmpdir(), `xapi-ts-peer-${name}-`));
  const remote = remoteResolver(join(stateDir, 'no-switch.sock'));
  const x = new Xenopsd({ name, backend: backend ?? createSimulator(sim), stateDir, remote });
  try {
    await x.start();
    const socket = join(stateDir, `xenopsd-${name}.sock`);
    const http = await serveHttpUnix(createDispatcher(Xenops, xenopsImplementation(x)), socket);
    const server = await startTestServer({
      cleanShutdownTimeoutS: 5,
      ...xapi,
      stateDir,
      xenops: { target: `xenops+unix://${socket}` },
    }).catch(async (e: unknown) => {
      await closeServer(http);
      throw e;
    });
    return {
      ...server,
      xenopsd: x,
      async [Symbol.asyncDispose]() {
        try {
          await server[Symbol.asyncDispose]();
          await closeServer(http);
        } finally {
          await remote.close();
          await x.close();
          rmSync(stateDir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    await remote.close();
    await x.close().catch(() => undefined);
    rmSync(stateDir, { recursive: true, force: true });
    throw e;
  }
}
