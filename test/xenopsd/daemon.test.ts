// xenopsd as a daemon: the xenops interface on its direct socket and on its
// switch queue, concurrent lifecycles through the switch, and the CLI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { Client } from '../../src/idl/index.js';
import { Xenops, xenopsQueue } from '../../src/idl/xenops.js';
import { startSwitch } from '../../src/switch/daemon.js';
import { SwitchRpc } from '../../src/switch/rpc.js';
import { decodeVbd, decodeVif, decodeVm } from '../../src/xenopsd/decode.js';
import { VmC } from '../../src/xenopsd/types.js';
import { bin, tempDir } from '../switch/harness.js';
import { assertValidRemote, direct, outcome, spawnXenopsd } from './daemon-support.js';

test('the direct socket serves the xenops interface with typed errors', async (t) => {
  const dir = tempDir(t, 'xenopsd-daemon-');
  await spawnXenopsd(t, dir, 'd1', ['--no-switch']);
  const c = direct(t, dir, 'd1');
  assert.equal((await c.call('query', { dbg: 't' })).name, 'xenops');
  assert.equal(await c.call('VM.add', { dbg: 't', vm: decodeVm({ id: 'vm1' }) }), 'vm1');
  await c.call('VBD.add', { dbg: 't', vbd: decodeVbd({ id: ['vm1', 'xvda'], backend: ['VDI', 'sr/a'] }) });
  assert.equal(
    await outcome(c, await c.call('VM.start', { dbg: 't', id: 'vm1', force: false })),
    'Completed',
  );
  assert.equal(
    await outcome(c, await c.call('VM.start', { dbg: 't', id: 'vm1', force: false })),
    'XENOPS_BAD_POWER_STATE',
  );
  await assert.rejects(c.call('VM.stat', { dbg: 't', id: 'ghost' }), {
    code: 'XENOPS_DOES_NOT_EXIST',
    params: { kind: 'VM', id: 'ghost' },
  });
  await assert.rejects(
    c.call('VM.add', { dbg: 't', vm: VmC.decode({ id: 'bad', vcpus: 4, vcpu_max: 2 }, 'vm') }),
    { code: 'XENOPS_INVALID_VCPUS' },
  );
  const [vm, state] = await c.call('VM.stat', { dbg: 't', id: 'vm1' });
  assert.equal(vm.name, 'unnamed');
  assert.equal(state.power_state, 'Paused');
  await assertValidRemote(c);
  const cli = spawnSync(process.execPath, [bin, 'xenops', '--state-dir', dir, '--name', 'd1', 'list'], {
    encoding: 'utf8',
  });
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, /^vm1\s+Paused/m);
  const sd = spawnSync(
    process.execPath,
    [bin, 'xenops', '--state-dir', dir, '--name', 'd1', 'shutdown', 'vm1'],
    { encoding: 'utf8' },
  );
  assert.equal(sd.status, 0, sd.stderr);
  assert.equal((await c.call('VM.stat', { dbg: 't', id: 'vm1' }))[1].power_state, 'Halted');
  const bad = spawnSync(
    process.execPath,
    [bin, 'xenops', '--state-dir', dir, '--name', 'd1', 'shutdown', 'vm1'],
    { encoding: 'utf8' },
  );
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /XENOPS_BAD_POWER_STATE/);
});

