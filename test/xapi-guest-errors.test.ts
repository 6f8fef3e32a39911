// A VM without an OS (on the simulator: a guest that ignores shutdown and
// suspend requests) fails clean shutdown and suspend with xapi's codes, never
// with xenopsd's internal ones, synchronously and as an Async task's error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startToolstack } from './support/toolstack.js';
import { makeVm } from './support/vm-builder.js';
import type { XapiClient } from '../src/client/generated.js';

async function waitTask(c: XapiClient, task: string) {
  for (let i = 0; i < 4000; i++) {
    const rec = await c.task.get_record(task);
    if (rec.status !== 'pending') return rec;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('task did not finish');
}

test('an OS-less VM answers VM_FAILED_SHUTDOWN_ACKNOWLEDGMENT and VM_FAILED_SUSPEND_ACKNOWLEDGMENT', async () => {
  await using ts = await startToolstack({ cleanShutdownTimeoutS: 0.2, sim: { suspendAckTimeoutS: 0.05 } });
  const c = await ts.client();
  const { vm } = await makeVm(c, 'no-os');
  await c.VM.set_platform(vm, { ...(await c.VM.get_platform(vm)), 'simulator-guest': 'uncooperative' });
  await c.VM.start(vm, false, false);

  await assert.rejects(c.VM.clean_shutdown(vm), { code: 'VM_FAILED_SHUTDOWN_ACKNOWLEDGMENT', params: [vm] });
  assert.equal(await c.VM.get_power_state(vm), 'Running');
  await assert.rejects(c.VM.clean_reboot(vm), { code: 'VM_FAILED_SHUTDOWN_ACKNOWLEDGMENT', params: [vm] });
  await assert.rejects(c.VM.suspend(vm), { code: 'VM_FAILED_SUSPEND_ACKNOWLEDGMENT', params: [vm] });
  assert.equal(await c.VM.get_power_state(vm), 'Running');

  const task = await waitTask(c, await c.Async.VM.clean_shutdown(vm));
  assert.equal(task.status, 'failure');
  assert.deepEqual(task.error_info, ['VM_FAILED_SHUTDOWN_ACKNOWLEDGMENT', vm]);

  // VM.shutdown falls back to a hard shutdown, as xapi's does.
  await c.VM.shutdown(vm);
  assert.equal(await c.VM.get_power_state(vm), 'Halted');
});
