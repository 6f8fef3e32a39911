// The probe's decisions that need no real guest: no /dev/kvm, a QEMU that dies, the cache.
// (Booting a guest under KVM is exercised by test/qemu-boot.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { probeAccel } from './kvm-probe.js';

test('no /dev/kvm means TCG, and the answer is cached for this boot', async (t) => {
  const cacheDir = await mkdtemp('/tmp/kvm-probe-test-');
  t.after(() => rm(cacheDir, { recursive: true, force: true }));
  const base = {
    qemuBinary: process.execPath, // any existing file: only its identity is recorded
    kernel: '/nonexistent/vmlinux',
    initrd: '/nonexistent/initrd',
    cacheDir,
  };
  const first = await probeAccel({ ...base, devKvm: join(cacheDir, 'no-kvm') });
  assert.deepEqual(first, { accel: 'tcg', reason: `no ${join(cacheDir, 'no-kvm')}` });
  const record = JSON.parse(await readFile(join(cacheDir, 'kvm-probe.json'), 'utf8')) as { bootId: string };
  assert.equal(record.bootId, (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim());

  // Cached: a different device path is not even looked at.
  assert.deepEqual(await probeAccel({ ...base, devKvm: '/another/path' }), first);
  // Forced, or after a reboot (another boot id), it probes again.
  assert.deepEqual(await probeAccel({ ...base, devKvm: '/another/path', force: true }), {
    accel: 'tcg',
    reason: 'no /another/path',
  });
  await writeFile(join(cacheDir, 'kvm-probe.json'), JSON.stringify({ ...record, bootId: 'earlier-boot' }));
  assert.equal(
    (await probeAccel({ ...base, devKvm: join(cacheDir, 'x') })).reason,
    `no ${join(cacheDir, 'x')}`,
  );
});

test('a QEMU that dies under KVM means TCG, with its last words as the reason', async (t) => {
  const cacheDir = await mkdtemp('/tmp/kvm-probe-test-');
  t.after(() => rm(cacheDir, { recursive: true, force: true }));
  const devKvm = join(cacheDir, 'kvm');
  await writeFile(devKvm, '');
  // Stands in for qemu-system-x86_64 aborting as it does with -cpu host on a kvm_pvm host.
  const fakeQemu = join(cacheDir, 'qemu-system-x86_64');
  await writeFile(fakeQemu, '#!/bin/sh\necho "error: failed to set MSR 0x10a to 0x69" >&2\nkill -ABRT $$\n', {
    mode: 0o755,
  });
  const d = await probeAccel({ qemuBinary: fakeQemu, kernel: '/k', initrd: '/i', cacheDir, devKvm });
  assert.equal(d.accel, 'tcg');
  assert.match(d.reason, /^QEMU exited under KVM \(SIGABRT\) before the guest booted: .*failed to set MSR/);
});
