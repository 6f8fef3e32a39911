// A throwaway etcd cluster for tests and benchmarks: 1 or 3 members on
// loopback ports from 23800 up (never 2379/2380, where a packaged etcd may
// run), data under /dev/shm, every process stopped by PID when done.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EtcdClient, type ClientOptions } from '../../src/db/etcd/client.js';
import { EtcdMember, type MemberConfig } from '../../src/pool/etcd-member.js';

const haveEtcd = spawnSync('sh', ['-c', 'command -v etcd'], { stdio: 'ignore' }).status === 0;

/**
 * A skip reason when etcd is missing; under CI=true a missing etcd is a
 * failure, not a skip (the tests then fail when they start the cluster).
 */
export const skipWithoutEtcd: string | false =
  haveEtcd || process.env['CI'] === 'true'
    ? false
    : 'etcd is not installed (Debian: apt-get install etcd-server etcd-client)';

export interface EtcdCluster {
  readonly members: readonly EtcdMember[];
  readonly endpoints: readonly string[];
  /** A client on every member (closed by stop()). */
  client(opts?: Partial<ClientOptions>): EtcdClient;
  /** SIGKILL, SIGSTOP or SIGCONT one member; resolves once the signal has taken effect. */
  signal(i: number, sig: NodeJS.Signals): Promise<void>;
  /** Start a stopped or killed member again (`existing` cluster state). */
  restart(i: number): Promise<void>;
  stop(): Promise<void>;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

let offset = 0;

/** `n` consecutive free loopback ports in 23800–29999, different per process and call. */
export async function freePorts(n: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const slot = (process.pid * 7 + offset++ * 13 + attempt * 31) % 600;
    const base = 23800 + slot * 10;
    let ok = true;
    for (let p = base; p < base + n && ok; p++) ok = await portFree(p);
    if (ok) return base;
  }
  throw new Error('no free ports for an etcd cluster');
}

export async function startEtcdCluster(size: 1 | 3, tag = 'etcd'): Promise<EtcdCluster> {
  const root = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(join(root, `xapi-ts-${tag}-`));
  const base = await freePorts(2 * size);
  const names = Array.from({ length: size }, (_, i) => `m${i + 1}`);
  const peer = (i: number): string => `http://127.0.0.1:${base + 2 * i + 1}`;
  const initialCluster = names.map((n, i) => [n, peer(i)] as const);
  const members = names.map((name, i) => {
    const config: MemberConfig = {
      name,
      dataDir: join(dir, name),
      clientUrl: `http://127.0.0.1:${base + 2 * i}`,
      peerUrl: peer(i),
      initialCluster,
      clusterState: 'new',
      clusterToken: `xapi-ts-test-${base}`,
      // Tests write little: a small quota keeps /dev/shm use down.
      quotaBackendBytes: 256 * 1024 * 1024,
    };
    return new EtcdMember(config, { restart: false });
  });
  const clients: EtcdClient[] = [];
  const cluster: EtcdCluster = {
    members,
    endpoints: members.map((m) => m.clientUrl),
    client: (opts) => {
      const c = new EtcdClient({ endpoints: members.map((m) => m.clientUrl), ...opts });
      clients.push(c);
      return c;
    },
    signal: (i, sig) => (members[i] as EtcdMember).signal(sig),
    restart: (i) => (members[i] as EtcdMember).restart(),
    stop: async () => {
      for (const c of clients) c.close();
      await Promise.all(members.map((m) => m.stop()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    // Members of a new cluster wait for each other: start them together.
    await Promise.all(members.map((m) => m.start(30_000)));
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  return cluster;
}

/** Run `fn` with a fresh cluster, stopped in `finally`. */
export async function withEtcdCluster<T>(
  size: 1 | 3,
  fn: (cluster: EtcdCluster) => Promise<T>,
  tag?: string,
): Promise<T> {
  const cluster = await startEtcdCluster(size, tag);
  try {
    return await fn(cluster);
  } finally {
    await cluster.stop();
  }
}
