// The etcd member's command line (golden files in test/golden/etcd-argv:
// NAME.json is a MemberConfig, NAME.args one argument per line;
// UPDATE_GOLDEN=1 rewrites them), and the supervisor against a real etcd:
// restart after a SIGKILL, a learner added, promoted and removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EtcdClient } from '../db/etcd/client.js';
import { freePorts, skipWithoutEtcd, withEtcdCluster } from '../../test/support/etcd-cluster.js';
import {
  addMember,
  etcdArgs,
  EtcdMember,
  promoteMember,
  removeMember,
  type MemberConfig,
} from './etcd-member.js';

const dir = new URL('../../test/golden/etcd-argv/', import.meta.url).pathname;
const update = process.env['UPDATE_GOLDEN'] === '1';
const files = readdirSync(dir).sort();
const cases = files.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));

test('every etcd argv golden file belongs to a case', () => {
  assert.deepEqual(
    files.filter((f) => !f.endsWith('.json') && !cases.includes(f.replace(/\.args$/, ''))),
    [],
  );
  assert.ok(cases.length >= 2);
});

for (const name of cases) {
  test(`etcd argv golden: ${name}`, () => {
    const config = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as MemberConfig;
    const text = ['etcd', ...etcdArgs(config)].join('\n') + '\n';
    const want = join(dir, `${name}.args`);
    if (update) writeFileSync(want, text);
    assert.equal(text, readFileSync(want, 'utf8'));
  });
}

async function until(what: string, cond: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const end = performance.now() + ms;
  while (!(await cond())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

test(
  'the supervisor restarts a member that dies, keeping its data',
  { skip: skipWithoutEtcd, timeout: 60_000 },
  async () => {
    const root = mkdtempSync('/dev/shm/xapi-ts-etcd-member-');
    const port = await freePorts(2);
    const peer = `http://127.0.0.1:${port + 1}`;
    const exits: string[] = [];
    const member = new EtcdMember(
      {
        name: 'solo',
        dataDir: join(root, 'etcd'),
        clientUrl: `http://127.0.0.1:${port}`,
        peerUrl: peer,
        initialCluster: [['solo', peer]],
        clusterState: 'new',
        clusterToken: 'supervisor-test',
      },
      { onExit: (how) => exits.push(how) },
    );
    const client = new EtcdClient({ endpoints: [member.clientUrl], callTimeoutMs: 1000 });
    try {
      await member.start();
      await client.put('/k', 'before');
      const first = member.pid as number;
      await member.signal('SIGKILL');
      await until('a new etcd process', () => member.pid !== undefined && member.pid !== first);
      await until(
        'the restarted member to answer',
        async () => (await client.get('/k').catch(() => undefined)) !== undefined,
      );
      assert.equal((await client.get('/k'))?.value.toString(), 'before');
      assert.deepEqual(exits, ['SIGKILL']);
      assert.equal(member.restartCount, 1);
    } finally {
      client.close();
      await member.stop();
      rmSync(root, { recursive: true, force: true });
    }
    assert.equal(member.pid, undefined);
    await assert.rejects(
      member.signal('SIGSTOP'),
      /etcd member solo has no running process to send SIGSTOP to/,
    );
  },
);

test('signalling a member that was never started is an error, not a no-op', async () => {
  const member = new EtcdMember({
    name: 'idle',
    dataDir: '/nonexistent/etcd',
    clientUrl: 'http://127.0.0.1:1',
    peerUrl: 'http://127.0.0.1:2',
    initialCluster: [['idle', 'http://127.0.0.1:2']],
    clusterState: 'new',
    clusterToken: 'never-started',
  });
  await assert.rejects(
    member.signal('SIGKILL'),
    /etcd member idle has no running process to send SIGKILL to/,
  );
});

test(
  'a learner is added, started, promoted and removed',
  { skip: skipWithoutEtcd, timeout: 90_000 },
  async () => {
    await withEtcdCluster(1, async (cluster) => {
      const client = cluster.client();
      const first = cluster.members[0] as EtcdMember;
      const port = await freePorts(2);
      const peerUrl = `http://127.0.0.1:${port + 1}`;
      const added = await addMember(client, peerUrl, true);
      assert.equal(added.isLearner, true);
      const root = mkdtempSync('/dev/shm/xapi-ts-etcd-learner-');
      const learner = new EtcdMember(
        {
          name: 'm2',
          dataDir: join(root, 'm2'),
          clientUrl: `http://127.0.0.1:${port}`,
          peerUrl,
          initialCluster: [
            ['m1', first.peerUrl],
            ['m2', peerUrl],
          ],
          clusterState: 'existing',
          clusterToken: 'unused-for-existing',
        },
        { restart: false },
      );
      try {
        await learner.start();
        await promoteMember(client, added.id);
        let members = await client.members();
        assert.deepEqual(members.map((m) => [m.name, m.isLearner]).sort(), [
          ['m1', false],
          ['m2', false],
        ]);
        await removeMember(client, added.id);
        members = await client.members();
        assert.deepEqual(
          members.map((m) => m.name),
          ['m1'],
        );
      } finally {
        await learner.stop();
        rmSync(root, { recursive: true, force: true });
      }
    });
  },
);
