// Nothing acknowledged is lost: a writer process prints each write after its
// flush() resolved and is killed with SIGKILL mid-stream; every printed write
// must be in the database when it is reopened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openDatabase } from '../src/db/sqlite.js';
import { testClasses, testRelations } from '../src/db/test-classes.js';

const root = new URL('..', import.meta.url).pathname;

test('every acknowledged write survives SIGKILL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xapi-db-kill-'));
  const path = join(dir, 'state.db');
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/fixtures/db-writer.ts'), path], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, sig) => resolve(sig)),
  );
  try {
    const created = new Map<string, number>();
    const destroyed = new Set<string>();
    const maybeDestroyed = new Set<string>();
    // Read to the end: lines written before the kill are all acknowledgements.
    const lines = createInterface({ input: child.stdout });
    for await (const line of lines) {
      const [op, ref, i] = line.split(' ');
      if (op === 'create') created.set(ref as string, Number(i));
      else if (op === 'intent') maybeDestroyed.add(ref as string);
      else destroyed.add(ref as string);
      if (created.size + destroyed.size >= 400 && child.signalCode === null) child.kill('SIGKILL');
    }
    assert.equal(await exited, 'SIGKILL', `writer did not run: ${stderr}`);

    const db = openDatabase({ path, classes: testClasses, relations: testRelations });
    try {
      for (const [ref, i] of created) {
        if (destroyed.has(ref)) {
          assert.ok(!db.has('Parent', ref), `destroy of ${ref} was acknowledged`);
        } else if (!maybeDestroyed.has(ref)) {
          assert.equal(db.get('Parent', ref)['weight'], i, `create of ${ref} was acknowledged`);
        }
      }
      assert.ok(db.count('Parent') >= created.size - destroyed.size);
    } finally {
      await db.close();
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
});
