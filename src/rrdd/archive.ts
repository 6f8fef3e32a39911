// RRDs kept on disk across restarts: one gzip'd JSON file per owner
// (`host.json.gz`, `vm.<uuid>.json.gz`, `sr.<uuid>.json.gz`), written to a
// temporary name, synced and renamed so a crash never leaves half a file.
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';
import { apiError } from '../datamodel/api-error.js';
import type { Rrd } from './rrd/rrd.js';
import { rrdFromJson, rrdToJson } from './rrd/serialise.js';
import type { Owner, OwnerKind } from './rrd/types.js';
import type { RrdStore } from './store.js';

/** Where RRDs rest between runs; the daemon only needs these four operations. */
export interface RrdArchive {
  save(owner: Owner, rrd: Rrd): Promise<void>;
  load(owner: Owner): Promise<Rrd | undefined>;
  list(): Promise<Owner[]>;
  remove(owner: Owner): Promise<void>;
}

// compression runs on libuv's pool: a thousand VM files must not block the loop
const gzip = promisify(gzipCb);
const gunzip = promisify(gunzipCb);

const UUID_RE = /^[0-9A-Za-z][0-9A-Za-z-]{0,127}$/;
const SUFFIX = '.json.gz';

function fileName(o: Owner): string {
  if (o.kind === 'host') return `host${SUFFIX}`;
  if (!UUID_RE.test(o.uuid)) throw apiError('UUID_INVALID', { type: o.kind, uuid: o.uuid });
  return `${o.kind}.${o.uuid}${SUFFIX}`;
}

function ownerOfFile(name: string): Owner | undefined {
  if (!name.endsWith(SUFFIX)) return undefined;
  const stem = name.slice(0, -SUFFIX.length);
  if (stem === 'host') return { kind: 'host', uuid: '' };
  const dot = stem.indexOf('.');
  const kind = stem.slice(0, dot);
  const uuid = stem.slice(dot + 1);
  if ((kind === 'vm' || kind === 'sr') && UUID_RE.test(uuid)) return { kind: kind as OwnerKind, uuid };
  return undefined;
}

export class DirArchive implements RrdArchive {
  constructor(private readonly dir: string) {}

  async save(owner: Owner, rrd: Rrd): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, fileName(owner));
    const tmp = `${path}.tmp`;
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(await gzip(rrdToJson(rrd, { exact: true })));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  }

  async load(owner: Owner): Promise<Rrd | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(this.dir, fileName(owner)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    let text: string;
    try {
      text = (await gunzip(bytes)).toString('utf8');
    } catch {
      throw apiError('INVALID_VALUE', { field: 'rrd', value: `${fileName(owner)} is not gzip` });
    }
    return rrdFromJson(text);
  }

  async list(): Promise<Owner[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    return names.flatMap((n) => {
      const o = ownerOfFile(n);
      return o ? [o] : [];
    });
  }

  async remove(owner: Owner): Promise<void> {
    await rm(join(this.dir, fileName(owner)), { force: true });
  }
}

/** Write every RRD of the store. */
export async function saveAll(store: RrdStore, archive: RrdArchive): Promise<void> {
  for (const owner of store.owners()) {
    const rrd = store.get(owner);
    if (rrd) await archive.save(owner, rrd);
  }
}

/**
 * Load every archived RRD into the store. A file that cannot be read is
 * skipped and reported, so one damaged archive never stops the daemon.
 */
export async function loadAll(
  store: RrdStore,
  archive: RrdArchive,
): Promise<{ loaded: number; failed: Owner[] }> {
  let loaded = 0;
  const failed: Owner[] = [];
  for (const owner of await archive.list()) {
    try {
      const rrd = await archive.load(owner);
      if (rrd) {
        store.set(owner, rrd);
        loaded++;
      }
    } catch {
      failed.push(owner);
    }
  }
  return { loaded, failed };
}
