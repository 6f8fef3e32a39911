// xapi killed while 50 VMs run, their states changed through xenopsd
// meanwhile, xapi restarted: the database matches reality again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { READY, startDaemon } from './support/daemon.js';
import { socketClient } from './support/xapi-server.js';
import { connectXenops } from '../src/idl/xenops-client.js';
import { VM_ARGS } from './support/vm-args.js';
import { finishTask } from './support/xenops-task.js';

test('a restarted xapi resynchronises 50 VMs from xenopsd', async () => {
  const state = mkdtempSync(join(tmpdir(), 'xapi-ts-resync-'));
  const xsock = join(state, 'xenopsd-t.sock');
  const xapiArgs = [
    'xapi',
    '--state-dir',
    state,
    '--port',
    '0',
    '--https-port',
    'none',
    '--xenops',
    `xenops+unix://${xsock}`,
  ];
  const xenopsd = await startDaemon(['xenopsd', '--name', 't', '--no-switch', '--state-dir', state], {
    ready: READY.xenopsd,
  });
  const xenops = connectXenops(`xenops+unix://${xsock}`);
  try {
    let xapi = await startDaemon(xapiArgs, { ready: READY.xapi, env: { XAPI_TS_ROOT_PASSWORD: 'pw' } });
    const vms: string[] = [];
    try {
      const { c, close } = await socketClient(join(state, 'xapi.sock'));
      for (let i = 0; i < 50; i++) vms.push(await c.VM.create({ ...VM_ARGS, name_label: `vm${i}` }));
      for (let i = 0; i < vms.length; i += 10) {
        await Promise.all(vms.slice(i, i + 10).map((vm) => c.VM.start(vm, false, false)));
      }
      assert.ok((await Promise.all(vms.map((vm) => c.VM.get_power_state(vm)))).every((p) => p === 'Running'));
      close();
    } finally {
      await xapi.stop('SIGKILL');
    }

    // Meanwhile, through xenopsd alone: 10 halted, 10 paused, 30 left running.
    const list = await xenops.client.call('VM.list', { dbg: 'test' });
    const ids = list.map(([vm]) => vm.id).sort();
    assert.equal(ids.length, 50, 'the VMs kept running while xapi was down');
    const wait = (id: string) => finishTask(xenops.client, id);
    await Promise.all(
      ids.slice(0, 10).map(async (id) => wait(await xenops.client.call('VM.shutdown', { dbg: 'test', id }))),
    );
    await Promise.all(
      ids.slice(10, 20).map(async (id) => wait(await xenops.client.call('VM.pause', { dbg: 'test', id }))),
    );

    xapi = await startDaemon(xapiArgs, { ready: READY.xapi });
    try {
      const { c, close } = await socketClient(join(state, 'xapi.sock'));
      const truth = new Map(
        (await xenops.client.call('VM.list', { dbg: 'test' })).map(([vm, st]) => [vm.id, st.power_state]),
      );
      const records = await c.VM.get_all_records();
      let checked = 0;
      for (const rec of Object.values(records)) {
        if (rec.is_a_template || !truth.has(rec.uuid)) continue;
        checked++;
        assert.equal(rec.power_state, truth.get(rec.uuid), `${rec.name_label}`);
        if (rec.power_state === 'Halted') {
          assert.equal(rec.resident_on, 'OpaqueRef:NULL');
          assert.equal(rec.domid, -1);
        } else {
          assert.notEqual(rec.resident_on, 'OpaqueRef:NULL');
        }
      }
      assert.equal(checked, 50);
      const counts = Object.values(records).reduce<Record<string, number>>((acc, r) => {
        // The guests: templates and the host's control domain are not xenopsd's.
        if (!r.is_a_template && !r.is_control_domain) acc[r.power_state] = (acc[r.power_state] ?? 0) + 1;
        return acc;
      }, {});
      assert.deepEqual(counts, { Halted: 10, Paused: 10, Running: 30 });
      close();
    } finally {
      await xapi.stop();
    }
  } finally {
    await xenops.close();
    await xenopsd.stop();
    rmSync(state, { recursive: true, force: true });
  }
});
