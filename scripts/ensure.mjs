#!/usr/bin/env node
// Makes a fresh clone runnable: installs npm packages when they are missing or
// stale and, for the test suite, the Debian packages the tests need.
// Runs before `npm start` and `npm test`, so both work as the first command.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const forTests = process.argv.includes('--test');

function npmInstallNeeded() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(marker)) return true;
  const lock = join(root, 'package-lock.json');
  return existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000;
}

if (npmInstallNeeded()) {
  const args = existsSync(join(root, 'package-lock.json')) ? ['ci'] : ['install'];
  console.error(`xapi-ts: npm ${args[0]} (dependencies missing or stale)`);
  execFileSync('npm', [...args, '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

// Debian packages the test suite needs, keyed by a command each provides.
const debianForTests = JSON.parse(readFileSync(join(root, 'scripts', 'debian-packages.json'), 'utf8'));

function have(cmd) {
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
