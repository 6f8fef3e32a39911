// Live migration conformance, run by every backend that declares it: the backend
// contract directly (two backend instances on one host), then through xenopsd —
// between two instances, and from an instance to itself (same host, temporary
// ids) — including cancellation before the point of no return.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Backend, BackendInitContext, MigrationStats } from '../../src/xenopsd/backends/api.js';
import { decodeVbd, decodeVif, decodeVm } from '../../src/xenopsd/decode.js';
import { migrationIds } from '../../src/xenopsd/migration-ids.js';
import { localRemote } from '../../src/xenopsd/remote-local.js';
import type { XenopsRemote } from '../../src/xenopsd/remote.js';
import { Xenopsd } from '../../src/xenopsd/server.js';
import type { Vm } from '../../src/xenopsd/types.js';
import { handle } from './backend.suite.js';

type It = (name: string, f: (e: { dir: string }) => Promise<void>) => void;

const MiB = 2 ** 20;

async function open(
  make: () => Backend,
  dir: string,
  instance: string,
  managed: Set<string>,
): Promise<Backend> {
  const b = make();
  const ctx: BackendInitContext = {
    stateDir: join(dir, `xenopsd-${instance}`),
    hostDir: dir,
    instance,
    isManaged: (id) => managed.has(id),
  };
  await b.init(ctx);
  return b;
}

/** A disk image with a recognisable pattern in its first MiB. */
function image(path: string, fill: number): void {
  writeFileSync(path, Buffer.alloc(4 * MiB, fill));
}

async function finish(x: Xenopsd, id: string): Promise<{ state: string; result: unknown }> {
  const t = x.tasks.get(id);
  await t.done;
  x.tasks.destroy(id);
  const [tag, payload] = t.state;
  if (tag === 'Failed') return { state: (payload as string[])[0] ?? '', result: payload };
  return { state: tag, result: tag === 'Completed' ? (payload as { result?: unknown }).result : undefined };
}

async function ok(x: Xenopsd, id: string): Promise<unknown> {
  const r = await finish(x, id);
  assert.equal(r.state, 'Completed', JSON.stringify(r.result));
  return r.result;
}

function assertStats(v: unknown): void {
  const s = v as MigrationStats;
  assert.ok(s && s.total_ms >= 0 && s.downtime_ms >= 0 && s.downtime_ms <= s.total_ms + 1, JSON.stringify(v));
}

