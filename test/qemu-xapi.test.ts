// Real VMs end to end through the XenAPI: xapi drives a xenopsd whose backend
// is QEMU. A VM installed from the "xapi-ts Tiny Linux" template boots, its
// serial console is read through /console, it suspends and resumes with the
// guest alive, and shuts down cleanly. Skips when QEMU is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { createHash } from 'node:crypto';
import { createQemuBackend } from '../src/xenopsd/backends/qemu/backend.js';
import { findOwnQemus } from '../src/xenopsd/backends/qemu/qemu-process.js';
import { ensureGuestImage } from '../src/xenopsd/backends/qemu/guest-image/build.js';
import { qemuBinary } from '../src/xenopsd/backends/qemu/testing.js';
import type { BackendInitContext } from '../src/xenopsd/backends/api.js';
import { startToolstack } from './support/toolstack.js';

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

test(
  'a Tiny Linux VM boots on QEMU, talks on its console through /console, suspends, resumes and shuts down',
  {
    skip: !qemuBinary
      ? 'qemu-system-x86_64 is not installed'
      : !image
        ? 'the guest image cannot be built'
        : false,
  },
  async () => {
    let tag = '';
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
        tag = `${ctx.instance}.${createHash('sha1').update(ctx.hostDir).digest('hex').slice(0, 8)}`;
        await init(ctx);
      },
    });
    await using ts = await startToolstack({ backend, cleanShutdownTimeoutS: 60 });
    try {
      const c = await ts.client();
      const template = (await c.VM.get_by_name_label('xapi-ts Tiny Linux'))[0] as string;
      assert.ok(template, 'the built-in template exists');
      const vm = await c.VM.clone(template, 'tiny');
      await c.VM.provision(vm);
      await c.VM.start(vm, false, false);
      assert.equal(await c.VM.get_power_state(vm), 'Running');

      const consoles = await c.VM.get_consoles(vm);
      const serial = (
        await Promise.all(consoles.map(async (r) => [r, await c.console.get_protocol(r)] as const))
      ).find(([, p]) => p === 'vt100')?.[0];
      assert.ok(serial, 'the VM has a serial (vt100) console');
      const port = Number(new URL(ts.url).port);
      const sock = connect(port, '127.0.0.1');
      await new Promise<void>((r) => sock.once('connect', () => r()));
      sock.write(`CONNECT /console?ref=${serial}&session_id=${c.sessionRef} HTTP/1.0\r\n\r\n`);
      await expectOn(sock, /HTTP\/1\.0 200 OK/, '', 10_000);
      await expectOn(sock, /guest# /, '\n', 120_000);

      await c.VM.suspend(vm);
      assert.equal(await c.VM.get_power_state(vm), 'Suspended');
      sock.destroy();
      await c.VM.resume(vm, false, false);
      assert.equal(await c.VM.get_power_state(vm), 'Running');
      const again = connect(port, '127.0.0.1');
      await new Promise<void>((r) => again.once('connect', () => r()));
      again.write(
        `CONNECT /console?ref=${(await c.VM.get_consoles(vm)).find(async () => true)}&session_id=${c.sessionRef} HTTP/1.0\r\n\r\n`,
      );
      await expectOn(again, /HTTP\/1\.0 200 OK/, '', 10_000);
      // The same guest, alive after the resume: it answers on its shell.
      await expectOn(again, /alive-\d+/, 'echo alive-$((6*7))\n', 60_000);
      again.destroy();

      await c.VM.clean_shutdown(vm);
      assert.equal(await c.VM.get_power_state(vm), 'Halted');
    } finally {
      for (const q of await findOwnQemus(tag)) {
        try {
          process.kill(q.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  },
);
