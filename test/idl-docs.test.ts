// The generated interface reference under docs/idl/ matches the declarations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('docs/idl is up to date (regenerate with node --import tsx scripts/gen-idl-docs.ts)', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gen-idl-docs.ts', '--check'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
});
