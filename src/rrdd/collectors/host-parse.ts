// Pure parsers for the host's /proc files, and the host data sources they
// yield (names as xapi records them, daemons.md §3.4). Counters are passed
// on raw; the RRD's derive sources turn them into rates.

/** USER_HZ: /proc/stat counts in hundredths of a second on every Linux ABI. */
export const USER_HZ = 100;

export interface Nic {
  readonly name: string;
  readonly rxBytes: number;
  readonly txBytes: number;
  readonly rxErrors: number;
  readonly txErrors: number;
}

export interface Disk {
  readonly name: string;
  readonly reads: number;
  readonly readBytes: number;
  readonly writes: number;
  readonly writeBytes: number;
}

export interface HostSample {
  /** Idle (idle + iowait) seconds of each CPU since boot, by CPU number. */
  readonly cpuIdle: readonly { readonly cpu: number; readonly idleS: number }[];
  readonly memTotalKib: number;
  readonly memFreeKib: number;
  readonly loadavg: number;
  readonly nics: readonly Nic[];
  readonly disks: readonly Disk[];
}

/** Per-CPU idle seconds from /proc/stat (`cpuN user nice system idle iowait ...`). */
export function parseProcStat(text: string): { cpu: number; idleS: number }[] {
  const out: { cpu: number; idleS: number }[] = [];
  for (const line of text.split('\n')) {
    const m = /^cpu(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const f = (m[2] ?? '').trim().split(/\s+/).map(Number);
    const idle = (f[3] ?? NaN) + (f[4] ?? 0);
    out.push({ cpu: Number(m[1]), idleS: idle / USER_HZ });
  }
  return out;
}

/** MemTotal and the memory available for new work (MemAvailable, else MemFree), in KiB. */
export function parseMeminfo(text: string): { totalKib: number; freeKib: number } {
  const kib = (key: string): number | undefined => {
    const m = new RegExp(`^${key}:\\s+(\\d+)\\s*kB`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  };
  return { totalKib: kib('MemTotal') ?? NaN, freeKib: kib('MemAvailable') ?? kib('MemFree') ?? NaN };
}

/** The 1-minute load average from /proc/loadavg. */
export function parseLoadavg(text: string): number {
  const x = Number(text.trim().split(/\s+/)[0]);
  return Number.isFinite(x) ? x : NaN;
}

/** Interface byte and error counters from /proc/net/dev. */
export function parseNetDev(text: string): Nic[] {
  const out: Nic[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*([^\s:]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const f = (m[2] ?? '').trim().split(/\s+/).map(Number);
    if (f.length < 16) continue;
    out.push({
      name: m[1] ?? '',
      rxBytes: f[0] ?? NaN,
      rxErrors: f[2] ?? NaN,
      txBytes: f[8] ?? NaN,
      txErrors: f[10] ?? NaN,
    });
  }
  return out;
}

/** Whole-device I/O counters from /proc/diskstats (sectors are 512 bytes there). */
export function parseDiskstats(text: string): Disk[] {
  const out: Disk[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 14) continue;
    const n = f.map(Number);
    out.push({
      name: f[2] ?? '',
      reads: n[3] ?? NaN,
      readBytes: (n[5] ?? NaN) * 512,
      writes: n[7] ?? NaN,
      writeBytes: (n[9] ?? NaN) * 512,
    });
  }
  return out;
}
