// Real VMs migrated on QEMU: a Tiny Linux guest (the built-in template) moved
// with VM.pool_migrate within its pool, and between two toolstacks on
// loopback: it runs under toolstack A, moves with VM.migrate_send to
// toolstack B, and its shell still answers on the serial console there. The guest stays idle meanwhile. Skips when QEMU is not installed.
//
// The second test is a todo for now: xenopsd's QEMU backend cannot yet restore, on one xenopsd, a
// domain saved by another (the stop-and-copy VM.migrate finds "no record of
// the saved VM" at the destination); the live migration being built in xenopsd
// moves the domain itself. The test runs and reports meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { createHash } from 'node:crypto';
import { createQemuBackend } from '../src/xenopsd/backends/qemu/backend.js';
import { findOwnQemus } from '../src/xenopsd/backends/qemu/qemu-process.js';
import { ensureGuestImage } from '../src/xenopsd/backends/qemu/guest-image/build.js';
import { qemuBinary } from '../src/xenopsd/backends/qemu/testing.js';
import type { Backend, BackendInitContext } from '../src/xenopsd/backends/api.js';
import type { XapiClient } from '../src/client/generated.js';
import { sharedDir, startPeer, type Peer } from './support/migration-peers.js';

const image = qemuBinary ? await ensureGuestImage().catch(() => undefined) : undefined;

/** Read a console until `pattern` shows up (typing `input` every second to wake it up). */
async function expectOn(sock: Socket, pattern: RegExp, input: string, ms: number): Promise<string> {
  let seen = '';
  const onData = (d: Buffer): void => {
    seen += d.toString('utf8');
  };
  sock.on('data', onData);
  const t0 = Date.now();
  try {
    while (!pattern.test(seen)) {
      if (Date.now() - t0 > ms)
        throw new Error(`console never showed ${pattern}: ${JSON.stringify(seen.slice(-300))}`);
      if (input) sock.write(input);
      await new Promise((r) => setTimeout(r, 1000));
    }
    return seen;
  } finally {
    sock.off('data', onData);
  }
}

function qemuBackend(tags: string[]): Backend {
  const backend = createQemuBackend({
    priority: 15,
    builtinFiles: async () => ({
      'tiny-linux/vmlinux': image!.vmlinux,
      'tiny-linux/initrd': image!.initrd,
    }),
  });
  const init = backend.init.bind(backend);
  Object.assign(backend, {
    init: async (ctx: BackendInitContext) => {
      tags.push(`${ctx.instance}.${createHash('sha1').update(ctx.hostDir).digest('hex').slice(0, 8)}`);
      await init(ctx);
    },
  });
  return backend;
}

async function serialConsole(peer: Peer, c: XapiClient, vm: string): Promise<Socket> {
  const consoles = await c.VM.get_consoles(vm);
  const serial = (
    await Promise.all(consoles.map(async (r) => [r, await c.console.get_protocol(r)] as const))
  ).find(([, p]) => p === 'vt100')?.[0];
  assert.ok(serial, 'the VM has a serial (vt100) console');
  const sock = connect(Number(new URL(peer.url).port), '127.0.0.1');
  await new Promise<void>((r) => sock.once('connect', () => r()));
  sock.write(`CONNECT /console?ref=${serial}&session_id=${c.sessionRef} HTTP/1.0\r\n\r\n`);
  await expectOn(sock, /HTTP\/1\.0 200 OK/, '', 10_000);
  return sock;
}

const skip = !qemuBinary
  ? 'qemu-system-x86_64 is not installed'
  : !image
    ? 'the guest image cannot be built'
    : false;

async function killQemus(tags: readonly string[]): Promise<void> {
  for (const tag of tags) {
    for (const q of await findOwnQemus(tag)) {
      try {
        process.kill(q.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

test('a Tiny Linux VM pool-migrates on QEMU with its guest alive', { skip }, async () => {
  const tags: string[] = [];
  using hv = sharedDir();
  try {
    await using a = await startPeer(hv.path, 'qp', {}, qemuBackend(tags), { cleanShutdownTimeoutS: 60 });
    const c = await a.client();
    const template = (await c.VM.get_by_name_label('xapi-ts Tiny Linux'))[0] as string;
    const vm = await c.VM.clone(template, 'tiny');
    await c.VM.provision(vm);
    await c.VM.start(vm, false, false);
    const before = await serialConsole(a, c, vm);
    await expectOn(before, /guest# /, '\n', 120_000);
    before.destroy();
    const domid = await c.VM.get_domid(vm);
    const host = (await c.host.get_all())[0] as string;
    await c.VM.pool_migrate(vm, host, { live: 'true' });
    assert.equal(await c.VM.get_power_state(vm), 'Running');
    assert.equal(await c.VM.get_resident_on(vm), host);
    assert.notEqual(await c.VM.get_domid(vm), domid, 'a new domain');
    const after = await serialConsole(a, c, vm);
    await expectOn(after, /alive-\d+/, 'echo alive-$((6*7))\n', 60_000);
    after.destroy();
    await c.VM.clean_shutdown(vm);
  } finally {
    await killQemus(tags);
  }
});

test(
  'a Tiny Linux VM migrates between two toolstacks with its guest alive',
  {
    skip,
    todo: 'the QEMU backend cannot restore a domain another xenopsd saved until live migration lands',
  },
  async () => {
    const tags: string[] = [];
    using hv = sharedDir();
    try {
      await using a = await startPeer(hv.path, 'qa', {}, qemuBackend(tags), { cleanShutdownTimeoutS: 60 });
      await using b = await startPeer(hv.path, 'qb', {}, qemuBackend(tags), { cleanShutdownTimeoutS: 60 });
      const ca = await a.client();
      const cb = await b.client();
      const template = (await ca.VM.get_by_name_label('xapi-ts Tiny Linux'))[0] as string;
      const vm = await ca.VM.clone(template, 'tiny');
      await ca.VM.provision(vm);
      await ca.VM.start(vm, false, false);
      const before = await serialConsole(a, ca, vm);
      await expectOn(before, /guest# /, '\n', 120_000);
      before.destroy();

      const pool = (await cb.pool.get_all())[0] as string;
      const sr = await cb.pool.get_default_SR(pool);
      const host = (await cb.host.get_all())[0] as string;
      const network = (await cb.network.get_all())[0] as string;
      const vdiMap: Record<string, string> = {};
      for (const vbd of await ca.VM.get_VBDs(vm)) {
        const r = await ca.VBD.get_record(vbd);
        if (!r.empty && r.type === 'Disk') vdiMap[r.VDI] = sr;
      }
      const vifMap: Record<string, string> = {};
      for (const vif of await ca.VM.get_VIFs(vm)) vifMap[vif] = network;
      const dest = await cb.host.migrate_receive(host, network, {});
      const moved = await ca.VM.migrate_send(vm, dest, true, vdiMap, vifMap, {}, {});

      assert.deepEqual(await ca.VM.get_all_records_where(`field "name__label" = "tiny"`), {});
      assert.equal(await cb.VM.get_power_state(moved), 'Running');
      assert.equal(await cb.VM.get_resident_on(moved), host);
      const after = await serialConsole(b, cb, moved);
      // The same guest, alive after the move: it answers on its shell.
      await expectOn(after, /alive-\d+/, 'echo alive-$((6*7))\n', 60_000);
      after.destroy();
      await cb.VM.clean_shutdown(moved);
      assert.equal(await cb.VM.get_power_state(moved), 'Halted');
    } finally {
      await killQemus(tags);
    }
  },
);
