// Idle sessions expire and finished tasks are garbage-collected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from './support/xapi-server.js';
import { XenApiFailure } from '../src/client/transport.js';

test('an idle session expires and then gets SESSION_INVALID', async () => {
  // Long enough that a loaded machine still makes the first call in time.
  await using server = await startTestServer({ sessions: { idleTimeoutMs: 3000, authFailureDelayMs: 0 } });
  const c = await server.client();
  await c.pool.get_all();
  await new Promise((r) => setTimeout(r, 3200));
  server.xapi.services.sessions.expire();
  await assert.rejects(
    c.pool.get_all(),
    (e: unknown) => e instanceof XenApiFailure && e.code === 'SESSION_INVALID',
  );
  assert.equal(server.xapi.services.db.has('session', c.sessionRef), false, 'the session record is gone');
});

test('finished tasks are destroyed after their time to live', async () => {
  await using server = await startTestServer({
    tasks: { finishedTtlMs: 50, pendingTtlMs: 60_000, maxPending: 100 },
  });
  const c = await server.client();
  const task = await c.task.create('t', '');
  await c.task.set_status(task, 'success');
  const pending = await c.task.create('p', '');
  server.xapi.services.tasks.collect();
  assert.ok(await c.task.get_record(task), 'still there before its time');
  await new Promise((r) => setTimeout(r, 1100));
  server.xapi.services.tasks.collect();
  await assert.rejects(c.task.get_record(task), { code: 'HANDLE_INVALID' });
  assert.equal((await c.task.get_record(pending)).status, 'pending', 'pending tasks stay');
});

test('sessions survive a restart of the server', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const stateDir = mkdtempSync(join(tmpdir(), 'xapi-ts-restart-'));
  try {
    let ref: string;
    {
      await using server = await startTestServer({ stateDir });
      ref = (await server.client()).sessionRef;
    }
    await using server = await startTestServer({ stateDir });
    const c = await server.client();
    c.sessionRef = ref;
    assert.equal((await c.pool.get_all()).length, 1);
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
});
