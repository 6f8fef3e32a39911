// xe console: the CONNECT request, and attaching to a running VM's text
// console once the server has the /console handler and can start VMs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createServer } from 'node:net';
import { connectRequest } from '../../src/cli/commands/console.js';
import { messages } from '../../src/datamodel/index.js';
import { Sink, startXe } from './support.js';
import { makeVm } from '../support/vm-builder.js';

test('the CONNECT request carries the console and the session', () => {
  assert.equal(
    connectRequest('OpaqueRef:c', 'OpaqueRef:s'),
    'CONNECT /console?ref=OpaqueRef%3Ac&session_id=OpaqueRef%3As HTTP/1.0\r\n\r\n',
  );
});

test('xe console relays the console until Ctrl-]', async (t) => {
  if (!messages.has('VM.start')) return t.skip('needs VM.start (not in the datamodel yet)');
  await using h = await startXe({ toolstack: true });
  const { vm } = await makeVm(h.client, 'con');
  const uuid = String(await h.call('VM.get_uuid', vm));
  assert.equal((await h.xe('vm-start', `uuid=${uuid}`)).code, 0);
  // The simulator names an endpoint for the console but serves nothing there:
  // an echo server stands in for the guest where xenopsd says the console is.
  const [, st] = await (h.xenopsd as NonNullable<typeof h.xenopsd>).vm.stat(uuid);
  const endpoint = st.consoles[0];
  assert.ok(endpoint, 'xenopsd reports a console');
  const guest = createServer((s) => s.pipe(s));
  await new Promise<void>((resolve) =>
    endpoint.path ? guest.listen(endpoint.path, resolve) : guest.listen(endpoint.port, '127.0.0.1', resolve),
  );
  try {
    const stdin = new PassThrough();
    const stdout = new Sink();
    const done = h.xeWith({ stdin, stdout }, 'console', `vm=${uuid}`);
    stdin.write('hello\n');
    await stdout.until('hello');
    stdin.write(Buffer.from([0x1d]));
    const r = await done;
    assert.deepEqual([r.code, r.stderr], [0, '']);
    assert.equal(stdout.text, 'hello\n');
  } finally {
    await new Promise((r) => guest.close(r));
  }
  // A halted VM has no console to attach to.
  assert.equal((await h.xe('vm-shutdown', `uuid=${uuid}`, '--force')).code, 0);
  const halted = await h.xe('console', `vm=${uuid}`);
  assert.deepEqual([halted.code, halted.stderr], [1, 'Error: No text console available\n']);
});
