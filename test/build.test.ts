// The compiled path: the bins build src/ on first use, rebuild only when an
// input of their entry changed, survive two starts racing on a stale build,
// and the compiled xe and daemons work. The rest of the suite runs the
// TypeScript sources (XAPI_TS_DEV=1, set by scripts/test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/common/config.js';
import { startTestServer } from './support/xapi-server.js';
import { READY, startDaemon } from './support/daemon.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of the normal (compiled) path. */
function compiledEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env['XAPI_TS_DEV'];
  return env;
}

function node(root: string, args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      args,
      { cwd: root, env, timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}

interface Manifest {
  readonly dir: string;
  readonly entries: Record<string, { readonly file: string; readonly inputs: readonly string[] }>;
}

/** A checkout of its own (sources, bins, build script), sharing node_modules. */
function scratchCheckout(): { root: string; manifest(): Manifest; [Symbol.dispose](): void } {
  const root = mkdtempSync(join(tmpdir(), 'xapi-ts-build-'));
  for (const d of ['src', 'bin', 'scripts']) cpSync(join(REPO_ROOT, d), join(root, d), { recursive: true });
  for (const f of ['package.json', 'tsconfig.json']) cpSync(join(REPO_ROOT, f), join(root, f));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  return {
    root,
    manifest: () => JSON.parse(readFileSync(join(root, 'build', 'manifest.json'), 'utf8')) as Manifest,
    [Symbol.dispose]: () => rmSync(root, { recursive: true, force: true }),
  };
}

test('two xe started at once on a missing build both run; later runs rebuild only for their own inputs', async () => {
  using c = scratchCheckout();
  const env = compiledEnv();
  const xe = (...args: string[]): Promise<Run> => node(c.root, ['bin/xe.cjs', ...args], env);

  const [a, b] = await Promise.all([xe('help', 'host-list'), xe('help', 'host-list')]);
  for (const r of [a, b]) {
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^command name {12}: host-list\n/);
  }
  const first = c.manifest();
  const entry = join(c.root, 'build', first.dir, first.entries['xe']?.file ?? 'missing');
  assert.ok(existsSync(entry), entry);
  assert.ok(first.entries['xe']?.inputs.includes('src/cli/help.ts'));
  assert.ok(!first.entries['xe']?.inputs.includes('src/xapi/main.ts'));
  assert.ok(first.entries['xapi-ts']?.inputs.includes('src/xapi/main.ts'));

  // Up to date: nothing is rebuilt, and the first run left V8's code cache behind.
  assert.ok(existsSync(`${entry}.v8-cache`));
  const again = await xe('help', 'host-list');
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stderr, '');
  assert.equal(again.stdout, a.stdout);
  assert.equal(c.manifest().dir, first.dir);

  // A change outside xe's sources leaves xe on its build.
  appendFileSync(join(c.root, 'src', 'xapi', 'main.ts'), '\n// touched\n');
  assert.equal((await xe('help', 'host-list')).code, 0);
  assert.equal(c.manifest().dir, first.dir);

  // A change to one of them rebuilds, and the change is what runs.
  const help = join(c.root, 'src', 'cli', 'help.ts');
  writeFileSync(help, readFileSync(help, 'utf8').replace('Displays help on xe commands.', 'Rebuilt help.'));
  const rebuilt = await xe('help', 'help');
  assert.equal(rebuilt.code, 0, rebuilt.stderr);
  assert.match(rebuilt.stderr, /compiled src\/ into build\//);
  assert.match(rebuilt.stdout, /description {5}: Rebuilt help\./);
  const second = c.manifest();
  assert.notEqual(second.dir, first.dir);

  // A source that does not compile fails the start with esbuild's message.
  appendFileSync(join(c.root, 'src', 'cli', 'help.ts'), '\nexport const = ;\n');
  const broken = await xe('help');
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /src\/cli\/help\.ts/);
  assert.equal(c.manifest().dir, second.dir);
});

test('the compiled xe lists the host of a live server, and a compiled daemon serves', async () => {
  {
    // The checkout's own build: made here if missing or stale, as on first use.
    await using server = await startTestServer();
    const env = compiledEnv({ XAPI_TS_STATE_DIR: server.stateDir });
    const xe = (input: string, ...args: string[]): Promise<Run> =>
      node(REPO_ROOT, ['bin/xe.cjs', ...args], env, input);
    const hosts = await xe('', 'host-list', 'params=uuid', '--minimal');
    assert.equal(hosts.code, 0, hosts.stderr);
    assert.match(hosts.stdout, /^[0-9a-f]{8}-[0-9a-f-]{27}\n$/);
    // The parts of xe its bundle loads late: the provisioning XML parser
    // (vm-install onto a named SR) and the confirmation prompt on stdin.
    const sr = (await xe('', 'sr-list', 'name-label=Local storage', '--minimal')).stdout.trim();
    const vm = await xe('', 'vm-install', 'template=xapi-ts Tiny Linux', 'new-name-label=c', `sr-uuid=${sr}`);
    assert.equal(vm.code, 0, vm.stderr);
    const uuid = vm.stdout.trim();
    const vdi = await xe('', 'vbd-list', `vm-uuid=${uuid}`, 'params=vdi-uuid', '--minimal');
    assert.equal(
      (await xe('', 'vdi-param-get', `uuid=${vdi.stdout.trim()}`, 'param-name=sr-uuid')).stdout,
      `${sr}\n`,
    );
    const kept = await xe('no\n', 'vm-uninstall', `uuid=${uuid}`);
    assert.equal(kept.code, 1, kept.stderr);
    const gone = await xe('yes\n', 'vm-uninstall', `uuid=${uuid}`);
    assert.equal(gone.code, 0, gone.stderr);
    assert.equal((await xe('', 'vm-list', 'name-label=c', '--minimal')).stdout, '\n');
  }

  const state = mkdtempSync(join(tmpdir(), 'xapi-ts-build-switch-'));
  try {
    const sw = await startDaemon(['message-switch', '--state-dir', state], {
      ready: READY.switch,
      env: { XAPI_TS_DEV: '0' },
    });
    await sw.stop();
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
});
