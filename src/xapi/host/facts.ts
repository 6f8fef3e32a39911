// What the host really is: CPUs, memory, names and versions, read from the
// machine at first start (and refreshed at every start).
import { readFileSync } from 'node:fs';
import { cpus, hostname, networkInterfaces, release, totalmem, type } from 'node:os';

export const API_VERSION = { major: 2, minor: 23 } as const;
export const PRODUCT_VERSION = '0.1.0';

export interface CpuFacts {
  readonly number: number;
  readonly vendor: string;
  readonly modelname: string;
  readonly speedMhz: number;
  readonly family: number;
  readonly model: number;
  readonly stepping: string;
  readonly flags: string;
}

export interface HostFacts {
  readonly hostname: string;
  readonly address: string;
  readonly memoryTotalBytes: number;
  readonly cpus: readonly CpuFacts[];
  readonly kernel: string;
  readonly socketCount: number;
}

/** Parse /proc/cpuinfo into one entry per logical CPU. */
export function parseCpuinfo(text: string): CpuFacts[] {
  return text
    .split(/\n\s*\n/)
    .filter((block) => block.includes('processor'))
    .map((block) => {
      const kv = new Map<string, string>();
      for (const line of block.split('\n')) {
        const i = line.indexOf(':');
        if (i > 0) kv.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
      }
      return {
        number: Number(kv.get('processor') ?? 0),
        vendor: kv.get('vendor_id') ?? '',
        modelname: kv.get('model name') ?? '',
        speedMhz: Number(kv.get('cpu MHz') ?? 0),
        family: Number(kv.get('cpu family') ?? 0),
        model: Number(kv.get('model') ?? 0),
        stepping: kv.get('stepping') ?? '',
        flags: kv.get('flags') ?? '',
      };
    });
}

function readCpuinfo(): CpuFacts[] {
  try {
    const parsed = parseCpuinfo(readFileSync('/proc/cpuinfo', 'utf8'));
    if (parsed.length > 0) return parsed;
  } catch {
    // not Linux: fall back to what Node knows
  }
  return cpus().map((c, i) => ({
    number: i,
    vendor: '',
    modelname: c.model,
    speedMhz: c.speed,
    family: 0,
    model: 0,
    stepping: '',
    flags: '',
  }));
}

function socketsOf(): number {
  try {
    const ids = new Set(
      readFileSync('/proc/cpuinfo', 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('physical id'))
        .map((l) => l.split(':')[1]?.trim()),
    );
    return Math.max(1, ids.size);
  } catch {
    return 1;
  }
}

/** The first non-internal IPv4 address, else loopback. */
function primaryAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

export function readHostFacts(): HostFacts {
  return {
    hostname: hostname(),
    address: primaryAddress(),
    memoryTotalBytes: totalmem(),
    cpus: readCpuinfo(),
    kernel: `${type()} ${release()}`,
    socketCount: socketsOf(),
  };
}
