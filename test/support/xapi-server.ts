// A XenAPI server for tests: in this process, on a free loopback port, with
// its state in a temporary directory that is removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Xapi, type XapiOptions } from '../../src/xapi/server.js';
import { jsonRpcTransport } from '../../src/client/transport.js';
import { XapiClient } from '../../src/client/generated.js';

export const TEST_PASSWORD = 'test-root-password';

export interface TestServer extends AsyncDisposable {
  readonly xapi: Xapi;
  readonly url: string;
  readonly stateDir: string;
  /** A logged-in typed client over JSON-RPC. */
  client(user?: string, password?: string): Promise<XapiClient>;
}

/** Local root over a xapi's Unix socket (no password there, as in xapi), with a typed client. */
export async function socketClient(socketPath: string): Promise<{ c: XapiClient; close(): void }> {
  const t = jsonRpcTransport({ socketPath });
  const c = new XapiClient(t);
  await c.login('root', '');
  return { c, close: () => t.close() };
}

export async function startTestServer(opts: Partial<XapiOptions> = {}): Promise<TestServer> {
  const stateDir = opts.stateDir ?? mkdtempSync(join(tmpdir(), 'xapi-ts-test-'));
  const xapi = await Xapi.start({
    stateDir,
    port: 0,
    rootPassword: TEST_PASSWORD,
    sessions: { authFailureDelayMs: 0 },
    ...opts,
  });
  const url = `http://127.0.0.1:${xapi.port}`;
  const transports: { close(): void }[] = [];
  return {
    xapi,
    url,
    stateDir,
    async client(user = 'root', password = TEST_PASSWORD) {
      const transport = jsonRpcTransport({ url });
      transports.push(transport);
      const c = new XapiClient(transport);
      await c.login(user, password);
      return c;
    },
    async [Symbol.asyncDispose]() {
      for (const t of transports) t.close();
      await xapi.stop();
      if (!opts.stateDir) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
