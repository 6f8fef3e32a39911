// Storage at start: an SM object for each SR type this host can run, the
// SRs that were plugged attached again, and at first start the local SR
// (`<state>/sr/local`, type `file` when qemu-img is here, else `sim`), made
// the pool's default SR. The VM lifecycle puts new disks there.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { NULL_REF } from '../datamodel/build.js';
import { readMeta } from '../storage/sidecar.js';
import type { Patch } from '../db/typed.js';
import type { PoolRecord } from '../generated/api-types.js';
import { POOL_SR_FIELDS, serverFields } from './records.js';
import type { XapiStorage } from './storage/service.js';

export const LOCAL_SR_KEY = 'local-storage';

export interface StorageStartOptions {
  /** SR type of the local SR made at first start; the best available by default. */
  readonly localSrType?: string;
  readonly log?: (msg: string) => void;
}

/** One SM object per SR type, refreshed at every start. */
export function ensureSmObjects(storage: XapiStorage): void {
  const { db, manager } = storage;
  db.transaction(() => {
    const byType = new Map([...db.all('SM')].map(([ref, row]) => [row.type, ref]));
    for (const type of manager.supportedTypes()) {
      const p = manager.plugin(type);
      if (!p) continue;
      const fields = {
        name_label: type,
        name_description: p.description,
        type,
        vendor: 'xapi-ts',
        copyright: 'xapi-ts contributors',
        version: '1.0',
        required_api_version: '1.0',
        configuration: p.configuration,
        capabilities: Object.keys(p.features),
        features: p.features,
        driver_filename: '',
        required_cluster_stack: [],
      };
      const ref = byType.get(type);
      if (ref === undefined) db.create('SM', serverFields('SM', { ...fields, other_config: {} }));
      else db.update('SM', ref, fields);
      byType.delete(type);
    }
    // A type no longer available here (qemu-img removed) loses its SM object.
    for (const ref of byType.values()) db.destroy('SM', ref);
  });
}

function hasLocalSr(storage: XapiStorage): boolean {
  for (const [, row] of storage.db.all('SR')) {
    const oc = row.other_config;
    if (oc['i18n-key'] === LOCAL_SR_KEY) return true;
  }
  return false;
}

export async function startStorage(
  storage: XapiStorage,
  stateDir: string,
  pool: string,
  opts: StorageStartOptions = {},
): Promise<void> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  ensureSmObjects(storage);
  await storage.resume(log);
  if (hasLocalSr(storage)) return;
  const location = join(stateDir, 'sr', 'local');
  const types = storage.manager.supportedTypes();
  // A local SR left by an earlier database is taken over, not overwritten.
  const existing = readMeta(location);
  const type = existing?.type ?? opts.localSrType ?? (types.includes('file') ? 'file' : 'sim');
  try {
    const sr = await storage.createSr({
      uuid: existing?.uuid ?? randomUUID(),
      type,
      deviceConfig: { location },
      physicalSize: 0,
      fields: {
        name_label: 'Local storage',
        name_description: `Disks in ${location}`,
        content_type: 'user',
        shared: false,
        other_config: { 'i18n-key': LOCAL_SR_KEY },
        sm_config: {},
      },
    });
    const row = storage.db.get('pool', pool);
    const changes: Patch<PoolRecord> = {};
    for (const k of POOL_SR_FIELDS) if (row[k] === NULL_REF) changes[k] = sr;
    storage.db.update('pool', pool, changes);
  } catch (e) {
    // The server runs without it; SR.create can make one later.
    log(`xapi: could not create the local SR in ${location}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
