import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cgroupFiles,
  DEFAULT_QOS,
  findCpuController,
  isDefaultQos,
  parseMountinfo,
  qosOf,
} from './cgroup-plan.js';

// Lines as on this kind of host: a v1 hybrid whose unified hierarchy has no controllers.
const hybrid = [
  '30 25 0:26 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime - cgroup2 cgroup2 rw',
  '31 25 0:27 / /sys/fs/cgroup/cpu rw,nosuid,nodev,noexec,relatime - cgroup cgroup rw,cpu',
  '32 25 0:28 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime - cgroup cgroup rw,memory',
].join('\n');
const unified = '29 23 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate';
const combined = '31 25 0:27 / /sys/fs/cgroup/cpu\\040acct rw - cgroup cgroup rw,cpu,cpuacct';

test('the cpu controller is found in the unified hierarchy first, else in v1', () => {
  assert.deepEqual(
    findCpuController(unified, () => 'cpuset cpu io memory pids'),
    { kind: 'v2', root: '/sys/fs/cgroup' },
  );
  assert.deepEqual(
    findCpuController(hybrid, () => ''),
    { kind: 'v1', root: '/sys/fs/cgroup/cpu' },
  );
  assert.deepEqual(
    findCpuController(combined, () => undefined),
    { kind: 'v1', root: '/sys/fs/cgroup/cpu acct' },
  );
  const none = findCpuController(unified, () => 'memory pids');
  assert.equal(none.kind, 'none');
  assert.equal(findCpuController('', () => undefined).kind, 'none');
  assert.equal(parseMountinfo('garbage\n\n').length, 0);
});

test('cap is a percentage of one CPU per 100 ms period; weight 256 is the default share', () => {
  assert.deepEqual(cgroupFiles('v1', { weight: 256, cap: 25 }), [
    ['cpu.cfs_period_us', '100000'],
    ['cpu.cfs_quota_us', '25000'],
    ['cpu.shares', '1024'],
  ]);
  assert.deepEqual(cgroupFiles('v1', { weight: 512, cap: 0 }), [
    ['cpu.cfs_period_us', '100000'],
    ['cpu.cfs_quota_us', '-1'],
    ['cpu.shares', '2048'],
  ]);
  assert.deepEqual(cgroupFiles('v2', { weight: 256, cap: 150 }), [
    ['cpu.max', '150000 100000'],
    ['cpu.weight', '100'],
  ]);
  assert.deepEqual(cgroupFiles('v2', { weight: 65535, cap: 0 }), [
    ['cpu.max', 'max 100000'],
    ['cpu.weight', '10000'],
  ]);
  assert.deepEqual(cgroupFiles('v2', { weight: 1, cap: 0 })[1], ['cpu.weight', '1']);
  assert.deepEqual(cgroupFiles('v1', { weight: 1, cap: 0 })[2], ['cpu.shares', '4']);
});

test('xenops priorities are checked', () => {
  assert.deepEqual(qosOf(undefined), DEFAULT_QOS);
  assert.ok(isDefaultQos(qosOf([256, 0])));
  assert.deepEqual(qosOf([100, 50]), { weight: 100, cap: 50 });
  for (const bad of [
    [0, 0],
    [70000, 0],
    [256, -1],
    [256, 1.5],
  ] as [number, number][]) {
    assert.throws(() => qosOf(bad), { code: 'INVALID_VALUE' });
  }
});
