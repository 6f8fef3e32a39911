// The QEMU backend runs the shared backend conformance suite, booting the small test
// guest (direct kernel boot) under TCG or KVM as the probe decides. Every QEMU a test
// started is killed after it (a backend leaves its QEMUs running on purpose).
import { afterEach } from 'node:test';
import { createQemuBackend } from '../../src/xenopsd/backends/qemu/backend.js';
import { findOwnQemus } from '../../src/xenopsd/backends/qemu/qemu-process.js';
import { dropCgroups } from '../../src/xenopsd/backends/qemu/testing.js';
import type { Backend, BackendInitContext } from '../../src/xenopsd/backends/api.js';
import { runBackendConformance } from './backend.suite.js';
import { test } from 'node:test';
import { GUEST_CMDLINE } from '../../src/xenopsd/backends/qemu/guest-image/rootfs.js';
import { instanceTagOf, needGuestImage } from '../support/qemu.js';

const { image, skip } = await needGuestImage();
const tags = new Set<string>();

const tagOf = (init: BackendInitContext): string => instanceTagOf(init.instance, init.hostDir);

afterEach(async () => {
  for (const tag of tags) {
    for (const q of await findOwnQemus(tag)) {
      try {
        process.kill(q.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await dropCgroups(tag);
  }
  tags.clear();
});

if (!image) {
  test('QEMU backend conformance', { skip }, () => {});
} else {
  const makeBackend = (): Backend => {
    const b = createQemuBackend({
      directBoot: { kernel: image.vmlinux, initrd: image.initrd, cmdline: GUEST_CMDLINE },
      // the guests' TCG boots yield to the rest of the test run's timing-sensitive tests
      priority: 15,
    });
    const init = b.init.bind(b);
    return Object.assign(b, {
      init: async (ctx: BackendInitContext) => {
        tags.add(tagOf(ctx));
        await init(ctx);
      },
    });
  };
  runBackendConformance({
    makeBackend,
    skip: [
      {
        reason: 'PCI passthrough is not supported by the QEMU backend',
        tests: ['PCI: plug and unplug a passed-through device'],
      },
    ],
  });
}
