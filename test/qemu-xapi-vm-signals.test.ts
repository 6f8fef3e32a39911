// SysRq keys, triggers and the memory target on a real guest, through the
// XenAPI on the QEMU backend: the guest's kernel answers SysRq h and an NMI
// on its serial console, starts at its dynamic_max and shrinks to a balloon
// target, reboots on a reset and powers off on SysRq o. Skips when QEMU or the guest image is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, GuestConsole, skipWithoutGuest, startQemuToolstack } from './support/qemu-xapi.js';
import { untilObject } from './support/events.js';
import { failure } from './support/failure.js';

const MiB = 1024 * 1024;

test(
  'a Tiny Linux guest on QEMU gets SysRq keys, an NMI, a memory target and a reset',
  { skip: skipWithoutGuest },
  async () => {
    await using ts = await startQemuToolstack();
    const c = await ts.client();
    const template = (await c.VM.get_by_name_label('xapi-ts Tiny Linux'))[0] as string;
    const vm = await c.VM.clone(template, 'signals');
    await c.VM.provision(vm);
    await c.VM.set_memory_limits(vm, 64 * MiB, 256 * MiB, 128 * MiB, 224 * MiB);
    await c.VM.start(vm, false, false);
    // the guest starts at dynamic_max: the balloon takes what is above it
    await c.VM.wait_memory_target_live(vm);
    const uuid = await c.VM.get_uuid(vm);
    const [, started] = await ts.xenopsd.vm.stat(uuid);
    assert.equal(started.memory_target, 224 * MiB);
    assert.ok(Math.abs(started.memory_actual - 224 * MiB) <= MiB, `memory_actual ${started.memory_actual}`);

    const con = await GuestConsole.open(ts, c, vm);
    try {
      await con.prompt();
      // Alt+SysRq+h: the kernel prints its SysRq help on the console
      const help = con.expect(/sysrq: HELP/i, '', 60_000);
      await c.VM.send_sysrq(vm, 'h');
      await help;
      const nmi = con.expect(/NMI received/, '', 60_000);
      await c.VM.send_trigger(vm, 'nmi');
      await nmi;
      // QEMU has no ACPI sleep button to press
      await failure(c.VM.send_trigger(vm, 'sleep'), 'NOT_IMPLEMENTED');

      // a memory target below static_max: the balloon takes the rest
      await c.VM.set_memory_target_live(vm, 160 * MiB);
      await c.VM.wait_memory_target_live(vm);
      const [, state] = await ts.xenopsd.vm.stat(uuid);
      assert.ok(Math.abs(state.memory_actual - 160 * MiB) <= MiB, `memory_actual ${state.memory_actual}`);
      await eventually('the balloon in /proc/meminfo', async () => {
        const kib = /^MemTotal:\s+(\d+) kB$/m.exec(await con.sh('cat /proc/meminfo'))?.[1];
        return Number(kib) * 1024 <= 160 * MiB ? true : undefined;
      });
    } finally {
      con.close();
    }

    // a reset is the guest's reboot: a new domain, running again
    const domid = await c.VM.get_domid(vm);
    await c.VM.send_trigger(vm, 'reset');
    await untilObject(
      c,
      'VM',
      vm,
      (s) => s['power_state'] === 'Running' && Number(s['domid']) !== domid,
      'the VM rebooted',
    );

    // SysRq o: the kernel powers the machine off, and the VM halts
    const again = await GuestConsole.open(ts, c, vm);
    try {
      await again.prompt();
    } finally {
      again.close();
    }
    await c.VM.send_sysrq(vm, 'o');
    await untilObject(c, 'VM', vm, (s) => s['power_state'] === 'Halted', 'the VM halted');
  },
);
