// Embedded defaults, overridable from the environment: a newcomer runs
// `npm start` and gets the simulator backend, SQLite and localhost.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Config {
  readonly stateDir: string;
  readonly host: string;
  readonly port: number;
  /** HTTPS, served to remote clients; `undefined`: none. */
  /** Where HTTPS listens; unset: the same address as plain HTTP. */
  readonly httpsHost: string | undefined;
  readonly httpsPort: number | undefined;
  readonly backend: string;
  readonly rootPassword: string | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    stateDir: resolve(env['XAPI_TS_STATE_DIR'] ?? join(REPO_ROOT, '.state')),
    host: env['XAPI_TS_HOST'] ?? '127.0.0.1',
    port: Number(env['XAPI_TS_PORT'] ?? 8080),
    httpsHost: env['XAPI_TS_HTTPS_HOST'] || undefined,
    httpsPort: httpsPort(env['XAPI_TS_HTTPS_PORT']),
    backend: env['XAPI_TS_BACKEND'] ?? 'simulator',
    rootPassword: env['XAPI_TS_ROOT_PASSWORD'] || undefined,
  };
}

/** `none` turns HTTPS off; unset: 443, where XenAPI clients look for it. */
export function httpsPort(v: string | undefined): number | undefined {
  if (v === 'none') return undefined;
  return Number(v ?? 443);
}
