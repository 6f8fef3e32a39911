// A client for QEMU's machine protocol (QMP) on a Unix socket: greeting and
// capabilities negotiation, commands correlated with their replies by id, the
// asynchronous events as a stream, per-call timeouts and AbortSignals, clean close.
// Messages are JSON objects, one per line (QEMU ends them with CRLF).
import { connect as netConnect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface QmpVersion {
  readonly qemu: { readonly major: number; readonly minor: number; readonly micro: number };
  readonly package: string;
}

export interface QmpGreeting {
  readonly version: QmpVersion;
  readonly capabilities: readonly string[];
}

/** An asynchronous event: SHUTDOWN, RESET, STOP, RESUME, GUEST_PANICKED, DEVICE_DELETED, ... */
export interface QmpEvent {
  readonly event: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly timestamp: { readonly seconds: number; readonly microseconds: number };
}

/** QEMU refused a command: its error class (GenericError, CommandNotFound, ...) and text. */
export class QmpCommandError extends Error {
  constructor(
    readonly command: string,
    readonly errorClass: string,
    readonly desc: string,
  ) {
    super(`QMP ${command}: ${errorClass}: ${desc}`);
    this.name = 'QmpCommandError';
  }
}

/** The connection closed (QEMU exited, or close() was called) before the answer came. */
export class QmpClosedError extends Error {
  constructor(what: string) {
    super(`QMP connection closed: ${what}`);
    this.name = 'QmpClosedError';
  }
}

export class QmpTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`QMP timeout after ${ms} ms: ${what}`);
    this.name = 'QmpTimeoutError';
  }
}

export interface CallOptions {
  /** Default: the client's commandTimeoutMs. 0 means no timeout. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface ConnectOptions {
  /** How long to keep retrying while the socket does not exist or refuses (QEMU starting). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Default timeout of execute(). */
  readonly commandTimeoutMs?: number;
}

interface Pending {
  readonly command: string;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: Error) => void;
}

type Listener = (e: QmpEvent) => void;

/**
 * Runs `fn(resolve, reject)` and settles on the first of: fn's outcome, the timeout,
 * the signal. The function fn returns (to undo its registrations) runs once, whatever happens.
 */
function guarded<T>(
  what: string,
  opts: { timeoutMs: number; signal?: AbortSignal | undefined },
  fn: (resolve: (v: T) => void, reject: (e: Error) => void) => (() => void) | void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const registered: { undo?: (() => void) | void } = {};
    const onAbort = () =>
      finish(() => reject(opts.signal?.reason instanceof Error ? opts.signal.reason : new Error('aborted')));
    const timer =
      opts.timeoutMs > 0
        ? setTimeout(() => finish(() => reject(new QmpTimeoutError(what, opts.timeoutMs))), opts.timeoutMs)
        : undefined;
    const cleanup = () => {
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      registered.undo?.();
    };
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      cleanup();
      settle();
    };
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    registered.undo = fn(
      (v) => finish(() => resolve(v)),
      (e) => finish(() => reject(e)),
    );
    // fn may have settled synchronously, before its undo function was known
    if (done) registered.undo?.();
  });
}

