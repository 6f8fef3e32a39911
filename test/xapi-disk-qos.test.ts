// Disk QoS through the XenAPI, on the simulator backend: VBD.qos_algorithm_type
// and qos_algorithm_params are checked when set, given to xenopsd at start, and
// applied live to a plugged disk; what the backend applies is read from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { XapiClient } from '../src/client/generated.js';
import { startToolstack, type Toolstack } from './support/toolstack.js';
import { failure } from './support/failure.js';
import { makeVm } from './support/vm-builder.js';

async function appliedQos(ts: Toolstack, c: XapiClient, vm: string) {
  const uuid = await c.VM.get_uuid(vm);
  const x = ts.xenopsd;
  const [config] = await x.vbd.stat([uuid, 'xvda']);
  return x.backend.vbd.appliedQos(x.db.vm(uuid), config);
}

test('disk QoS: types and parameters checked when set, applied at start and live', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const { vm, vbd } = await makeVm(c);

  const [field, value] = await failure(c.VBD.set_qos_algorithm_type(vbd, 'cfq'), 'VALUE_NOT_SUPPORTED');
  assert.deepEqual([field, value], ['qos_algorithm_type', 'cfq']);
  assert.equal(await c.VBD.get_qos_algorithm_type(vbd), '', 'a refused type is not recorded');

  await c.VBD.set_qos_algorithm_type(vbd, 'ionice');
  await failure(c.VBD.set_qos_algorithm_params(vbd, { sched: 'fast' }), 'INVALID_VALUE', [
    'qos_algorithm_params:sched',
    'fast',
  ]);
  await failure(c.VBD.set_qos_algorithm_params(vbd, { sched: 'rt', class: '9' }), 'INVALID_VALUE', [
    'qos_algorithm_params:class',
    '9',
  ]);
  await failure(c.VBD.add_to_qos_algorithm_params(vbd, 'weight', '5'), 'INVALID_VALUE', [
    'qos_algorithm_params:weight',
    '5',
  ]);
  await c.VBD.set_qos_algorithm_params(vbd, { sched: 'idle' });
  await failure(c.VBD.add_to_qos_algorithm_params(vbd, 'class', 'high'), 'INVALID_VALUE', [
    'qos_algorithm_params:class',
    'high',
  ]);
  await c.VBD.set_qos_algorithm_params(vbd, { sched: 'real-time', class: 'high' });
  await c.VM.start(vm, false, false);
  assert.deepEqual(await appliedQos(ts, c, vm), ['Ionice', ['RealTime', 'High']]);

  // Throttling, changed live: a refused change leaves both the record and the disk as they were.
  await failure(c.VBD.set_qos_algorithm_type(vbd, 'throttle'), 'INVALID_VALUE', [
    'qos_algorithm_params:sched',
    'real-time',
  ]);
  await c.VBD.set_qos_algorithm_params(vbd, {});
  assert.deepEqual(await appliedQos(ts, c, vm), ['Ionice', ['BestEffort', 'Normal']]);
  await c.VBD.set_qos_algorithm_type(vbd, 'throttle');
  await c.VBD.add_to_qos_algorithm_params(vbd, 'iops', '100');
  await failure(c.VBD.add_to_qos_algorithm_params(vbd, 'iops', '5'), 'MAP_DUPLICATE_KEY', [
    'VBD',
    'qos_algorithm_params',
    vbd,
    'iops',
  ]);
  await failure(c.VBD.add_to_qos_algorithm_params(vbd, 'iops_rd', '50'), 'INVALID_VALUE', [
    'qos_algorithm_params:iops',
    '100',
  ]);
  await failure(c.VBD.add_to_qos_algorithm_params(vbd, 'bps', '1e6'), 'INVALID_VALUE', [
    'qos_algorithm_params:bps',
    '1e6',
  ]);
  await c.VBD.add_to_qos_algorithm_params(vbd, 'bps_wr', '1048576');
  assert.deepEqual(await appliedQos(ts, c, vm), ['Throttle', { iops: 100, bps_wr: 1048576 }]);
  assert.deepEqual(await c.VBD.get_qos_algorithm_params(vbd), { iops: '100', bps_wr: '1048576' });
  await c.VBD.remove_from_qos_algorithm_params(vbd, 'iops');
  assert.deepEqual(await appliedQos(ts, c, vm), ['Throttle', { bps_wr: 1048576 }]);
  await c.VBD.set_qos_algorithm_type(vbd, '');
  assert.equal(await appliedQos(ts, c, vm), undefined);

  // Kept for the next start.
  await c.VBD.set_qos_algorithm_type(vbd, 'throttle');
  await c.VM.hard_shutdown(vm);
  await c.VM.start(vm, false, false);
  assert.deepEqual(await appliedQos(ts, c, vm), ['Throttle', { bps_wr: 1048576 }]);
  await c.VM.hard_shutdown(vm);
});
