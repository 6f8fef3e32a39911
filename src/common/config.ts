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

/** `--name value` and `--flag` options of a daemon's command line. */
export function parseFlags(args: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < args.length && !(args[i + 1] as string).startsWith('--'))
      out.set(a.slice(2), args[++i] as string);
    else out.set(a.slice(2), 'true');
  }
  return out;
}
