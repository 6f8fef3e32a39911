// VDI.resize_online of a running VM's disk on the QEMU backend: QEMU grows
// the image (block_resize), the guest's disk reports the new size, and the
// VDI record follows. Skips when QEMU or the test guest is not available.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, GuestConsole, skipWithoutGuest, startQemuToolstack } from './support/qemu-xapi.js';
import { skipWithout } from './support/qemu.js';
import { failure } from './support/failure.js';

const MiB = 1024 * 1024;

test(
  'VDI.resize_online grows a running guest’s disk through QEMU',
  { skip: skipWithoutGuest || skipWithout('qemu-img') },
  async () => {
    await using ts = await startQemuToolstack();
    const c = await ts.client();
    const template = (await c.VM.get_by_name_label('xapi-ts Tiny Linux'))[0] as string;
    const vm = await c.VM.clone(template, 'resize-online');
    await c.VM.provision(vm);
    const disk = await (async () => {
      for (const vbd of await c.VM.get_VBDs(vm)) {
        const r = await c.VBD.get_record(vbd);
        if (r.type === 'Disk' && r.userdevice === '0') return r.VDI;
      }
      throw new Error('the template has no disk 0');
    })();
    await c.VM.start(vm, false, false);
    const con = await GuestConsole.open(ts, c, vm);
    try {
      await con.prompt();
      const sectors = async () => Number((await con.sh('cat /sys/block/vda/size')).trim());
      const before = await c.VDI.get_virtual_size(disk);
      assert.equal((await sectors()) * 512, before);

      const after = before + 16 * MiB;
      await c.VDI.resize_online(disk, after);
      assert.equal(await c.VDI.get_virtual_size(disk), after, 'the record follows the image');
      await eventually('the guest seeing the new size', async () =>
        (await sectors()) * 512 === after ? true : undefined,
      );
      await failure(c.VDI.resize_online(disk, before), 'INVALID_VALUE', ['size', String(before)]);
      // the offline resize still refuses a disk in use
      await failure(c.VDI.resize(disk, after + MiB), 'VDI_IN_USE', [disk, 'resize']);
    } finally {
      con.close();
      await c.VM.hard_shutdown(vm);
    }
  },
);
