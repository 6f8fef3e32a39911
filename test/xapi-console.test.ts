// /console: CONNECT and WebSocket access to a running VM's console, here a
// stand-in console server on a Unix socket (the QEMU backend serves real ones).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect } from 'node:net';
import WebSocket from 'ws';
import { startToolstack } from './support/toolstack.js';
import { makeVm } from './support/vm-builder.js';
import { readUntil } from './support/stream.js';

test('a running VM console is reachable by CONNECT and by WebSocket, with a session', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm } = await makeVm(c);
  await c.VM.start(vm, false, false);
  const consoleRef = (await c.VM.get_consoles(vm))[0] as string;
  assert.ok(consoleRef, 'a console record');
  // An echo server stands in for the guest's console where xenopsd says it is.
  const [, st] = await ts.xenopsd.vm.stat(await c.VM.get_uuid(vm));
  const path = st.consoles[0]?.path as string;
  assert.ok(path, 'xenopsd reports a console socket');
  const echo = createServer((s) => s.pipe(s));
  await new Promise<void>((r) => echo.listen(path, () => r()));
  try {
    const port = Number(new URL(ts.url).port);

    // CONNECT, XenCenter style.
    const sock = connect(port, '127.0.0.1');
    await new Promise<void>((r) => sock.once('connect', () => r()));
    const reply = readUntil(sock, '\r\n\r\n');
    sock.write(`CONNECT /console?ref=${consoleRef}&session_id=${c.sessionRef} HTTP/1.0\r\n\r\n`);
    assert.match(await reply, /^HTTP\/1\.0 200 OK/);
    const back = readUntil(sock, 'hello console');
    sock.write('hello console');
    await back;
    sock.destroy();

    // WebSocket, Xen Orchestra style (the VM ref selects its console).
    const ws = new WebSocket(
      `ws://127.0.0.1:${port}/console?uuid=${await c.VM.get_uuid(vm)}&protocol=${await c.console.get_protocol(consoleRef)}`,
      ['binary'],
      {
        headers: { cookie: `session_id=${c.sessionRef}` },
      },
    );
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const echoed = new Promise<string>((r) => ws.once('message', (d: Buffer) => r(d.toString())));
    ws.send(Buffer.from('over websocket'));
    assert.equal(await echoed, 'over websocket');
    ws.close();

    // No session: refused.
    const bad = connect(port, '127.0.0.1');
    await new Promise<void>((r) => bad.once('connect', () => r()));
    bad.write(`CONNECT /console?ref=${consoleRef} HTTP/1.0\r\n\r\n`);
    let refusal = '';
    bad.on('data', (d: Buffer) => (refusal += d.toString()));
    await new Promise<void>((r) => bad.once('close', () => r()));
    assert.match(refusal, /^HTTP\/1\.0 401/);

    // A halted VM has no console to reach.
    await c.VM.hard_shutdown(vm);
    assert.deepEqual(await c.VM.get_consoles(vm), []);
  } finally {
    echo.close();
  }
});
