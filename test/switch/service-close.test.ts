// Closing a switch service does not wait forever on a request that never
// answers (a long poll, a switch that has gone): after its grace it
// disconnects, and the unanswered request comes back to the next consumer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, createDispatcher, type Implementation } from '../../src/idl/index.js';
import { startSwitch } from '../../src/switch/daemon.js';
import { SwitchRpc } from '../../src/switch/rpc.js';
import { serveOnSwitch } from '../../src/switch/service.js';
import { Demo, demoImpl } from './demo.js';
import { tempDir, waitFor } from './harness.js';

const Q = 'org.xen.xapi.demo.close';

test('close gives up on a request still running after the grace; the request goes to the next consumer', async (t) => {
  const sw = await startSwitch({ stateDir: tempDir(t) });
  t.after(() => sw.close());
  let release: (() => void) | undefined;
  let answered = false;
  const stuck = {
    ...demoImpl('stuck'),
    echo: async () => {
      await new Promise<void>((r) => (release = r));
      answered = true;
      return 'late';
    },
  } as Implementation<typeof Demo>;
  const svc = await serveOnSwitch(createDispatcher(Demo, stuck), {
    socketPath: sw.socketPath,
    queue: Q,
    closeGraceMs: 50,
  });
  const rpc = new SwitchRpc({ socketPath: sw.socketPath });
  t.after(() => rpc.close());
  const client = new Client(Demo, rpc.transport(Q), { timeoutMs: 20_000 });
  const call = client.call('echo', { dbg: 'x', text: 'again' });
  await waitFor(() => release !== undefined, 'the request to reach the handler');

  await svc.close();
  assert.equal(answered, false, 'close returned while the handler still ran');

  const next = await serveOnSwitch(createDispatcher(Demo, demoImpl('next')), {
    socketPath: sw.socketPath,
    queue: Q,
  });
  t.after(() => next.close());
  assert.equal(await call, 'again');
  release?.();
});
