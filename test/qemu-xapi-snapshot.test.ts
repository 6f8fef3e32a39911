// Live snapshots and checkpoints of real VMs through the XenAPI, on QEMU: a
// Tiny Linux guest writes markers on its disk and in its memory (tmpfs)
// through the serial console; the disk snapshots are taken while it runs,
// survive suspend/resume, a second snapshot and a hot-unplug of the disk,
// and a revert brings back exactly the snapshotted state. Skips without QEMU.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GuestConsole } from './support/qemu-xapi.js';
import type { XapiClient } from '../src/client/generated.js';
import { createQemuBackend } from '../src/xenopsd/backends/qemu/backend.js';
import type { BackendInitContext } from '../src/xenopsd/backends/api.js';
import { startToolstack, type Toolstack } from './support/toolstack.js';
import { instanceTagOf, killQemus, needGuestImage } from './support/qemu.js';

const { image, skip } = await needGuestImage();

/** The guest's root shell through xapi's /console, once its prompt shows. */
async function openShell(ts: Toolstack, c: XapiClient, vm: string): Promise<GuestConsole> {
  const con = await GuestConsole.open(ts, c, vm);
  await con.prompt(120_000);
  return con;
}

/** What `cmd` prints in the guest, trimmed. */
const run = async (sh: GuestConsole, cmd: string): Promise<string> => (await sh.sh(cmd)).trim();

const readMarker = (sh: GuestConsole): Promise<string> =>
  run(sh, 'echo 3 > /proc/sys/vm/drop_caches; dd if=/dev/vda bs=512 count=1 2>/dev/null | head -c 6');
const writeMarker = (sh: GuestConsole, m: string): Promise<string> =>
  run(sh, `printf '${m}' | dd of=/dev/vda bs=512 count=1 conv=sync,fsync 2>/dev/null; sync`);

async function withQemuToolstack(
  fn: (ts: Toolstack, c: XapiClient, vm: string) => Promise<void>,
): Promise<void> {
  let tag = '';
  const backend = createQemuBackend({
    priority: 15,
    builtinFiles: async () => ({ 'tiny-linux/vmlinux': image!.vmlinux, 'tiny-linux/initrd': image!.initrd }),
  });
  const init = backend.init.bind(backend);
  Object.assign(backend, {
    init: async (ctx: BackendInitContext) => {
      tag = instanceTagOf(ctx.instance, ctx.hostDir);
      await init(ctx);
    },
  });
  await using ts = await startToolstack({ backend, cleanShutdownTimeoutS: 60 });
  try {
    const c = await ts.client();
    const template = (await c.VM.get_by_name_label('xapi-ts Tiny Linux'))[0] as string;
    const vm = await c.VM.clone(template, 'tiny');
    await c.VM.provision(vm);
    await c.VM.start(vm, false, false);
    await fn(ts, c, vm);
  } finally {
    await killQemus([tag]);
  }
}

test(
  'QEMU: a live disk snapshot holds the disk of that instant, through suspend, a second snapshot and hot-unplug',
  { skip },
  async () => {
    await withQemuToolstack(async (ts, c, vm) => {
      let sh = await openShell(ts, c, vm);
      await writeMarker(sh, 'MARK-A');
      assert.equal(await readMarker(sh), 'MARK-A');

      const s1 = await c.VM.snapshot(vm, 'live A', []);
      assert.equal(await c.VM.get_power_state(vm), 'Running');
      // The guest carries on, on the new overlay: it reads what it wrote and writes on.
      assert.equal(await readMarker(sh), 'MARK-A');
      await writeMarker(sh, 'MARK-B');
      assert.equal(await readMarker(sh), 'MARK-B');

      // Suspend and resume restart QEMU on the overlay chain.
      sh.close();
      await c.VM.suspend(vm);
      await c.VM.resume(vm, false, false);
      sh = await openShell(ts, c, vm);
      assert.equal(await readMarker(sh), 'MARK-B');

      // A second live snapshot, then the disk is unplugged (its overlays go) and plugged back.
      const s2 = await c.VM.snapshot(vm, 'live B', []);
      await writeMarker(sh, 'MARK-C');
      const vbd = (await c.VM.get_VBDs(vm))[0] as string;
      await c.VBD.unplug(vbd);
      assert.equal(await c.VBD.get_currently_attached(vbd), false);
      await c.VBD.plug(vbd);
      // The guest sees the disk come back a moment after the plug.
      await run(sh, 'for i in $(seq 1 100); do [ -b /dev/vda ] && break; sleep 0.2; done');
      assert.equal(await readMarker(sh), 'MARK-C');
      sh.close();

      // Each snapshot holds its own instant.
      await c.VM.clean_shutdown(vm);
      for (const [snap, marker] of [
        [s1, 'MARK-A'],
        [s2, 'MARK-B'],
      ] as const) {
        await c.VM.revert(snap);
        await c.VM.start(vm, false, false);
        sh = await openShell(ts, c, vm);
        assert.equal(await readMarker(sh), marker);
        sh.close();
        await c.VM.clean_shutdown(vm);
      }
    });
  },
);

test(
  'QEMU: a checkpoint keeps the memory; revert and resume continue the guest from there',
  { skip },
  async () => {
    await withQemuToolstack(async (ts, c, vm) => {
      let sh = await openShell(ts, c, vm);
      await run(sh, 'echo CKPT-1 > /tmp/m');
      await writeMarker(sh, 'DISK-1');

      const cp = await c.VM.checkpoint(vm, 'checkpoint');
      assert.equal(await c.VM.get_power_state(vm), 'Running');
      assert.equal(await c.VM.get_power_state(cp), 'Suspended');
      sh.close();
      // The VM runs on after the checkpoint, with its memory.
      sh = await openShell(ts, c, vm);
      assert.equal(await run(sh, 'cat /tmp/m'), 'CKPT-1');
      await run(sh, 'echo CKPT-2 > /tmp/m');
      await writeMarker(sh, 'DISK-2');
      sh.close();

      await c.VM.clean_shutdown(vm);
      await c.VM.revert(cp);
      assert.equal(await c.VM.get_power_state(vm), 'Suspended');
      await c.VM.resume(vm, false, false);
      sh = await openShell(ts, c, vm);
      // The guest is where it was at the checkpoint: memory and disk.
      assert.equal(await run(sh, 'cat /tmp/m'), 'CKPT-1');
      assert.equal(await readMarker(sh), 'DISK-1');
      sh.close();
      await c.VM.clean_shutdown(vm);
    });
  },
);
