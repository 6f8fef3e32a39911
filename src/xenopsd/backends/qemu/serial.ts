// A client of a VM's serial console socket (the `-chardev socket,server=on` the argv
// builder makes): collects everything the guest prints and waits for a pattern.
import { connect as netConnect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export class SerialConsole {
  private text = '';
  private readonly waiters = new Set<() => void>();
  private ended = false;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      this.text += d;
      for (const w of [...this.waiters]) w();
    });
    socket.on('close', () => {
      this.ended = true;
      for (const w of [...this.waiters]) w();
    });
    socket.on('error', () => {});
  }

  /** Connects, retrying while QEMU has not yet created the socket. */
  static async connect(path: string, opts: WaitOptions = {}): Promise<SerialConsole> {
    const deadline = Date.now() + (opts.timeoutMs ?? 5000);
    for (;;) {
      opts.signal?.throwIfAborted();
      try {
        const s = await new Promise<Socket>((resolve, reject) => {
          const s = netConnect(path);
          s.once('connect', () => {
            s.removeListener('error', reject);
            resolve(s);
          });
          s.once('error', reject);
        });
        return new SerialConsole(s);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if ((code !== 'ENOENT' && code !== 'ECONNREFUSED') || Date.now() >= deadline) throw e;
        await sleep(10, undefined, opts.signal ? { signal: opts.signal } : {});
      }
    }
  }

  /** Everything received so far. */
  get output(): string {
    return this.text;
  }

  write(s: string): void {
    this.socket.write(s);
  }

  /**
   * Resolves with the output up to and including the first match of `pattern` found
   * at or after offset `from` (default: from the start); rejects on timeout or close.
   */
  waitFor(pattern: string | RegExp, opts: WaitOptions & { from?: number } = {}): Promise<string> {
    const from = opts.from ?? 0;
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const find = (): number => {
      const rest = this.text.slice(from);
      if (typeof pattern === 'string') {
        const i = rest.indexOf(pattern);
        return i < 0 ? -1 : from + i + pattern.length;
      }
      const m = pattern.exec(rest);
      return m === null ? -1 : from + m.index + m[0].length;
    };
    return new Promise<string>((resolve, reject) => {
      const check = () => {
        const end = find();
        if (end >= 0) return finish(() => resolve(this.text.slice(0, end)));
        if (this.ended) finish(() => reject(new Error(`serial console closed before ${String(pattern)}`)));
      };
      const onAbort = () => finish(() => reject(opts.signal?.reason as Error));
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(new Error(`no ${String(pattern)} on the serial console after ${timeoutMs} ms`)),
          ),
        timeoutMs,
      );
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        opts.signal?.removeEventListener('abort', onAbort);
        settle();
      };
      if (opts.signal?.aborted) return onAbort();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(check);
      check();
    });
  }

  close(): void {
    this.socket.destroy();
  }
}
