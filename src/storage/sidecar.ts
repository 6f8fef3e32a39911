// The metadata file each SR directory holds (`.xapi-ts-sr.json`): the SR's
// uuid and type, per-volume facts the images themselves cannot record (a
// hidden base; for the simulated SR, everything) and the datapath table.
// Writes are atomic (temporary file + rename) and serialised.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apiError } from '../datamodel/api-error.js';
import type { DatapathTable, ProbeFound } from './types.js';

export const META_FILE = '.xapi-ts-sr.json';

export interface SrMeta<V> {
  readonly format: 'xapi-ts-sr';
  readonly version: 1;
  readonly uuid: string;
  readonly type: string;
  /** Total space (the simulated SR only). */
  physicalSize?: number;
  volumes: Record<string, V>;
  datapaths: DatapathTable;
}

export function metaPath(dir: string): string {
  return join(dir, META_FILE);
}

export function readMeta<V>(dir: string): SrMeta<V> | undefined {
  const p = metaPath(dir);
  if (!existsSync(p)) return undefined;
  let o: SrMeta<V>;
  try {
    o = JSON.parse(readFileSync(p, 'utf8')) as SrMeta<V>;
  } catch (e) {
    throw apiError('SR_BACKEND_FAILURE', { status: 'EINVAL', stdout: '', stderr: `${p}: ${String(e)}` });
  }
  if (o.format !== 'xapi-ts-sr' || o.version !== 1 || typeof o.uuid !== 'string') {
    throw apiError('SR_BACKEND_FAILURE', {
      status: 'EINVAL',
      stdout: '',
      stderr: `${p}: not an SR metadata file`,
    });
  }
  return { ...o, volumes: o.volumes ?? {}, datapaths: o.datapaths ?? {} };
}

export function newMeta<V>(uuid: string, type: string): SrMeta<V> {
  return { format: 'xapi-ts-sr', version: 1, uuid, type, volumes: {}, datapaths: {} };
}

/** Serialised atomic writer of one SR's metadata. */
export class MetaFile<V> {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly dir: string,
    readonly meta: SrMeta<V>,
  ) {}

  /** Write the current state; resolves once it is on disk. */
  save(): Promise<void> {
    const text = JSON.stringify(this.meta, null, 1) + '\n';
    const next = this.queue.then(async () => {
      const tmp = `${metaPath(this.dir)}.${randomUUID()}.tmp`;
      await writeFile(tmp, text);
      await rename(tmp, metaPath(this.dir));
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/**
 * Set by xapi in the config it attaches a shared SR with (never stored in a
 * PBD): the host whose datapath table this attachment keeps. Every host of a
 * pool attaches the same directory, and one table per directory would have
 * each host overwrite the others'.
 */
export const DATAPATH_OWNER = 'xapi-ts-datapath-owner';

const OWNER = /^[A-Za-z0-9-]+$/;
const OWNER_FILE = /^\.xapi-ts-sr\.datapaths\.[A-Za-z0-9-]+\.json$/;

/** The file of one host's datapath table in a shared SR's directory, or undefined when not shared. */
export function datapathFileOf(dir: string, config: Readonly<Record<string, string>>): string | undefined {
  const owner = config[DATAPATH_OWNER];
  if (owner === undefined) return undefined;
  if (!OWNER.test(owner))
    throw apiError('INVALID_VALUE', { field: `device_config:${DATAPATH_OWNER}`, value: owner });
  return join(dir, `.xapi-ts-sr.datapaths.${owner}.json`);
}

/** Whether a file name is a host's datapath table (removed with the SR). */
export function isDatapathFile(name: string): boolean {
  return OWNER_FILE.test(name);
}

/** A host's datapath table of a shared SR: `{}` when it has none yet. */
export function readDatapathFile(path: string): DatapathTable {
  if (!existsSync(path)) return {};
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { datapaths?: DatapathTable }).datapaths ?? {};
  } catch (e) {
    throw apiError('SR_BACKEND_FAILURE', { status: 'EINVAL', stdout: '', stderr: `${path}: ${String(e)}` });
  }
}

/** Serialised atomic writer of one host's datapath table. */
export class DatapathFile {
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  save(table: DatapathTable): Promise<void> {
    const text = JSON.stringify({ datapaths: table }, null, 1) + '\n';
    const next = this.queue.then(async () => {
      const tmp = `${this.path}.${randomUUID()}.tmp`;
      await writeFile(tmp, text);
      await rename(tmp, this.path);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** Attach-time check shared by the plugins: the directory holds this SR (or none yet). */
export function checkOwner<V>(meta: SrMeta<V> | undefined, uuid: string, type: string, dir: string): void {
  if (meta && (meta.uuid !== uuid || meta.type !== type)) {
    throw apiError('SR_BACKEND_FAILURE', {
      status: 'EEXIST',
      stdout: '',
      stderr: `${dir} holds ${meta.type} SR ${meta.uuid}, not ${type} SR ${uuid}`,
    });
  }
}

export function locationOf(config: Readonly<Record<string, string>>): string {
  const loc = config['location'];
  if (!loc || !loc.startsWith('/')) {
    throw apiError('INVALID_VALUE', { field: 'device_config:location', value: loc ?? '' });
  }
  return loc;
}

/**
 * The probe of a directory SR type: the directory must exist; it offers one
 * complete configuration, with the SR of `type` it holds, if any (measured by `space`).
 */
export async function probeDir<V>(
  config: Readonly<Record<string, string>>,
  type: string,
  space: (dir: string, meta: SrMeta<V>) => Promise<{ total: number; free: number }>,
): Promise<ProbeFound[]> {
  const dir = locationOf(config);
  if (!existsSync(dir)) {
    throw apiError('SR_BACKEND_FAILURE', { status: 'ENOENT', stdout: '', stderr: `${dir} does not exist` });
  }
  const meta = readMeta<V>(dir);
  const configuration = { location: dir };
  if (!meta || meta.type !== type) return [{ configuration, complete: true }];
  const { total, free } = await space(dir, meta);
  return [{ configuration, complete: true, sr: { uuid: meta.uuid, totalSpace: total, freeSpace: free } }];
}
