#!/usr/bin/env node
// Makes a fresh clone runnable: installs npm packages when they are missing or
// stale and, for the test suite, the Debian packages the tests need.
// Runs before `npm start` and `npm test`, so both work as the first command.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const forTests = process.argv.includes('--test');

// node_modules records the hash of the lock file it was installed from;
// comparing contents (not mtimes) keeps a fresh checkout from reinstalling.
const lockPath = join(root, 'package-lock.json');
const stampPath = join(root, 'node_modules', '.xapi-ts-lock-hash');

function lockHash() {
  return existsSync(lockPath) ? createHash('sha256').update(readFileSync(lockPath)).digest('hex') : 'none';
}

function npmInstallNeeded() {
  if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) return true;
  return !existsSync(stampPath) || readFileSync(stampPath, 'utf8').trim() !== lockHash();
}

// One install at a time, even when several checkouts share node_modules.
function withInstallLock(fn) {
  const modules = existsSync(join(root, 'node_modules'))
    ? realpathSync(join(root, 'node_modules'))
    : join(root, 'node_modules');
  const lock = `${modules}.install-lock`;
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      spawnSync('sleep', ['1']);
    }
  }
  try {
    fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (npmInstallNeeded())
  withInstallLock(() => {
    if (!npmInstallNeeded()) return;
    const args = existsSync(lockPath) ? ['ci'] : ['install'];
    console.error(`xapi-ts: npm ${args[0]} (dependencies missing or stale)`);
    execFileSync('npm', [...args, '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
    writeFileSync(stampPath, `${lockHash()}\n`);
  });

// Debian packages the test suite needs, keyed by a command each provides, or by an
// absolute path to a file it installs (firmware has no command).
const debianForTests = JSON.parse(readFileSync(join(root, 'scripts', 'debian-packages.json'), 'utf8'));

function have(cmd) {
  if (cmd.startsWith('/')) return existsSync(cmd);
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

if (forTests) {
  const missing = Object.entries(debianForTests)
    .filter(([cmd]) => !have(cmd))
    .map(([, pkg]) => pkg);
  if (missing.length > 0) {
    if (process.getuid?.() === 0 && have('apt-get')) {
      console.error(`xapi-ts: apt-get install ${missing.join(' ')}`);
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
      execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...new Set(missing)], {
        stdio: 'inherit',
        env,
      });
    } else {
      console.error(`xapi-ts: missing Debian packages ${missing.join(' ')}; tests that need them will skip`);
    }
  }
}
