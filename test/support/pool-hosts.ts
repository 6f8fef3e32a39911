// Several whole toolstacks on one machine, as `npm start` runs each: the
// supervisor with its message switch, xenopsd (simulator), rrdd and xapi as
// real processes. Host i has its own state directory and its own address
// 127.0.0.(i+2) with a free port, so that hosts reach one another over TCP as
// pool members do. Hosts start in parallel and are stopped by PID.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { XapiClient } from '../../src/client/generated.js';
import { jsonRpcTransport } from '../../src/client/transport.js';
import { startDaemon, type Daemon } from './daemon.js';

export const POOL_TEST_PASSWORD = 'pool-test-password';

export interface PoolHost {
  readonly index: number;
  readonly stateDir: string;
  /** 127.0.0.N */
  readonly ip: string;
  /** `ip:port`: what pool.join and HOST_IS_SLAVE name this host by. */
  readonly address: string;
  readonly url: string;
  readonly socketPath: string;
  /** A logged-in client over TCP. */
  client(user?: string, password?: string): Promise<XapiClient>;
  /** A client over the local Unix socket (not logged in). */
  localClient(): XapiClient;
  /** Stop the toolstack (SIGTERM to the supervisor, which stops its daemons). */
  stop(): Promise<void>;
  /** Start it after stop(), on the same state directory; the port may change. */
  start(): Promise<void>;
  /** Stop and start it again on the same state directory; the port may change. */
  restart(): Promise<void>;
  /** Write pool.conf (`master` or `slave:<address>`); it takes effect at the next start. */
  writePoolConf(text: string): void;
  output(): string;
}

export interface PoolHosts extends AsyncDisposable {
  readonly hosts: readonly PoolHost[];
}

const LISTENING = /xapi: listening on http:\/\/([0-9.]+):(\d+)/;

async function listeningPort(d: Daemon): Promise<number> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = LISTENING.exec(d.output());
    if (m) return Number(m[2]);
    if (d.child.exitCode !== null) throw new Error(`toolstack exited: ${d.output()}`);
    if (Date.now() > deadline) throw new Error(`xapi did not report its port: ${d.output()}`);
    await sleep(20);
  }
}

class Host implements PoolHost {
  private daemon: Daemon | undefined;
  private port = 0;
  private readonly transports: { close(): void }[] = [];
  readonly ip: string;
  readonly socketPath: string;

  constructor(
    readonly index: number,
    readonly stateDir: string,
  ) {
    this.ip = `127.0.0.${index + 2}`;
    this.socketPath = join(stateDir, 'xapi.sock');
  }

  get address(): string {
    return `${this.ip}:${this.port}`;
  }

  get url(): string {
    return `http://${this.address}`;
  }

  async start(): Promise<void> {
    // xapi's socket accepting means the supervisor has brought the toolstack up.
    rmSync(this.socketPath, { force: true });
    this.daemon = await startDaemon(['start'], this.socketPath, {
      XAPI_TS_STATE_DIR: this.stateDir,
      XAPI_TS_HOST: this.ip,
      XAPI_TS_PORT: '0',
      XAPI_TS_BACKEND: 'simulator',
      XAPI_TS_ROOT_PASSWORD: POOL_TEST_PASSWORD,
    });
    this.port = await listeningPort(this.daemon);
  }

  async client(user = 'root', password = POOL_TEST_PASSWORD): Promise<XapiClient> {
    const t = jsonRpcTransport({ url: this.url });
    this.transports.push(t);
    const c = new XapiClient(t);
    await c.login(user, password);
    return c;
  }

  localClient(): XapiClient {
    const t = jsonRpcTransport({ socketPath: this.socketPath });
    this.transports.push(t);
    return new XapiClient(t);
  }

  async stop(): Promise<void> {
    for (const t of this.transports.splice(0)) t.close();
    await this.daemon?.kill('SIGTERM');
    this.daemon = undefined;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  writePoolConf(text: string): void {
    writeFileSync(join(this.stateDir, 'pool.conf'), `${text}\n`, { mode: 0o600 });
  }

  output(): string {
    return this.daemon?.output() ?? '';
  }
}

/** Start `n` hosts in parallel; dispose stops every one and removes the state. */
export async function startPoolHosts(n: number): Promise<PoolHosts> {
  const root = mkdtempSync(join(tmpdir(), 'xapi-ts-pool-'));
  const hosts = Array.from({ length: n }, (_, i) => {
    const dir = join(root, `host${i}`);
    mkdirSync(dir, { mode: 0o700 });
    return new Host(i, dir);
  });
  const dispose = async () => {
    await Promise.allSettled(hosts.map((h) => h.stop()));
    rmSync(root, { recursive: true, force: true });
  };
  const started = await Promise.allSettled(hosts.map((h) => h.start()));
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    await dispose();
    throw failed.reason;
  }
  return { hosts, [Symbol.asyncDispose]: dispose };
}
