// A shared file SR in a pool of whole toolstacks (127.0.0.2–5) on an
// operator's etcd cluster (lease TTL 3 s): SR.create on the master gives a
// PBD on every host, each plugged by its host; a disk written by a VM on one
// host is refused to a VM on another (VDI_IN_USE, the hold in etcd on the
// first host) until the first VM stops; a host joining later gets and plugs
// its PBD, an ejected host's PBD is gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { XapiClient } from '../src/client/generated.js';
import { EtcdVdiLocks } from '../src/db/etcd/vdi-locks.js';
import { skipWithoutEtcd, startEtcdCluster } from './support/etcd-cluster.js';
import { failure } from './support/failure.js';
import {
  eventually,
  loginAnswer,
  POOL_TEST_PASSWORD,
  startPoolHosts,
  type PoolHost,
} from './support/pool-hosts.js';
import { skipWithout } from './support/qemu.js';
import { attachDisk } from './support/vm-builder.js';
import { VM_ARGS } from './support/vm-args.js';

const MiB = 1024 * 1024;

async function joinPool(h: PoolHost, master: PoolHost): Promise<void> {
  const c = await h.client();
  await c.pool.join(master.address, 'root', POOL_TEST_PASSWORD);
  await eventually(`${h.address} is a slave of ${master.address}`, async () => {
    if ((await loginAnswer(h)) !== master.address) throw new Error('not yet');
  });
}

/** The host record the pool has for `h` (known once it serves in the pool and has published its address). */
function hostOf(c: XapiClient, h: PoolHost): Promise<string> {
  return eventually(`the host at ${h.address}`, async () => {
    for (const [ref, r] of Object.entries(await c.host.get_all_records()))
      if (r.address === h.address) return ref;
    throw new Error(`no host at ${h.address}`);
  });
}

/** The SR's PBDs, by host, once every one of them is plugged. */
function pluggedPbds(c: XapiClient, sr: string, hosts: readonly string[]): Promise<Map<string, string>> {
  return eventually(`a plugged PBD of the SR on each of ${hosts.length} hosts`, async () => {
    const byHost = new Map<string, string>();
    for (const pbd of await c.SR.get_PBDs(sr)) {
      const r = await c.PBD.get_record(pbd);
      if (!r.currently_attached) throw new Error(`PBD ${pbd} of ${r.host} not plugged`);
      byHost.set(r.host, pbd);
    }
    if ([...byHost.keys()].sort().join() !== [...hosts].sort().join()) {
      throw new Error(`PBDs on ${[...byHost.keys()].join(', ')}`);
    }
    return byHost;
  });
}

async function untilVm(c: XapiClient, vm: string, state: string): Promise<void> {
  await eventually(`VM ${vm} ${state}`, async () => {
    const s = await c.VM.get_power_state(vm);
    if (s !== state) throw new Error(s);
  });
}

