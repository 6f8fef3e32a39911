// SR data sources through the XenAPI: a plugin publishes sources owned by an
// SR (`sr <uuid>`), rrdd records them, and SR.get_data_sources,
// record_data_source, query_data_source and forget_data_source_archives
// answer from it, as the host's and VMs' do. host.sync_data writes the RRDs
// to disk; a new rrdd brings the SR's history back. rrdd's clock is stepped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeServer, createDispatcher, serveHttpUnix } from '../../src/idl/index.js';
import { Rrd } from '../../src/idl/rrd.js';
import { Rrdd } from '../../src/rrdd/daemon.js';
import { rrdImplementation } from '../../src/rrdd/rpc.js';
import { parseDatasources } from '../../src/rrdd/plugin/metadata.js';
import { PluginV2Writer } from '../../src/rrdd/plugin/protocol-v2.js';
import { startTestServer } from '../support/xapi-server.js';
import { failure } from '../support/failure.js';

const T0 = 1_900_000_000_000;

async function startRrdd(stateDir: string) {
  let clock = T0;
  const pluginDir = join(stateDir, 'metrics');
  mkdirSync(pluginDir, { recursive: true });
  const rrdd = new Rrdd({
    stateDir,
    pluginDir,
    intervalMs: 3_600_000,
    clock: () => clock,
    vmStats: async () => [],
    hostRoot: join(stateDir, 'no-host-root'),
    log: () => {},
  });
  await rrdd.start();
  const socket = join(stateDir, 'rrdd.sock');
  const http = await serveHttpUnix(createDispatcher(Rrd, rrdImplementation(rrdd)), socket);
  return {
    rrdd,
    pluginDir,
    target: `rrd+unix://${socket}`,
    async cycles(n: number) {
      for (let i = 0; i < n; i++) {
        clock += 5000;
        await rrdd.cycle();
      }
    },
    async stop() {
      await closeServer(http);
      await rrdd.stop();
    },
  };
}

test('SR data sources: published by a plugin, answered through the XenAPI, kept across rrdd restarts', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'xapi-ts-sr-ds-'));
  let rd = await startRrdd(stateDir);
  try {
    await using srv = await startTestServer({
      stateDir,
      rrdd: { target: rd.target, metricsEveryMs: 3_600_000 },
    });
    const c = await srv.client();
    const sr = (await c.pool.get_default_SR((await c.pool.get_all())[0] as string)) as string;
    const srUuid = await c.SR.get_uuid(sr);
    const host = (await c.host.get_all())[0] as string;

    // before any plugin speaks of it, the SR has no data sources
    assert.deepEqual(await c.SR.get_data_sources(sr), []);
    await failure(c.SR.query_data_source(sr, 'io_throughput_read'), 'INVALID_VALUE');

    const dss = parseDatasources({
      datasources: {
        io_throughput_read: {
          description: 'Data read from the SR',
          owner: `sr ${srUuid}`,
          value_type: 'float',
          type: 'gauge',
          default: 'true',
          units: 'MiB/s',
        },
        latency: {
          description: 'Average I/O latency',
          owner: `sr ${srUuid}`,
          value_type: 'float',
          type: 'gauge',
          default: 'false',
          units: 'ms',
        },
      },
    });
    const writer = new PluginV2Writer(dss);
    await rd.rrdd.plugins.register('iostat', 'Five_Seconds', 'V2');
    const publish = (t: number, read: number, latency: number) =>
      writeFileSync(join(rd.pluginDir, 'iostat'), writer.encode(t, [read, latency]));
    for (let i = 0; i < 4; i++) {
      publish(T0 / 1000 + i, 12.5, 3);
      await rd.cycles(1);
    }

    const list = await c.SR.get_data_sources(sr);
    const read = list.find((d) => d.name_label === 'io_throughput_read');
    const lat = list.find((d) => d.name_label === 'latency');
    assert.equal(read?.enabled, true);
    assert.equal(read?.standard, true);
    assert.equal(read?.units, 'MiB/s');
    assert.equal(lat?.enabled, false, 'a non-default source is offered, not recorded');
    assert.equal(await c.SR.query_data_source(sr, 'io_throughput_read'), 12.5);
    await failure(c.SR.query_data_source(sr, 'latency'), 'INVALID_VALUE');

    // record the offered one; it has values from the next cycles
    await c.SR.record_data_source(sr, 'latency');
    for (let i = 0; i < 2; i++) {
      publish(T0 / 1000 + 10 + i, 12.5, 3);
      await rd.cycles(1);
    }
    assert.equal(await c.SR.query_data_source(sr, 'latency'), 3);
    await failure(c.SR.record_data_source(sr, 'no_such_ds'), 'INVALID_VALUE');

    // forgetting drops its archives: no longer recorded
    await c.SR.forget_data_source_archives(sr, 'latency');
    await failure(c.SR.query_data_source(sr, 'latency'), 'INVALID_VALUE');

    // host.sync_data: the RRDs are on disk when it answers
    const file = join(stateDir, 'rrd', `sr.${srUuid}.json.gz`);
    assert.equal(existsSync(file), false);
    await c.host.sync_data(host);
    assert.equal(existsSync(file), true);
    await failure(c.host.backup_rrds(host, -1), 'INVALID_VALUE', ['delay', '-1']);
    // host.backup_rrds answers at once and writes them after its delay
    rmSync(file);
    await c.host.backup_rrds(host, 0.05);
    for (let i = 0; !existsSync(file); i++) {
      assert.ok(i < 1500, 'host.backup_rrds never wrote the archive');
      await new Promise((r) => setTimeout(r, 20));
    }

    // a new rrdd (plugin not yet heard from) has the SR's history back
    await rd.stop();
    rd = await startRrdd(stateDir);
    assert.equal(await c.SR.query_data_source(sr, 'io_throughput_read'), 12.5);
  } finally {
    await rd.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
});

test('SR data sources without an rrdd: INTERNAL_ERROR, as for the host and VMs', async () => {
  await using srv = await startTestServer({ inMemory: true });
  const c = await srv.client();
  const sr = (await c.SR.get_all())[0] as string;
  await failure(c.SR.get_data_sources(sr), 'INTERNAL_ERROR');
  await failure(c.host.sync_data((await c.host.get_all())[0] as string), 'INTERNAL_ERROR');
});
