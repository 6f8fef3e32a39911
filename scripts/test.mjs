#!/usr/bin/env node
// The whole suite: type check, lint, format check, then every *.test.ts under
// src/ and test/ with Node's test runner. `npm test -- <path>...` runs just those files.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { availableParallelism } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

// Tests run the TypeScript sources directly, and so do the bins they start
// (bin/launch.cjs); build.test.ts checks the compiled path on its own.
const env = { ...process.env, XAPI_TS_DEV: '1' };

function run(label, cmd, args) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  console.log(`# ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return r.status === 0;
}

let ok = true;
if (only.length === 0) {
  ok = run('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']) && ok;
  ok = run('lint', 'npx', ['eslint', '--max-warnings', '0', '.']) && ok;
  ok = run('format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']) && ok;
}
const files = only.length ? only : [...findTests(join(root, 'src')), ...findTests(join(root, 'test'))].sort();
const concurrency = Math.max(2, availableParallelism());
ok =
  run('tests', process.execPath, [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec',
    ...files,
  ]) && ok;
process.exit(ok ? 0 : 1);
