// The VM lifecycle as Xen Orchestra drives it, through its `xen-api` client
// against xapi and a real xenopsd on the simulator: every step is seen in the
// client's event.from-fed object cache with the right power_state and
// allowed_operations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startToolstack } from './support/toolstack.js';
import { cached, connectXo, seen, untilCached, type XoObject } from './support/xo.js';

const has = (o: XoObject, op: string): boolean => (o['allowed_operations'] as string[]).includes(op);

test('install, start, pause, reboot, suspend, snapshot, revert, clone and destroy through xen-api', async () => {
  await using ts = await startToolstack();
  const xapi = await connectXo(ts.url);
  try {
    await xapi.objectsFetched;
    const template = Object.values(xapi.objects.all).find(
      (o) => o.$type === 'VM' && o['is_a_template'] === true && o['name_label'] === 'Other install media',
    );
    assert.ok(template, 'the built-in template is visible');
    // Install: clone the template, provision its disks, make it a VM.
    const vm = String(await xapi.callAsync('VM.clone', template.$ref, 'installed'));
    await xapi.callAsync('VM.provision', vm);
    let o = await seen(xapi, vm, (x) => x['is_a_template'] === false && has(x, 'start'), 'provisioned VM');
    assert.ok((o['VBDs'] as string[]).length >= 1, 'provision made a disk');

    await xapi.callAsync('VM.start', vm, false, false);
    o = await seen(
      xapi,
      vm,
      (x) => x['power_state'] === 'Running' && has(x, 'pause') && !has(x, 'start'),
      'Running',
    );
    await xapi.callAsync('VM.pause', vm);
    await seen(xapi, vm, (x) => x['power_state'] === 'Paused' && has(x, 'unpause'), 'Paused');
    await xapi.callAsync('VM.unpause', vm);
    await seen(xapi, vm, (x) => x['power_state'] === 'Running', 'Running again');
    await xapi.callAsync('VM.clean_reboot', vm);
    await seen(
      xapi,
      vm,
      (x) => x['power_state'] === 'Running' && Object.keys(x['current_operations'] as object).length === 0,
      'rebooted',
    );
    await xapi.callAsync('VM.suspend', vm);
    await seen(
      xapi,
      vm,
      (x) => x['power_state'] === 'Suspended' && has(x, 'resume') && !has(x, 'pause'),
      'Suspended',
    );
    await xapi.callAsync('VM.resume', vm, false, false);
    await seen(xapi, vm, (x) => x['power_state'] === 'Running', 'resumed');

    await xapi.callAsync('VM.hard_shutdown', vm);
    await seen(xapi, vm, (x) => x['power_state'] === 'Halted' && has(x, 'start'), 'Halted');
    // Disks in use cannot be snapshotted yet (that needs the hypervisor), so halted.
    const snap = String(await xapi.callAsync('VM.snapshot', vm, 'before'));
    await seen(
      xapi,
      snap,
      (x) => x['is_a_snapshot'] === true && x['snapshot_of'] === vm && has(x, 'revert'),
      'snapshot',
    );
    await xapi.callAsync('VM.start', vm, false, false);
    await seen(xapi, vm, (x) => x['power_state'] === 'Running', 'Running after the snapshot');
    await xapi.callAsync('VM.hard_shutdown', vm);
    await seen(xapi, vm, (x) => x['power_state'] === 'Halted', 'Halted again');
    await xapi.callAsync('VM.revert', snap);
    await seen(xapi, vm, (x) => x['power_state'] === 'Halted', 'reverted');

    const clone = String(await xapi.callAsync('VM.clone', vm, 'twin'));
    await seen(xapi, clone, (x) => x['name_label'] === 'twin' && has(x, 'start'), 'clone');
    await xapi.callAsync('VM.destroy', clone);
    await xapi.callAsync('VM.destroy', vm);
    await untilCached(xapi, () => cached(xapi, vm) === undefined, 'the destroyed VM leaving the cache');
  } finally {
    await xapi.disconnect();
  }
});
