// Real VMs end to end through the XenAPI: xapi drives a xenopsd whose backend
// is QEMU. A VM installed from the "xapi-ts Tiny Linux" template boots, its
// serial console is read through /console, its address shows in its guest
// metrics, it suspends and resumes with the guest (and its reported address)
// alive, and shuts down cleanly; its VNC console answers an RFB handshake
// over TLS and WebSocket for a vm-operator (a read-only user is refused).
// Skips when QEMU is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { rfbHandshake } from './support/rfb.js';
import { userWithRole } from './support/users.js';
import {
  addNatVif,
  GuestConsole,
  guestNetworks,
  skipWithoutGuest,
  startQemuToolstack,
} from './support/qemu-xapi.js';

test(
  'a Tiny Linux VM boots on QEMU, talks on its console through /console, suspends, resumes and shuts down',
  { skip: skipWithoutGuest },
  async () => {
    await using ts = await startQemuToolstack();
    const c = await ts.client();
    const template = (await c.VM.get_by_name_label('xapi-ts Tiny Linux'))[0] as string;
    assert.ok(template, 'the built-in template exists');
    const vm = await c.VM.clone(template, 'tiny');
    await c.VM.provision(vm);
    await addNatVif(c, vm);
    await c.VM.start(vm, false, false);
    assert.equal(await c.VM.get_power_state(vm), 'Running');

    const con = await GuestConsole.open(ts, c, vm);
    await con.prompt();
    assert.equal((await guestNetworks(c, vm))['0/ip'], '10.0.2.15');
    await c.VM.suspend(vm);
    assert.equal(await c.VM.get_power_state(vm), 'Suspended');
    con.close();

    await c.VM.resume(vm, false, false);
    assert.equal(await c.VM.get_power_state(vm), 'Running');
    const again = await GuestConsole.open(ts, c, vm);
    try {
      // The same guest, alive after the resume: it answers on its shell.
      await again.expect(/alive-42/, 'echo alive-$((6*7))\n', 60_000);
      // The resumed guest does not report its address again: xenopsd kept it.
      const gm = await c.VM.get_guest_metrics(vm);
      assert.equal((await c.VM_guest_metrics.get_networks(gm))['0/ip'], '10.0.2.15');
    } finally {
      again.close();
    }

    await c.VM.clean_shutdown(vm);
    assert.equal(await c.VM.get_power_state(vm), 'Halted');
  },
);

test(
  'receives a framebuffer update from a real QEMU guest through /console over TLS and WebSocket',
  { skip: skipWithoutGuest },
  async () => {
    await using ts = await startQemuToolstack({ https: { port: 0 } });
    const c = await ts.client();
    const template = (await c.VM.get_by_name_label('xapi-ts Tiny Linux'))[0] as string;
    const vm = await c.VM.clone(template, 'vnc');
    await c.VM.provision(vm);
    await c.VM.start(vm, false, false);
    try {
      const consoles = await c.VM.get_consoles(vm);
      const protocols = await Promise.all(consoles.map((x) => c.console.get_protocol(x)));
      const rfb = consoles[protocols.indexOf('rfb')];
      assert.ok(rfb, 'an RFB console');
      const location = new URL(await c.console.get_location(rfb));
      assert.equal(location.protocol, 'https:');
      assert.equal(location.pathname, '/console');
      // A console takes the vm-operator role: a read-only user is refused, an operator gets through.
      await userWithRole(c, 'rita', 'read-only');
      await userWithRole(c, 'otto', 'vm-operator');
      const wss = async (user: string) =>
        new WebSocket(`wss://127.0.0.1:${ts.xapi.httpsPort}/console${location.search}`, ['binary'], {
          headers: { cookie: `session_id=${(await ts.client(user, `${user}-pw`)).sessionRef}` },
          rejectUnauthorized: false,
        });
      const refused = await wss('rita');
      const status = await new Promise<number>((resolve) => {
        refused.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        refused.once('open', () => resolve(101));
      });
      assert.equal(status, 403, 'read-only may not use a console');
      // As Xen Orchestra does: wss:// to the location's path and query, the session in a cookie.
      const ws = await wss('otto');
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      try {
        const session = await rfbHandshake(ws);
        assert.match(session.version, /^RFB 003\.00[38]$/);
        // A VGA text or graphics screen: QEMU starts at 640x480 or 720x400.
        assert.ok(session.width >= 320 && session.width <= 4096, `width ${session.width}`);
        assert.ok(session.height >= 200 && session.height <= 4096, `height ${session.height}`);
        assert.ok(session.rectangles >= 1, 'a framebuffer update with at least one rectangle');
        // The client offered no encoding (no SetEncodings): the server sends Raw, inside the screen.
        const { x, y, w, h, encoding } = session.first;
        assert.equal(encoding, 0, 'raw encoding');
        assert.ok(w > 0 && h > 0 && x + w <= session.width && y + h <= session.height, 'inside the screen');
      } finally {
        ws.close();
      }
    } finally {
      await c.VM.hard_shutdown(vm);
    }
  },
);