export class QmpClient {
  private buffer = '';
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<Listener>();
  private closeReason: string | undefined;
  private readonly closedPromise: Promise<void>;
  greeting: QmpGreeting | undefined;
  private onGreeting: ((g: QmpGreeting) => void) | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly commandTimeoutMs: number,
  ) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    this.closedPromise = new Promise((resolve) => {
      socket.on('close', () => {
        this.shutdown('socket closed');
        resolve();
      });
    });
    socket.on('error', (e) => this.shutdown(e.message));
  }

  /** Connects (retrying while QEMU creates the socket), reads the greeting, negotiates capabilities. */
  static async connect(path: string, opts: ConnectOptions = {}): Promise<QmpClient> {
    const timeoutMs = opts.timeoutMs ?? 5000;
    const deadline = Date.now() + timeoutMs;
    let socket: Socket | undefined;
    for (;;) {
      opts.signal?.throwIfAborted();
      try {
        socket = await new Promise<Socket>((resolve, reject) => {
          const s = netConnect(path);
          s.once('connect', () => {
            s.removeListener('error', reject);
            resolve(s);
          });
          s.once('error', reject);
        });
        break;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if ((code !== 'ENOENT' && code !== 'ECONNREFUSED') || Date.now() >= deadline) {
          throw new Error(`cannot connect to QMP socket ${path}: ${(e as Error).message}`);
        }
        await sleep(10, undefined, opts.signal ? { signal: opts.signal } : {});
      }
    }
    const client = new QmpClient(socket, opts.commandTimeoutMs ?? 30_000);
    try {
      await guarded<QmpGreeting>(
        'greeting',
        { timeoutMs: Math.max(deadline - Date.now(), 1000), signal: opts.signal },
        (resolve, reject) => {
          if (client.greeting) return resolve(client.greeting);
          client.onGreeting = resolve;
          const onClose = () => reject(new QmpClosedError('before the greeting'));
          socket.once('close', onClose);
          return () => {
            client.onGreeting = undefined;
            socket.removeListener('close', onClose);
          };
        },
      );
      await client.execute('qmp_capabilities', {}, opts.signal ? { signal: opts.signal } : {});
    } catch (e) {
      client.socket.destroy();
      throw e;
    }
    return client;
  }

  get isClosed(): boolean {
    return this.closeReason !== undefined;
  }

  /** Resolves once the connection has closed, for whatever reason. */
  get closed(): Promise<void> {
    return this.closedPromise;
  }

  /** Runs a command and resolves with its `return` value. */
  execute<T = unknown>(
    command: string,
    args?: Readonly<Record<string, unknown>>,
    opts: CallOptions = {},
  ): Promise<T> {
    return guarded<T>(
      command,
      { timeoutMs: opts.timeoutMs ?? this.commandTimeoutMs, signal: opts.signal },
      (resolve, reject) => {
        if (this.closeReason !== undefined) return reject(new QmpClosedError(this.closeReason));
        const id = `c${this.nextId++}`;
        const msg: Record<string, unknown> = { execute: command, id };
        if (args !== undefined && Object.keys(args).length > 0) msg.arguments = args;
        this.pending.set(id, { command, resolve: resolve as (v: unknown) => void, reject });
        this.socket.write(JSON.stringify(msg) + '\n');
        // A late reply after a timeout or abort is dropped.
        return () => this.pending.delete(id);
      },
    );
  }

  /** Calls `listener` for every event from now on; returns the unsubscribe function. */
  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The next event matching `match` (a name or a predicate), counted from this call:
   * call it before the command that causes the event.
   */
  waitForEvent(match: string | ((e: QmpEvent) => boolean), opts: CallOptions = {}): Promise<QmpEvent> {
    const test = typeof match === 'string' ? (e: QmpEvent) => e.event === match : match;
    const what = typeof match === 'string' ? `event ${match}` : 'event';
    return guarded<QmpEvent>(
      what,
      { timeoutMs: opts.timeoutMs ?? this.commandTimeoutMs, signal: opts.signal },
      (resolve, reject) => {
        if (this.closeReason !== undefined) return reject(new QmpClosedError(this.closeReason));
        const off = this.onEvent((e) => {
          if (test(e)) resolve(e);
        });
        const onClose = () => reject(new QmpClosedError(`waiting for ${what}`));
        this.socket.once('close', onClose);
        return () => {
          off();
          this.socket.removeListener('close', onClose);
        };
      },
    );
  }

  /** Every event from now until the connection closes (or the signal aborts), buffered. */
  async *events(signal?: AbortSignal): AsyncGenerator<QmpEvent> {
    const queue: QmpEvent[] = [];
    let wake: (() => void) | undefined;
    const off = this.onEvent((e) => {
      queue.push(e);
      wake?.();
    });
    const stop = () => wake?.();
    signal?.addEventListener('abort', stop);
    void this.closedPromise.then(stop);
    try {
      for (;;) {
        const e = queue.shift();
        if (e !== undefined) {
          yield e;
          continue;
        }
        if (this.closeReason !== undefined || signal?.aborted) return;
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
      }
    } finally {
      off();
      signal?.removeEventListener('abort', stop);
    }
  }

  /** Closes the connection (QEMU keeps running); pending calls fail with QmpClosedError. */
  async close(): Promise<void> {
    if (!this.socket.destroyed) this.socket.end();
    const t = setTimeout(() => this.socket.destroy(), 1000);
    await this.closedPromise;
    clearTimeout(t);
  }

  private shutdown(reason: string): void {
    if (this.closeReason !== undefined) return;
    this.closeReason = reason;
    for (const p of [...this.pending.values()]) p.reject(new QmpClosedError(`during ${p.command}`));
    this.pending.clear();
    if (!this.socket.destroyed) this.socket.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (line !== '') this.dispatch(line);
    }
  }

  private dispatch(line: string): void {
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return this.shutdown(`unparsable QMP message: ${line.slice(0, 200)}`);
    }
    if (msg.QMP !== undefined) {
      this.greeting = msg.QMP as QmpGreeting;
      this.onGreeting?.(this.greeting);
    } else if (typeof msg.event === 'string') {
      const e: QmpEvent = {
        event: msg.event,
        data: (msg.data ?? {}) as Record<string, unknown>,
        timestamp: msg.timestamp as QmpEvent['timestamp'],
      };
      for (const l of [...this.listeners]) l(e);
    } else if (typeof msg.id === 'string') {
      const p = this.pending.get(msg.id);
      if (p === undefined) return;
      this.pending.delete(msg.id);
      if ('error' in msg) {
        const err = (msg.error ?? {}) as { class?: string; desc?: string };
        p.reject(new QmpCommandError(p.command, err.class ?? 'GenericError', err.desc ?? ''));
      } else {
        p.resolve(msg.return);
      }
    }
  }
}

/**
 * Polls query-status until the run state is one of `states`. Needed where QEMU's
 * events run ahead of its state: after MIGRATION{completed} the source is briefly
 * still `finish-migrate` before `postmigrate`. The state is expected any moment, so
 * the sleeps start at 1 ms and double up to `intervalMs`.
 */
export async function waitForStatus(
  qmp: QmpClient,
  states: readonly string[],
  opts: CallOptions & { intervalMs?: number } = {},
): Promise<string> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  const interval = opts.intervalMs ?? 20;
  for (let wait = Math.min(1, interval); ; wait = Math.min(interval, wait * 2)) {
    const { status } = await qmp.execute<{ status: string }>(
      'query-status',
      {},
      opts.signal ? { signal: opts.signal } : {},
    );
    if (states.includes(status)) return status;
    if (Date.now() >= deadline)
      throw new QmpTimeoutError(`run state ${states.join('|')} (still ${status})`, opts.timeoutMs ?? 10_000);
    await sleep(wait, undefined, opts.signal ? { signal: opts.signal } : {});
  }
}
