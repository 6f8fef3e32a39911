// Choosing how to reach a xenopsd from its target: a queue goes through the
// switch connection the caller supplies (opened only for a queue), and without
// one it is unreachable.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../datamodel/api-error.js';
import type { Transport } from './client.js';
import { encodeResult } from './jsonrpc.js';
import { connectXenops, socketScheme, type QueueTransports } from './xenops-client.js';
import { xenopsQueue } from './xenops.js';

/** Switch connections that answer VM.exists with true and record what was asked. */
function fakeSwitch(): { opened: number; closed: number; asked: string[]; open: () => QueueTransports } {
  const s = {
    opened: 0,
    closed: 0,
    asked: [] as string[],
    open: (): QueueTransports => {
      s.opened++;
      return {
        transport: (queue): Transport => ({
          address: queue,
          call: async (body, call) => {
            s.asked.push(`${queue} ${call.method} ${JSON.parse(body).method}`);
            return encodeResult(true, JSON.parse(body).id);
          },
          close: async () => undefined,
        }),
        close: () => void s.closed++,
      };
    },
  };
  return s;
}

test('a queue target is called through the switch connection, which closes with the connection', async () => {
  const sw = fakeSwitch();
  const c = connectXenops(xenopsQueue('a'), { viaSwitch: sw.open });
  assert.equal(await c.client.call('VM.exists', { dbg: 't', id: 'vm1' }), true);
  assert.deepEqual(sw.asked, ['org.xen.xapi.xenops.a VM.exists VM.exists']);
  await c.close();
  assert.deepEqual([sw.opened, sw.closed], [1, 1]);
});

test('a socket or URL target opens no switch connection', async () => {
  const sw = fakeSwitch();
  await connectXenops(`${socketScheme}/nonexistent/xenopsd.sock`, { viaSwitch: sw.open }).close();
  await connectXenops('http://127.0.0.1:1/services/xenops', { viaSwitch: sw.open }).close();
  assert.equal(sw.opened, 0);
});

test('a queue target without a switch is unreachable', () => {
  assert.throws(
    () => connectXenops(xenopsQueue('a')),
    (e: unknown) => e instanceof ApiError && e.code === 'RPC_SERVICE_UNREACHABLE',
  );
});
