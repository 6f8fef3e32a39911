// `xapi-ts start` (the supervisor and its daemons, on the simulator) as real
// processes: host-reboot runs the configured command and the whole toolstack
// then exits with status 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runXe } from '../src/cli/main.js';
import { READY, startDaemon } from './support/daemon.js';
import { Sink } from './cli/support.js';

async function xe(env: Record<string, string>, ...argv: string[]) {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runXe({ argv, env, stdout, stderr, isTTY: false });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const accepts = (path: string) =>
  new Promise<boolean>((resolve) => {
    const s = connect(path);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

test('host-reboot under the supervisor: the command runs, then every daemon and the supervisor exit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'host-power-proc-'));
  const state = join(dir, 'state');
  const record = join(dir, 'record');
  const env = {
    XAPI_TS_STATE_DIR: state,
    XAPI_TS_PORT: '0',
    XAPI_TS_BACKEND: 'simulator',
    XAPI_TS_REBOOT_COMMAND: `echo reboot >> '${record}'`,
    XAPI_TS_POWEROFF_COMMAND: `echo poweroff >> '${record}'`,
  };
  const sup = await startDaemon(['start'], { ready: READY.xapi, env });
  try {
    const exited = new Promise<number | null>((r) => sup.child.once('exit', (code) => r(code)));
    const xeEnv = { XAPI_TS_STATE_DIR: state, HOME: dir };
    const host = (await xe(xeEnv, 'host-list', '--minimal')).stdout.trim();
    assert.equal((await xe(xeEnv, 'host-disable', `uuid=${host}`)).code, 0);
    const r = await xe(xeEnv, 'host-reboot', `uuid=${host}`);
    assert.deepEqual(r, { code: 0, stdout: '', stderr: '' });
    assert.equal(await exited, 0, sup.output());
    assert.equal(readFileSync(record, 'utf8'), 'reboot\n');
    assert.match(sup.output(), /xapi exited after a host power-off; stopping the toolstack/);
    assert.equal(await accepts(join(state, 'xapi.sock')), false);
  } finally {
    await sup.stop('SIGTERM'); // the supervisor stops its daemons
    rmSync(dir, { recursive: true, force: true });
  }
});
