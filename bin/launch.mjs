// How the bins load the code: the compiled build (built on first use, rebuilt
// when an input of the entry changed), or with XAPI_TS_DEV=1 the TypeScript
// sources through tsx (what the test suite and `npm run dev` use).
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = { 'xapi-ts': 'src/main.ts', xe: 'src/cli/main.ts' };

export const devMode = (env = process.env) => !!env.XAPI_TS_DEV && env.XAPI_TS_DEV !== '0';

/** The current build's file for `entry` if none of its inputs changed since, else undefined. */
export function freshBuild(entry, root = ROOT) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(root, 'build', 'manifest.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const e = manifest.entries?.[entry];
  if (!e) return undefined;
  for (const input of e.inputs) {
    const stamp = manifest.stamps[input];
    const s = statSync(join(root, input), { throwIfNoEntry: false });
    if (!s || !stamp || s.size !== stamp[0] || s.mtimeMs !== stamp[1]) return undefined;
  }
  return join(root, 'build', manifest.dir, e.file);
}

/** The module of `entry` ('xapi-ts' or 'xe'), compiled or, in dev mode, from source. */
export async function load(entry) {
  if (devMode()) {
    const { register } = await import('tsx/esm/api');
    register();
    return import(pathToFileURL(join(ROOT, SOURCES[entry])).href);
  }
  let file = freshBuild(entry);
  if (!file) {
    const { build } = await import('../scripts/build.mjs');
    try {
      const m = await build();
      file = join(ROOT, 'build', m.dir, m.entries[entry].file);
    } catch {
      process.exit(1);
    }
  }
  return import(pathToFileURL(file).href);
}
