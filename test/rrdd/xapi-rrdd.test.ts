// rrdd assembled with xapi and a simulator xenopsd: VM and host data sources
// through the XenAPI messages and /rrd_updates, /host_rrd, /vm_rrd, the
// handlers' authentication, and the RRDs surviving an rrdd restart. rrdd's
// clock is stepped by 5 s per cycle, so rows complete without waiting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startToolstack } from '../support/toolstack.js';
import { startSteppedRrdd } from '../support/rrdd.js';
import { makeVm } from '../support/vm-builder.js';
import { TEST_PASSWORD } from '../support/xapi-server.js';
import { untilObject } from '../support/events.js';
import { runXe } from '../../src/cli/main.js';
import { Sink } from '../cli/support.js';

/** `xe <argv>` in this process, over the server's local socket. */
async function xe(stateDir: string, ...argv: string[]) {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runXe({ argv, env: { XAPI_TS_STATE_DIR: stateDir, HOME: stateDir }, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const T0 = 1_900_000_000_000;

test('VM and host data sources through the XenAPI and the HTTP handlers, across an rrdd restart', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'xapi-ts-rrdd-'));
  let rd = await startSteppedRrdd(stateDir, T0);
  try {
    await using ts = await startToolstack({ stateDir, rrdd: { target: rd.target, metricsEveryMs: 100 } });
    const c = await ts.client();
    const { vm } = await makeVm(c);
    const uuid = await c.VM.get_uuid(vm);
    const host = (await c.host.get_all())[0] as string;
    const hostUuid = await c.host.get_uuid(host);
    await c.VM.start(vm, false, false);
    await rd.cycles(4);

    // XenAPI messages
    const dss = await c.VM.get_data_sources(vm);
    const names = dss.map((d) => d.name_label).sort();
    for (const n of ['cpu0', 'memory', 'memory_internal_free']) assert.ok(names.includes(n), n);
    assert.ok(
      names.some((n) => /^vbd_.+_read$/.test(n)),
      names.join(' '),
    );
    assert.ok(
      names.some((n) => /^vif_.+_tx$/.test(n)),
      names.join(' '),
    );
    const mem = dss.find((d) => d.name_label === 'memory');
    assert.equal(mem?.enabled, true);
    assert.equal(mem?.standard, true);
    assert.equal(mem?.units, 'B');
    const memoryActual = (await c.VM_metrics.get_record((await c.VM.get_record(vm)).metrics)).memory_actual;
    assert.equal(await c.VM.query_data_source(vm, 'memory'), memoryActual);
    const cpu0 = await c.VM.query_data_source(vm, 'cpu0');
    assert.ok(cpu0 >= 0 && cpu0 <= 1, String(cpu0));
    await assert.rejects(c.VM.query_data_source(vm, 'no_such_ds'), { code: 'INVALID_VALUE' });
    const memTotal = await c.host.query_data_source(host, 'memory_total_kib');
    assert.ok(memTotal > 0);
    assert.ok((await c.host.get_data_sources(host)).some((d) => d.name_label === 'memory_free_kib'));

    // the same through xe
    const list = await xe(stateDir, 'vm-data-source-list', `uuid=${uuid}`);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /name_label \( RO\) *: cpu0\n/);
    assert.match(list.stdout, /units \( RO\): B\n/);
    const query = await xe(stateDir, 'vm-data-source-query', `uuid=${uuid}`, 'data-source=memory');
    assert.equal(query.code, 0, query.stderr);
    assert.equal(Number(query.stdout.trim()), memoryActual);
    const hq = await xe(
      stateDir,
      'host-data-source-query',
      `uuid=${hostUuid}`,
      'data-source=memory_total_kib',
    );
    assert.equal(Number(hq.stdout.trim()), memTotal);

    // host_metrics and VM_metrics follow the samples
    const hm = await c.host.get_metrics(host);
    await untilObject(
      c,
      'host_metrics',
      hm,
      (s) => Number(s['memory_total']) === memTotal * 1024,
      'host_metrics to follow the samples',
    );
    assert.equal(await c.host_metrics.get_memory_total(hm), memTotal * 1024);

    // /rrd_updates, XML and JSON
    const sid = c.sessionRef;
    const start = Math.floor(T0 / 1000);
    const q = `start=${start}&cf=AVERAGE&host=true&session_id=${encodeURIComponent(sid)}`;
    const xml = await fetch(`${ts.url}/rrd_updates?${q}`);
    assert.equal(xml.status, 200);
    assert.match(xml.headers.get('content-type') ?? '', /text\/xml/);
    const xtext = await xml.text();
    assert.match(xtext, /^<\?xml|^<xport>/);
    assert.ok(xtext.includes(`<entry>AVERAGE:vm:${uuid}:cpu0</entry>`), xtext.slice(0, 500));
    assert.ok(xtext.includes(`<entry>AVERAGE:host:${hostUuid}:memory_total_kib</entry>`));
    const js = await fetch(`${ts.url}/rrd_updates?${q}&json=true&vm_uuid=${uuid}`);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /application\/json/);
    const doc = (await js.json()) as {
      meta: { step: number; rows: number; columns: number; legend: string[] };
      data: { t: number; values: string[] }[];
    };
    assert.equal(doc.meta.step, 5);
    assert.ok(doc.meta.rows >= 2);
    assert.equal(doc.meta.columns, doc.meta.legend.length);
    assert.ok(doc.meta.legend.includes(`AVERAGE:vm:${uuid}:memory`));
    const memCol = doc.meta.legend.indexOf(`AVERAGE:vm:${uuid}:memory`);
    // values are printed with 5 significant digits, as xapi prints them
    assert.ok(Math.abs(Number(doc.data[0]?.values[memCol]) / memoryActual - 1) < 1e-4);
    assert.ok(doc.data[0] && doc.data[0].t > (doc.data[1]?.t ?? Infinity) - 10, 'rows newest first');

    const vmRrd = await fetch(`${ts.url}/vm_rrd?uuid=${uuid}&json=true`, {
      headers: { cookie: `session_id=${sid}` },
    });
    assert.equal(vmRrd.status, 200);
    assert.equal(((await vmRrd.json()) as { step: string }).step, '5');
    const hostRrd = await fetch(`${ts.url}/host_rrd`, {
      headers: { authorization: `Basic ${Buffer.from(`root:${TEST_PASSWORD}`).toString('base64')}` },
    });
    assert.equal(hostRrd.status, 200);
    assert.match(await hostRrd.text(), /<rrd>/);
    const missing = await fetch(
      `${ts.url}/vm_rrd?uuid=00000000-0000-0000-0000-000000000000&session_id=${sid}`,
    );
    assert.equal(missing.status, 404);

    // authentication failures
    assert.equal((await fetch(`${ts.url}/rrd_updates?start=0`)).status, 401);
    assert.equal((await fetch(`${ts.url}/rrd_updates?start=0&session_id=OpaqueRef:bogus`)).status, 401);
    assert.equal(
      (await fetch(`${ts.url}/host_rrd`, { headers: { cookie: 'session_id=OpaqueRef:x' } })).status,
      401,
    );
    const bad = `Basic ${Buffer.from('root:wrong').toString('base64')}`;
    assert.equal(
      (await fetch(`${ts.url}/vm_rrd?uuid=${uuid}`, { headers: { authorization: bad } })).status,
      401,
    );

    // restart rrdd: the VM's RRD comes back from disk, history included
    const before = await (await fetch(`${ts.url}/rrd_updates?${q}&json=true&vm_uuid=${uuid}`)).json();
    const clock = rd.clock();
    await rd.stop();
    await assert.rejects(c.VM.query_data_source(vm, 'memory'), (e: { code?: string; params?: string[] }) => {
      assert.equal(e.code, 'INTERNAL_ERROR');
      assert.match(String(e.params?.[0]), /^service unreachable at .*rrdd\.sock/);
      return true;
    });
    rd = await startSteppedRrdd(stateDir, T0);
    rd.setClock(clock);
    const after = await (await fetch(`${ts.url}/rrd_updates?${q}&json=true&vm_uuid=${uuid}`)).json();
    // the host is back at once; the VM once a cycle has seen it running
    assert.equal(typeof after, 'object');
    await rd.rrdd.cycle();
    const again = (await (
      await fetch(`${ts.url}/rrd_updates?${q}&json=true&vm_uuid=${uuid}`)
    ).json()) as typeof doc;
    assert.deepEqual(again.meta.legend, (before as typeof doc).meta.legend);
    assert.deepEqual(again.data, (before as typeof doc).data);
    assert.equal(await c.VM.query_data_source(vm, 'memory'), memoryActual);

    // forget a data source's archives: its history goes, it comes back fresh
    await c.VM.forget_data_source_archives(vm, 'memory_internal_free');
    assert.equal(
      (await c.VM.get_data_sources(vm)).find((d) => d.name_label === 'memory_internal_free')?.enabled,
      false,
    );

    // a stopped VM's RRD is archived and leaves the live set
    await c.VM.hard_shutdown(vm);
    await rd.cycles(1);
    assert.deepEqual(await c.VM.get_data_sources(vm), []);
    assert.ok(!rd.rrdd.residentVms().includes(uuid));
    assert.ok(existsSync(join(stateDir, 'rrd', `vm.${uuid}.json.gz`)));
  } finally {
    await rd.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
});

test('without rrdd the metrics calls and handlers say so', async () => {
  await using ts = await startToolstack();
  const c = await ts.client();
  const host = (await c.host.get_all())[0] as string;
  // As xapi does, a XenAPI client sees no internal code: INTERNAL_ERROR with the reason.
  await assert.rejects(c.host.get_data_sources(host), (e: { code?: string; params?: string[] }) => {
    assert.equal(e.code, 'INTERNAL_ERROR');
    assert.match(String(e.params?.[0]), /^the metrics daemon is unavailable: no rrdd is configured/);
    return true;
  });
  const r = await fetch(`${ts.url}/rrd_updates?start=0&session_id=${c.sessionRef}`);
  assert.equal(r.status, 503);
});
