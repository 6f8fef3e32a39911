// Several whole toolstacks on one machine, as `npm start` runs each: the
// supervisor with its message switch, xenopsd (simulator), rrdd and xapi as
// real processes. Host i has its own state directory and its own address
// 127.0.0.(i+2) with a free port, so that hosts reach one another over TCP as
// pool members do. Hosts start in parallel and are stopped by PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { XapiClient } from '../../src/client/generated.js';
import { jsonRpcTransport } from '../../src/client/transport.js';
import { XAPI_TS_BIN } from './daemon.js';
import { runXe } from '../../src/cli/main.js';
import { Sink } from '../cli/support.js';
import assert from 'node:assert/strict';

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
  /** The process group leader's PID (the supervisor), while running. */
  readonly pid: number | undefined;
  /** SIGKILL the whole toolstack (its process group) at once. */
  kill(): Promise<void>;
  /** Write pool.conf (`master` or `slave:<address>`); it takes effect at the next start. */
  writePoolConf(text: string): void;
  output(): string;
}

export interface PoolHosts extends AsyncDisposable {
  readonly hosts: readonly PoolHost[];
}

const LISTENING = /xapi: listening on http:\/\/([0-9.]+):(\d+)/;

/** Four daemons and a supervisor per host start slowly on a loaded 2-core machine. */
const READY_TIMEOUT_MS = 180_000;

/**
 * One toolstack: the supervisor leads its own process group, which its daemons
 * join, so that stopping it by PID also reaches any daemon it left behind.
 */
class Toolstack {
  private out = '';
  readonly exited: Promise<void>;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (d: Buffer) => (this.out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.out += d.toString()));
    this.exited = new Promise((r) => child.once('exit', () => r()));
  }

  output(): string {
    return this.out;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM to the supervisor (it stops its daemons), then SIGKILL to whatever of the group is left. */
  async stop(): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined) return;
    if (this.running) this.child.kill('SIGTERM');
    await Promise.race([this.exited, sleep(10_000)]);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
    await this.exited;
  }
}

function freeOn(ip: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, ip, () => s.close(() => resolve(true)));
  });
}

/**
 * A TCP port free on every one of `ips`, with the `span - 1` ports after it;
 * `salt` picks another series of candidates (for several ports in one test).
 */
export async function portFreeOnAll(ips: readonly string[], span = 1, salt = 0): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 30000 + ((process.pid * 17 + salt * 4099 + attempt * 7919) % 20000);
    const checks = ips.flatMap((ip) => Array.from({ length: span }, (_, i) => freeOn(ip, port + i)));
    if ((await Promise.all(checks)).every(Boolean)) return port;
  }
  throw new Error('no port free on every host address');
}

function accepts(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(path);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

class Host implements PoolHost {
  private daemon: Toolstack | undefined;
  private lastOutput = '';
  private port = 0;
  private readonly transports: { close(): void }[] = [];
  readonly ip: string;
  readonly socketPath: string;

  constructor(
    readonly index: number,
    readonly stateDir: string,
    private readonly env: Readonly<Record<string, string>> = {},
    /** Every host on this one port (each on its own IP), as a real pool's members are. */
    private readonly fixedPort?: number,
  ) {
    this.ip = `127.0.0.${index + 2}`;
    this.socketPath = join(stateDir, 'xapi.sock');
  }

  get address(): string {
    return this.fixedPort === undefined ? `${this.ip}:${this.port}` : this.ip;
  }

  get url(): string {
    return `http://${this.ip}:${this.port}`;
  }

  async start(): Promise<void> {
    rmSync(this.socketPath, { force: true });
    const child = spawn(process.execPath, [XAPI_TS_BIN, 'start'], {
      env: {
        ...process.env,
        XAPI_TS_STATE_DIR: this.stateDir,
        XAPI_TS_HOST: this.ip,
        XAPI_TS_PORT: String(this.fixedPort ?? 0),
        XAPI_TS_HTTPS_PORT: 'none',
        XAPI_TS_BACKEND: 'simulator',
        XAPI_TS_ROOT_PASSWORD: POOL_TEST_PASSWORD,
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const ts = new Toolstack(child);
    this.daemon = ts;
    // Up once xapi has said where it listens and its socket accepts.
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const m = LISTENING.exec(ts.output());
      if (m && (await accepts(this.socketPath))) {
        this.port = Number(m[2]);
        return;
      }
      if (!ts.running) throw new Error(`toolstack exited: ${ts.output()}`);
      if (Date.now() > deadline) throw new Error(`toolstack not ready: ${ts.output()}`);
      await sleep(50);
    }
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
    this.lastOutput = this.daemon?.output() ?? this.lastOutput;
    for (const t of this.transports.splice(0)) t.close();
    await this.daemon?.stop();
    this.daemon = undefined;
  }

  get pid(): number | undefined {
    return this.daemon?.child.pid;
  }

  async kill(): Promise<void> {
    const d = this.daemon;
    const pid = d?.child.pid;
    if (!d || pid === undefined) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
    await d.exited;
    this.lastOutput = d.output();
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
    return this.daemon?.output() ?? this.lastOutput;
  }
}

/**
 * Start `n` hosts in parallel; dispose stops every one and removes the state.
 * `env`: more environment for every toolstack (e.g. `XAPI_TS_POOL_ETCD`).
 */
export async function startPoolHosts(
  n: number,
  env: Readonly<Record<string, string>> = {},
  opts: { readonly samePort?: boolean } = {},
): Promise<PoolHosts> {
  const port = opts.samePort
    ? await portFreeOnAll(Array.from({ length: n }, (_, i) => `127.0.0.${i + 2}`))
    : undefined;
  const root = mkdtempSync(join(tmpdir(), 'xapi-ts-pool-'));
  const hosts = Array.from({ length: n }, (_, i) => {
    const dir = join(root, `host${i}`);
    mkdirSync(dir, { mode: 0o700 });
    return new Host(i, dir, env, port);
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

/** Retry `fn` until it stops throwing (a host restarting into its new role). */
export async function eventually<T>(what: string, fn: () => Promise<T>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`${what}: ${String(e)}`);
      await sleep(200);
    }
  }
}

/** The master address a host's TCP login names (HOST_IS_SLAVE), or undefined once it logs in. */
export async function loginAnswer(h: PoolHost): Promise<string | undefined> {
  try {
    await h.client();
    return undefined;
  } catch (e) {
    const f = e as { code?: string; params?: readonly string[] };
    if (f.code === 'HOST_IS_SLAVE') return String(f.params?.[0]);
    throw e;
  }
}

/** `xe` on a host, over its Unix socket as root. */
export async function xe(h: PoolHost, home: string, ...argv: string[]): Promise<string> {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runXe({
    argv,
    env: { XAPI_TS_STATE_DIR: h.stateDir, HOME: home },
    stdout,
    stderr,
    isTTY: false,
  });
  assert.equal(code, 0, `xe ${argv.join(' ')}: ${stderr.text}${stdout.text}`);
  return stdout.text;
}
