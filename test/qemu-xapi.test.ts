// Real VMs end to end through the XenAPI: xapi drives a xenopsd whose backend
// is QEMU. A VM installed from the "xapi-ts Tiny Linux" template boots, its
// serial console is read through /console, its address shows in its guest
// metrics, it suspends and resumes with the guest (and its reported address)
// alive, and shuts down cleanly. Skips when QEMU is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
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
