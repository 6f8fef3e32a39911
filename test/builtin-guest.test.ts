// The seam between xapi's built-in "Tiny Linux" template and the QEMU backend:
// the boot files the template names are the ones the backend serves, and its
// command line is the one the guest image is built for.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TEMPLATES } from '../src/xapi/templates.js';
import { builtinBoot } from '../src/xenopsd/backends/qemu/builtin-boot.js';
import { builtinGuestFiles } from '../src/xenopsd/backends/qemu/guest-image/builtin-files.js';
import { GUEST_CMDLINE } from '../src/xenopsd/backends/qemu/guest-image/rootfs.js';
import { decodeVm } from '../src/xenopsd/decode.js';

test("the Tiny Linux template boots the backend's built-in files with the image's command line", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'builtin-guest-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const image = {
    dir,
    vmlinux: join(dir, 'vmlinux'),
    vmlinuz: join(dir, 'vmlinuz'),
    initrd: join(dir, 'initrd'),
    kernelVersion: '6.1.0-test',
    key: 'k',
    packages: [],
  };
  for (const f of [image.vmlinux, image.vmlinuz, image.initrd]) writeFileSync(f, '');
  const tiny = TEMPLATES.find((x) => x['name_label'] === 'xapi-ts Tiny Linux');
  assert.ok(tiny);
  assert.equal(tiny['PV_args'], GUEST_CMDLINE);
  const direct = {
    kernel: String(tiny['PV_kernel']),
    ramdisk: String(tiny['PV_ramdisk']),
    cmdline: String(tiny['PV_args']),
  };
  const vm = decodeVm({ id: 'vm1', ty: ['PVH', { boot: ['Direct', direct] }] });
  const files = builtinGuestFiles(async () => image);
  assert.deepEqual(await builtinBoot(vm, files, false), {
    kernel: image.vmlinux,
    initrd: image.initrd,
    cmdline: GUEST_CMDLINE,
  });
  // under UEFI the kernel's bzImage form is what OVMF boots
  assert.equal((await builtinBoot(vm, files, true))?.kernel, image.vmlinuz);
});
