// A UEFI guest under the QEMU backend keeps its own NVRAM through live migration: two
// xenopsd instances on one host, the test guest booted under OVMF writes an EFI
// variable; migrated to the same instance (temporary ids, swapped back) and to the
// other one, it keeps running, the variable is still there, each domain writes its
// own instance's `qemu-nvram/<vm>.fd`, and no file is left behind at the source.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createQemuBackend } from '../../src/xenopsd/backends/qemu/backend.js';
import { findOvmf } from '../../src/xenopsd/backends/qemu/host.js';
import { localRemote } from '../../src/xenopsd/remote-local.js';
import { Xenopsd } from '../../src/xenopsd/server.js';
import { ok, shell as shellWithin } from './qemu-guest-shell.js';
import { builtinFilesOf } from '../support/qemu-xapi.js';
import { instanceTagOf, killQemus, needGuestImage } from '../support/qemu.js';

/** OVMF boots slower than the direct PVH boot. */
const shell = (x: Xenopsd, vm: string, command: string, expect: string) =>
  shellWithin(x, vm, command, expect, 180_000);

const { image, skip: noGuest } = await needGuestImage();
const skip = noGuest || (!findOvmf() ? 'OVMF is not installed (Debian package ovmf)' : false);

const GUID = '4a67b082-0a4c-41cf-b6c7-440b29bb8c4f';
const efivar = (n: number) => `/sys/firmware/efi/efivars/XapiTsMig${n}-${GUID}`;

/** Write EFI variable `n` (non-volatile) with value `value`; the guest confirms. */
const setVar = (x: Xenopsd, n: number, value: string) =>
  shell(
    x,
    'efi1',
    `printf '\\007\\000\\000\\000${value}' > ${efivar(n)} && echo set-$((${n}+100))`,
    `set-${n + 100}`,
  );
const hasVar = (x: Xenopsd, n: number, value: string) =>
  shell(x, 'efi1', `tail -c +5 ${efivar(n)}; echo`, value);

test(
  'a UEFI guest keeps its own NVRAM across live migrations within and between xenopsds',
  { skip },
  async (t) => {
    if (!image) return;
    const dir = mkdtempSync(join(tmpdir(), 'qemu-migrate-uefi-'));
    const make = () => createQemuBackend({ priority: 15, builtinFiles: async () => builtinFilesOf(image) });
    const a: Xenopsd = new Xenopsd({
      name: 'ua',
      backend: make(),
      stateDir: dir,
      remote: async (u) => localRemote(u === 'a' ? a : b),
    });
    const b: Xenopsd = new Xenopsd({
      name: 'ub',
      backend: make(),
      stateDir: dir,
      remote: async (u) => localRemote(u === 'a' ? a : b),
    });
    const nvramDir = (x: Xenopsd) => join(dir, `xenopsd-${x.name}`, 'qemu-nvram');
    const files = (x: Xenopsd) => (existsSync(nvramDir(x)) ? readdirSync(nvramDir(x)).sort() : []);
    const holds = (x: Xenopsd, value: string) =>
      readFileSync(join(nvramDir(x), 'efi1.fd')).includes(Buffer.from(value));
    try {
      await a.start();
      await b.start();
      a.vm.add({
        id: 'efi1',
        ty: [
          'PVH',
          {
            boot: [
              'Direct',
              {
                kernel: 'builtin:tiny-linux/vmlinux',
                cmdline: 'console=ttyS0 quiet',
                ramdisk: 'builtin:tiny-linux/initrd',
              },
            ],
          },
        ],
        platformdata: { firmware: 'uefi' },
        memory_static_max: 256 * 2 ** 20,
        vcpu_max: 1,
        vcpus: 1,
      });
      await ok(a, a.vm.start('t', 'efi1'));
      await ok(a, a.vm.unpause('t', 'efi1'));
      await shell(a, 'efi1', '[ -d /sys/firmware/efi ] && echo "firmware $((1+1))fi"', 'firmware 2fi');
      await setVar(a, 1, 'before-any-move');
      await hasVar(a, 1, 'before-any-move');
      assert.deepEqual(files(a), ['efi1.fd']);
      assert.ok(holds(a, 'before-any-move'));

      // the same instance: the guest arrives under a temporary id, then takes its own back
      t.diagnostic(
        JSON.stringify(
          await ok(a, a.vm.migrate('t', 'efi1', { url: 'a', vdiMap: {}, vifMap: {}, pciMap: {} })),
        ),
      );
      assert.equal((await a.vm.stat('efi1'))[1].power_state, 'Running');
      await hasVar(a, 1, 'before-any-move');
      assert.deepEqual(files(a), ['efi1.fd'], 'one NVRAM file, under the VM id');
      await setVar(a, 2, 'after-local-move');
      assert.ok(holds(a, 'after-local-move'), 'the running domain writes the VM own file');
      assert.ok(holds(a, 'before-any-move'));

      // another instance: its own file there, none left here
      t.diagnostic(
        JSON.stringify(
          await ok(a, a.vm.migrate('t', 'efi1', { url: 'b', vdiMap: {}, vifMap: {}, pciMap: {} })),
        ),
      );
      assert.equal((await b.vm.stat('efi1'))[1].power_state, 'Running');
      await hasVar(b, 1, 'before-any-move');
      await hasVar(b, 2, 'after-local-move');
      assert.deepEqual(files(a), [], 'the source NVRAM went with the source domain');
      assert.deepEqual(files(b), ['efi1.fd']);
      await setVar(b, 3, 'after-remote-move');
      assert.ok(holds(b, 'after-remote-move'), 'the destination writes its own file');
      await ok(b, b.vm.shutdown('t', 'efi1'));
    } finally {
      await a.close().catch(() => {});
      await b.close().catch(() => {});
      await killQemus(['ua', 'ub'].map((name) => instanceTagOf(name, dir)));
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
