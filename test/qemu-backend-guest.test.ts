// Guest-initiated power events under the QEMU backend: a reboot and a kernel panic typed
// in the test guest become the domain's Needs_reboot / Needs_crashdump, announced on
// UPDATES.watch, as Xen reports a domain's shutdown reason.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createQemuBackend } from '../src/xenopsd/backends/qemu/backend.js';
import { decodeVm } from '../src/xenopsd/decode.js';
import { handle } from './conformance/backend.suite.js';
import { GUEST_CMDLINE } from '../src/xenopsd/backends/qemu/guest-image/rootfs.js';
import { needGuestImage } from './support/qemu.js';

const { image, skip } = await needGuestImage();

test('guest reboot and panic reach the domain action request and UPDATES', { skip }, async () => {
  if (!image) return;
  const dir = mkdtempSync(join(tmpdir(), 'qemu-guest-'));
  const b = createQemuBackend({
    directBoot: { kernel: image.vmlinux, initrd: image.initrd, cmdline: GUEST_CMDLINE },
    priority: 15,
  });
  await b.init({ stateDir: join(dir, 's'), hostDir: dir, instance: 'guest', isManaged: () => true });
  const seen: string[] = [];
  const unwatch = b.updates.watch((e) => seen.push(`${e[0]}:${String(e[1])}`));
  try {
    for (const [cmd, expected] of [
      ['reboot', 'Needs_reboot'],
      ['crash', 'Needs_crashdump'],
    ] as const) {
      const vm = decodeVm({ id: `g-${cmd}`, memory_static_max: 2 ** 28, vcpu_max: 1, vcpus: 1 });
      await b.vm.create(handle(), vm, undefined);
      await b.vm.build(handle(), vm, false);
      await b.vm.createDeviceModel(handle(), vm, false);
      await b.vm.unpause(handle(), vm);
      await b.debug.trigger(cmd, [vm.id]);
      assert.equal(await b.vm.getDomainActionRequest(vm), expected);
      assert.ok(seen.includes(`Vm:${vm.id}`));
      await b.vm.destroy(handle(), vm);
      assert.equal((await b.vm.getState(vm)).power_state, 'Halted');
    }
    await assert.rejects(b.debug.trigger('explode', ['g-crash']), { code: 'XENOPS_UNKNOWN_DEBUG_COMMAND' });
  } finally {
    for (const id of ['g-reboot', 'g-crash'])
      await b.vm.destroy(handle(), decodeVm({ id, memory_static_max: 2 ** 28 })).catch(() => {});
    unwatch();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
