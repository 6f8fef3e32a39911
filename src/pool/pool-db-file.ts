// `<state>/pool-db.json`: where the pool database of a host that joined (or
// created) a pool is, so that the host comes back in pool mode after a
// restart without flags. A host without the file is standalone, unless
// `--etcd-endpoints` says otherwise. pool.eject removes it.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PoolDbConfig } from './config.js';

export const POOL_DB_FILE = 'pool-db.json';

export function loadPoolDbFile(stateDir: string): PoolDbConfig | undefined {
  const path = join(stateDir, POOL_DB_FILE);
  if (!existsSync(path)) return undefined;
  const v = JSON.parse(readFileSync(path, 'utf8')) as {
    endpoints?: unknown;
    pool_uuid?: unknown;
    lease_ttl?: unknown;
  };
  if (
    !Array.isArray(v.endpoints) ||
    !v.endpoints.every((e) => typeof e === 'string') ||
    typeof v.pool_uuid !== 'string' ||
    typeof v.lease_ttl !== 'number'
  ) {
    throw new Error(`${path}: expected {"endpoints": [...], "pool_uuid": "...", "lease_ttl": N}`);
  }
  return { endpoints: v.endpoints as string[], poolUuid: v.pool_uuid, leaseTtlSeconds: v.lease_ttl };
}

export function savePoolDbFile(stateDir: string, cfg: PoolDbConfig): void {
  const path = join(stateDir, POOL_DB_FILE);
  const text = JSON.stringify({
    endpoints: cfg.endpoints,
    pool_uuid: cfg.poolUuid,
    lease_ttl: cfg.leaseTtlSeconds,
  });
  writeFileSync(`${path}.tmp`, `${text}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

export function removePoolDbFile(stateDir: string): void {
  rmSync(join(stateDir, POOL_DB_FILE), { force: true });
}
