// Shared helpers for xenopsd tests: temporary servers, VM builders, task
// waiting and the "is the system valid?" check used after every cancellation.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from '../../src/xenopsd/backends/api.js';
import { createSimulator, type SimulatorOptions } from '../../src/xenopsd/backends/simulator/simulator.js';
import { Xenopsd, type XenopsdOptions } from '../../src/xenopsd/server.js';
import type { TaskInfo, Vm, VmState } from '../../src/xenopsd/types.js';

export function tempDir(prefix = 'xenopsd-test-'): { dir: string; [Symbol.dispose](): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startXenopsd(
  stateDir: string,
  opts: Partial<XenopsdOptions> & { sim?: SimulatorOptions; backend?: Backend } = {},
): Promise<Xenopsd> {
  const x = new Xenopsd({
    name: opts.name ?? 'test',
    backend: opts.backend ?? createSimulator(opts.sim),
    stateDir,
    workerPoolSize: opts.workerPoolSize,
    hooks: opts.hooks,
    remote: opts.remote,
  });
  await x.start();
  await x.idle();
  return x;
}

export function vmConfig(id: string, extra: Partial<Vm> = {}): Record<string, unknown> {
  return { id, name: `vm ${id}`, memory_static_max: 512 * 2 ** 20, vcpu_max: 2, vcpus: 1, ...extra };
}

/** Add a VM with one RW disk, one RO CD and one NIC. */
export function addVmWithDevices(x: Xenopsd, id: string, extra: Partial<Vm> = {}): void {
  x.vm.add(vmConfig(id, extra));
  x.vbd.add({ id: [id, 'xvda'], backend: ['VDI', `sr1/${id}-disk`], mode: 'ReadWrite', ty: 'Disk' });
  x.vbd.add({ id: [id, 'xvdd'], mode: 'ReadOnly', ty: 'CDROM' });
  x.vif.add({ id: [id, '0'], position: 0, backend: ['Local', 'xenbr0'], mac: '' });
}

/** Wait for a task, destroy it, and return its final record. */
export async function finish(x: Xenopsd, taskId: string): Promise<TaskInfo> {
  const t = x.tasks.get(taskId);
  await t.done;
  const info = t.info();
  x.tasks.destroy(taskId);
  return info;
}

export async function ok(x: Xenopsd, taskId: string): Promise<TaskInfo> {
  const info = await finish(x, taskId);
  assert.equal(info.state[0], 'Completed', `task ${taskId} ${JSON.stringify(info.state)}`);
  return info;
}

export async function failsWith(x: Xenopsd, taskId: string, code: string): Promise<readonly string[]> {
  const info = await finish(x, taskId);
  assert.equal(info.state[0], 'Failed', `expected ${code}, got ${JSON.stringify(info.state)}`);
  const wire = info.state[1] as readonly string[];
  assert.equal(wire[0], code);
  return wire;
}

export async function startRunning(x: Xenopsd, id: string): Promise<void> {
  await ok(x, x.vm.start('t', id));
  await ok(x, x.vm.unpause('t', id));
}

/**
 * The system is valid: every VM is in one of the four power states and its
 * domain matches it; devices of a dead VM are neither plugged nor active;
 * devices of a live VM are active exactly when plugged; no task is pending.
 */
export async function assertValid(x: Xenopsd): Promise<void> {
  await x.idle();
  for (const [vm, state] of await x.vm.list()) {
    const live = state.power_state === 'Running' || state.power_state === 'Paused';
    const request = await x.backend.vm.getDomainActionRequest(vm);
    assert.equal(request, undefined, `${vm.id}: pending action request ${request}`);
    if (live) assert.equal(state.domids.length, 1, `${vm.id}: live without a domain`);
    else assert.equal(state.domids.length, 0, `${vm.id}: ${state.power_state} with a domain`);
    if (live) assert.ok(state.consoles.length > 0, `${vm.id}: live VM without a device model`);
    for (const [cfg, s] of [...(await x.vbd.list(vm.id)), ...(await x.vif.list(vm.id))]) {
      const where = `${vm.id}/${cfg.id[1]}`;
      if (!live) assert.ok(!s.plugged && !s.active, `${where}: attached to a ${state.power_state} VM`);
      else assert.equal(s.active, s.plugged, `${where}: active=${s.active} plugged=${s.plugged}`);
    }
  }
  const pending = x.tasks.list().filter((t) => !t.finished);
  assert.deepEqual(
    pending.map((t) => t.id),
    [],
    'tasks left pending',
  );
}

/**
 * Resolves with the state of VM `id` once `holds` is true of it, looked at again only
 * when xenopsd's UPDATES announce a change (the in-process long poll, no polling loop).
 */
export async function untilVmState(
  x: Xenopsd,
  id: string,
  holds: (s: VmState) => boolean,
  what: string,
  timeoutMs = 120_000,
): Promise<VmState> {
  const deadline = Date.now() + timeoutMs;
  let from = x.updates.lastId();
  for (;;) {
    const [, state] = await x.vm.stat(id);
    if (holds(state)) return state;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    from = (await x.updates.get(from, Math.min(10, left / 1000))).next;
  }
}
