// VM.pool_migrate and host.evacuate between the members of a pool on etcd
// (two whole toolstacks, simulator backend, lease TTL 3 s): a running VM with
// its disk on a shared `file` SR moves live from one host to the other and
// keeps its one record (ref, uuid), the disk not copied; event.from on the
// master sees resident_on change; xe host-evacuate of its new host moves it back.
// A disk on an SR the destination cannot see refuses the move (VM_REQUIRES_SR).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { XapiClient } from '../src/client/generated.js';
import { skipWithoutEtcd, startEtcdCluster } from './support/etcd-cluster.js';
import { failure } from './support/failure.js';
import {
  eventually,
  loginAnswer,
  POOL_TEST_PASSWORD,
  startPoolHosts,
  type PoolHost,
  xe,
} from './support/pool-hosts.js';
import { addDisk } from './support/vm-builder.js';
import { VM_ARGS } from './support/vm-args.js';

const TTL = '3';

const MiB = 2 ** 20;

async function untilVm(c: XapiClient, vm: string, state: string, host: string): Promise<void> {
  await eventually(`VM ${vm} ${state} on ${host}`, async () => {
    const r = await c.VM.get_record(vm);
    if (r.power_state !== state || r.resident_on !== host)
      throw new Error(`${r.power_state} on ${r.resident_on}`);
  });
}

/** The task of an async call once it has succeeded (its other_config holds the migration figures). */
async function taskDone(c: XapiClient, task: string): Promise<Record<string, string>> {
  return eventually(`task ${task} done`, async () => {
    const r = await c.task.get_record(task);
    if (r.status === 'pending') throw new Error('pending');
    assert.equal(r.status, 'success', `task failed: ${r.error_info.join(' ')}`);
    return r.other_config;
  });
}

test(
  'pool of two: VM.pool_migrate keeps the VM record, the shared disk is not copied; xe host-evacuate moves it back',
  { skip: skipWithoutEtcd, timeout: 600_000 },
  async () => {
    const etcd = await startEtcdCluster(1, 'pool-migrate');
    const srDir = mkdtempSync(join(tmpdir(), 'xapi-ts-pool-sr-'));
    const home = mkdtempSync(join(tmpdir(), 'xe-home-'));
    try {
      await using pool = await startPoolHosts(2, {
        XAPI_TS_POOL_ETCD: etcd.endpoints.join(','),
        XAPI_TS_POOL_LEASE_TTL: TTL,
      });
      const [a, b] = pool.hosts as [PoolHost, PoolHost];
      await (await b.client()).pool.join(a.address, 'root', POOL_TEST_PASSWORD);
      await eventually(`${b.address} is a slave`, async () => {
        if ((await loginAnswer(b)) !== a.address) throw new Error('not yet');
      });
      const c = await eventually('the master serves', () => a.client());
      const hostAt = (h: PoolHost): Promise<string> =>
        eventually(`the host at ${h.address}`, async () => {
          for (const ref of await c.host.get_all())
            if ((await c.host.get_address(ref)) === h.address) return ref;
          throw new Error(`no host at ${h.address}`);
        });
      const [ha, hb] = [await hostAt(a), await hostAt(b)];
      await eventually('both hosts are live', async () => {
        for (const h of [ha, hb]) {
          if (!(await c.host_metrics.get_live(await c.host.get_metrics(h)))) throw new Error(`${h} not live`);
        }
      });

      const sr = await c.SR.create(
        ha,
        { location: join(srDir, 'shared') },
        0,
        'shared',
        '',
        'file',
        'user',
        true,
        {},
      );
      // Every member sees the shared SR through its own PBD, plugged by that
      // host (over its Unix socket with a local session, as a host-local step).
      await eventually('the shared SR has a PBD on both hosts', async () => {
        const hosts = await Promise.all((await c.SR.get_PBDs(sr)).map((p) => c.PBD.get_host(p)));
        if (!hosts.includes(ha) || !hosts.includes(hb)) throw new Error(`PBDs on ${hosts.join(',')}`);
      });
      await eventually('the shared SR is plugged on both hosts', async () => {
        const lb = b.localClient();
        lb.sessionRef = await lb.session.slave_local_login_with_password('root', POOL_TEST_PASSWORD);
        for (const p of await c.SR.get_PBDs(sr)) {
          if ((await c.PBD.get_host(p)) === hb && !(await c.PBD.get_currently_attached(p)))
            await lb.PBD.plug(p);
        }
        const plugged = new Set<string>();
        for (const p of await c.SR.get_PBDs(sr)) {
          if (await c.PBD.get_currently_attached(p)) plugged.add(await c.PBD.get_host(p));
        }
        if (!plugged.has(ha) || !plugged.has(hb)) throw new Error(`plugged on ${[...plugged].join(',')}`);
      });

      const vm = await c.VM.create({ ...VM_ARGS, name_label: 'mover' });
      await addDisk(c, vm, { sr, size: 16 * MiB, userdevice: '0', name: 'shared disk' });
      const uuid = await c.VM.get_uuid(vm);
      await c.VM.start_on(vm, ha, false, false);
      await untilVm(c, vm, 'Running', ha);

      const token = (await c.event.from(['vm'], '', 0)).token;
      const task = await c.Async.VM.pool_migrate(vm, hb, { live: 'true' });
      const figures = await taskDone(c, task);
      assert.equal(figures['migration_disks_copied'], '0', 'the disk is on the shared SR: nothing copied');
      await untilVm(c, vm, 'Running', hb);
      assert.equal(await c.VM.get_uuid(vm), uuid, 'the same VM record');
      const same = Object.entries(await c.VM.get_all_records()).filter(([, r]) => r.uuid === uuid);
      assert.deepEqual(
        same.map(([ref]) => ref),
        [vm],
        'no second record for the VM',
      );

      // event.from on the master sees the VM's resident_on become the destination.
      let t = token;
      await eventually('event.from reports the VM resident on the destination', async () => {
        const r = await c.event.from(['vm'], t, 5);
        t = r.token;
        const seen = r.events.some(
          (e) => e.ref === vm && (e.snapshot as { resident_on?: string } | undefined)?.resident_on === hb,
        );
        if (!seen) throw new Error('not yet');
      });

      // A disk on an SR only the source sees keeps the VM where it is.
      const local = await c.SR.create(
        ha,
        { location: join(srDir, 'local') },
        0,
        'local',
        '',
        'file',
        'user',
        false,
        {},
      );
      const stuck = await c.VM.create({ ...VM_ARGS, name_label: 'stuck' });
      await addDisk(c, stuck, { sr: local, size: 16 * MiB, userdevice: '0', name: 'local disk' });
      await c.VM.start_on(stuck, ha, false, false);
      await untilVm(c, stuck, 'Running', ha);
      await failure(c.VM.pool_migrate(stuck, hb, {}), 'VM_REQUIRES_SR', [stuck, local]);
      await untilVm(c, stuck, 'Running', ha);
      await c.VM.hard_shutdown(stuck);

      // xe host-evacuate of the destination moves the VM back through placement.
      await xe(a, home, 'host-evacuate', `uuid=${await c.host.get_uuid(hb)}`);
      await untilVm(c, vm, 'Running', ha);
      assert.equal(await c.VM.get_uuid(vm), uuid);
      await c.VM.hard_shutdown(vm);
    } finally {
      await etcd.stop();
      rmSync(srDir, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    }
  },
);
