// A source xenopsd SIGKILLed in the middle of a live migration, then restarted:
// its recovery leaves exactly one running copy of the VM and nothing of the
// migration on either daemon. Killed while streaming (before the commit), the VM
// runs on at the source and the destination's copy goes; killed after the commit
// was sent (held there by a destination hook), the destination keeps the VM and
// the source domain goes.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { Client } from '../../src/idl/index.js';
import { Xenops, xenopsQueue, type XenopsInterface } from '../../src/idl/xenops.js';
import { startSwitch } from '../../src/switch/daemon.js';
import { SwitchRpc } from '../../src/switch/rpc.js';
import { decodeVbd, decodeVif, decodeVm } from '../../src/xenopsd/decode.js';
import { tempDir, waitFor } from '../switch/harness.js';
import { assertValidRemote, outcome, quiesce, spawnXenopsd } from './daemon-support.js';
import { progressOf, untilTask } from '../support/xenops-task.js';

type Xc = Client<XenopsInterface>;

/** The phase of `vm`'s outgoing migration in a xenopsd's journal (undefined: none). */
function phaseOf(dir: string, host: string, vm: string): string | undefined {
  const path = join(dir, `xenopsd-${host}`, 'migrations.journal');
  if (!existsSync(path)) return undefined;
  let phase: string | undefined;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    try {
      const r = JSON.parse(line) as { vm: string; migration: { phase: string } | null };
      if (r.vm === vm) phase = r.migration?.phase;
    } catch {
      // empty or torn line
    }
  }
  return phase;
}

/** The simulated domain of `vm` in a host's hypervisor journal (its last record). */
function domainOf(dir: string, host: string, vm: string): Record<string, unknown> | null | undefined {
  const path = join(dir, 'simulator', 'domains', `${host}.journal`);
  let d: Record<string, unknown> | null | undefined;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    try {
      const r = JSON.parse(line) as { uuid: string; domain: Record<string, unknown> | null };
      if (r.uuid === vm) d = r.domain;
    } catch {
      // empty or torn line
    }
  }
  return d;
}

async function setup(t: TestContext, dir: string, h2Args: string[] = [], vm: Record<string, unknown> = {}) {
  const sw = await startSwitch({ stateDir: dir, memoryOnly: true });
  t.after(() => sw.close());
  const srcArgs = ['--sim-latency-ms', '1', '--sim-migration-chunk-ms', '40'];
  const h1 = await spawnXenopsd(t, dir, 'h1', srcArgs);
  const dstArgs = ['--sim-latency-ms', '1', ...h2Args];
  const h2 = await spawnXenopsd(t, dir, 'h2', dstArgs);
  const rpc = new SwitchRpc({ socketPath: sw.socketPath });
  t.after(() => rpc.close());
  const client = (h: string): Xc => new Client(Xenops, rpc.transport(xenopsQueue(h)), { timeoutMs: 60_000 });
  const c1 = client('h1');
  const c2 = client('h2');
  await c1.call('VM.add', { dbg: 't', vm: decodeVm({ id: 'mc', vcpu_max: 2, vcpus: 1, ...vm }) });
  await c1.call('VBD.add', { dbg: 't', vbd: decodeVbd({ id: ['mc', 'xvda'], backend: ['VDI', 'sr1/mc'] }) });
  await c1.call('VIF.add', { dbg: 't', vif: decodeVif({ id: ['mc', '0'] }) });
  assert.equal(
    await outcome(c1, await c1.call('VM.start', { dbg: 't', id: 'mc', force: false })),
    'Completed',
  );
  assert.equal(await outcome(c1, await c1.call('VM.unpause', { dbg: 't', id: 'mc' })), 'Completed');
  const migration = await c1.call('VM.migrate', {
    dbg: 't',
    id: 'mc',
    xenops_url: xenopsQueue('h2'),
    vdi_map: {},
    vif_map: {},
    pci_map: {},
  });
  const restart = async (): Promise<void> => {
    await h1.stop('SIGKILL');
    await spawnXenopsd(t, dir, 'h1', srcArgs);
    await quiesce(c1);
  };
  const restartH2 = () => spawnXenopsd(t, dir, 'h2', dstArgs);
  return { c1, c2, restart, h2, restartH2, migration };
}

async function assertClean(dir: string, c: Xc, host: string): Promise<void> {
  const ids = (await c.call('VM.list', { dbg: 't' })).map(([vm]) => vm.id);
  assert.ok(
    ids.every((id) => id === 'mc'),
    `${host}: temporary VMs left: ${ids.join(' ')}`,
  );
  await assertValidRemote(c);
  const diag = JSON.parse(await c.call('get_diagnostics', { dbg: 't' })) as { migrations: unknown[] };
  assert.deepEqual(diag.migrations, [], `${host}: migrations still recorded`);
  assert.equal(phaseOf(dir, host, 'mc'), undefined);
}

