// Embedded defaults, overridable from the environment: a newcomer runs
// `npm start` and gets the simulator backend, SQLite and localhost.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Config {
  readonly stateDir: string;
  readonly host: string;
  readonly port: number;
  readonly backend: string;
  readonly rootPassword: string | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    stateDir: resolve(env['XAPI_TS_STATE_DIR'] ?? join(REPO_ROOT, '.state')),
    host: env['XAPI_TS_HOST'] ?? '127.0.0.1',
    port: Number(env['XAPI_TS_PORT'] ?? 8080),
    backend: env['XAPI_TS_BACKEND'] ?? 'simulator',
    rootPassword: env['XAPI_TS_ROOT_PASSWORD'] || undefined,
  };
}
