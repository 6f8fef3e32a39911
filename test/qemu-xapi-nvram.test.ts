// VM.NVRAM and a UEFI guest's variable store agree, through the XenAPI on the
// QEMU backend: a variable the guest writes is in VM.NVRAM's EFI-variables
// once the VM is halted, and a store set with VM.set_NVRAM is the one the
// guest boots with. Skips without QEMU or OVMF (Debian package ovmf).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { findOvmf } from '../src/xenopsd/backends/qemu/host.js';
import { GuestConsole, skipWithoutGuest, startQemuToolstack } from './support/qemu-xapi.js';

const ovmf = findOvmf();
const VAR = '/sys/firmware/efi/efivars/XapiTsNvram-0d1b6a4e-3c2f-4f7a-9d1e-5b8c7a6f4e21';

test(
  "VM.NVRAM follows the guest's UEFI variables, and the guest boots with a store set through the XenAPI",
  { skip: skipWithoutGuest || (ovmf ? false : 'OVMF is not installed (Debian package ovmf)') },
  async () => {
    await using ts = await startQemuToolstack();
    const c = await ts.client();
    const template = (await c.VM.get_by_name_label('xapi-ts Tiny Linux'))[0] as string;
    const vm = await c.VM.clone(template, 'uefi-nvram');
    await c.VM.set_HVM_boot_params(vm, { firmware: 'uefi' });
    await c.VM.provision(vm);
    assert.deepEqual(await c.VM.get_NVRAM(vm), {});
    await c.VM.start(vm, false, false);

    let con = await GuestConsole.open(ts, c, vm);
    try {
      await con.prompt();
      await con.sh(`printf '\\007\\000\\000\\000nvram-in-xapi' > ${VAR}`);
    } finally {
      con.close();
    }
    await c.VM.clean_shutdown(vm);
    const store = (await c.VM.get_NVRAM(vm))['EFI-variables'];
    assert.ok(store, 'the halted VM carries its variable store');
    assert.ok(gunzipSync(Buffer.from(store, 'base64')).includes(Buffer.from('nvram-in-xapi')));

    // a fresh store from OVMF's template: the guest boots without the variable
    const fresh = gzipSync(readFileSync((ovmf as { ovmfVarsTemplate: string }).ovmfVarsTemplate));
    await c.VM.set_NVRAM(vm, { 'EFI-variables': fresh.toString('base64') });
    await c.VM.start(vm, false, false);
    con = await GuestConsole.open(ts, c, vm);
    try {
      await con.prompt();
      assert.match(await con.sh(`[ -e ${VAR} ] && echo present || echo absent`), /^absent$/m);
    } finally {
      con.close();
    }
    await c.VM.hard_shutdown(vm);
    const after = (await c.VM.get_NVRAM(vm))['EFI-variables'];
    assert.ok(after);
    assert.ok(!gunzipSync(Buffer.from(after, 'base64')).includes(Buffer.from('nvram-in-xapi')));
  },
);
