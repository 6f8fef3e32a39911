// Where the switch lives: `<state>/switch.sock`, the state directory being
// XAPI_TS_STATE_DIR or `.state/` at the top of the repository.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function defaultStateDir(): string {
  const env = process.env['XAPI_TS_STATE_DIR'];
  if (env) return resolve(env);
  return join(fileURLToPath(new URL('../..', import.meta.url)), '.state');
}

export function switchSocket(stateDir = defaultStateDir()): string {
  return join(stateDir, 'switch.sock');
}
