import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { GuestImage } from './build.js';
import { builtinGuestFiles } from './builtin-files.js';

test('the guest image is looked up once, again only after a failure or when its files have gone', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'builtin-files-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const image: GuestImage = {
    dir,
    vmlinux: join(dir, 'vmlinux'),
    vmlinuz: join(dir, 'vmlinuz'),
    initrd: join(dir, 'initramfs.cpio.gz'),
    kernelVersion: '6.1.0-test',
    key: 'k',
    packages: [],
  };
  writeFileSync(image.vmlinux, '');
  writeFileSync(image.initrd, '');
  let calls = 0;
  let fail = true;
  const files = builtinGuestFiles(async () => {
    calls++;
    if (fail) throw new Error('apt-cache is not answering');
    return image;
  });
  await assert.rejects(files(), /apt-cache/);
  fail = false;
  const expected = {
    'tiny-linux/vmlinux': image.vmlinux,
    'tiny-linux/vmlinux.efi': image.vmlinuz,
    'tiny-linux/initrd': image.initrd,
  };
  assert.deepEqual(await Promise.all([files(), files()]), [expected, expected]);
  assert.deepEqual(await files(), expected);
  assert.equal(calls, 2);
  rmSync(image.vmlinux);
  await files();
  assert.equal(calls, 3);
});
