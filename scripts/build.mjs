#!/usr/bin/env node
// `npm run build`: compiles src/ into build/ with esbuild, with source maps:
//  - `xapi-ts.mjs`, every daemon and tool (src/main.ts): ES modules, split into
//    shared chunks that each command loads on demand;
//  - `xe.cjs`, the CLI (src/cli/main.ts): one CommonJS file, because Node
//    starts a CommonJS program measurably faster than an ES module graph, and
//    xe starts for every command.
// bin/launch.cjs runs this on first use and whenever an input of the entry it
// starts changed; `npm run build` forces it.
//
// Layout: each build goes to its own directory build/<id>/, and
// build/manifest.json (replaced by a rename, so readers never see half of it)
// names the current one with the size and mtime of every input of each entry.
// Two builds racing each write their own directory and the last manifest wins:
// neither can leave the other, or a reader, with a mixed tree.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Files that shape every bundle besides the sources esbuild reports. */
const CONFIG_INPUTS = ['scripts/build.mjs', 'tsconfig.json'];

/** Builds kept besides the current one, for daemons still running an older build. */
const KEEP_OLD = 2;

/** Size and mtime of every file under `dir` (relative to `root`), taken before esbuild reads them. */
function snapshot(root, dir, out = new Map()) {
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) snapshot(root, rel, out);
    else if (e.isFile()) {
      const s = statSync(join(root, rel));
      out.set(rel, [s.size, s.mtimeMs]);
    }
  }
  return out;
}

/**
 * esbuild moves every module into a file at build/<id>/, so a source's own
 * `import.meta.url` (used to find the repository, the state and cache
 * directories, and a recipe's own source) is rewritten to the URL of that
 * source, relative to the output file (CommonJS has no import.meta: __filename).
 */
function sourceUrls(root, outDepth, format) {
  return {
    name: 'source-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        const rel = relative(root, args.path).split('\\').join('/');
        if (/import\.meta\.(dirname|filename)/.test(text))
          return { errors: [{ text: `${rel}: use import.meta.url (the build rewrites only that)` }] };
        if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
        const here = format === 'cjs' ? 'require("node:url").pathToFileURL(__filename)' : 'import.meta.url';
        const url = `new URL(${JSON.stringify(`${'../'.repeat(outDepth)}${rel}`)}, ${here}).href`;
        return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

function newId() {
  return `b-${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Removes builds other than the current one and the newest few, and leftovers
 * of builds that died. Anything younger than a minute may be a build still
 * being written by another process, and stays.
 */
function prune(buildRoot, current) {
  const born = (n) => parseInt(n.replace(/^\.manifest-/, '').slice(2), 36);
  const old = (n) => Date.now() - born(n) > 60_000;
  const names = readdirSync(buildRoot);
  const dirs = names.filter((n) => n.startsWith('b-') && n !== current).sort((a, b) => born(b) - born(a));
  for (const d of dirs.slice(KEEP_OLD).filter(old))
    rmSync(join(buildRoot, d), { recursive: true, force: true });
  for (const m of names.filter((n) => n.startsWith('.manifest-b-') && old(n)))
    rmSync(join(buildRoot, m), { force: true });
}

/**
 * Compiles src/ of `root` into `<root>/build/<id>/` and points the manifest at
 * it. Resolves to the manifest. Throws (after esbuild printed why) if the
 * sources do not compile.
 */
export async function build({ root = ROOT, quiet = false } = {}) {
  const { build: esbuild } = await import('esbuild');
  const t0 = Date.now();
  const buildRoot = join(root, 'build');
  mkdirSync(buildRoot, { recursive: true });
  const before = snapshot(root, 'src');
  for (const f of CONFIG_INPUTS) {
    const s = statSync(join(root, f));
    before.set(f, [s.size, s.mtimeMs]);
  }
  const id = newId();
  const outdir = join(buildRoot, id);
  const common = {
    absWorkingDir: root,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    // Stack traces need the mappings only; the sources are in src/. Node keeps
    // every loaded map in memory, and their copies of the sources were ~10 MiB.
    sourcesContent: false,
    // Class and function names stay as written (errors and logs show them).
    keepNames: true,
    metafile: true,
    logLevel: quiet ? 'silent' : 'warning',
  };
  let daemons, cli;
  try {
    [daemons, cli] = await Promise.all([
      esbuild({
        ...common,
        entryPoints: { 'xapi-ts': 'src/main.ts' },
        // .mjs: ES modules wherever the tree is, whatever package.json says.
        outExtension: { '.js': '.mjs' },
        splitting: true,
        format: 'esm',
        plugins: [sourceUrls(root, 2, 'esm')],
      }),
      esbuild({
        ...common,
        entryPoints: { xe: 'src/cli/main.ts' },
        outExtension: { '.js': '.cjs' },
        format: 'cjs',
        plugins: [sourceUrls(root, 2, 'cjs')],
      }),
    ]);
  } catch (e) {
    rmSync(outdir, { recursive: true, force: true });
    throw e;
  }
  const inputsOf = (outputs, file) => {
    // The sources of every chunk the entry may load, dynamic imports included.
    const seen = new Set();
    const visit = (f) => {
      if (seen.has(f)) return;
      seen.add(f);
      for (const imp of outputs[f]?.imports ?? []) if (!imp.external) visit(imp.path);
    };
    visit(relative(root, join(outdir, file)).split('\\').join('/'));
    const inputs = new Set(CONFIG_INPUTS);
    for (const out of seen) for (const i of Object.keys(outputs[out]?.inputs ?? {})) inputs.add(i);
    return [...inputs].sort();
  };
  // xe's bundle runs in a vm.Script for the code cache (bin/launch.cjs), where
  // import() has no loader: a module that xe imports lazily must be bundled.
  const lazyExternal = (
    cli.metafile.outputs[relative(root, join(outdir, 'xe.cjs')).split('\\').join('/')]?.imports ?? []
  )
    .filter((i) => i.external && i.kind === 'dynamic-import')
    .map((i) => i.path);
  if (lazyExternal.length) {
    rmSync(outdir, { recursive: true, force: true });
    throw new Error(`xe imports ${lazyExternal.join(', ')} with import(): import it statically`);
  }
  const entries = {
    'xapi-ts': { file: 'xapi-ts.mjs', inputs: inputsOf(daemons.metafile.outputs, 'xapi-ts.mjs') },
    xe: { file: 'xe.cjs', inputs: inputsOf(cli.metafile.outputs, 'xe.cjs') },
  };
  const stamps = {};
  for (const e of Object.values(entries)) for (const i of e.inputs) stamps[i] = before.get(i) ?? [-1, -1]; // made during the build: stale next time
  const manifest = { dir: id, entries, stamps };
  const tmp = join(buildRoot, `.manifest-${id}.json`);
  writeFileSync(tmp, JSON.stringify(manifest));
  renameSync(tmp, join(buildRoot, 'manifest.json'));
  prune(buildRoot, id);
  if (!quiet) process.stderr.write(`xapi-ts: compiled src/ into build/${id} in ${Date.now() - t0} ms\n`);
  return manifest;
}

/** For a caller that failed to build: the reason, unless esbuild printed it already. */
export function reportFailure(e) {
  if (!(Array.isArray(e?.errors) && e.errors.length > 0))
    process.stderr.write(`xapi-ts: cannot build src/: ${e instanceof Error ? e.message : String(e)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await build();
  } catch (e) {
    reportFailure(e);
    process.exit(1);
  }
}
