// Three xapi processes (127.0.0.2–4, each its own state directory) on one
// pool database in a 3-member etcd cluster, lease TTL 3 s:
// - the master SIGKILLed: another host is master and accepts writes, a token
//   taken before the failover still works, and the dead host is not live;
// - that master hung by SIGSTOP: a third host takes over, and once resumed the
//   hung master writes nothing (its commit fails the election compare) and
//   steps down to a slave.
// Failover times are printed as diagnostics (noisy on a shared machine).
// Slaves serve the XenAPI too: a master is known by its "(master)" line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { PoolKeys } from '../src/db/etcd/keys.js';
import { MemoryStore } from '../src/db/memory.js';
import { saveHostUuid } from '../src/pool/config.js';
import { convertToPool } from '../src/pool/convert.js';
import { openStore } from '../src/xapi/store.js';
import type { XapiClient } from '../src/client/generated.js';
import { connect, kill, killAll, startXapi, type Proc } from './support/pool-db-hosts.js';
import { skipWithoutEtcd, withEtcdCluster } from './support/etcd-cluster.js';
import { startTestServer } from './support/xapi-server.js';

const TTL = 3;

async function liveOfHost(c: XapiClient, hostUuid: string): Promise<boolean> {
  const host = await c.host.get_by_uuid(hostUuid);
  return await c.host_metrics.get_live(await c.host.get_metrics(host));
}

test(
  'pool failover: master SIGKILLed, then the new master hung by SIGSTOP',
  { skip: skipWithoutEtcd, timeout: 240_000 },
  async (t) => {
    const root = mkdtempSync(join(tmpdir(), 'xapi-ts-failover-'));
    const dirs = ['a', 'b', 'c'].map((n) => join(root, n));
    const procs: Proc[] = [];
    try {
      // Host A: a standalone host, converted into the pool database.
      {
        await using server = await startTestServer({ stateDir: dirs[0] as string });
        await server.client();
      }
      await withEtcdCluster(
        3,
        async (cluster) => {
          const poolUuid = randomUUID();
          const source = openStore(join(dirs[0] as string, 'xapi.db'));
          assert.ok(source instanceof MemoryStore);
          const state = source.snapshot();
          await convertToPool(state, { client: cluster.client(), poolUuid });
          await source.close();
          const uuidA = String(state.rows.find((r) => r.table === 'host')?.row['uuid']);
          saveHostUuid(dirs[0] as string, uuidA);

          const a = startXapi('A', dirs[0] as string, '127.0.0.2', cluster.endpoints, poolUuid, TTL);
          procs.push(a);
          await a.waitFor(/pool: master/);
          await a.waitFor(/listening on .* \(master\)/);
          const b = startXapi('B', dirs[1] as string, '127.0.0.3', cluster.endpoints, poolUuid, TTL);
          const c = startXapi('C', dirs[2] as string, '127.0.0.4', cluster.endpoints, poolUuid, TTL);
          procs.push(b, c);
          await Promise.all([b.waitFor(/pool: slave/), c.waitFor(/pool: slave/)]);

          const ca = await connect(a);
          const pool = (await ca.c.pool.get_all())[0] as string;
          const { token } = await ca.c.event.from(['pool'], '', 0);
          await ca.c.pool.set_name_description(pool, 'acknowledged before the failover');
          ca.close();

          // 1. The master SIGKILLed.
          const marks = [b.out().length, c.out().length];
          const killedAt = performance.now();
          kill(a, 'SIGKILL');
          const next = await Promise.race([
            b.waitFor(/listening on .* \(master\)/, marks[0]).then((at) => ({ p: b, at, other: c })),
            c.waitFor(/listening on .* \(master\)/, marks[1]).then((at) => ({ p: c, at, other: b })),
          ]);
          const m = next.p;
          const cm = await connect(m);
          await cm.c.pool.set_name_label(pool, 'written after the failover');
          const acceptedAt = performance.now();
          t.diagnostic(
            `SIGKILL of the master → ${m.name} serving after ${Math.round(next.at - killedAt)} ms, first write accepted after ${Math.round(acceptedAt - killedAt)} ms (TTL ${TTL} s)`,
          );
          // The pre-failover token is answered: the acknowledged write, no EVENTS_LOST.
          const since = await cm.c.event.from(['pool'], token, 0);
          const ev = since.events.find((e) => e.ref === pool);
          assert.ok(ev, 'the pool change is reported');
          assert.equal(
            (ev.snapshot as { name_description?: string }).name_description,
            'acknowledged before the failover',
          );
          // The killed host is not live; the new master is.
          const deadline = Date.now() + 20_000;
          while ((await liveOfHost(cm.c, uuidA)) && Date.now() < deadline) await sleep(50);
          assert.equal(await liveOfHost(cm.c, uuidA), false);
          const uuidM = readFileSync(join(m.stateDir, 'host-uuid'), 'utf8').trim();
          assert.equal(await liveOfHost(cm.c, uuidM), true);
          assert.equal(await cm.c.host.get_uuid(await cm.c.pool.get_master(pool)), uuidM);
          cm.close();

          // 2. The new master hung: a write sent to it waits while it is stopped.
          const hung = await connect(m);
          const other = next.other;
          const mark = other.out().length;
          const mMark = m.out().length;
          const stoppedAt = performance.now();
          kill(m, 'SIGSTOP');
          const write = hung.c.pool.set_name_label(pool, 'written by the hung master').then(
            () => 'acknowledged',
            () => 'refused',
          );
          const tookOver = await other.waitFor(/listening on .* \(master\)/, mark);
          t.diagnostic(
            `SIGSTOP of ${m.name} → ${other.name} serving after ${Math.round(tookOver - stoppedAt)} ms`,
          );
          kill(m, 'SIGCONT');
          assert.equal(await write, 'refused', 'the hung master acknowledged nothing');
          await m.waitFor(/pool: slave/, mMark);
          const why = /pool: leaving the master role: (.*)/.exec(m.out().slice(mMark))?.[1];
          t.diagnostic(`${m.name} after SIGCONT: stepped down (${why ?? '?'})`);
          hung.close();
          const co = await connect(other);
          await co.c.pool.set_name_description(pool, 'written on the third master');
          assert.equal(await co.c.pool.get_name_label(pool), 'written after the failover');
          const stored = await cluster.client().get(new PoolKeys(poolUuid).obj('pool', pool));
          assert.doesNotMatch(String(stored?.value), /written by the hung master/);
          assert.match(String(stored?.value), /written on the third master/);
          co.close();
        },
        'failover',
      );
    } finally {
      await killAll(procs);
      rmSync(root, { recursive: true, force: true });
    }
  },
);
