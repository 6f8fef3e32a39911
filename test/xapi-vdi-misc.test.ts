// VDI.set_on_boot, set_allow_caching and resize_online through the XenAPI.
// on_boot = reset on a file SR: what a VM wrote is gone at its next start
// (contents read back from the image with qemu-io); persist keeps it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startToolstack } from './support/toolstack.js';
import { VM_ARGS } from './support/vm-args.js';
import { addDisk } from './support/vm-builder.js';
import { failure } from './support/failure.js';

const hasQemuIo = spawnSync('qemu-io', ['--version']).status === 0;

/** Fill the first 64 KiB of an image with `byte`. */
function write(image: string, byte: number): void {
  execFileSync('qemu-io', ['-c', `write -P ${byte} 0 64k`, image], { stdio: 'ignore' });
}

/** Whether the first 64 KiB of an image are all `byte` (read-only, lock-free: the VM may have it). */
function holds(image: string, byte: number): boolean {
  return spawnSync('qemu-io', ['-r', '-U', '-c', `read -P ${byte} 0 64k`, image]).status === 0;
}

test(
  'VDI.set_on_boot: reset brings the reset point back at each start; persist keeps writes',
  { skip: !hasQemuIo && 'needs qemu-io' },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xapi-ts-onboot-'));
    try {
      await using ts = await startToolstack();
      const c = await ts.client();
      const host = (await c.host.get_all())[0] as string;
      const sr = await c.SR.create(host, { location: dir }, 0, 'file SR', '', 'file', 'user', false, {});
      const vm = await c.VM.create({ ...VM_ARGS, name_label: 'reset' });
      const { vdi } = await addDisk(c, vm, { sr, size: 2 ** 20, userdevice: '0', name: 'disk' });
      const image = async () => join(dir, await c.VDI.get_location(vdi));
      write(await image(), 0xaa);

      await c.VDI.set_on_boot(vdi, 'reset');
      assert.equal(await c.VDI.get_on_boot(vdi), 'reset');
      const pointUuid = (await c.VDI.get_sm_config(vdi))['on-boot-reset-point'] as string;
      const point = await c.VDI.get_by_uuid(pointUuid);
      assert.equal(await c.VDI.get_snapshot_of(point), vdi);
      await c.VDI.set_on_boot(vdi, 'reset'); // again: the same reset point
      assert.equal((await c.VDI.get_sm_config(vdi))['on-boot-reset-point'], pointUuid);
      // as xapi: such a disk is neither snapshotted nor copied
      await failure(c.VDI.snapshot(vdi, {}), 'VDI_ON_BOOT_MODE_INCOMPATIBLE_WITH_OPERATION', []);
      await failure(
        c.VDI.copy(vdi, sr, 'OpaqueRef:NULL', 'OpaqueRef:NULL'),
        'VDI_ON_BOOT_MODE_INCOMPATIBLE_WITH_OPERATION',
        [],
      );

      // the VM's writes (here: made while it is down) are gone at its start
      write(await image(), 0xbb);
      assert.ok(holds(await image(), 0xbb));
      await c.VM.start(vm, false, false);
      assert.ok(holds(await image(), 0xaa), 'the start brought the reset point back');
      await failure(c.VDI.set_on_boot(vdi, 'persist'), 'VDI_IN_USE', [vdi, 'set_on_boot']);
      await c.VM.hard_shutdown(vm);

      // persist: the reset point goes and writes stay
      await c.VDI.set_on_boot(vdi, 'persist');
      assert.equal(await c.VDI.get_on_boot(vdi), 'persist');
      assert.equal('on-boot-reset-point' in (await c.VDI.get_sm_config(vdi)), false);
      await failure(c.VDI.get_uuid(point), 'HANDLE_INVALID');
      write(await image(), 0xcc);
      await c.VM.start(vm, false, false);
      assert.ok(holds(await image(), 0xcc));
      await c.VM.hard_shutdown(vm);
      assert.ok(existsSync(await image()));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('VDI.set_allow_caching and resize_online, with the disk free and with a running VM on it', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const pool = (await c.pool.get_all())[0] as string;
  const sr = await c.pool.get_default_SR(pool);
  const vm = await c.VM.create({ ...VM_ARGS, name_label: 'online' });
  const { vdi } = await addDisk(c, vm, { sr, size: 2 ** 20, userdevice: '0', name: 'disk' });

  await c.VDI.set_allow_caching(vdi, true);
  assert.equal(await c.VDI.get_allow_caching(vdi), true);
  // no running VM has it: resize_online resizes as VDI.resize does
  await c.VDI.resize_online(vdi, 2 ** 21);
  assert.equal(await c.VDI.get_virtual_size(vdi), 2 ** 21);
  await failure(c.VDI.resize_online(vdi, -1), 'INVALID_VALUE', ['size', '-1']);

  await c.VM.start(vm, false, false);
  await failure(c.VDI.set_allow_caching(vdi, false), 'VDI_IN_USE', [vdi, 'set_allow_caching']);
  assert.equal(await c.VDI.get_allow_caching(vdi), true);
  // this VM's hypervisor cannot grow an open disk
  await failure(c.VDI.resize_online(vdi, 2 ** 22), 'SR_OPERATION_NOT_SUPPORTED', [sr]);
  assert.equal(await c.VDI.get_virtual_size(vdi), 2 ** 21);
  await c.VM.hard_shutdown(vm);
});
