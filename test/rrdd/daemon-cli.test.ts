// `xapi-ts rrdd` as a process: it reads a xenopsd's VMs, serves the rrd
// interface on <state>/rrdd.sock and archives its RRDs when stopped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, HttpUnixTransport } from '../../src/idl/index.js';
import { Rrd } from '../../src/idl/rrd.js';
import { READY, startDaemon, type Daemon } from '../support/daemon.js';

test('rrdd serves its socket, reads the host and archives its RRDs at SIGTERM', async () => {
  const state = mkdtempSync(join(tmpdir(), 'xapi-ts-rrdd-cli-'));
  const daemons: Daemon[] = [];
  try {
    const xsock = join(state, 'xenopsd-t.sock');
    daemons.push(
      await startDaemon(['xenopsd', '--name', 't', '--no-switch', '--state-dir', state], {
        ready: READY.xenopsd,
      }),
    );
    const sock = join(state, 'rrdd.sock');
    const rrdd = await startDaemon(
      [
        'rrdd',
        '--no-switch',
        '--state-dir',
        state,
        '--xenops',
        `xenops+unix://${xsock}`,
        '--interval-ms',
        '200',
      ],
      { ready: READY.rrdd },
    );
    daemons.push(rrdd);
    const c = new Client(Rrd, new HttpUnixTransport(sock));
    try {
      let names: string[] = [];
      for (let i = 0; i < 100 && !names.includes('memory_total_kib'); i++) {
        names = (await c.call('HOST.get_data_sources', { dbg: 't' })).map((d) => d.name);
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.ok(names.includes('memory_total_kib'), names.join(' '));
      assert.equal(await c.call('Plugin.get_header', { dbg: 't' }), 'DATASOURCES');
      await assert.rejects(c.call('Plugin.get_path', { dbg: 't', uid: '../x' }), { code: 'INVALID_VALUE' });
    } finally {
      await c.close();
    }
    await rrdd.stop('SIGTERM');
    assert.ok(existsSync(join(state, 'rrd', 'host.json.gz')));
  } finally {
    for (const d of daemons.reverse()) await d.stop('SIGKILL');
    rmSync(state, { recursive: true, force: true });
  }
});
