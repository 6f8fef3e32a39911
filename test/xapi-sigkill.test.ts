// xapi SIGKILLed right after acknowledged writes, then restarted: every
// acknowledged write is there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDaemon } from './support/daemon.js';
import { jsonRpcTransport } from '../src/client/transport.js';
import { XapiClient } from '../src/client/generated.js';

async function connect(socketPath: string): Promise<{ c: XapiClient; close(): void }> {
  const t = jsonRpcTransport({ socketPath });
  const c = new XapiClient(t);
  await c.login('root', '');
  return { c, close: () => t.close() };
}

test('acknowledged writes survive SIGKILL of xapi', async () => {
  const state = mkdtempSync(join(tmpdir(), 'xapi-ts-kill-'));
  const sock = join(state, 'xapi.sock');
  const args = ['xapi', '--state-dir', state, '--port', '0', '--https-port', 'none'];
  try {
    let daemon = await startDaemon(args, sock, { XAPI_TS_ROOT_PASSWORD: 'pw' });
    const acked: string[] = [];
    let pool = '';
    try {
      const { c, close } = await connect(sock);
      pool = (await c.pool.get_all())[0] as string;
      // Concurrent writers; each write counts once its reply has arrived.
      let stop = false;
      const writers = Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          const key = `k${w}-${i}`;
          try {
            await c.pool.add_to_other_config(pool, key, 'v');
            acked.push(key);
          } catch {
            return; // the server died mid-call: not acknowledged
          }
        }
      });
      while (acked.length < 300) await new Promise((r) => setTimeout(r, 5));
      await daemon.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      close();
    } finally {
      await daemon.kill('SIGKILL');
    }
    daemon = await startDaemon(args, sock);
    try {
      const { c, close } = await connect(sock);
      const oc = await c.pool.get_other_config(pool);
      const lost = acked.filter((k) => oc[k] !== 'v');
      assert.deepEqual(lost, [], `${lost.length} of ${acked.length} acknowledged writes lost`);
      close();
    } finally {
      await daemon.kill();
    }
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
});

test('a write is acknowledged only once the database has made it durable', async () => {
  const { startTestServer } = await import('./support/xapi-server.js');
  await using server = await startTestServer();
  const c = await server.client();
  const pool = (await c.pool.get_all())[0] as string;
  const db = server.xapi.services.db;
  const realFlush = db.flush.bind(db);
  // Slow storage: every commit takes 300 ms more. The reply must wait for it.
  (db as { flush: () => Promise<void> }).flush = async () => {
    await new Promise((r) => setTimeout(r, 300));
    await realFlush();
  };
  const t0 = Date.now();
  await c.pool.set_name_label(pool, 'durable');
  assert.ok(Date.now() - t0 >= 290, 'the reply waited for the commit');
});
