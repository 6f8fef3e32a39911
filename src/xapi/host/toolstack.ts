// The toolstack's own housekeeping on this host: where plug-ins live, the
// host scripts xapi runs (set-hostname, syslog reconfiguration, bug-report
// upload; none unless configured: this toolstack does not assume it owns the
// machine), and restarting or stopping the agent.
import { spawn } from 'node:child_process';
import { DEFAULT_PLUGINS_DIR } from './plugins.js';

export type AgentAction = 'restart' | 'shutdown';

export interface ToolstackOptions {
  /** host.call_plugin's directory (default /etc/xapi.d/plugins, as xapi's). */
  readonly pluginsDir?: string;
  /**
   * Executable run by host.set_hostname_live with the new name as its argument.
   * Without one only the record changes: the machine's name is not ours to change.
   */
  readonly setHostnameCommand?: string;
  /** Executable run by host.syslog_reconfigure with `--noremote` or `--remote=<destination>`, as xapi's xe-syslog-reconfigure. */
  readonly syslogReconfigureCommand?: string;
  /** Executable run by host.bugreport_upload with INPUT_URL and PROXY in its environment, as xapi's host-bugreport-upload. */
  readonly bugreportUploadCommand?: string;
  /** Pause before the agent restarts or stops, so the answer reaches the caller (ms, default 1000 as xapi's). */
  readonly agentDelayMs?: number;
  /**
   * What ends the agent once the server has stopped: the daemon exits with the
   * status its supervisor reads (src/supervisor/supervised.ts).
   */
  readonly onAgentDown?: (action: AgentAction) => void;
}

export interface CommandResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run an executable (no shell) and collect its output. */
export function runCommand(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    let spawnError = '';
    child.on('error', (e) => {
      spawnError = e.message;
    });
    child.on('close', (code, signal) =>
      resolve({
        code: code ?? (signal ? null : 127),
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8') + spawnError,
      }),
    );
  });
}

/** What the toolstack needs of the server's listeners (http/server.ts's Listeners have it). */
export interface MovableListeners {
  readonly host?: string;
  readonly httpsHost?: string;
  rebind(address: string, which: { readonly tcp: boolean; readonly https: boolean }): Promise<void>;
}

const isLoopback = (a: string): boolean => a === '::1' || a.startsWith('127.') || a === 'localhost';
const isWildcard = (a: string): boolean => a === '0.0.0.0' || a === '::';

/**
 * Which listeners follow the management address (decided once, where they
 * first listen): HTTPS, and plain HTTP when it is not for local tools.
 */
export function followingManagement(l: MovableListeners): { readonly tcp: boolean; readonly https: boolean } {
  const tcpHost = l.host;
  const httpsHost = l.httpsHost;
  return {
    tcp: tcpHost !== undefined && !isLoopback(tcpHost) && !isWildcard(tcpHost),
    https: httpsHost !== undefined && !isWildcard(httpsHost),
  };
}

export class Toolstack {
  readonly pluginsDir: string;
  private agentPending: AgentAction | undefined;
  /** The server's listeners, once it listens; management changes move them. */
  listeners: MovableListeners | undefined;
  /** Which of them follow the management interface. */
  follow: { readonly tcp: boolean; readonly https: boolean } = { tcp: false, https: false };

  constructor(
    readonly stateDir: string,
    /** The server's Unix socket (local root, no password): for plug-ins that call back. */
    readonly socketPath: string,
    readonly opts: ToolstackOptions,
    /** Stops this server (listeners, links, database). */
    private readonly stopServer: () => Promise<void>,
  ) {
    this.pluginsDir = opts.pluginsDir ?? DEFAULT_PLUGINS_DIR;
  }

  attach(listeners: MovableListeners): void {
    this.listeners = listeners;
    this.follow = followingManagement(listeners);
  }

  private readonly timers = new Set<NodeJS.Timeout>();

  /** Run `f` after `ms` unless the server stops first (host.backup_rrds). */
  later(ms: number, f: () => Promise<void>): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      void f();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  /** Drop what was scheduled with `later`: the server is stopping. */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** The agent action under way, if one was asked for. */
  get pendingAgentAction(): AgentAction | undefined {
    return this.agentPending;
  }

  /**
   * Restart or stop the agent after the pause. Requests made meanwhile join
   * the one under way; a shutdown asked during a pending restart makes it a
   * shutdown (the stronger wish wins).
   */
  scheduleAgent(action: AgentAction): void {
    const pending = this.agentPending;
    if (pending) {
      if (action === 'shutdown') this.agentPending = 'shutdown';
      return;
    }
    this.agentPending = action;
    setTimeout(() => {
      const final = this.agentPending ?? action;
      this.stopServer().then(
        () => this.opts.onAgentDown?.(final),
        (e: unknown) => {
          process.stderr.write(`xapi: stopping for agent ${final}: ${String(e)}\n`);
          this.opts.onAgentDown?.(final);
        },
      );
    }, this.opts.agentDelayMs ?? 1000);
  }
}
