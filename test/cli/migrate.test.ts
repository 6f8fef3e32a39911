// xe vm-migrate in its remote form: a running VM from one toolstack to
// another (each its own pool), through host.migrate_receive and VM.migrate_send.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runXe } from '../../src/cli/main.js';
import { sharedDir, startPeer, type Peer } from '../support/migration-peers.js';
import { makeVm } from '../support/vm-builder.js';
import { TEST_PASSWORD } from '../support/xapi-server.js';
import { Sink } from './support.js';

async function xe(peer: Peer, home: string, ...argv: string[]) {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runXe({
    argv,
    env: { XAPI_TS_STATE_DIR: peer.stateDir, HOME: home },
    stdout,
    stderr,
    isTTY: false,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

test('xe vm-migrate remote-master=… moves a running VM to another pool', async (t) => {
  using hv = sharedDir();
  await using a = await startPeer(hv.path, 'a');
  await using b = await startPeer(hv.path, 'b');
  const home = mkdtempSync(join(tmpdir(), 'xe-home-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const ca = await a.client();
  const cb = await b.client();
  const { vm, vdi, vif } = await makeVm(ca, 'cli-traveller');
  await ca.VM.start(vm, false, false);
  const uuid = await ca.VM.get_uuid(vm);
  const vdiUuid = await ca.VDI.get_uuid(vdi);
  const vifUuid = await ca.VIF.get_uuid(vif);
  const pool = (await cb.pool.get_all())[0] as string;
  const srThere = await cb.SR.get_uuid(await cb.pool.get_default_SR(pool));
  const hostThere = await cb.host.get_uuid((await cb.host.get_all())[0] as string);
  const netThere = Object.values(await cb.network.get_all_records()).find((n) => n.bridge === 'xapi-ts0');
  assert.ok(netThere);
  const remote = [
    `remote-master=${b.url}`,
    'remote-username=root',
    `remote-password=${TEST_PASSWORD}`,
    `host=${hostThere}`,
  ];
  const wrong = await xe(
    a,
    home,
    'vm-migrate',
    `uuid=${uuid}`,
    ...remote.slice(0, 2),
    'remote-password=nope',
  );
  assert.equal(wrong.code, 1);
  assert.equal(await ca.VM.get_power_state(vm), 'Running');
  const r = await xe(
    a,
    home,
    'vm-migrate',
    `uuid=${uuid}`,
    ...remote,
    `vdi:${vdiUuid}=${srThere}`,
    `vif:${vifUuid}=${netThere.uuid}`,
    'live=true',
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal((await xe(a, home, 'vm-list', `uuid=${uuid}`, '--minimal')).stdout, '\n');
  const moved = await cb.VM.get_by_uuid(uuid);
  assert.equal(await cb.VM.get_power_state(moved), 'Running');
  const vbd = await cb.VBD.get_record((await cb.VM.get_VBDs(moved))[0] as string);
  assert.equal(await cb.SR.get_uuid(await cb.VDI.get_SR(vbd.VDI)), srThere);
  assert.equal(
    (await xe(b, home, 'vm-param-get', `uuid=${uuid}`, 'param-name=power-state')).stdout,
    'running\n',
  );
});
