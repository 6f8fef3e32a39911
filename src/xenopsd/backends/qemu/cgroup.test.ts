import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CpuCgroups, probeCgroups } from './cgroup.js';

test('without a cpu controller, only the default QoS is accepted, with the reason', async () => {
  const none = new CpuCgroups(
    { kind: 'none', reason: 'no cgroup hierarchy with the cpu controller is mounted' },
    't',
  );
  none.check({ weight: 256, cap: 0 });
  await none.attach('00000000-0000-0000-0000-000000000001', process.pid, { weight: 256, cap: 0 });
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

const here = probeCgroups('sweep-probe');

test(
  'abandoned cgroups (no process, not new) of any instance are swept; busy or new ones stay',
  { skip: here.kind === 'none' && `no cpu cgroup: ${here.reason}` },
  async () => {
    if (here.kind === 'none') return;
    const { mkdirSync, existsSync, rmdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { spawn } = await import('node:child_process');
    const parent = join(here.root, `xapi-ts.sweeptest-${process.pid}`);
    const [idle, busy] = [join(parent, 'vm-idle'), join(parent, 'vm-busy')];
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      for (const d of [parent, idle, busy]) mkdirSync(d);
      writeFileSync(join(busy, 'cgroup.procs'), String(sleeper.pid));
      const cg = new CpuCgroups(here, 'other');
      cg.sweepAbandoned(60_000);
      assert.ok(existsSync(idle), 'a new cgroup is left for its maker to fill');
      cg.sweepAbandoned(0, Date.now() + 1000);
      assert.ok(!existsSync(idle), 'an old empty cgroup is removed');
      assert.ok(existsSync(busy) && existsSync(parent), 'a cgroup with a process stays');
      sleeper.kill('SIGKILL');
      await new Promise((r) => sleeper.once('exit', r));
      for (let i = 0; i < 50 && existsSync(parent); i++) {
        cg.sweepAbandoned(0, Date.now() + 1000);
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(!existsSync(parent), 'the instance directory goes with its last cgroup');
    } finally {
      sleeper.kill('SIGKILL');
      for (const d of [idle, busy, parent]) {
        try {
          rmdirSync(d);
        } catch {
          // removed by the test
        }
      }
    }
  },
);
