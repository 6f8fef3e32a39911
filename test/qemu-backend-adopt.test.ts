// The QEMU backend's independence: its QEMUs outlive it, a new backend instance re-adopts
// exactly the QEMUs of its own managed VMs, and a QEMU started by hand is never touched.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createQemuBackend } from '../src/xenopsd/backends/qemu/backend.js';
import { createHash } from 'node:crypto';
import { findOwnQemus } from '../src/xenopsd/backends/qemu/qemu-process.js';
import { alive } from '../src/xenopsd/backends/qemu/runtime.js';
import { dropCgroups, startTestVm } from '../src/xenopsd/backends/qemu/testing.js';
import { decodeVm } from '../src/xenopsd/decode.js';
import type { Backend } from '../src/xenopsd/backends/api.js';
import { handle } from './conformance/backend.suite.js';
import { GUEST_CMDLINE } from '../src/xenopsd/backends/qemu/guest-image/rootfs.js';
import { needGuestImage } from './support/qemu.js';

const { image, skip } = await needGuestImage();

test('a restarted QEMU backend re-adopts its QEMUs and leaves others alone', { skip }, async () => {
  if (!image) return;
  const dir = mkdtempSync(join(tmpdir(), 'qemu-adopt-'));
  const managed = new Set(['mine']);
  const open = async (): Promise<Backend> => {
    const b = createQemuBackend({
      directBoot: { kernel: image.vmlinux, initrd: image.initrd, cmdline: GUEST_CMDLINE },
      // the guests' TCG boots yield to the rest of the test run's timing-sensitive tests
      priority: 15,
    });
    await b.init({
      stateDir: join(dir, 'state'),
      hostDir: dir,
      instance: 'adopt',
      isManaged: (id) => managed.has(id),
    });
    return b;
  };
  const hand = await startTestVm();
  const pids: number[] = [];
  try {
    const vm = decodeVm({ id: 'mine', memory_static_max: 2 ** 28, vcpu_max: 2, vcpus: 1 });
    const other = decodeVm({ id: 'unmanaged', memory_static_max: 2 ** 28, vcpu_max: 1, vcpus: 1 });
    const a = await open();
    for (const v of [vm, other]) {
      managed.add(v.id);
      await a.vm.create(handle(), v, undefined);
      await a.vm.build(handle(), v, false);
      await a.vm.createDeviceModel(handle(), v, false);
      await a.vm.unpause(handle(), v);
    }
    const before = await a.vm.getState(vm);
    const tag = `adopt.${createHash('sha1').update(dir).digest('hex').slice(0, 8)}`;
    for (const q of await findOwnQemus(tag)) pids.push(q.pid);
    assert.equal(pids.length, 2);
    await a.close();
    // the QEMUs outlive the backend
    for (const p of pids) assert.ok(alive(p));

    managed.delete(other.id);
    const b = await open();
    const after = await b.vm.getState(vm);
    assert.equal(after.power_state, 'Running');
    assert.deepEqual(after.domids, before.domids);
    await b.vm.pause(handle(), vm);
    assert.equal((await b.vm.getState(vm)).power_state, 'Paused');
    // the unmanaged VM's QEMU was not adopted: no control of it
    await assert.rejects(b.vm.pause(handle(), other), { code: 'XENOPS_DOMAIN_NOT_BUILT' });
    await b.vm.destroy(handle(), vm);
    assert.equal((await b.vm.getState(vm)).power_state, 'Halted');
    await b.close();
    // the QEMU started by hand is untouched and still answers
    assert.ok(alive(hand.proc.pid));
    assert.equal((await hand.qmp.execute<{ status: string }>('query-status')).status, 'running');
  } finally {
    for (const p of pids) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // gone
      }
    }
    await dropCgroups(`adopt.${createHash('sha1').update(dir).digest('hex').slice(0, 8)}`);
    await hand.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});