test('50 VMs started and shut down concurrently through the switch, with no failure', async (t) => {
  const dir = tempDir(t, 'xenopsd-switch-');
  const sw = await startSwitch({ stateDir: dir, memoryOnly: true });
  t.after(() => sw.close());
  await spawnXenopsd(t, dir, 'sim');
  const rpc = new SwitchRpc({ socketPath: sw.socketPath });
  t.after(() => rpc.close());
  const c = new Client(Xenops, rpc.transport(xenopsQueue('sim')), { timeoutMs: 60_000 });
  const ids = Array.from({ length: 50 }, (_, i) => `vm-${i}`);
  await Promise.all(
    ids.map(async (id) => {
      await c.call('VM.add', { dbg: 't', vm: decodeVm({ id }) });
      await c.call('VIF.add', { dbg: 't', vif: decodeVif({ id: [id, '0'] }) });
    }),
  );
  const results = await Promise.all(
    ids.map(async (id) => [
      await outcome(c, await c.call('VM.start', { dbg: id, id, force: false })),
      await outcome(c, await c.call('VM.unpause', { dbg: id, id })),
      await outcome(c, await c.call('VM.shutdown', { dbg: id, id })),
    ]),
  );
  assert.deepEqual(new Set(results.flat()), new Set(['Completed']));
  for (const [, s] of await c.call('VM.list', { dbg: 't' })) assert.equal(s.power_state, 'Halted');
  await assertValidRemote(c);
});

test('a VM migrates between two xenopsd daemons over their direct sockets', async (t) => {
  const dir = tempDir(t, 'xenopsd-migrate-');
  await spawnXenopsd(t, dir, 'src', ['--no-switch']);
  await spawnXenopsd(t, dir, 'dst', ['--no-switch']);
  const a = direct(t, dir, 'src');
  const b = direct(t, dir, 'dst');
  await a.call('VM.add', { dbg: 't', vm: decodeVm({ id: 'mig', vcpu_max: 2, vcpus: 1 }) });
  await a.call('VBD.add', {
    dbg: 't',
    vbd: decodeVbd({ id: ['mig', 'xvda'], backend: ['VDI', 'sr1/disk'] }),
  });
  await a.call('VIF.add', { dbg: 't', vif: decodeVif({ id: ['mig', '0'] }) });
  assert.equal(
    await outcome(a, await a.call('VM.start', { dbg: 't', id: 'mig', force: false })),
    'Completed',
  );
  assert.equal(await outcome(a, await a.call('VM.unpause', { dbg: 't', id: 'mig' })), 'Completed');
  assert.equal(await outcome(a, await a.call('VM.set_vcpus', { dbg: 't', id: 'mig', n: 2 })), 'Completed');
  const url = `xenops+unix://${join(dir, 'xenopsd-dst.sock')}`;
  const task = await a.call('VM.migrate', {
    dbg: 't',
    id: 'mig',
    xenops_url: url,
    vdi_map: { 'sr1/disk': 'sr2/disk' },
    vif_map: { '0': 'xenbr1' },
    pci_map: {},
  });
  assert.equal(await outcome(a, task), 'Completed');
  assert.equal(await a.call('VM.exists', { dbg: 't', id: 'mig' }), false);
  const [, state] = await b.call('VM.stat', { dbg: 't', id: 'mig' });
  assert.equal(state.power_state, 'Running');
  assert.equal(state.vcpu_target, 2, 'the guest state travelled');
  const [vbd] = (await b.call('VBD.list', { dbg: 't', vm: 'mig' }))[0] ?? [];
  assert.deepEqual(vbd?.backend, ['VDI', 'sr2/disk']);
  const [vif] = (await b.call('VIF.list', { dbg: 't', vm: 'mig' }))[0] ?? [];
  assert.deepEqual(vif?.backend, ['Local', 'xenbr1']);
  await assertValidRemote(a);
  await assertValidRemote(b);
  // Migrating to nowhere fails cleanly and leaves the VM running where it was.
  const bad = await b.call('VM.migrate', {
    dbg: 't',
    id: 'mig',
    xenops_url: 'xenops+unix:///nonexistent.sock',
    vdi_map: {},
    vif_map: {},
    pci_map: {},
  });
  assert.equal(await outcome(b, bad), 'XENOPS_FAILED_TO_CONTACT_REMOTE_SERVICE');
  assert.equal((await b.call('VM.stat', { dbg: 't', id: 'mig' }))[1].power_state, 'Running');
});
