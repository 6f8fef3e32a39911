// xapi with a real xenopsd (simulator backend) for tests: xenopsd serves the
// xenops interface on its own Unix socket in this process, xapi talks to it
// through the IDL client, and everything is torn down afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeServer, createDispatcher, serveHttpUnix } from '../../src/idl/index.js';
import { Xenops } from '../../src/idl/xenops.js';
import { createSimulator, type SimulatorOptions } from '../../src/xenopsd/backends/simulator/simulator.js';
import { remoteResolver } from '../../src/xenopsd/connect.js';
import { xenopsImplementation } from '../../src/xenopsd/rpc.js';
import type { Backend } from '../../src/xenopsd/backends/api.js';
import { Xenopsd } from '../../src/xenopsd/server.js';
import type { XapiOptions } from '../../src/xapi/server.js';
import { startTestServer, type TestServer } from './xapi-server.js';

export interface Toolstack extends TestServer {
  readonly xenopsd: Xenopsd;
}

export async function startXenopsdOn(stateDir: string, sim: SimulatorOptions = {}, backend?: Backend) {
  // Migrations to this same xenopsd (VM.pool_migrate) reach it through xapi's /services/xenops.
  const remote = remoteResolver(join(stateDir, 'no-switch.sock'));
  const x = new Xenopsd({ name: 'test', backend: backend ?? createSimulator(sim), stateDir, remote });
  await x.start();
  const socket = join(stateDir, 'xenopsd-test.sock');
  const http = await serveHttpUnix(createDispatcher(Xenops, xenopsImplementation(x)), socket);
  return {
    x,
    target: `xenops+unix://${socket}`,
    async stop() {
      await closeServer(http);
      await remote.close();
      await x.close();
    },
  };
}

export async function startToolstack(
  opts: Partial<XapiOptions> & { sim?: SimulatorOptions; backend?: Backend } = {},
): Promise<Toolstack> {
  const stateDir = opts.stateDir ?? mkdtempSync(join(tmpdir(), 'xapi-ts-stack-'));
  const xd = await startXenopsdOn(stateDir, opts.sim, opts.backend);
  const server = await startTestServer({
    cleanShutdownTimeoutS: 5,
    ...opts,
    stateDir,
    xenops: { target: xd.target },
  });
  return {
    ...server,
    xenopsd: xd.x,
    async [Symbol.asyncDispose]() {
      await server[Symbol.asyncDispose]();
      await xd.stop();
      if (!opts.stateDir) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