test('a source xenopsd killed while streaming resumes the VM and the destination copy goes', async (t) => {
  const dir = tempDir(t, 'xenopsd-migrate-crash-');
  const { c1, c2, restart, migration } = await setup(t, dir);
  await waitFor(() => phaseOf(dir, 'h1', 'mc') === 'send', 'the stream to start', 20_000);
  // Some of the memory has gone: the task's progress moves on from where the stream began.
  const streaming = progressOf(await c1.call('Task.stat', { dbg: 't', id: migration }));
  await untilTask(c1, migration, (i) => progressOf(i) > streaming, 't');
  assert.equal(phaseOf(dir, 'h1', 'mc'), 'send', 'still streaming when killed');
  await restart();
  await quiesce(c2);
  const [, s1] = await c1.call('VM.stat', { dbg: 't', id: 'mc' });
  assert.equal(s1.power_state, 'Running');
  assert.equal(domainOf(dir, 'h1', 'mc')?.['migratingOut'], undefined, 'the source guest runs');
  assert.equal(await c2.call('VM.exists', { dbg: 't', id: 'mc' }), false);
  await assertClean(dir, c1, 'h1');
  await assertClean(dir, c2, 'h2');
  // The VM is manageable again: it migrates to the end this time.
  assert.equal(
    await outcome(
      c1,
      await c1.call('VM.migrate', {
        dbg: 't',
        id: 'mc',
        xenops_url: xenopsQueue('h2'),
        vdi_map: {},
        vif_map: {},
        pci_map: {},
      }),
    ),
    'Completed',
  );
  assert.equal((await c2.call('VM.stat', { dbg: 't', id: 'mc' }))[1].power_state, 'Running');
  assert.equal(await c1.call('VM.exists', { dbg: 't', id: 'mc' }), false);
});

/** A destination hook that holds its commit task (once): the source waits in phase `commit`. */
function holdingHook(t: TestContext, dir: string): { hooks: string; held: string; release: string } {
  const hooks = join(dir, 'hooks-h2');
  mkdirSync(join(hooks, 'vm-post-migrate'), { recursive: true });
  const held = join(dir, 'hook-held');
  const release = join(dir, 'hook-release');
  const script = join(hooks, 'vm-post-migrate', '01-hold');
  writeFileSync(
    script,
    `#!/bin/sh\n[ -e '${held}' ] && exit 0\ntouch '${held}'\nwhile [ -d '${dir}' ] && [ ! -e '${release}' ]; do sleep 0.05; done\n`,
  );
  chmodSync(script, 0o755);
  // (the loop also ends once the test's directory is gone)
  t.after(() => {
    if (existsSync(dir)) writeFileSync(release, '');
  });
  return { hooks, held, release };
}

test('a source xenopsd killed after sending the commit leaves the VM to the destination', async (t) => {
  const dir = tempDir(t, 'xenopsd-migrate-crash-');
  const { hooks, held, release } = holdingHook(t, dir);
  const { c1, c2, restart } = await setup(t, dir, ['--hooks-dir', hooks]);
  await waitFor(() => existsSync(held), 'the destination to commit', 30_000);
  assert.equal(phaseOf(dir, 'h1', 'mc'), 'commit');
  await restart();
  writeFileSync(release, '');
  await quiesce(c2);
  const [, s2] = await c2.call('VM.stat', { dbg: 't', id: 'mc' });
  assert.equal(s2.power_state, 'Running');
  assert.equal(await c1.call('VM.exists', { dbg: 't', id: 'mc' }), false, 'the source domain is gone');
  assert.equal(domainOf(dir, 'h1', 'mc'), null);
  await assertClean(dir, c1, 'h1');
  await assertClean(dir, c2, 'h2');
});

test('a source restarted while the destination is down after the commit holds the VM until it answers', async (t) => {
  const dir = tempDir(t, 'xenopsd-migrate-crash-');
  const { hooks, held, release } = holdingHook(t, dir);
  const { c1, c2, restart, h2, restartH2 } = await setup(t, dir, ['--hooks-dir', hooks]);
  await waitFor(() => existsSync(held), 'the destination to commit', 30_000);
  await h2.stop('SIGKILL');
  writeFileSync(release, '');
  await restart();
  // Held: the source keeps its (stopped) domain and the record, and does not resume it.
  assert.equal(await c1.call('VM.exists', { dbg: 't', id: 'mc' }), true);
  const diag = JSON.parse(await c1.call('get_diagnostics', { dbg: 't' })) as {
    migrations: { vm: string; phase: string; interrupted: boolean }[];
  };
  assert.deepEqual(
    diag.migrations.map((m) => [m.vm, m.phase, m.interrupted]),
    [['mc', 'commit', true]],
  );
  assert.equal(domainOf(dir, 'h1', 'mc')?.['migratingOut'], true, 'the source guest stays stopped');
  // The destination comes back running the VM: the source's next try removes its copy.
  await restartH2();
  await waitFor(
    async () => !(await c1.call('VM.exists', { dbg: 't', id: 'mc' })),
    'the source to finish',
    30_000,
  );
  await quiesce(c1);
  await quiesce(c2);
  assert.equal((await c2.call('VM.stat', { dbg: 't', id: 'mc' }))[1].power_state, 'Running');
  await assertClean(dir, c1, 'h1');
  await assertClean(dir, c2, 'h2');
});

test('a destination killed while receiving never restarts its copy, whatever on_shutdown says', async (t) => {
  const dir = tempDir(t, 'xenopsd-migrate-crash-');
  const { c1, c2, h2, restartH2 } = await setup(t, dir, [], { on_shutdown: ['Start'] });
  await waitFor(() => phaseOf(dir, 'h1', 'mc') === 'send', 'the stream to start', 20_000);
  await h2.stop('SIGKILL');
  // The source's calls to the dead destination time out: it gives up and its guest runs on.
  await waitFor(() => phaseOf(dir, 'h1', 'mc') === undefined, 'the source to give up', 90_000);
  await quiesce(c1);
  assert.equal((await c1.call('VM.stat', { dbg: 't', id: 'mc' }))[1].power_state, 'Running');
  // The restarted destination tears its half-received copy down instead of booting it.
  await restartH2();
  await quiesce(c2);
  if (await c2.call('VM.exists', { dbg: 't', id: 'mc' }))
    assert.equal((await c2.call('VM.stat', { dbg: 't', id: 'mc' }))[1].power_state, 'Halted');
  assert.ok(!domainOf(dir, 'h2', 'mc'), 'no domain of the VM is left at the destination');
});
