// How the bins load the code: the compiled build (built on first use, rebuilt
// when an input of the entry changed, see scripts/build.mjs), or with
// XAPI_TS_DEV=1 the TypeScript sources through tsx (what the test suite and
// `npm run dev` use). CommonJS, like xe's bundle: it is on every xe start.
'use strict';
const { readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');

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
  const file = join(root, 'build', manifest.dir, e.file);
  return statSync(file, { throwIfNoEntry: false }) ? file : undefined;
}

/**
 * Runs a CommonJS bundle with V8's code cache (`<file>.v8-cache`, written by
 * the first run after a build): parsing and compiling xe's functions is most
 * of what is left of its start-up once its code is JavaScript. A rejected or
 * missing cache only costs the compile; Node checks the V8 version and flags.
 */
function requireCached(file) {
  const loader = vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (!loader) return require(file);
  const cacheFile = `${file}.v8-cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // Node's own CommonJS wrapper, on the first line: line numbers stay those of the file.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData, importModuleDynamically: loader });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, dirname(file));
  if (cachedData === undefined || script.cachedDataRejected)
    // At exit the cache also holds the functions this run compiled.
    process.once('exit', () => {
      try {
        const tmp = `${cacheFile}.${process.pid}`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        // a read-only checkout runs without the cache
      }
    });
  return mod.exports;
}

function importFile(file) {
  // xe's bundle is CommonJS: required (with its code cache) without the ES module loader.
  return file.endsWith('.cjs') ? Promise.resolve(requireCached(file)) : import(pathToFileURL(file).href);
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
    const { build, reportFailure } = await import('../scripts/build.mjs');
    try {
      const m = await build();
      file = join(ROOT, 'build', m.dir, m.entries[entry].file);
    } catch (e) {
      reportFailure(e);
      process.exit(1);
    }
  }
  return importFile(file);
}

module.exports = { devMode, freshBuild, load };
