// Registered plugins and the per-cycle reading of their files. A plugin
// registers a uid and a protocol, then rewrites <dir>/<uid> every 5 s; each
// cycle rrdd reads every file it is not backing off from. A file that cannot
// be read or parsed makes rrdd skip that plugin for 1, 2, 4 ... 256 cycles.
import { readFile as fsReadFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apiError } from '../../datamodel/api-error.js';
import type { Reading } from '../rrd/types.js';
import { HEADER, PluginV2Reader, type PluginRead } from './protocol-v2.js';
import { PluginV1Reader } from './protocol-v1.js';

export type PluginProtocol = 'V1' | 'V2';

/** Where plugins publish in xapi: Plugin.get_path(uid) = /dev/shm/metrics/<uid>. */
export const DEFAULT_PLUGIN_DIR = '/dev/shm/metrics';
const MAX_BACKOFF_CYCLES = 256;
const UID_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

interface Plugin {
  readonly uid: string;
  readonly reader: { read(buf: Buffer): PluginRead };
  /** Cycles still to skip, and the length of the last back-off. */
  skip: number;
  penalty: number;
  lastError: string | undefined;
}

export interface PluginCycle {
  readonly readings: Reading[];
  /** Plugins whose file could not be read this cycle, with why. */
  readonly failures: { readonly uid: string; readonly error: string }[];
}

export interface RegistryOptions {
  readonly dir?: string;
  /** Seconds until the daemon's next reading cycle (what register returns). */
  readonly secondsToNextReading: () => number;
  readonly readFile?: (path: string) => Promise<Buffer>;
}

export class PluginRegistry {
  private readonly plugins = new Map<string, Plugin>();
  private readonly dir: string;
  private readonly readFile: (path: string) => Promise<Buffer>;

  constructor(private readonly opts: RegistryOptions) {
    this.dir = opts.dir ?? DEFAULT_PLUGIN_DIR;
    this.readFile = opts.readFile ?? ((p) => fsReadFile(p));
  }

  /** Plugin.Local.register: returns the seconds until the next reading. */
  register(uid: string, frequency: string, protocol: string): number {
    checkUid(uid);
    if (frequency !== 'Five_Seconds')
      throw apiError('INVALID_VALUE', { field: 'frequency', value: frequency });
    if (protocol !== 'V1' && protocol !== 'V2')
      throw apiError('INVALID_VALUE', { field: 'protocol', value: protocol });
    const existing = this.plugins.get(uid);
    if (!existing || existing.reader instanceof PluginV2Reader !== (protocol === 'V2')) {
      this.plugins.set(uid, {
        uid,
        reader: protocol === 'V2' ? new PluginV2Reader() : new PluginV1Reader(),
        skip: 0,
        penalty: 0,
        lastError: undefined,
      });
    }
    return this.opts.secondsToNextReading();
  }

  /** Plugin.Local.deregister: forgetting an unknown plugin is not an error. */
  deregister(uid: string): void {
    this.plugins.delete(uid);
  }

  /** Plugin.Local.next_reading. */
  nextReading(uid: string): number {
    if (!this.plugins.has(uid)) throw apiError('INVALID_VALUE', { field: 'uid', value: uid });
    return this.opts.secondsToNextReading();
  }

  /** Plugin.get_path. */
  getPath(uid: string): string {
    checkUid(uid);
    return join(this.dir, uid);
  }

  /** Plugin.get_header. */
  getHeader(): string {
    return HEADER;
  }

  registered(): string[] {
    return [...this.plugins.keys()];
  }

  /** Read every plugin due this cycle (files are read concurrently, parsed in order). */
  async collect(): Promise<PluginCycle> {
    const readings: Reading[] = [];
    const failures: { uid: string; error: string }[] = [];
    const due: Plugin[] = [];
    for (const p of this.plugins.values()) {
      if (p.skip > 0) p.skip--;
      else due.push(p);
    }
    const files = await Promise.allSettled(due.map((p) => this.readFile(join(this.dir, p.uid))));
    due.forEach((p, i) => {
      const file = files[i];
      try {
        if (!file || file.status === 'rejected') throw file?.reason ?? new Error('not read');
        const r = p.reader.read(file.value);
        p.penalty = 0;
        p.lastError = undefined;
        if (r.kind === 'readings') readings.push(...r.readings);
      } catch (e) {
        p.penalty = Math.min(MAX_BACKOFF_CYCLES, Math.max(1, p.penalty * 2));
        p.skip = p.penalty;
        p.lastError = e instanceof Error ? e.message : String(e);
        failures.push({ uid: p.uid, error: p.lastError });
      }
    });
    return { readings, failures };
  }
}

function checkUid(uid: string): void {
  if (!UID_RE.test(uid)) throw apiError('INVALID_VALUE', { field: 'uid', value: uid });
}
