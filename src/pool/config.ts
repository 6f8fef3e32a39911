// Where a host finds its pool database: etcd endpoints and the pool uuid,
// from `xapi-ts xapi` flags or the environment, and this host's uuid in the
// pool, kept in the state directory. Without endpoints the host is standalone
// (SQLite), exactly as before.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PoolDbConfig {
  readonly endpoints: readonly string[];
  readonly poolUuid: string;
  /** Host lease TTL in seconds (pools.md §7.6's T). */
  readonly leaseTtlSeconds: number;
}

export const DEFAULT_LEASE_TTL_S = 15;

export interface PoolDbInput {
  readonly endpoints?: string | undefined;
  readonly poolUuid?: string | undefined;
  readonly leaseTtl?: string | undefined;
}

/**
 * The pool database configuration from flags (first) and the environment
 * (`XAPI_TS_ETCD_ENDPOINTS`, comma-separated; `XAPI_TS_POOL_UUID`;
 * `XAPI_TS_POOL_LEASE_TTL`); undefined for a standalone host. Throws on a
 * half configuration rather than silently running standalone.
 */
export function poolDbConfig(
  flags: PoolDbInput,
  env: NodeJS.ProcessEnv = process.env,
): PoolDbConfig | undefined {
  const endpoints = (flags.endpoints ?? env['XAPI_TS_ETCD_ENDPOINTS'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const poolUuid = flags.poolUuid ?? env['XAPI_TS_POOL_UUID'];
  if (endpoints.length === 0) {
    if (poolUuid) throw new Error('a pool uuid was given without etcd endpoints (--etcd-endpoints)');
    return undefined;
  }
  if (!poolUuid) throw new Error('etcd endpoints were given without the pool uuid (--pool-uuid)');
  const ttlText = flags.leaseTtl ?? env['XAPI_TS_POOL_LEASE_TTL'];
  const leaseTtlSeconds = ttlText === undefined ? DEFAULT_LEASE_TTL_S : Number(ttlText);
  // etcd's minimum TTL is about 2 s (pools.md §7.6).
  if (!Number.isInteger(leaseTtlSeconds) || leaseTtlSeconds < 2) {
    throw new Error(`the lease TTL must be a whole number of seconds ≥ 2, not ${ttlText}`);
  }
  return { endpoints, poolUuid, leaseTtlSeconds };
}

export const HOST_UUID_FILE = 'host-uuid';

/** This host's uuid in its pool, from the state directory; created (random) on first use. */
export function loadHostUuid(stateDir: string): string {
  const path = join(stateDir, HOST_UUID_FILE);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const uuid = randomUUID();
  saveHostUuid(stateDir, uuid);
  return uuid;
}

export function saveHostUuid(stateDir: string, uuid: string): void {
  const path = join(stateDir, HOST_UUID_FILE);
  writeFileSync(`${path}.tmp`, `${uuid}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}
