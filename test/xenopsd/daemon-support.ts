// Running xenopsd as a child process (so it can be SIGKILLed) and talking to
// it over its direct socket or the switch.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { Client } from '../../src/idl/index.js';
import type { XenopsInterface } from '../../src/idl/xenops.js';
import { connectXenops, socketScheme, type Connection } from '../../src/idl/xenops-client.js';
import { waitFor } from '../switch/harness.js';
import { READY, startDaemon, type Daemon } from '../support/daemon.js';
import { finishTask } from '../support/xenops-task.js';

/** `xapi-ts xenopsd --name <name>` on `stateDir`, ready once it serves; killed when the test ends. */
export function spawnXenopsd(
  t: TestContext,
  stateDir: string,
  name: string,
  args: string[] = [],
): Promise<Daemon> {
  return startDaemon(['xenopsd', '--name', name, '--state-dir', stateDir, ...args], {
    ready: READY.xenopsd,
    t,
  });
}

export function direct(t: TestContext, stateDir: string, name: string): Client<XenopsInterface> {
  const sock = join(stateDir, `xenopsd-${name}.sock`);
  assert.ok(existsSync(sock));
  const c: Connection = connectXenops(socketScheme + sock, { timeoutMs: 60_000 });
  t.after(() => c.close());
  return c.client;
}

/** Wait for a task over RPC, destroy it, and return its final state tag (or error code). */
export async function outcome(c: Client<XenopsInterface>, id: string): Promise<string> {
  const info = await finishTask(c, id, 't');
  return info.state[0] === 'Failed' ? (info.state[1][0] ?? '') : info.state[0];
}

/** Every queue empty and every worker idle. */
export async function quiesce(c: Client<XenopsInterface>): Promise<void> {
  await waitFor(
    async () => {
      const d = JSON.parse(await c.call('get_diagnostics', { dbg: 't' })) as {
        queues: { queues: Record<string, unknown>; workers: { busy: boolean }[] }[];
      };
      return d.queues.every((q) => Object.keys(q.queues).length === 0 && q.workers.every((w) => !w.busy));
    },
    'xenopsd to settle',
    30_000,
  );
}

/** The RPC-visible validity rules (see assertValid in support.ts). */
export async function assertValidRemote(c: Client<XenopsInterface>): Promise<void> {
  for (const [vm, s] of await c.call('VM.list', { dbg: 't' })) {
    const live = s.power_state === 'Running' || s.power_state === 'Paused';
    assert.equal(s.domids.length, live ? 1 : 0, `${vm.id}: ${s.power_state} with domids ${s.domids}`);
    if (live) assert.ok(s.consoles.length > 0, `${vm.id}: live without a device model`);
    const devs = [
      ...(await c.call('VBD.list', { dbg: 't', vm: vm.id })),
      ...(await c.call('VIF.list', { dbg: 't', vm: vm.id })),
    ];
    for (const [cfg, ds] of devs) {
      if (live) assert.equal(ds.active, ds.plugged, `${vm.id}/${cfg.id[1]}`);
      else assert.ok(!ds.active && !ds.plugged, `${vm.id}/${cfg.id[1]} attached to a ${s.power_state} VM`);
    }
  }
}