test(
  'a shared file SR in a pool: a PBD plugged on every host, one writer per disk across hosts, join and eject',
  { skip: skipWithoutEtcd || skipWithout('qemu-img'), timeout: 600_000 },
  async (t) => {
    const etcd = await startEtcdCluster(1, 'pool-shared-sr');
    const dir = mkdtempSync(join(tmpdir(), 'xapi-ts-shared-sr-'));
    const hostsSeen: PoolHost[] = [];
    try {
      await using pool = await startPoolHosts(4, {
        XAPI_TS_POOL_ETCD: etcd.endpoints.join(','),
        XAPI_TS_POOL_LEASE_TTL: '3',
      });
      const [a, b, c, d] = pool.hosts as [PoolHost, PoolHost, PoolHost, PoolHost];
      hostsSeen.push(a, b, c, d);
      // One after the other: a login on a master that is converting is refused
      // (its store is frozen), which is not what this test is about.
      await joinPool(b, a);
      await joinPool(c, a);
      const ca = await eventually(`${a.address} serves as master`, () => a.client());
      const [ha, hb, hc] = [await hostOf(ca, a), await hostOf(ca, b), await hostOf(ca, c)];
      const poolRef = (await ca.pool.get_all())[0] as string;
      const locks = new EtcdVdiLocks(etcd.client(), await ca.pool.get_uuid(poolRef));

      // SR.create on the master: one PBD per host, the same directory, each plugged by its host.
      const sr = await ca.SR.create(ha, { location: dir }, 0, 'shared', '', 'file', 'user', true, {});
      assert.equal(await ca.SR.get_shared(sr), true);
      const pbds = await pluggedPbds(ca, sr, [ha, hb, hc]);
      for (const pbd of pbds.values())
        assert.deepEqual(await ca.PBD.get_device_config(pbd), { location: dir });

      // One disk, written by a VM on b: a VM on c may not write it too.
      const vdi = await ca.VDI.create({
        SR: sr,
        virtual_size: 16 * MiB,
        type: 'user',
        sharable: false,
        read_only: false,
        other_config: {},
        name_label: 'shared disk',
      });
      const vdiUuid = await ca.VDI.get_uuid(vdi);
      const [vm1, vm2] = [
        await ca.VM.create({ ...VM_ARGS, name_label: 'on b' }),
        await ca.VM.create({ ...VM_ARGS, name_label: 'on c' }),
      ];
      await attachDisk(ca, vm1, vdi, '0');
      await attachDisk(ca, vm2, vdi, '0');
      await ca.VM.start_on(vm1, hb, false, false);
      await untilVm(ca, vm1, 'Running');
      assert.equal(await ca.VM.get_resident_on(vm1), hb);
      const bUuid = await ca.host.get_uuid(hb);
      assert.deepEqual(await locks.holders(vdiUuid), [{ hostUuid: bUuid, mode: 'RW' }]);
      await failure(ca.VM.start_on(vm2, hc, false, false), 'VDI_IN_USE');
      assert.equal(await ca.VM.get_power_state(vm2), 'Halted');

      // Once the first VM stops, its host's hold is gone and the second starts.
      await ca.VM.hard_shutdown(vm1);
      await untilVm(ca, vm1, 'Halted');
      await eventually('b releases the disk', async () => {
        const h = await locks.holders(vdiUuid);
        if (h.length !== 0) throw new Error(JSON.stringify(h));
      });
      await ca.VM.start_on(vm2, hc, false, false);
      await untilVm(ca, vm2, 'Running');
      assert.deepEqual(await locks.holders(vdiUuid), [{ hostUuid: await ca.host.get_uuid(hc), mode: 'RW' }]);

      // PBD.unplug and PBD.plug called on the master run on the PBD's host.
      const pbdB = pbds.get(hb) as string;
      await ca.PBD.unplug(pbdB);
      await eventually('b has unplugged its PBD', async () => {
        if (await ca.PBD.get_currently_attached(pbdB)) throw new Error('still plugged');
      });
      await ca.PBD.plug(pbdB);
      await pluggedPbds(ca, sr, [ha, hb, hc]);

      // A host joining later gets its PBD of the SR and plugs it.
      await joinPool(d, a);
      const hd = await hostOf(ca, d);
      const withD = await pluggedPbds(ca, sr, [ha, hb, hc, hd]);
      assert.deepEqual(await ca.PBD.get_device_config(withD.get(hd) as string), { location: dir });

      // Ejected, it leaves no PBD behind; the SR stays with the others'.
      await ca.pool.eject(hd);
      await eventually('the pool has lost the ejected host', async () => {
        if ((await ca.host.get_all()).includes(hd)) throw new Error('still there');
      });
      await pluggedPbds(ca, sr, [ha, hb, hc]);
      assert.equal(await ca.VM.get_power_state(vm2), 'Running');
    } catch (e) {
      for (const h of hostsSeen) t.diagnostic(`--- ${h.address}\n${h.output().slice(-6000)}`);
      throw e;
    } finally {
      await etcd.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
