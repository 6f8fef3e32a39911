// /console: CONNECT and WebSocket access to a running VM's console, here a
// stand-in console server on a Unix socket (the QEMU backend serves real ones);
// over plain HTTP and over TLS, where console locations point.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
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

test('with HTTPS, console locations are https:// and /console works over TLS by CONNECT and WebSocket', async () => {
  await using ts = await startToolstack({ https: { port: 0 } });
  const c = await ts.client();
  const { vm } = await makeVm(c);
  await c.VM.start(vm, false, false);
  const consoleRef = (await c.VM.get_consoles(vm))[0] as string;
  const location = new URL(await c.console.get_location(consoleRef));
  assert.equal(location.protocol, 'https:');
  assert.equal(location.port, String(ts.xapi.httpsPort));
  assert.equal(`${location.pathname}${location.search}`, `/console?ref=${consoleRef}`);
  const [, st] = await ts.xenopsd.vm.stat(await c.VM.get_uuid(vm));
  const path = st.consoles[0]?.path as string;
  const echo = createServer((s) => s.pipe(s));
  await new Promise<void>((r) => echo.listen(path, () => r()));
  try {
    const port = ts.xapi.httpsPort as number;
    // CONNECT inside TLS, to the location's path and query.
    const sock = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false });
    await new Promise<void>((r) => sock.once('secureConnect', () => r()));
    sock.write(`CONNECT ${location.pathname}${location.search}&session_id=${c.sessionRef} HTTP/1.0\r\n\r\n`);
    let got = '';
    sock.on('data', (d: Buffer) => (got += d.toString()));
    while (!got.includes('\r\n\r\n')) await new Promise((r) => setTimeout(r, 5));
    assert.match(got, /^HTTP\/1\.0 200 OK/);
    got = '';
    sock.write('hello over tls');
    while (!got.includes('hello over tls')) await new Promise((r) => setTimeout(r, 5));
    sock.destroy();

    // wss://, Xen Orchestra style.
    const ws = new WebSocket(`wss://127.0.0.1:${port}/console${location.search}`, ['binary'], {
      headers: { cookie: `session_id=${c.sessionRef}` },
      rejectUnauthorized: false,
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const echoed = new Promise<string>((r) => ws.once('message', (d: Buffer) => r(d.toString())));
    ws.send(Buffer.from('over wss'));
    assert.equal(await echoed, 'over wss');
    ws.close();

    // Without a session the WebSocket upgrade is refused.
    const anonymous = new WebSocket(`wss://127.0.0.1:${port}/console${location.search}`, {
      rejectUnauthorized: false,
    });
    const status = await new Promise<number>((resolve) => {
      anonymous.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      anonymous.once('error', () => resolve(-1));
    });
    assert.equal(status, 401);
  } finally {
    echo.close();
    await c.VM.hard_shutdown(vm);
  }
});
