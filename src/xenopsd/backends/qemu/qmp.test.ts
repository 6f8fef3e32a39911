// The QMP client against a real QEMU (a firmware-only VM), and against a scripted
// fake server for what a healthy QEMU never does (no reply, a dying socket, garbage).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  QmpClient,
  QmpClosedError,
  QmpCommandError,
  QmpTimeoutError,
  waitForStatus,
  type QmpEvent,
} from './qmp.js';
import { firmwareOnlyConfig, startTestVm } from './testing.js';
import { skipWithout } from '../../../../test/support/qemu.js';

test('QMP against a real QEMU', { skip: skipWithout('qemu-system-x86_64') }, async (t) => {
  // reboot=reset: with the default reboot=shutdown a system_reset is reported as SHUTDOWN.
  const vm = await startTestVm((dir) => ({ ...firmwareOnlyConfig(dir), actions: { onReboot: 'reset' } }));
  t.after(() => vm.cleanup());
  let qmp = vm.qmp;

  await t.test('greeting and queries', async () => {
    assert.equal(typeof qmp.greeting?.version.qemu.major, 'number');
    assert.deepEqual(await qmp.execute('query-status'), {
      status: 'running',
      singlestep: false,
      running: true,
    });
    assert.deepEqual(await qmp.execute('query-name'), { name: 'test-vm' });
    const { UUID } = await qmp.execute<{ UUID: string }>('query-uuid');
    assert.match(UUID, /^[0-9a-f-]{36}$/);
  });

  await t.test('replies are matched to their commands', async () => {
    const calls = Array.from({ length: 30 }, (_, i) =>
      i % 2 ? qmp.execute<{ name: string }>('query-name') : qmp.execute<{ status: string }>('query-status'),
    );
    const results = await Promise.all(calls);
    results.forEach((r, i) => assert.ok(i % 2 ? 'name' in r : 'status' in r));
  });

  await t.test('errors carry QEMU class', async () => {
    await assert.rejects(qmp.execute('no-such-command'), (e: unknown) => {
      assert.ok(e instanceof QmpCommandError);
      assert.equal(e.errorClass, 'CommandNotFound');
      assert.equal(e.command, 'no-such-command');
      return true;
    });
    await assert.rejects(
      qmp.execute('device_del', { id: 'nope' }),
      (e: unknown) => e instanceof QmpCommandError && e.errorClass === 'DeviceNotFound',
    );
  });

  await t.test('events: STOP, RESUME, RESET through waitForEvent and events()', async () => {
    const ac = new AbortController();
    const seen: QmpEvent[] = [];
    const collector = (async () => {
      for await (const e of qmp.events(ac.signal)) seen.push(e);
    })();
    const stop = qmp.waitForEvent('STOP', { timeoutMs: 5000 });
    await qmp.execute('stop');
    assert.equal((await stop).event, 'STOP');
    assert.equal(await waitForStatus(qmp, ['paused']), 'paused');
    await assert.rejects(waitForStatus(qmp, ['running'], { timeoutMs: 50 }), QmpTimeoutError);
    const resume = qmp.waitForEvent((e) => e.event === 'RESUME', { timeoutMs: 5000 });
    await qmp.execute('cont');
    await resume;
    const reset = qmp.waitForEvent('RESET', { timeoutMs: 5000 });
    await qmp.execute('system_reset');
    const r = await reset;
    assert.equal(r.data.reason, 'host-qmp-system-reset');
    assert.equal(typeof r.timestamp.seconds, 'number');
    ac.abort();
    await collector;
    assert.deepEqual(seen.map((e) => e.event).slice(0, 3), ['STOP', 'RESUME', 'RESET']);
  });

  await t.test('timeouts and aborts', async () => {
    await assert.rejects(qmp.waitForEvent('GUEST_PANICKED', { timeoutMs: 50 }), QmpTimeoutError);
    const ac = new AbortController();
    const waiting = qmp.waitForEvent('SHUTDOWN', { signal: ac.signal, timeoutMs: 0 });
    ac.abort(new Error('stopped waiting'));
    await assert.rejects(waiting, /stopped waiting/);
    await assert.rejects(qmp.execute('query-status', {}, { signal: AbortSignal.abort() }));
    // the connection is still usable afterwards
    assert.equal((await qmp.execute<{ status: string }>('query-status')).status, 'running');
  });

  await t.test('close() leaves QEMU running; a new client connects', async () => {
    // QEMU serves one client per monitor: the next one is greeted once this one leaves.
    const first = qmp;
    await first.close();
    assert.ok(first.isClosed);
    await assert.rejects(first.execute('query-status'), QmpClosedError);
    qmp = await QmpClient.connect(vm.cmd.paths.qmp);
    assert.equal((await qmp.execute<{ status: string }>('query-status')).status, 'running');
  });

  await t.test('quit: SHUTDOWN, the connection closes, QEMU exits 0', async () => {
    t.after(() => qmp.close());
    const shutdown = qmp.waitForEvent('SHUTDOWN', { timeoutMs: 5000 });
    const ended = (async () => {
      const all: string[] = [];
      for await (const e of qmp.events()) all.push(e.event);
      return all;
    })();
    await qmp.execute('quit');
    assert.equal((await shutdown).data.reason, 'host-qmp-quit');
    await qmp.closed;
    assert.ok((await ended).includes('SHUTDOWN'));
    assert.deepEqual(await vm.proc.exited, { code: 0, signal: null });
    await assert.rejects(qmp.execute('query-status'), QmpClosedError);
    await assert.rejects(qmp.waitForEvent('STOP'), QmpClosedError);
  });
});

