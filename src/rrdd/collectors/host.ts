// The host collector: reads /proc and /sys each cycle and yields the host's
// reading.
import { access, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DsDescriptor, Owner, Reading } from '../rrd/types.js';
import type { Collector } from './collector.js';
import {
  parseDiskstats,
  parseLoadavg,
  parseMeminfo,
  parseNetDev,
  parseProcStat,
  type HostSample,
} from './host-parse.js';
import { hostDescriptors, hostShapeKey, hostValues } from './host-sources.js';

export interface HostCollectorOptions {
  /** Root of the /proc and /sys trees (tests point this at a fixture). */
  readonly root?: string;
  readonly hostUuid?: string;
}

async function text(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Names under a /sys class directory that are backed by hardware (they have
 * a `device` link): physical NICs and disks, not bridges, taps, loops or
 * device-mapper volumes. Undefined if the directory cannot be read.
 */
async function physical(dir: string): Promise<Set<string> | undefined> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  const out = new Set<string>();
  for (const n of names) {
    try {
      await access(join(dir, n, 'device'));
      out.add(n);
    } catch {
      // virtual device
    }
  }
  return out;
}

export class HostCollector implements Collector {
  readonly name = 'host';
  private readonly root: string;
  private readonly owner: Owner;
  private shape = '';
  private descriptors: DsDescriptor[] = [];
  private values = new Float64Array(0);

  constructor(opts: HostCollectorOptions = {}) {
    this.root = opts.root ?? '/';
    this.owner = { kind: 'host', uuid: opts.hostUuid ?? '' };
  }

  async sample(): Promise<HostSample> {
    const p = (rel: string): string => join(this.root, rel);
    const [stat, meminfo, loadavg, netdev, diskstats, nicSet, diskSet] = await Promise.all([
      text(p('proc/stat')),
      text(p('proc/meminfo')),
      text(p('proc/loadavg')),
      text(p('proc/net/dev')),
      text(p('proc/diskstats')),
      physical(p('sys/class/net')),
      physical(p('sys/block')),
    ]);
    const mem = parseMeminfo(meminfo);
    return {
      cpuIdle: parseProcStat(stat),
      memTotalKib: mem.totalKib,
      memFreeKib: mem.freeKib,
      loadavg: parseLoadavg(loadavg),
      nics: parseNetDev(netdev).filter((n) => (nicSet ? nicSet.has(n.name) : n.name !== 'lo')),
      disks: parseDiskstats(diskstats).filter((d) => (diskSet ? diskSet.has(d.name) : false)),
    };
  }

  async collect(): Promise<Reading[]> {
    const s = await this.sample();
    const key = hostShapeKey(s);
    if (key !== this.shape) {
      this.shape = key;
      this.descriptors = hostDescriptors(s);
      this.values = new Float64Array(this.descriptors.length);
    }
    hostValues(s, this.values);
    return [{ owner: this.owner, descriptors: this.descriptors, values: this.values }];
  }
}
