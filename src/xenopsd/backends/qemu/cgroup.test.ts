import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CpuCgroups, probeCgroups } from './cgroup.js';

test('without a cpu controller, only the default QoS is accepted, with the reason', () => {
  const none = new CpuCgroups(
    { kind: 'none', reason: 'no cgroup hierarchy with the cpu controller is mounted' },
    't',
  );
  none.check({ weight: 256, cap: 0 });
  none.attach('00000000-0000-0000-0000-000000000001', process.pid, { weight: 256, cap: 0 });
  assert.throws(
    () => none.check({ weight: 256, cap: 50 }),
    (e: { code: string; params: string[] }) => {
      assert.equal(e.code, 'VALUE_NOT_SUPPORTED');
      assert.deepEqual(e.params.slice(0, 2), ['VCPUs_params:cap', '50']);
      return true;
    },
  );
  assert.throws(() => none.update('x', { weight: 512, cap: 0 }), { code: 'VALUE_NOT_SUPPORTED' });
  assert.match(none.describe(), /^none \(no cgroup hierarchy/);
  assert.equal(none.dirOf('x'), undefined);
});

test('a host without cgroup mounts is probed as having none', () => {
  assert.equal(probeCgroups('t', '').kind, 'none');
  const bogus = '31 25 0:27 / /nonexistent/cpu rw - cgroup cgroup rw,cpu';
  const m = probeCgroups('t', bogus);
  assert.equal(m.kind, 'none');
  assert.match(m.kind === 'none' ? m.reason : '', /cannot make a cgroup/);
});
