// Converting a standalone host's database into a pool database in etcd:
// packing within limits, a conversion SIGKILLed half way (the host stays a
// working standalone host, and a retry succeeds), and the converted database
// equal to the source at one generation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/common/config.js';
import { opBytes, type Op } from '../src/db/etcd/client.js';
import { PoolKeys } from '../src/db/etcd/keys.js';
import { loadPool } from '../src/db/etcd/store.js';
import { MemoryStore } from '../src/db/memory.js';
import { packTxns } from '../src/pool/convert.js';
import { openStore, storeClasses } from '../src/xapi/store.js';
import { skipWithoutEtcd, withEtcdCluster } from './support/etcd-cluster.js';
import { startTestServer } from './support/xapi-server.js';

test('packTxns keeps every txn within the op and byte limits, in order', () => {
  const ops: Op[] = Array.from({ length: 50 }, (_, i) => ({ put: `k${i}`, value: 'x'.repeat(i * 10) }));
  const txns = packTxns(ops, 7, 4096 + 1500);
  assert.deepEqual(txns.flat(), ops);
  for (const t of txns) {
    assert.ok(t.length <= 7);
    assert.ok(4096 + t.reduce((n, op) => n + opBytes(op), 0) <= 4096 + 1500);
  }
  assert.throws(() => packTxns([{ put: 'big', value: 'x'.repeat(2000) }], 7, 4096 + 1500), /exceeds/);
});

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
}

/** Run `xapi-ts pool-convert`; `killAt` SIGKILLs it once it has printed that many txn lines. */
function convert(args: string[], killAt?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'xapi-ts.mjs'), 'pool-convert', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (killAt !== undefined && (out.match(/^pool-convert: txn /gm) ?? []).length >= killAt)
        child.kill('SIGKILL');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

test(
  'a conversion SIGKILLed half way leaves a working standalone host, and a retry succeeds',
  { skip: skipWithoutEtcd, timeout: 180_000 },
  async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'xapi-ts-convert-'));
    try {
      // A standalone host with some history: a change and a deletion (a tombstone).
      {
        await using server = await startTestServer({ stateDir });
        const c = await server.client();
        const pool = (await c.pool.get_all())[0] as string;
        await c.pool.set_name_label(pool, 'before the pool');
        const net = await c.network.create({
          name_label: 'gone',
          name_description: '',
          MTU: 1500,
          other_config: {},
        });
        await c.network.destroy(net);
      }
      await withEtcdCluster(
        1,
        async (cluster) => {
          const poolUuid = 'c0ffee00-0000-4000-8000-000000000001';
          const keys = new PoolKeys(poolUuid);
          const args = [
            '--state-dir',
            stateDir,
            '--etcd-endpoints',
            cluster.endpoints.join(','),
            '--pool-uuid',
            poolUuid,
            '--max-txn-ops',
            '8',
          ];
          const client = cluster.client();

          const killed = await convert(args, 3);
          assert.equal(killed.signal, 'SIGKILL', killed.out);
          assert.equal(
            await client.get(keys.meta('format')),
            undefined,
            'an interrupted conversion is not complete',
          );
          const partial = await client.range(`${keys.root}obj/`, true, { limit: 1 });
          assert.ok(partial.kvs.length > 0, 'the conversion was killed after writing some objects');

          // Still a working standalone host, database intact.
          {
            await using server = await startTestServer({ stateDir });
            const c = await server.client();
            const pool = (await c.pool.get_all())[0] as string;
            assert.equal(await c.pool.get_name_label(pool), 'before the pool');
          }

          // A leftover of the interrupted attempt that the source no longer has.
          await client.put(keys.obj('network', 'OpaqueRef:stale'), '{"_created":1,"_modified":1}');
          const retry = await convert(args);
          assert.equal(retry.code, 0, retry.out);
          assert.match(retry.out, /objects in \d+ txns/);

          const source = openStore(join(stateDir, 'xapi.db'));
          try {
            assert.ok(source instanceof MemoryStore);
            const want = source.snapshot();
            const got = (await loadPool(client, keys, storeClasses(), false)).state;
            assert.equal(got.generation, want.generation);
            assert.equal(got.messageGeneration, want.messageGeneration);
            assert.equal(got.lostBefore, want.lostBefore);
            assert.deepEqual(got.tombstones, want.tombstones);
            assert.ok(want.tombstones.length > 0);
            const byRef = (rows: typeof want.rows) => new Map(rows.map((r) => [r.ref, r]));
            assert.deepEqual(byRef(got.rows), byRef(want.rows));
            const hostUuid = String(want.rows.find((r) => r.table === 'host')?.row['uuid']);
            assert.equal(readFileSync(join(stateDir, 'host-uuid'), 'utf8').trim(), hostUuid);
          } finally {
            await source.close();
          }

          const again = await convert(args);
          assert.equal(again.code, 0, again.out);
          assert.match(again.out, /already has a complete database/);
        },
        'convert',
      );
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  },
);
