// The host's network interfaces as the XenAPI shows them (read-only PIFs):
// physical devices from /sys/class/net with their addresses from the OS.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';

export interface HostInterface {
  readonly device: string;
  readonly mac: string;
  readonly mtu: number;
  readonly physical: boolean;
  readonly carrier: boolean;
  /** Mbit/s, or -1 when unknown. */
  readonly speed: number;
  readonly duplex: boolean;
  readonly ipv4?: { readonly address: string; readonly netmask: string };
  readonly ipv6: readonly string[];
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Interfaces under `sysfs` (default /sys/class/net), loopback excluded. */
export function readHostInterfaces(sysfs = '/sys/class/net'): HostInterface[] {
  if (!existsSync(sysfs)) return [];
  const addrs = networkInterfaces();
  return readdirSync(sysfs)
    .filter((d) => d !== 'lo')
    .sort()
    .map((device) => {
      const dir = join(sysfs, device);
      const os = addrs[device] ?? [];
      const v4 = os.find((a) => a.family === 'IPv4');
      return {
        device,
        mac: read(join(dir, 'address')) ?? '',
        mtu: Number(read(join(dir, 'mtu')) ?? 1500),
        // Physical devices have a backing device link; bridges, dummies and ifbs do not.
        physical: existsSync(join(dir, 'device')),
        carrier: read(join(dir, 'carrier')) === '1',
        speed: Number(read(join(dir, 'speed')) ?? -1),
        duplex: read(join(dir, 'duplex')) === 'full',
        ...(v4 ? { ipv4: { address: v4.address, netmask: v4.netmask } } : {}),
        ipv6: os
          .filter((a) => a.family === 'IPv6')
          .map((a) => `${a.address}/${a.cidr?.split('/')[1] ?? '64'}`),
      };
    })
    .filter((i) => i.physical);
}

/** The default gateway of IPv4 traffic, from /proc/net/route. */
export function defaultGateway(routes = '/proc/net/route'): string {
  const lines = read(routes)?.split('\n').slice(1) ?? [];
  for (const l of lines) {
    const [, dest, gw] = l.trim().split(/\s+/);
    if (dest === '00000000' && gw) {
      const n = parseInt(gw, 16);
      return [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255].join('.');
    }
  }
  return '';
}
