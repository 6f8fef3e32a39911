// Snapshot tests of the planner: each operation on a fixed VM renders to a
// golden plan under test/golden/xenopsd-plans/. UPDATE_GOLDEN=1 rewrites them.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodePci, decodeVbd, decodeVif, decodeVm } from './decode.js';
import { leavesOf, weightOf, type Atom, type Operation } from './plan.js';
import { renderPlan } from './plan-text.js';
import { planOperation, type PlanContext } from './planner.js';

const dir = join(import.meta.dirname, '..', '..', 'test', 'golden', 'xenopsd-plans');

const ctx: PlanContext = {
  vm: decodeVm({ id: 'vm1', vcpu_max: 2 }),
  vbds: [
    decodeVbd({ id: ['vm1', 'xvdd'], mode: 'ReadOnly', ty: 'CDROM' }),
    decodeVbd({ id: ['vm1', 'xvda'], backend: ['VDI', 'sr/a'] }),
    decodeVbd({ id: ['vm1', 'xvdb'], backend: ['VDI', 'sr/b'] }),
  ],
  vifs: [decodeVif({ id: ['vm1', '1'], position: 1 }), decodeVif({ id: ['vm1', '0'], position: 0 })],
  pcis: [decodePci({ id: ['vm1', 'nic'], position: 0, address: { domain: 0, bus: 4, dev: 0, fn: 1 } })],
};

const cases: Record<string, Operation> = {
  'vm-start': { op: 'VM_start', id: 'vm1', force: false },
  'vm-hard-shutdown': { op: 'VM_poweroff', id: 'vm1' },
  'vm-clean-shutdown': { op: 'VM_poweroff', id: 'vm1', timeout: 60 },
  'vm-clean-reboot': { op: 'VM_reboot', id: 'vm1', timeout: 60 },
  'vm-suspend': { op: 'VM_suspend', id: 'vm1', disk: ['VDI', 'sr/suspend'] },
  'vm-resume': { op: 'VM_resume', id: 'vm1', disk: ['VDI', 'sr/suspend'] },
  'vm-migrate': {
    op: 'VM_migrate',
    id: 'vm1',
    target: { url: 'xenops:remote', vdiMap: { 'sr/a': 'sr2/a' }, vifMap: {}, pciMap: {} },
  },
  'vm-migrate-local': {
    op: 'VM_migrate',
    id: 'vm1',
    target: { url: 'xenops:self', vdiMap: {}, vifMap: {}, pciMap: {} },
    local: true,
  },
  'vm-receive-memory': { op: 'VM_receive_memory', id: 'vm1', finalId: 'vm0' },
  'vm-receive-complete': { op: 'VM_receive_complete', id: 'vm1', finalId: 'vm0' },
  'vbd-hotplug': { op: 'Device_hotplug', kind: 'VBD', id: ['vm1', 'xvdb'] },
  'vif-hotunplug': { op: 'Device_hotunplug', kind: 'VIF', id: ['vm1', '0'], force: false },
  'vm-snapshot-disks': {
    op: 'VM_snapshot_disks',
    id: 'vm1',
    disks: [
      { vbd: 'xvdb', disk: ['VDI', 'sr/b-overlay'], format: 'qcow2' },
      { vbd: 'xvda', disk: ['Local', '/srv/a-overlay.raw'], format: 'raw' },
    ],
  },
};

for (const [name, op] of Object.entries(cases)) {
  test(`plan of ${name} matches its snapshot`, () => {
    const text = renderPlan(planOperation(op, ctx));
    const file = join(dir, `${name}.plan`);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, text);
    }
    assert.ok(existsSync(file), `missing snapshot ${file} (UPDATE_GOLDEN=1 writes it)`);
    assert.equal(text, readFileSync(file, 'utf8'));
  });
}

test('every snapshot file belongs to a case', () => {
  const names = readdirSync(dir).map((f) => f.replace(/\.plan$/, ''));
  assert.deepEqual(names.sort(), Object.keys(cases).sort());
});

test('planning is pure: the same input gives the same plan, and nothing is wrapped needlessly', () => {
  const op = cases['vm-start'] as Operation;
  assert.deepEqual(planOperation(op, ctx), planOperation(op, ctx));
  const bare = { ...ctx, vbds: [], vifs: [], pcis: [] };
  const plan = planOperation(op, bare);
  assert.ok(
    plan.every((a) => a.op !== 'serial' && a.op !== 'parallel'),
    'no combinator around 0 or 1 atoms',
  );
});

test('between two xenopsds the VM keeps its id on both sides', () => {
  const text = JSON.stringify(planOperation(cases['vm-migrate'] as Operation, ctx));
  assert.ok(!text.includes('migrate-src') && !text.includes('migrate-dst') && !text.includes('VM_rename'));
  const done = planOperation({ op: 'VM_receive_complete', id: 'vm1', finalId: 'vm1' }, ctx);
  assert.ok(done.every((a) => a.op !== 'VM_rename'));
});

test('to the same xenopsd: temporary ids, the source cleaned up under its own after the commit', () => {
  const plan = planOperation(cases['vm-migrate-local'] as Operation, ctx);
  const ops = plan.map((a) => a.op);
  const commit = ops.indexOf('VM_remote_complete');
  assert.ok(ops.indexOf('VM_migrate_send') < commit && ops.indexOf('VM_remote_receive') < commit);
  // after the commit the source takes its temporary id, and every later atom concerns that
  assert.equal(ops[commit + 1], 'VM_rename');
  const after = JSON.stringify(plan.slice(commit + 2));
  assert.ok(!/"vm1"/.test(after), after);
  const total = plan.reduce((s, a) => s + weightOf(a), 0);
  assert.ok(
    weightOf(plan[ops.indexOf('VM_migrate_send')] as Atom) / total > 0.3,
    'the stream dominates progress',
  );
});

test('a live snapshot of one disk is that one switch, unwrapped', () => {
  const plan = planOperation(
    { op: 'VM_snapshot_disks', id: 'vm1', disks: [{ vbd: 'xvda', disk: ['VDI', 'sr/a2'], format: 'qcow2' }] },
    ctx,
  );
  assert.deepEqual(plan, [
    { op: 'VBD_snapshot', id: ['vm1', 'xvda'], disk: ['VDI', 'sr/a2'], format: 'qcow2' },
  ]);
});

test('weights: save and restore dominate the progress bar', () => {
  const suspend = planOperation(cases['vm-suspend'] as Operation, ctx);
  const total = suspend.reduce((s, a) => s + weightOf(a), 0);
  const leaves = suspend.reduce((s, a) => s + leavesOf(a), 0);
  assert.equal(total, leaves - 1 + 10);
});
