// VM copies and the storage: full copies into another SR with progress, a
// copy into a full SR or a cancelled copy leaving nothing behind, and the
// built-in templates surviving a restart once each.
import { test } from 'node:test';
import { failure } from './support/failure.js';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from './support/xapi-server.js';
import { VM_ARGS } from './support/vm-args.js';
import { addDisk } from './support/vm-builder.js';
import type { XapiClient } from '../src/client/generated.js';
import { untilProgress, waitTask } from './support/events.js';

const MiB = 1024 * 1024;
const NULL = 'OpaqueRef:NULL';

async function simSr(c: XapiClient, dir: string, name: string, size = 0) {
  const host = (await c.host.get_all())[0] as string;
  return c.SR.create(host, { location: join(dir, name) }, size, name, '', 'sim', 'user', false, {});
}

/** A halted VM whose disks (thick, so that their data counts) are in `sr`. */
async function vmWithDisks(c: XapiClient, sr: string, sizes: readonly number[]) {
  const vm = await c.VM.create({ ...VM_ARGS, name_label: 'source' });
  for (const [i, size] of sizes.entries()) {
    await addDisk(c, vm, {
      sr,
      size,
      userdevice: String(i),
      name: `disk ${i}`,
      smConfig: { allocation: 'thick' },
    });
  }
  await c.VM.update_allowed_operations(vm);
  return vm;
}

test('VM.copy into another SR: full disks there, progress to the end; a full SR or a cancel leaves nothing', async () => {
  await using server = await startTestServer({ inMemory: true });
  const c = await server.client();
  const a = await simSr(c, server.stateDir, 'a');
  const b = await simSr(c, server.stateDir, 'b');
  const vm = await vmWithDisks(c, a, [256 * MiB, 64 * MiB]);

  const task = await c.Async.VM.copy(vm, 'copied', b);
  const done = await waitTask(c, task);
  assert.equal(done.status, 'success', JSON.stringify(done.error_info));
  assert.equal(done.progress, 1);
  const copy = /OpaqueRef:[0-9a-f-]+/.exec(done.result)?.[0] as string;
  const sizes: number[] = [];
  for (const vbd of await c.VM.get_VBDs(copy)) {
    const vdi = await c.VDI.get_record(await c.VBD.get_VDI(vbd));
    assert.equal(vdi.SR, b);
    assert.equal(vdi.physical_utilisation, vdi.virtual_size, 'the data came along');
    sizes.push(vdi.virtual_size);
  }
  assert.deepEqual(
    sizes.sort((x, y) => x - y),
    [64 * MiB, 256 * MiB],
  );

  // Not enough room: SR_FULL, and the disk that fitted is removed again.
  const small = await simSr(c, server.stateDir, 'small', 300 * MiB);
  const vms = (await c.VM.get_all()).length;
  await failure(c.VM.copy(vm, 'too big', small), 'SR_FULL');
  assert.equal((await c.VM.get_all()).length, vms);
  assert.deepEqual(await c.SR.get_VDIs(small), []);

  // A slow copy is cancelled: no VM, no disks, the source free again.
  await c.SR.add_to_other_config(b, 'copy-rate-limit', String(64 * MiB));
  const before = [...(await c.SR.get_VDIs(b))].sort();
  const slow = await c.Async.VM.copy(vm, 'cancelled', b);
  const progress = await untilProgress(c, slow);
  assert.ok(progress > 0 && progress < 1, `progress ${progress}`);
  assert.equal(Object.values(await c.VM.get_current_operations(vm))[0], 'copy');
  await c.task.cancel(slow);
  const cancelled = await waitTask(c, slow);
  assert.equal(cancelled.status, 'cancelled');
  assert.equal((await c.VM.get_all()).length, vms);
  assert.deepEqual([...(await c.SR.get_VDIs(b))].sort(), before);
  assert.deepEqual(await c.VM.get_current_operations(vm), {});
  assert.ok((await c.VM.get_allowed_operations(vm)).includes('copy'));
  assert.equal(await c.VM.get_suspend_VDI(vm), NULL);
});

test('the built-in templates are there once each after a restart', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'xapi-ts-templates-'));
  try {
    for (let i = 0; i < 2; i++) {
      await using server = await startTestServer({ stateDir });
      const c = await server.client();
      const defaults = Object.values(await c.VM.get_all_records()).filter((v) => v.is_default_template);
      assert.deepEqual(defaults.map((v) => v.name_label).sort(), [
        'Other install media',
        'xapi-ts Tiny Linux',
      ]);
    }
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
});
