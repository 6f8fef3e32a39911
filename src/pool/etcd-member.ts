// An etcd member run and supervised by the toolstack: its command line (a
// pure function, golden-tested), starting it with its data under the state
// directory, waiting until it answers, restarting it when it dies, and
// stopping it by PID. Membership changes (add as learner, promote, remove) go
// through the etcd client API of a running member.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EtcdClient, type Member } from '../db/etcd/client.js';
import { signalAndSettle } from './process-signal.js';

export interface MemberConfig {
  /** Member name, unique in the cluster (the host uuid in a pool). */
  readonly name: string;
  readonly dataDir: string;
  /** http://<address>:<port> the member serves clients on. */
  readonly clientUrl: string;
  readonly peerUrl: string;
  /** name → peer URL of every member of the initial cluster, this one included. */
  readonly initialCluster: readonly (readonly [string, string])[];
  /** `new` to bootstrap, `existing` to join (or restart in) a running cluster. */
  readonly clusterState: 'new' | 'existing';
  readonly clusterToken: string;
  /** Overrides of the flags below (tests use small quotas). */
  readonly maxTxnOps?: number;
  readonly maxRequestBytes?: number;
  readonly quotaBackendBytes?: number;
  readonly heartbeatMs?: number;
  readonly electionMs?: number;
}

/**
 * Limits recommended for embedded members (pools.md §7.2): big enough that a
 * store transaction never needs splitting, and the source's suggested maximum
 * quota; history kept for 100,000 revisions so a replica that reconnects can
 * resume its watch.
 */
export const MEMBER_DEFAULTS = {
  maxTxnOps: 4096,
  maxRequestBytes: 8 * 1024 * 1024,
  quotaBackendBytes: 8 * 1024 * 1024 * 1024,
  heartbeatMs: 100,
  electionMs: 1000,
  autoCompactionRetention: 100_000,
} as const;

/** The etcd command line of a member (without the program name). */
export function etcdArgs(c: MemberConfig): string[] {
  return [
    '--name',
    c.name,
    '--data-dir',
    c.dataDir,
    '--listen-client-urls',
    c.clientUrl,
    '--advertise-client-urls',
    c.clientUrl,
    '--listen-peer-urls',
    c.peerUrl,
    '--initial-advertise-peer-urls',
    c.peerUrl,
    '--initial-cluster',
    c.initialCluster.map(([n, u]) => `${n}=${u}`).join(','),
    '--initial-cluster-token',
    c.clusterToken,
    '--initial-cluster-state',
    c.clusterState,
    '--heartbeat-interval',
    String(c.heartbeatMs ?? MEMBER_DEFAULTS.heartbeatMs),
    '--election-timeout',
    String(c.electionMs ?? MEMBER_DEFAULTS.electionMs),
    '--max-txn-ops',
    String(c.maxTxnOps ?? MEMBER_DEFAULTS.maxTxnOps),
    '--max-request-bytes',
    String(c.maxRequestBytes ?? MEMBER_DEFAULTS.maxRequestBytes),
    '--quota-backend-bytes',
    String(c.quotaBackendBytes ?? MEMBER_DEFAULTS.quotaBackendBytes),
    '--auto-compaction-mode',
    'revision',
    '--auto-compaction-retention',
    String(MEMBER_DEFAULTS.autoCompactionRetention),
    // Metrics and pprof endpoints are not needed; keep the logs terse.
    '--logger',
    'zap',
    '--log-level',
    'warn',
  ];
}

export interface SupervisorOptions {
  /** The etcd binary (default `etcd` on PATH). */
  readonly binary?: string;
  /** Restart the member when it exits unexpectedly (default true). */
  readonly restart?: boolean;
  /** Where the member's output goes (default <dataDir>.log). */
  readonly logFile?: string;
  /** Called with each unexpected exit (code or signal). */
  readonly onExit?: (how: string) => void;
}

/** One supervised etcd process. */
export class EtcdMember {
  private child: ChildProcess | undefined;
  private stopping = false;
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private spawnError: Error | undefined;
  /** After the first start: restarts use `existing`. */
  private config: MemberConfig;

  constructor(
    config: MemberConfig,
    private readonly opts: SupervisorOptions = {},
  ) {
    this.config = config;
  }

  get name(): string {
    return this.config.name;
  }
  get clientUrl(): string {
    return this.config.clientUrl;
  }
  get peerUrl(): string {
    return this.config.peerUrl;
  }
  get pid(): number | undefined {
    return this.child?.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }
  /** How many times the supervisor restarted the process. */
  get restartCount(): number {
    return this.restarts;
  }

  /** Spawn the process and wait until the member answers a status call. */
  async start(timeoutMs = 15_000): Promise<void> {
    this.stopping = false;
    this.spawnError = undefined;
    this.spawnChild();
    try {
      await waitHealthy(this.config.clientUrl, timeoutMs, () => this.pid !== undefined);
    } catch (e) {
      await new Promise((r) => setImmediate(r));
      throw this.spawnError ?? e;
    }
  }

