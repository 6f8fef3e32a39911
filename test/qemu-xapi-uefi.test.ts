// A UEFI VM through the XenAPI on the QEMU backend: the Tiny Linux template with
// HVM_boot_params firmware=uefi boots its kernel under OVMF; a variable the guest
// writes into its NVRAM survives a reboot (a new QEMU) and a shutdown, and the NVRAM
// goes with VM.destroy. Skips without QEMU or OVMF (Debian package ovmf).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findOvmf } from '../src/xenopsd/backends/qemu/host.js';
import { GuestConsole, skipWithoutGuest, startQemuToolstack } from './support/qemu-xapi.js';

const ovmf = findOvmf();
const VAR = '/sys/firmware/efi/efivars/XapiTsTest-4a67b082-0a4c-41cf-b6c7-440b29bb8c4f';

/** The VM's NVRAM file: `qemu-nvram/<vm uuid>.fd` somewhere under the state directory. */
function nvramOf(stateDir: string, uuid: string): string[] {
  return readdirSync(stateDir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name === `${uuid}.fd` && e.parentPath.endsWith('qemu-nvram'))
    .map((e) => join(e.parentPath, e.name));
}

async function bootedConsole(
  ts: Parameters<typeof GuestConsole.open>[0],
  c: Parameters<typeof GuestConsole.open>[1],
  vm: string,
) {
  const con = await GuestConsole.open(ts, c, vm);
  await con.prompt();
  return con;
}

test(
  'a VM with firmware=uefi boots under OVMF and keeps its NVRAM across a reboot until it is destroyed',
  { skip: skipWithoutGuest || (ovmf ? false : 'OVMF is not installed (Debian package ovmf)') },
  async () => {
    await using ts = await startQemuToolstack();
    const c = await ts.client();
    const host = await ts.xenopsd.backend.host.stat();
    assert.match(host.hypervisor.capabilities, /\buefi\b/, 'HOST.stat says UEFI guests can run here');
    const hostRef = (await c.host.get_all())[0] as string;
    assert.ok((await c.host.get_capabilities(hostRef)).includes('uefi'), 'and so does the host record');

    const template = (await c.VM.get_by_name_label('xapi-ts Tiny Linux'))[0] as string;
    const vm = await c.VM.clone(template, 'uefi');
    await c.VM.set_HVM_boot_params(vm, { firmware: 'uefi' });
    await c.VM.provision(vm);
    const uuid = await c.VM.get_uuid(vm);
    await c.VM.start(vm, false, false);

    let con = await bootedConsole(ts, c, vm);
    try {
      // the kernel was started by UEFI firmware (its EFI stub), with runtime services
      assert.match(await con.sh('[ -d /sys/firmware/efi ] && echo "firmware efi"'), /^firmware efi$/m);
      assert.match(await con.sh('grep -c efivarfs /proc/mounts'), /^1$/m);
      // a non-volatile variable (attributes NV|BS|RT), written through to OVMF's flash
      await con.sh(`printf '\\007\\000\\000\\000xapi-nvram-42' > ${VAR}`);
      assert.match(await con.sh(`tail -c +5 ${VAR}; echo`), /^xapi-nvram-42$/m);
    } finally {
      con.close();
    }
    const nvram = nvramOf(ts.stateDir, uuid);
    assert.equal(nvram.length, 1, 'one NVRAM file for the VM');
    const file = nvram[0] as string;
    assert.ok(readFileSync(file).includes(Buffer.from('xapi-nvram-42')), 'the variable is in the NVRAM file');

    // A reboot is a new domain (a new QEMU): the variable is still there.
    const domid = await c.VM.get_domid(vm);
    await c.VM.hard_reboot(vm);
    assert.equal(await c.VM.get_power_state(vm), 'Running');
    assert.notEqual(await c.VM.get_domid(vm), domid);
    con = await bootedConsole(ts, c, vm);
    try {
      assert.match(await con.sh(`tail -c +5 ${VAR}; echo`), /^xapi-nvram-42$/m);
    } finally {
      con.close();
    }

    await c.VM.clean_shutdown(vm);
    assert.equal(await c.VM.get_power_state(vm), 'Halted');
    assert.ok(existsSync(file), 'the NVRAM outlives a shutdown');
    await c.VM.destroy(vm);
    assert.ok(!existsSync(file), 'the NVRAM goes with the VM');
  },
);
