// The installed command itself: `npx xe` in a checkout, as a separate process
// talking to the server's Unix socket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { REPO_ROOT } from '../../src/common/config.js';
import { create, startXe } from './support.js';

function npxXe(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['--no-install', 'xe', ...args],
      { cwd: REPO_ROOT, env: { ...process.env, ...env }, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

test('npx xe lists VMs over the local socket and exits 1 with xe words on errors', async () => {
  await using h = await startXe();
  const [, uuid] = await create(h, 'VM', { name_label: 'proc' });
  const ok = await npxXe(h.env, 'vm-list', 'is-control-domain=false', 'params=uuid', '--minimal');
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, `${uuid}\n`);
  const bad = await npxXe(h.env, 'vm-param-list', 'uuid=nope');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /The uuid you supplied was invalid\.\ntype: VM\nuuid: nope\n/);
  const bin = await npxXe(h.env, 'help', 'vm-list');
  assert.match(bin.stdout, /^command name {12}: vm-list\n/);
});
