// A xenopsd that dies while starting a VM's QEMU, before the QEMU's pid is recorded,
// leaves a QEMU no domain record accounts for. The restarted backend ends it (the start is
// redone, and it would hold the VM's disks), and only it: a QEMU carrying the instance's
// tag for a VM it does not know is not its to end.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createQemuBackend } from '../src/xenopsd/backends/qemu/backend.js';
import { qemuUuidOf } from '../src/xenopsd/backends/qemu/domains.js';
import { alive } from '../src/xenopsd/backends/qemu/runtime.js';
import { firmwareOnlyConfig, startTestVm, type TestVm } from '../src/xenopsd/backends/qemu/testing.js';
import { decodeVm } from '../src/xenopsd/decode.js';
import { handle } from './conformance/backend.suite.js';
import { skipWithout } from './support/qemu.js';

test(
  'a restarted QEMU backend ends the QEMU of a start it did not finish recording',
  { skip: skipWithout('qemu-system-x86_64') },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qemu-orphan-'));
    const init = {
      stateDir: join(dir, 'state'),
      hostDir: dir,
      instance: 'orphan',
      isManaged: (id: string) => id === 'starting',
    };
    const tag = `orphan.${createHash('sha1').update(dir).digest('hex').slice(0, 8)}`;
    const started: TestVm[] = [];
    try {
      const a = createQemuBackend({ accel: 'tcg' });
      await a.init(init);
      const vm = decodeVm({ id: 'starting', memory_static_max: 2 ** 26, vcpu_max: 1, vcpus: 1 });
      // the domain exists and is built; its QEMU runs, but the record never got its pid
      await a.vm.create(handle(), vm, undefined);
      await a.vm.build(handle(), vm, false);
      await a.close();
      const orphan = await startTestVm(
        (runDir) => ({ ...firmwareOnlyConfig(runDir), uuid: qemuUuidOf(vm.id) }),
        {
          instanceTag: tag,
        },
      );
      started.push(orphan);
      const stranger = await startTestVm(undefined, { instanceTag: tag });
      started.push(stranger);

      const b = createQemuBackend({ accel: 'tcg' });
      await b.init(init);
      assert.ok(!alive(orphan.proc.pid), 'the orphaned QEMU has been ended');
      assert.ok(alive(stranger.proc.pid), 'the QEMU of an unknown VM is left alone');
      assert.equal((await stranger.qmp.execute<{ status: string }>('query-status')).status, 'running');
      await b.vm.destroy(handle(), vm);
      await b.close();
    } finally {
      for (const s of started) await s.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
