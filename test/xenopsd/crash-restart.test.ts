// SIGKILL during 100 concurrent operations, then restart: every VM is found
// in a valid state, none is lost, and a VM of another instance on the same
// host is untouched (do no harm).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeVbd, decodeVif, decodeVm } from '../../src/xenopsd/decode.js';
import { tempDir, waitFor } from '../switch/harness.js';
import { assertValidRemote, direct, outcome, quiesce, spawnXenopsd } from './daemon-support.js';

test('a xenopsd killed during 100 operations recovers every VM and leaves other instances alone', async (t) => {
  const dir = tempDir(t, 'xenopsd-crash-');
  const latency = ['--no-switch', '--sim-latency-ms', '5'];
  await spawnXenopsd(t, dir, 'other', latency);
  const other = direct(t, dir, 'other');
  await other.call('VM.add', { dbg: 't', vm: decodeVm({ id: 'bystander' }) });
  await other.call('VBD.add', {
    dbg: 't',
    vbd: decodeVbd({ id: ['bystander', 'xvda'], backend: ['VDI', 'sr/b'] }),
  });
  assert.equal(
    await outcome(other, await other.call('VM.start', { dbg: 't', id: 'bystander', force: false })),
    'Completed',
  );
  assert.equal(
    await outcome(other, await other.call('VM.unpause', { dbg: 't', id: 'bystander' })),
    'Completed',
  );
  const [, bystanderBefore] = await other.call('VM.stat', { dbg: 't', id: 'bystander' });

  const victim = await spawnXenopsd(t, dir, 'victim', latency);
  let c = direct(t, dir, 'victim');
  const ids = Array.from({ length: 100 }, (_, i) => `vm-${String(i).padStart(3, '0')}`);
  for (const id of ids) {
    await c.call('VM.add', { dbg: 't', vm: decodeVm({ id }) });
    await c.call('VBD.add', { dbg: 't', vbd: decodeVbd({ id: [id, 'xvda'], backend: ['VDI', `sr/${id}`] }) });
    await c.call('VIF.add', { dbg: 't', vif: decodeVif({ id: [id, '0'] }) });
  }
  // Half of them running, so that the 100 operations are a mix of starts, shutdowns, reboots and suspends.
  await Promise.all(
    ids.slice(0, 50).map(async (id) => {
      assert.equal(await outcome(c, await c.call('VM.start', { dbg: 't', id, force: false })), 'Completed');
      assert.equal(await outcome(c, await c.call('VM.unpause', { dbg: 't', id })), 'Completed');
    }),
  );
  await Promise.all(
    ids.map((id, i) => {
      if (i >= 50) return c.call('VM.start', { dbg: 'crash', id, force: false });
      if (i % 3 === 0) return c.call('VM.shutdown', { dbg: 'crash', id });
      if (i % 3 === 1) return c.call('VM.reboot', { dbg: 'crash', id });
      return c.call('VM.suspend', { dbg: 'crash', id, disk: ['VDI', `sr/suspend-${id}`] });
    }),
  );
  // Kill it as soon as work is visibly half-done: some domains carry the marker of an unfinished operation.
  // The simulated hypervisor's journal: the last record of each domain is its state.
  const journal = join(dir, 'simulator', 'domains', 'victim.journal');
  const unfinished = (): string[] => {
    const last = new Map<string, Record<string, unknown> | null>();
    for (const line of readFileSync(journal, 'utf8').split('\n')) {
      try {
        const r = JSON.parse(line) as { uuid: string; domain: Record<string, unknown> | null };
        last.set(r.uuid, r.domain);
      } catch {
        // an empty or torn line
      }
    }
    return [...last]
      .filter(([, d]) => d && (d['actionRequest'] !== undefined || d['shutdown'] !== undefined))
      .map(([uuid]) => uuid);
  };
  await waitFor(() => unfinished().length >= 10, 'operations to be under way', 10_000);
  await victim.stop('SIGKILL');
  assert.ok(unfinished().length > 0);

  await spawnXenopsd(t, dir, 'victim', latency);
  c = direct(t, dir, 'victim');
  await quiesce(c);
  const vms = await c.call('VM.list', { dbg: 't' });
  assert.deepEqual(vms.map(([vm]) => vm.id).sort(), ids, 'no VM lost');
  await assertValidRemote(c);
  // The hypervisor holds no half-finished work for them either.
  assert.deepEqual(unfinished(), []);
  // Everything still works after the recovery.
  for (const [vm, s] of await c.call('VM.list', { dbg: 't' })) {
    if (s.power_state === 'Halted')
      assert.equal(
        await outcome(c, await c.call('VM.start', { dbg: 't', id: vm.id, force: false })),
        'Completed',
      );
  }
  const [, bystanderAfter] = await other.call('VM.stat', { dbg: 't', id: 'bystander' });
  assert.equal(bystanderAfter.power_state, 'Running');
  assert.deepEqual(bystanderAfter.domids, bystanderBefore.domids);
  assert.equal(bystanderAfter.last_start_time, bystanderBefore.last_start_time);
  assert.equal(await c.call('VM.exists', { dbg: 't', id: 'bystander' }), false);
});
