// The guest's own reports, read from its serial console log: the test guest prints
// `GUEST-IP <iface> <addr>/<prefix> [<mac>]` on every DHCP lease (`none` for the
// address when it loses one; guest-image/rootfs.ts). They become the keys a Xen guest
// agent writes under `attr/` in xenstore (`attr/vif/<devid>/ipv4/0`), which xenopsd
// reports as the VM's guest_agent and xapi turns into VM_guest_metrics.networks.
// The log file (QEMU's `logfile=`) is followed rather than the serial socket, so a
// console client (xapi's /console) and the agent never compete for the one connection.
import { open, type FileHandle } from 'node:fs/promises';
import { IP_MARKER } from './guest-image/rootfs.js';

/** What the guest last said about one of its interfaces. */
export interface GuestIp {
  /** IPv4 address without prefix; absent once the guest reported it lost its lease. */
  readonly addr?: string;
  readonly prefix?: number;
  readonly mac?: string;
}

export type GuestIps = Readonly<Record<string, GuestIp>>;

const IFACE = /^[A-Za-z0-9_.:-]{1,15}$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/i;

/** One console line as a report, or undefined when it is not a (well-formed) one. */
export function parseGuestLine(line: string): { iface: string; ip: GuestIp } | undefined {
  // the report may follow other console output on its line (a shell prompt, escapes)
  const text = line.replace(/\r/g, '');
  const at = text.lastIndexOf(`${IP_MARKER} `);
  if (at < 0) return undefined;
  const [iface, addr, mac] = text
    .slice(at + IP_MARKER.length)
    .trim()
    .split(/\s+/);
  if (iface === undefined || addr === undefined || !IFACE.test(iface)) return undefined;
  if (mac !== undefined && !MAC.test(mac)) return undefined;
  const withMac = mac !== undefined ? { mac: mac.toLowerCase() } : {};
  if (addr === 'none') return { iface, ip: withMac };
  const m = /^([0-9.]+)\/(\d{1,2})$/.exec(addr);
  if (!m || !IPV4.test(m[1] as string) || Number(m[2]) > 32) return undefined;
  return { iface, ip: { addr: m[1] as string, prefix: Number(m[2]), ...withMac } };
}

/** Applies console text to what is known: the last report of each interface wins. */
export function applyGuestText(known: GuestIps, text: string): GuestIps {
  let out: Record<string, GuestIp> | undefined;
  for (const line of text.split('\n')) {
    const r = parseGuestLine(line);
    if (!r) continue;
    out ??= { ...known };
    out[r.iface] = r.ip;
  }
  return out ?? known;
}

/**
 * The guest-agent keys for the VM's NICs: an interface is matched to a VIF by its MAC
 * address, or, when the guest gave none, `eth<N>` to the VIF of device number N.
 */
export function guestAgentKeys(
  ips: GuestIps,
  vifs: readonly { readonly position: number; readonly mac: string }[],
): Record<string, string> {
  const byMac = new Map(vifs.map((v) => [v.mac.toLowerCase(), v.position]));
  const positions = new Set(vifs.map((v) => v.position));
  const out: Record<string, string> = {};
  for (const iface of Object.keys(ips).sort()) {
    const ip = ips[iface] as GuestIp;
    if (ip.addr === undefined) continue;
    const eth = /^eth(\d+)$/.exec(iface);
    const position =
      ip.mac !== undefined
        ? byMac.get(ip.mac)
        : eth && positions.has(Number(eth[1]))
          ? Number(eth[1])
          : undefined;
    if (position === undefined) continue;
    out[`attr/vif/${position}/ipv4/0`] = ip.addr;
  }
  return out;
}

/**
 * Follows a growing log file from `offset`, handing complete lines to `onText`.
 * Polls: the file is written by another process and may not exist yet.
 */
export class LogFollower {
  private handle: FileHandle | undefined;
  private partial = '';
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private stopped = false;

  constructor(
    private readonly path: string,
    private readonly onText: (text: string) => void,
    private offset = 0,
    private readonly intervalMs = 500,
  ) {}

  start(): this {
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
    void this.poll();
    return this;
  }

  /** Reads what has been appended since the last poll. */
  async poll(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      this.handle ??= await open(this.path, 'r');
      const buf = Buffer.alloc(64 * 1024);
      let text = '';
      for (;;) {
        const { bytesRead } = await this.handle.read(buf, 0, buf.length, this.offset);
        if (bytesRead === 0) break;
        this.offset += bytesRead;
        text += buf.subarray(0, bytesRead).toString('latin1');
      }
      if (text === '') return;
      const all = this.partial + text;
      const nl = all.lastIndexOf('\n');
      this.partial = all.slice(nl + 1).slice(-4096);
      if (nl >= 0 && !this.stopped) this.onText(all.slice(0, nl + 1));
    } catch {
      // not created yet, or removed with the run directory: try again next time
      await this.handle?.close().catch(() => {});
      this.handle = undefined;
    } finally {
      this.busy = false;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.handle?.close().catch(() => {});
    this.handle = undefined;
  }
}

/**
 * One log follower per running QEMU (keyed by an object of that QEMU's, its QMP client:
 * a migration may rename the VM it belongs to, `vmOf` says which it is now).
 */
export class GuestAgents {
  private readonly followers = new Map<object, LogFollower>();

  constructor(private readonly update: (vm: string, apply: (known: GuestIps) => GuestIps) => void) {}

  /** Starts reading a QEMU's serial log from its beginning (replacing any follower). */
  follow(key: object, serialLog: string, vmOf: () => string): void {
    this.forget(key);
    const f = new LogFollower(serialLog, (text) =>
      this.update(vmOf(), (known) => applyGuestText(known, text)),
    );
    this.followers.set(key, f.start());
  }

  forget(key: object | undefined): void {
    const f = key && this.followers.get(key);
    if (!f) return;
    this.followers.delete(key);
    void f.stop();
  }

  close(): void {
    for (const key of [...this.followers.keys()]) this.forget(key);
  }
}

/**
 * The addresses a migration's source reported, as the destination keeps them: only
 * well-formed entries (it came over the wire), so a bad one cannot reach xapi.
 */
export function carriedGuestIps(v: unknown): GuestIps | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const out: Record<string, GuestIp> = {};
  for (const [iface, ip] of Object.entries(v as Record<string, unknown>)) {
    if (!IFACE.test(iface) || typeof ip !== 'object' || ip === null) continue;
    const { addr, prefix, mac } = ip as { addr?: unknown; prefix?: unknown; mac?: unknown };
    if (mac !== undefined && (typeof mac !== 'string' || !MAC.test(mac))) continue;
    const withMac = typeof mac === 'string' ? { mac: mac.toLowerCase() } : {};
    if (addr === undefined) {
      out[iface] = withMac;
      continue;
    }
    if (typeof addr !== 'string' || !IPV4.test(addr)) continue;
    if (typeof prefix !== 'number' || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) continue;
    out[iface] = { addr, prefix, ...withMac };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