// A fake QMP server: greets, accepts qmp_capabilities, then hands each later line to `script`.
const tmp = mkdtempSync('/tmp/qmp-fake-');
after(() => rmSync(tmp, { recursive: true, force: true }));
let serial = 0;

async function fakeServer(
  script: (msg: { execute: string; id: string }, sock: Socket) => void,
): Promise<{ path: string; server: Server }> {
  const path = join(tmp, `fake${serial++}.sock`);
  const server = createServer((sock) => {
    sock.write(
      '{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}, "package": "fake"}, "capabilities": []}}\r\n',
    );
    let buf = '';
    sock.on('data', (d) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const msg = JSON.parse(buf.slice(0, nl)) as { execute: string; id: string };
        buf = buf.slice(nl + 1);
        if (msg.execute === 'qmp_capabilities')
          sock.write(JSON.stringify({ return: {}, id: msg.id }) + '\r\n');
        else script(msg, sock);
      }
    });
    sock.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(path, r));
  return { path, server };
}

test('a command with no reply times out, and its late reply is ignored', async () => {
  const held: { id: string; sock: Socket }[] = [];
  const { path, server } = await fakeServer((msg, sock) => {
    if (msg.execute === 'slow') held.push({ id: msg.id, sock });
    else sock.write(JSON.stringify({ return: { ok: msg.execute }, id: msg.id }) + '\r\n');
  });
  const qmp = await QmpClient.connect(path);
  try {
    assert.equal(qmp.greeting?.version.package, 'fake');
    await assert.rejects(qmp.execute('slow', {}, { timeoutMs: 50 }), QmpTimeoutError);
    for (const h of held) h.sock.write(JSON.stringify({ return: 'late', id: h.id }) + '\r\n');
    assert.deepEqual(await qmp.execute('fast'), { ok: 'fast' });
  } finally {
    await qmp.close();
    server.close();
  }
});

test('pending commands fail when the server goes away; events split across packets are parsed', async () => {
  const { path, server } = await fakeServer((msg, sock) => {
    if (msg.execute === 'emit') {
      const ev = JSON.stringify({
        event: 'BALLOON_CHANGE',
        data: { actual: 1 },
        timestamp: { seconds: 1, microseconds: 2 },
      });
      sock.write(ev.slice(0, 10));
      setTimeout(
        () => sock.write(ev.slice(10) + '\r\n' + JSON.stringify({ return: {}, id: msg.id }) + '\r\n'),
        20,
      );
    } else if (msg.execute === 'die') sock.destroy();
  });
  const qmp = await QmpClient.connect(path);
  try {
    const ev = qmp.waitForEvent('BALLOON_CHANGE', { timeoutMs: 2000 });
    await qmp.execute('emit');
    assert.deepEqual((await ev).data, { actual: 1 });
    await assert.rejects(qmp.execute('die', {}, { timeoutMs: 2000 }), QmpClosedError);
    await qmp.closed;
  } finally {
    await qmp.close();
    server.close();
  }
});

test('an unparsable message closes the connection', async () => {
  const { path, server } = await fakeServer((_msg, sock) => sock.write('this is not json\r\n'));
  const qmp = await QmpClient.connect(path);
  try {
    await assert.rejects(qmp.execute('anything', {}, { timeoutMs: 2000 }), QmpClosedError);
  } finally {
    await qmp.close();
    server.close();
  }
});

test('connecting to a socket that never appears fails after the timeout', async () => {
  await assert.rejects(QmpClient.connect(join(tmp, 'absent.sock'), { timeoutMs: 100 }), /cannot connect/);
  await assert.rejects(QmpClient.connect(join(tmp, 'absent.sock'), { signal: AbortSignal.abort() }));
});
