import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planPbds } from './pbd-plan.js';

const dc = { location: '/srv/shared' };

test('a shared SR gets a PBD on every host, with the same device_config', () => {
  assert.deepEqual(planPbds({ shared: true, deviceConfig: dc }, { hosts: ['a', 'b', 'c'], existing: [] }), [
    { host: 'a', device_config: dc },
    { host: 'b', device_config: dc },
    { host: 'c', device_config: dc },
  ]);
});

test('a host joining a pool gets the PBDs it lacks, and a host with one gets none', () => {
  const sr = { shared: true, deviceConfig: dc };
  assert.deepEqual(planPbds(sr, { hosts: ['a', 'b', 'c'], existing: ['a', 'b'] }), [
    { host: 'c', device_config: dc },
  ]);
  assert.deepEqual(planPbds(sr, { hosts: ['a', 'b'], existing: ['b', 'a'] }), []);
  // A host named twice is planned once.
  assert.deepEqual(planPbds(sr, { hosts: ['c', 'c'], existing: [] }), [{ host: 'c', device_config: dc }]);
});

test('a local SR has one PBD, on its creator only, and no host joining adds one', () => {
  const sr = { shared: false, deviceConfig: dc };
  assert.deepEqual(planPbds(sr, { hosts: ['a', 'b'], existing: [], creator: 'b' }), [
    { host: 'b', device_config: dc },
  ]);
  assert.deepEqual(planPbds(sr, { hosts: ['a', 'b', 'c'], existing: ['b'] }), []);
  assert.deepEqual(planPbds(sr, { hosts: ['a', 'b'], existing: ['b'], creator: 'b' }), []);
});

test('a standalone host creating a shared SR gets its one PBD', () => {
  assert.deepEqual(
    planPbds({ shared: true, deviceConfig: dc }, { hosts: ['a'], existing: [], creator: 'a' }),
    [{ host: 'a', device_config: dc }],
  );
});

test('planned device_configs are copies', () => {
  const [p] = planPbds({ shared: true, deviceConfig: dc }, { hosts: ['a'], existing: [] });
  assert.ok(p);
  assert.notEqual(p.device_config, dc);
});
