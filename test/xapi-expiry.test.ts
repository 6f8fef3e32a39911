// Idle sessions expire and finished tasks are garbage-collected, measured on a
// clock the test advances: nothing here waits for real time to pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from './support/xapi-server.js';
import { fakeClock } from './support/clock.js';
import { failure } from './support/failure.js';

const IDLE_MS = 60_000;

test('an idle session expires and then gets SESSION_INVALID', async () => {
  const time = fakeClock();
  await using server = await startTestServer({
    sessions: { idleTimeoutMs: IDLE_MS, authFailureDelayMs: 0, clock: time.clock },
  });
  const c = await server.client();
  await c.pool.get_all();
  time.advance(IDLE_MS);
  server.xapi.services.sessions.expire();
  assert.equal((await c.pool.get_all()).length, 1, 'idle for exactly the timeout: still valid');
  time.advance(IDLE_MS + 1);
  server.xapi.services.sessions.expire();
  await failure(c.pool.get_all(), 'SESSION_INVALID', [c.sessionRef]);
  assert.equal(server.xapi.services.db.has('session', c.sessionRef), false, 'the session record is gone');
});

test('every call renews a session: only idle time counts', async () => {
  const time = fakeClock();
  await using server = await startTestServer({
    sessions: { idleTimeoutMs: IDLE_MS, authFailureDelayMs: 0, clock: time.clock },
  });
  const busy = await server.client();
  const idle = await server.client();
  for (let i = 0; i < 3; i++) {
    time.advance(IDLE_MS / 2);
    await busy.pool.get_all();
  }
  server.xapi.services.sessions.expire();
  assert.equal((await busy.pool.get_all()).length, 1, 'the busy session lives on');
  await failure(idle.pool.get_all(), 'SESSION_INVALID', [idle.sessionRef]);
});

test('finished tasks are destroyed after their time to live, pending ones after theirs', async () => {
  const time = fakeClock();
  const ttl = 65 * 60_000;
  await using server = await startTestServer({
    tasks: { finishedTtlMs: ttl, pendingTtlMs: 24 * 3600_000, maxPending: 100, clock: time.clock },
  });
  const c = await server.client();
  const task = await c.task.create('t', '');
  await c.task.set_status(task, 'success');
  const pending = await c.task.create('p', '');
  time.advance(ttl);
  server.xapi.services.tasks.collect();
  assert.equal((await c.task.get_record(task)).status, 'success', 'still there at its time to live');
  time.advance(1);
  server.xapi.services.tasks.collect();
  await failure(c.task.get_record(task), 'HANDLE_INVALID', ['task', task]);
  assert.equal((await c.task.get_record(pending)).status, 'pending', 'pending tasks stay');
  time.advance(24 * 3600_000 + 1);
  server.xapi.services.tasks.collect();
  await failure(c.task.get_record(pending), 'HANDLE_INVALID', ['task', pending]);
});

test('sessions survive a restart of the server', async () => {
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