  private spawnChild(): void {
    mkdirSync(this.config.dataDir, { recursive: true, mode: 0o700 });
    const log = openSync(this.opts.logFile ?? `${this.config.dataDir}.log`, 'a');
    const child = spawn(this.opts.binary ?? 'etcd', etcdArgs(this.config), {
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.child = child;
    // A missing binary is an 'error' event, not an exit; without a listener it would crash the process.
    child.once('error', (e) => {
      this.spawnError = e;
    });
    child.once('exit', (code, signal) => {
      if (this.child !== child || this.stopping) return;
      this.opts.onExit?.(signal ?? `exit ${String(code)}`);
      if (this.opts.restart === false) return;
      // The data dir now holds the member: rejoin, never bootstrap again.
      this.config = { ...this.config, clusterState: 'existing' };
      const delay = Math.min(2000, 100 * 2 ** Math.min(this.restarts, 4));
      this.restartTimer = setTimeout(() => {
        this.restartTimer = undefined;
        if (this.stopping) return;
        this.restarts++;
        this.spawnChild();
      }, delay);
    });
  }

  /**
   * Send a signal to the running process (tests: SIGKILL, SIGSTOP, SIGCONT)
   * and wait until it has taken effect: SIGKILL and SIGTERM until the process
   * has exited, SIGSTOP until every thread is stopped, SIGCONT until none is.
   * A member with no running process is an error, never a silent no-op.
   */
  async signal(sig: NodeJS.Signals): Promise<void> {
    const child = this.child;
    const pid = this.pid;
    if (child === undefined || pid === undefined) {
      throw new Error(`etcd member ${this.name} has no running process to send ${sig} to`);
    }
    const exited =
      sig === 'SIGKILL' || sig === 'SIGTERM'
        ? new Promise<void>((r) => child.once('exit', () => r()))
        : undefined;
    await signalAndSettle(pid, sig);
    await exited;
  }

  /** Start again after a stop or a kill without supervision (`existing` cluster state). */
  async restart(timeoutMs = 15_000): Promise<void> {
    await this.stop();
    this.config = { ...this.config, clusterState: 'existing' };
    await this.start(timeoutMs);
  }

  /** Stop by PID: SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  async stop(graceMs = 3000): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      // A stopped (SIGSTOP) process must be continued to act on SIGTERM.
      process.kill(child.pid as number, 'SIGCONT');
      process.kill(child.pid as number, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(child.pid as number, 'SIGKILL');
      } catch {
        // already gone
      }
    }, graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/** Poll a member's status endpoint until it answers (or `alive()` turns false). */
export async function waitHealthy(
  clientUrl: string,
  timeoutMs: number,
  alive: () => boolean = () => true,
): Promise<void> {
  const client = new EtcdClient({ endpoints: [clientUrl], callTimeoutMs: 1000 });
  const deadline = performance.now() + timeoutMs;
  let last: unknown;
  try {
    while (performance.now() < deadline) {
      if (!alive()) throw new Error(`etcd member at ${clientUrl} exited while starting`);
      try {
        const status = await client.status();
        // Learners serve no reads; they are healthy once they know a leader.
        if (status.isLearner && status.leader !== '0') return;
        // A member answers status before it has a leader; a read needs one.
        await client.range('health', false);
        return;
      } catch (e) {
        last = e;
        await sleep(100);
      }
    }
    throw new Error(`etcd member at ${clientUrl} not healthy after ${timeoutMs} ms: ${String(last)}`);
  } finally {
    client.close();
  }
}

/** The data directory of a member inside a host's state directory. */
export function memberDataDir(stateDir: string): string {
  return join(stateDir, 'etcd');
}

/** Add a member (as a learner when `learner`) through a running cluster. */
export function addMember(
  client: EtcdClient,
  peerUrl: string,
  learner: boolean,
  timeoutMs = 20_000,
): Promise<Member> {
  return retryMembership(() => client.memberAdd([peerUrl], learner), timeoutMs);
}

/**
 * etcd refuses a membership change while it could cost quorum: a learner not
 * yet caught up, a peer connected for less than its 5 s health interval, or
 * a second learner while one is catching up.
 * Those refusals are retried until `timeoutMs`.
 */
async function retryMembership<T>(fn: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      // "too many learner members": etcd takes one learner at a time (joins that race).
      if (
        performance.now() > deadline ||
        !/not in sync|not ready|unhealthy cluster|too many learner/i.test(String(e))
      )
        throw e;
      await sleep(250);
    }
  }
}

/** Promote a learner once it has caught up. */
export function promoteMember(client: EtcdClient, id: string, timeoutMs = 20_000): Promise<void> {
  return retryMembership(() => client.memberPromote(id), timeoutMs);
}

export function removeMember(client: EtcdClient, id: string, timeoutMs = 20_000): Promise<void> {
  return retryMembership(() => client.memberRemove(id), timeoutMs);
}
