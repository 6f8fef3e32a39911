// Three whole toolstacks (127.0.0.2–4) made into one pool as a new user does,
// with xe, on an operator's 3-member etcd cluster (lease TTL 3 s): VMs started
// on every host through the master, event.from on the master seeing them, a
// designated handover, an ejected host back standalone, and the master
// SIGKILLed with Xen Orchestra's xen-api client following HOST_IS_SLAVE to
// the new master with its event.from token still valid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'xen-api';
import type { XapiClient } from '../src/client/generated.js';
import { skipWithoutEtcd, startEtcdCluster } from './support/etcd-cluster.js';
import {
  eventually,
  loginAnswer,
  POOL_TEST_PASSWORD,
  startPoolHosts,
  type PoolHost,
  xe,
} from './support/pool-hosts.js';
import { VM_ARGS } from './support/vm-args.js';
import type { XoXapi } from './support/xo.js';

const TTL = '3';

const slaveOf = (h: PoolHost, master: PoolHost) =>
  eventually(`${h.address} is a slave of ${master.address}`, async () => {
    const m = await loginAnswer(h);
    if (m !== master.address) throw new Error(`answers ${String(m)}`);
  });

const masterAt = (h: PoolHost): Promise<XapiClient> =>
  eventually(`${h.address} serves as master`, () => h.client());

async function untilVm(c: XapiClient, vm: string, state: string, host?: string): Promise<void> {
  await eventually(`VM ${vm} ${state}`, async () => {
    const r = await c.VM.get_record(vm);
    if (r.power_state !== state || (host !== undefined && r.resident_on !== host)) {
      throw new Error(`${r.power_state} on ${r.resident_on}`);
    }
  });
}

