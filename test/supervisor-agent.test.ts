// host.restart_agent and host.shutdown_agent on the real toolstack
// (`xapi-ts start`): the call is answered first; then xapi stops and the
// supervisor starts it again at once, or leaves it stopped while the other
// daemons carry on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { READY, startDaemon } from './support/daemon.js';
import { socketClient } from './support/xapi-server.js';

test('restart_agent: xapi comes back; shutdown_agent: xapi stays down, the rest runs on', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'supervisor-agent-'));
  const state = join(dir, 'state');
  const env = {
    XAPI_TS_STATE_DIR: state,
    XAPI_TS_PORT: '0',
    XAPI_TS_HTTPS_PORT: 'none',
    XAPI_TS_BACKEND: 'simulator',
  };
  const sup = await startDaemon(['start'], { ready: READY.xapi, env, t });
  try {
    const socket = join(state, 'xapi.sock');
    const first = await socketClient(socket);
    const host = (await first.c.host.get_all())[0] as string;
    const mark = sup.output().length;
    await first.c.host.restart_agent(host); // answered before anything stops
    first.close();
    await sup.waitForOutput(/supervisor: xapi restarting \(host\.restart_agent\)/, { from: mark });
    await sup.waitForOutput(READY.xapi, { from: mark });
    assert.doesNotMatch(sup.output().slice(mark), /xapi exited/, 'a restart is not a crash');

    const second = await socketClient(socket);
    assert.deepEqual(await second.c.host.get_all(), [host], 'the same database, served again');
    const mark2 = sup.output().length;
    await second.c.host.shutdown_agent();
    second.close();
    await sup.waitForOutput(/supervisor: xapi stopped \(host\.shutdown_agent\); not restarting it/, {
      from: mark2,
    });
    assert.equal(sup.child.exitCode, null, 'the supervisor runs on');
    await assert.rejects(socketClient(socket), 'nothing serves the socket any more');
    assert.doesNotMatch(sup.output().slice(mark2), /xapi: listening on /);
  } finally {
    await sup.stop('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});
