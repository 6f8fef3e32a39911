// How the bins load the code: the compiled build (built on first use, rebuilt
// when an input of the entry changed, see scripts/build.mjs), or with
// XAPI_TS_DEV=1 the TypeScript sources through tsx (what the test suite and
// `npm run dev` use). CommonJS, like xe's bundle: it is on every xe start.
'use strict';
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const ROOT = join(__dirname, '..');
const SOURCES = { 'xapi-ts': 'src/main.ts', xe: 'src/cli/main.ts' };

function devMode(env = process.env) {
  return !!env.XAPI_TS_DEV && env.XAPI_TS_DEV !== '0';
}

/** The current build's file for `entry` if none of its inputs changed since, else undefined. */
function freshBuild(entry, root = ROOT) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(root, 'build', 'manifest.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const e = manifest.entries && manifest.entries[entry];
  if (!e) return undefined;
  for (const input of e.inputs) {
    const stamp = manifest.stamps[input];
    const s = statSync(join(root, input), { throwIfNoEntry: false });
    if (!s || !stamp || s.size !== stamp[0] || s.mtimeMs !== stamp[1]) return undefined;
  }
  return join(root, 'build', manifest.dir, e.file);
}

function importFile(file) {
  // xe's bundle is CommonJS: require skips the ES module loader.
  return file.endsWith('.cjs') ? Promise.resolve(require(file)) : import(pathToFileURL(file).href);
}

/** The module of `entry` ('xapi-ts' or 'xe'), compiled or, in dev mode, from source. */
async function load(entry) {
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
  return importFile(file);
}

module.exports = { devMode, freshBuild, load };