test(
  'a pool of three hosts: xe pool-join, VMs on every host, handover, eject, master SIGKILLed',
  { skip: skipWithoutEtcd, timeout: 900_000 },
  async (t) => {
    const etcd = await startEtcdCluster(3, 'pool-e2e');
    const home = mkdtempSync(join(tmpdir(), 'xe-home-'));
    const hostsSeen: PoolHost[] = [];
    try {
      await using pool = await startPoolHosts(
        3,
        {
          XAPI_TS_POOL_ETCD: etcd.endpoints.join(','),
          XAPI_TS_POOL_LEASE_TTL: TTL,
        },
        // One port on every host, as xapi's 443: addresses are bare IPs, as xen-api expects.
        { samePort: true },
      );
      const [a, b, c] = pool.hosts as [PoolHost, PoolHost, PoolHost];
      hostsSeen.push(a, b, c);
      const poolRef = (await (await a.client()).pool.get_all())[0] as string;

      // b joins a standalone a (a converts itself), then c joins the pool of two.
      await xe(
        b,
        home,
        'pool-join',
        `master-address=${a.address}`,
        'master-username=root',
        `master-password=${POOL_TEST_PASSWORD}`,
      );
      await slaveOf(b, a);
      await xe(
        c,
        home,
        'pool-join',
        `master-address=${a.address}`,
        'master-username=root',
        `master-password=${POOL_TEST_PASSWORD}`,
      );
      await slaveOf(c, a);
      const ca = await masterAt(a);
      assert.deepEqual(await ca.pool.get_all(), [poolRef], 'the pool keeps the first master’s pool object');
      const uuids = await eventually('xe host-list shows every host', async () => {
        const out = await xe(a, home, 'host-list', '--minimal');
        const list = out
          .trim()
          .split(',')
          .filter((u) => u !== '');
        if (list.length !== 3) throw new Error(out);
        return list;
      });
      // Each host publishes its address once it serves in the pool.
      const hostOf = (h: PoolHost): Promise<string> =>
        eventually(`the host at ${h.address}`, async () => {
          for (const u of uuids) {
            const ref = await ca.host.get_by_uuid(u);
            if ((await ca.host.get_address(ref)) === h.address) return ref;
          }
          throw new Error(`no host at ${h.address}`);
        });
      const [ha, hb, hc] = [await hostOf(a), await hostOf(b), await hostOf(c)];

      // A VM on every host, started through the master; event.from on the master sees them.
      const from = (await ca.event.from(['vm'], '', 0)).token;
      const vms: string[] = [];
      for (const [i, h] of [ha, hb, hc].entries()) {
        const vm = await ca.VM.create({ ...VM_ARGS, name_label: `vm${i}` });
        vms.push(vm);
        await ca.VM.start_on(vm, h, false, false);
        await untilVm(ca, vm, 'Running', h);
      }
      const seen = new Set<string>();
      let token = from;
      await eventually('event.from reports the three VMs running', async () => {
        const r = await ca.event.from(['vm'], token, 5);
        token = r.token;
        for (const e of r.events) {
          const snap = e.snapshot as { power_state?: string } | undefined;
          if (vms.includes(e.ref) && snap?.power_state === 'Running') seen.add(e.ref);
        }
        if (seen.size !== 3) throw new Error(`${seen.size} seen`);
      });
      // An operation on a VM of another host runs there.
      await ca.VM.hard_shutdown(vms[2] as string);
      await untilVm(ca, vms[2] as string, 'Halted');

      // Handover: b becomes master, a its slave.
      await xe(a, home, 'pool-designate-new-master', `host-uuid=${await ca.host.get_uuid(hb)}`);
      await slaveOf(a, b);
      await slaveOf(c, b);
      const cb = await masterAt(b);
      assert.equal(await cb.pool.get_master(poolRef), hb);
      await untilVm(cb, vms[1] as string, 'Running', hb);

      // The master SIGKILLed: a or c takes over. xen-api, pointed at the
      // other one, follows HOST_IS_SLAVE to it and keeps its event.from token.
      const before = await cb.event.from(['vm'], '', 0);
      await b.kill();
      const killedAt = performance.now();
      const [next, other] = await eventually('a new master', async () => {
        if ((await loginAnswer(a)) === undefined) return [a, c] as const;
        if ((await loginAnswer(c)) === undefined) return [c, a] as const;
        throw new Error('no master yet');
      });
      t.diagnostic(
        `new master serving ${Math.round(performance.now() - killedAt)} ms after the SIGKILL (TTL ${TTL} s)`,
      );
      await slaveOf(other, next);
      const xo = createClient({
        url: `http://${other.ip}:${new URL(other.url).port}`,
        auth: { user: 'root', password: POOL_TEST_PASSWORD },
        transport: 'json-rpc',
      }) as unknown as XoXapi;
      await xo.connect();
      try {
        const r = (await xo.call('event.from', ['vm'], before.token, 1)) as { token: string };
        assert.ok(r.token >= before.token, 'the token taken on the old master is still valid');
      } finally {
        await xo.disconnect();
      }
      const cn = await masterAt(next);
      const nextRef = await cn.pool.get_master(poolRef);
      assert.equal(nextRef, next === a ? ha : hc);

      // Eject the other host: it comes back a standalone host on a fresh database.
      const otherRef = next === a ? hc : ha;
      await xe(next, home, 'pool-eject', `host-uuid=${await cn.host.get_uuid(otherRef)}`);
      const alone = await eventually('the ejected host serves standalone', () => other.client());
      assert.equal((await alone.host.get_all()).length, 1);
      assert.notDeepEqual(await alone.pool.get_all(), [poolRef]);
      await eventually('the pool has lost the ejected host', async () => {
        const left = await cn.host.get_all();
        if (left.includes(otherRef)) throw new Error(`${left.length} hosts`);
      });
    } catch (e) {
      // What each toolstack said, for the failure's diagnosis.
      for (const h of hostsSeen) t.diagnostic(`--- ${h.address}\n${h.output().slice(-6000)}`);
      throw e;
    } finally {
      await etcd.stop();
      rmSync(home, { recursive: true, force: true });
    }
  },
);