export function runMigrationConformance(make: () => Backend, it: It): void {
  const vm = (id: string): Vm =>
    decodeVm({ id, memory_static_max: 256 * MiB, memory_dynamic_max: 256 * MiB, vcpu_max: 2, vcpus: 1 });

  it('migration: a running guest moves between two backends, its moving disk with it', async ({ dir }) => {
    const managed = new Set<string>();
    const a = await open(make, dir, 'a', managed);
    const b = await open(make, dir, 'b', managed);
    try {
      const src = vm('mg1');
      const ids = migrationIds(src.id);
      const tmp = { ...src, id: ids.dst };
      managed.add(src.id).add(tmp.id);
      image(join(dir, 'moving-src.img'), 0xab);
      image(join(dir, 'shared.img'), 0xcd);
      const moving = (id: string, path: string) =>
        decodeVbd({ id: [id, 'xvda'], backend: ['Local', path], mode: 'ReadWrite' });
      const shared = (id: string) =>
        decodeVbd({ id: [id, 'xvdb'], backend: ['Local', join(dir, 'shared.img')], mode: 'ReadWrite' });
      const t = handle();
      await a.vm.create(t, src, undefined);
      await a.vm.build(t, src, false);
      await a.vm.createDeviceModel(t, src, false);
      await a.vbd.plug(t, src, moving(src.id, join(dir, 'moving-src.img')));
      await a.vbd.plug(t, src, shared(src.id));
      await a.vif.plug(t, src, decodeVif({ id: [src.id, '0'], position: 0 }));
      await a.vm.unpause(t, src);
      // the receiver: the source's description, a domain with the destination's devices
      await b.vm.setInternalState(tmp, await a.vm.getInternalState(src));
      await b.vm.create(t, tmp, undefined);
      await b.vbd.plug(t, tmp, moving(tmp.id, join(dir, 'moving-dst.img')));
      await b.vbd.plug(t, tmp, shared(tmp.id));
      await b.vif.plug(t, tmp, decodeVif({ id: [tmp.id, '0'], position: 0 }));
      const endpoint = await b.migration.prepareIncoming(t, tmp, '127.0.0.1');
      assert.match(endpoint.uri, /^tcp:127\.0\.0\.1:\d+$/);
      assert.deepEqual(
        endpoint.disks.map((d) => d.name),
        ['xvda'],
        'only the disk whose image differs moves',
      );
      const send = handle();
      const stats = await a.migration.send(send, src, endpoint);
      assertStats(stats);
      assert.equal(stats.disks_copied, 1);
      assert.ok(send.progressSeen.length > 0);
      assert.equal((await a.vm.getState(src)).power_state, 'Running', 'reported running until it goes');
      await b.migration.awaitIncoming(t, tmp, 60);
      await b.vm.unpause(t, tmp);
      await a.vm.destroy(t, src);
      b.migration.rename(tmp.id, src.id);
      const s = await b.vm.getState(src);
      assert.equal(s.power_state, 'Running');
      assert.equal((await b.vbd.getState(src, shared(src.id))).plugged, true);
      assert.equal((await b.vm.getState(tmp)).power_state, 'Halted');
      assert.equal(
        readFileSync(join(dir, 'moving-dst.img'))
          .subarray(0, MiB)
          .every((x) => x === 0xab),
        true,
      );
      await b.vm.destroy(t, src);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('migration: a cancelled send leaves the source guest running', async ({ dir }) => {
    const managed = new Set<string>();
    const a = await open(make, dir, 'a', managed);
    const b = await open(make, dir, 'b', managed);
    try {
      const src = vm('mg2');
      const tmp = { ...src, id: migrationIds(src.id).dst };
      managed.add(src.id).add(tmp.id);
      const t = handle();
      await a.vm.create(t, src, undefined);
      await a.vm.build(t, src, false);
      await a.vm.createDeviceModel(t, src, false);
      await a.vm.unpause(t, src);
      await b.vm.setInternalState(tmp, await a.vm.getInternalState(src));
      await b.vm.create(t, tmp, undefined);
      const endpoint = await b.migration.prepareIncoming(t, tmp, '127.0.0.1');
      const c = new AbortController();
      const send = handle(c);
      send.progress = () => c.abort();
      await assert.rejects(a.migration.send(send, src, endpoint), { code: 'XENOPS_CANCELLED' });
      await b.vm.destroy(t, tmp);
      await a.migration.abortOutgoing(t, src);
      assert.equal((await a.vm.getState(src)).power_state, 'Running');
      await a.vm.pause(t, src);
      await a.vm.unpause(t, src);
    } finally {
      await a.close();
      await b.close();
    }
  });

  // Where a VDI's image lies: the QEMU backend's VDI directory, or the simulator's.
  const vdiPaths = (dir: string, location: string): string[] => [
    join(dir, 'vdi', ...location.split('/')),
    join(dir, 'simulator', 'vdis', ...location.split('/')),
  ];
  const addVm = (x: Xenopsd, id: string, dir: string): void => {
    x.vm.add({ id, memory_static_max: 256 * MiB, memory_dynamic_max: 256 * MiB, vcpu_max: 2, vcpus: 1 });
    x.vbd.add({ id: [id, 'xvda'], backend: ['VDI', `sr1/${id}`], mode: 'ReadWrite' });
    x.vif.add({ id: [id, '0'], position: 0 });
    for (const p of vdiPaths(dir, `sr1/${id}`)) {
      mkdirSync(dirname(p), { recursive: true });
      image(p, 0x11);
    }
  };
  const running = async (x: Xenopsd, id: string) => (await x.vm.stat(id))[1].power_state;
  const migrate = (from: Xenopsd, id: string, url: string, vdiMap: Record<string, string> = {}) =>
    from.vm.migrate(`migrate ${id}`, id, { url, vdiMap, vifMap: {}, pciMap: {} });

  it('xenopsd: a VM migrates to another xenopsd and back, with its disk moving the second time', async ({
    dir,
  }) => {
    const a = new Xenopsd({ name: 'ma', backend: make(), stateDir: dir, remote: async () => localRemote(b) });
    const b: Xenopsd = new Xenopsd({
      name: 'mb',
      backend: make(),
      stateDir: dir,
      remote: async () => localRemote(a),
    });
    await a.start();
    await b.start();
    try {
      addVm(a, 'xm1', dir);
      await ok(a, a.vm.start('t', 'xm1'));
      await ok(a, a.vm.unpause('t', 'xm1'));
      const domid = (await a.vm.stat('xm1'))[1].domids[0];
      assertStats(await ok(a, migrate(a, 'xm1', 'to-b')));
      assert.equal(a.vm.exists('xm1'), false);
      assert.equal(await running(b, 'xm1'), 'Running');
      assert.notDeepEqual((await b.vm.stat('xm1'))[1].domids, [domid]);
      assert.equal(b.vm.exists(migrationIds('xm1').dst), false);
      assertStats(await ok(b, migrate(b, 'xm1', 'to-a', { 'sr1/xm1': 'sr2/xm1' })));
      assert.equal(await running(a, 'xm1'), 'Running');
      const [vbd] = (await a.vbd.list('xm1')).map(([c]) => c);
      assert.deepEqual(vbd?.backend, ['VDI', 'sr2/xm1']);
      const moved = vdiPaths(dir, 'sr2/xm1').filter((p) => existsSync(p));
      assert.equal(moved.length, 1, 'the disk was copied to its new image');
      assert.ok(
        readFileSync(moved[0] as string)
          .subarray(0, MiB)
          .every((x) => x === 0x11),
      );
      assert.equal(b.vm.exists('xm1'), false);
      await ok(a, a.vm.shutdown('t', 'xm1'));
      await a.idle();
      await b.idle();
      assert.deepEqual(
        a.vm.exists(migrationIds('xm1').src) || b.vm.exists(migrationIds('xm1').src),
        false,
        'no temporary VM is left',
      );
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('xenopsd: a VM migrates to its own xenopsd without ever disappearing', async ({ dir }) => {
    const x: Xenopsd = new Xenopsd({
      name: 'ms',
      backend: make(),
      stateDir: dir,
      remote: async () => localRemote(x),
    });
    await x.start();
    try {
      addVm(x, 'xs1', dir);
      await ok(x, x.vm.start('t', 'xs1'));
      await ok(x, x.vm.unpause('t', 'xs1'));
      const before = (await x.vm.stat('xs1'))[1].domids;
      let watching = true;
      const seen = new Set<string>();
      const watcher = (async () => {
        while (watching) {
          seen.add(x.vm.exists('xs1') ? (await x.vm.stat('xs1'))[1].power_state : 'gone');
          await new Promise((r) => setImmediate(r));
        }
      })();
      const stats = await ok(x, migrate(x, 'xs1', 'self'));
      watching = false;
      await watcher;
      assertStats(stats);
      assert.deepEqual([...seen], ['Running'], 'the VM was always there and running');
      assert.notDeepEqual((await x.vm.stat('xs1'))[1].domids, before, 'a new domain');
      await x.idle();
      assert.deepEqual(
        (await x.vm.list()).map(([v]) => v.id),
        ['xs1'],
      );
      for (const [, s] of await x.vbd.list('xs1')) assert.ok(s.plugged && s.active);
      await ok(x, x.vm.shutdown('t', 'xs1'));
    } finally {
      await x.close();
    }
  });

  it('xenopsd: cancelling before the point of no return leaves the VM running at the source', async ({
    dir,
  }) => {
    let task = '';
    const a = new Xenopsd({
      name: 'ca',
      backend: make(),
      stateDir: dir,
      // cancel as soon as the destination has been asked to prepare its domain
      remote: async (): Promise<XenopsRemote> => {
        const r = localRemote(b);
        return {
          ...r,
          receiveMemory: async (dbg, id, finalId) => {
            const t = await r.receiveMemory(dbg, id, finalId);
            if (task !== '') a.tasks.cancel(task);
            task = '';
            return t;
          },
        };
      },
    });
    const b: Xenopsd = new Xenopsd({ name: 'cb', backend: make(), stateDir: dir });
    await a.start();
    await b.start();
    try {
      addVm(a, 'xc1', dir);
      await ok(a, a.vm.start('t', 'xc1'));
      await ok(a, a.vm.unpause('t', 'xc1'));
      task = migrate(a, 'xc1', 'to-b');
      const r = await finish(a, task);
      task = '';
      assert.equal(r.state, 'XENOPS_CANCELLED');
      await a.idle();
      await b.idle();
      assert.equal(await running(a, 'xc1'), 'Running');
      assert.deepEqual(await b.vm.list(), [], 'the destination is clean');
      // and it can still migrate
      assertStats(await ok(a, migrate(a, 'xc1', 'to-b')));
      assert.equal(await running(b, 'xc1'), 'Running');
      await ok(b, b.vm.shutdown('t', 'xc1'));
    } finally {
      await a.close();
      await b.close();
    }
  });
}
