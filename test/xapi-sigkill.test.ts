// xapi SIGKILLed right after acknowledged writes, then restarted: every
// acknowledged write is there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { READY, startDaemon } from './support/daemon.js';
import { socketClient, startTestServer } from './support/xapi-server.js';

test('acknowledged writes survive SIGKILL of xapi', async () => {
  const state = mkdtempSync(join(tmpdir(), 'xapi-ts-kill-'));
  const sock = join(state, 'xapi.sock');
  const args = ['xapi', '--state-dir', state, '--port', '0'];
  try {
    let daemon = await startDaemon(args, { ready: READY.xapi, env: { XAPI_TS_ROOT_PASSWORD: 'pw' } });
    const acked: string[] = [];
    let pool = '';
    try {
      const { c, close } = await socketClient(sock);
      pool = (await c.pool.get_all())[0] as string;
      // Concurrent writers; each write counts once its reply has arrived.
      let stop = false;
      let enough: () => void = () => {};
      const enoughAcked = new Promise<void>((r) => (enough = r));
      const writers = Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          const key = `k${w}-${i}`;
          try {
            await c.pool.add_to_other_config(pool, key, 'v');
            if (acked.push(key) === 300) enough();
          } catch {
            return; // the server died mid-call: not acknowledged
          }
        }
      });
      await enoughAcked;
      await daemon.stop('SIGKILL');
      stop = true;
      await Promise.all(writers);
      close();
    } finally {
      await daemon.stop('SIGKILL');
    }
    daemon = await startDaemon(args, { ready: READY.xapi });
    try {
      const { c, close } = await socketClient(sock);
      const oc = await c.pool.get_other_config(pool);
      const lost = acked.filter((k) => oc[k] !== 'v');
      assert.deepEqual(lost, [], `${lost.length} of ${acked.length} acknowledged writes lost`);
      close();
    } finally {
      await daemon.stop();
    }
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
});

test('a write is acknowledged only once the database has made it durable', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const pool = (await c.pool.get_all())[0] as string;
  const reader = await server.client();
  const db = server.xapi.services.db;
  const realFlush = db.flush.bind(db);
  // Storage that commits only when the test says so. The reply must wait for it.
  let flushing: () => void = () => {};
  const flushStarted = new Promise<void>((r) => (flushing = r));
  let commit: () => void = () => {};
  const committed = new Promise<void>((r) => (commit = r));
  (db as { flush: () => Promise<void> }).flush = async () => {
    flushing();
    await committed;
    await realFlush();
  };
  let replied = false;
  const write = c.pool.set_name_label(pool, 'durable').then(() => (replied = true));
  await flushStarted;
  // A round trip on another connection: a reply sent before the commit would be here by now.
  assert.equal(await reader.pool.get_name_label(pool), 'durable');
  assert.equal(replied, false, 'no reply before the commit');
  commit();
  await write;
  assert.equal(replied, true);
});
