// Host side of the guest control channel: the virtio-serial port `org.xen.ctl`,
// QEMU's `control.sock` on the host (argv.ts). A line protocol, one reply line per
// request, answered by the test guest's init (guest-image/rootfs.ts has the table):
// ping/pong, ip, uptime, poweroff, reboot. Like Xen's control/shutdown key, it needs
// the guest's cooperation: a guest without the agent never answers.
import { connect as netConnect, type Socket } from 'node:net';

export interface RequestOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export class ControlChannel {
  private buffer = '';
  private readonly lines: string[] = [];
  private wake: (() => void) | undefined;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      this.buffer += d;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        this.lines.push(this.buffer.slice(0, nl).replace(/\r$/, ''));
        this.buffer = this.buffer.slice(nl + 1);
      }
      this.wake?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
    socket.on('error', () => {});
  }

  static connect(path: string): Promise<ControlChannel> {
    return new Promise((resolve, reject) => {
      const s = netConnect(path);
      s.once('connect', () => {
        s.removeListener('error', reject);
        resolve(new ControlChannel(s));
      });
      s.once('error', reject);
    });
  }

  /** Sends one command line and resolves with the guest's reply line. */
  request(command: string, opts: RequestOptions = {}): Promise<string> {
    if (/[\r\n]/.test(command)) return Promise.reject(new Error('a control command is a single line'));
    const run = () => this.exchange(command, opts);
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => {});
    return next;
  }

  private async exchange(command: string, opts: RequestOptions): Promise<string> {
    this.lines.length = 0;
    this.socket.write(command + '\n');
    const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
    for (;;) {
      const line = this.lines.shift();
      if (line !== undefined) return line;
      opts.signal?.throwIfAborted();
      if (this.closed) throw new Error(`control channel closed before the reply to ${command}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no reply to ${command} on the control channel`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** The guest's IPv4 addresses by interface, from the `ip` command. */
  async addresses(opts: RequestOptions = {}): Promise<Record<string, string>> {
    const reply = await this.request('ip', opts);
    const [head, ...pairs] = reply.split(' ');
    if (head !== 'ip') throw new Error(`unexpected reply to ip: ${reply}`);
    return Object.fromEntries(pairs.map((p) => p.split('=', 2) as [string, string]));
  }

  close(): void {
    this.socket.destroy();
  }
}
