// A few daemon cycles end to end (collectors, a plugin file, the store) and
// what the HTTP handlers would answer from the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCycle } from './cycle.js';
import type { Collector } from './collectors/collector.js';
import { PluginRegistry } from './plugin/registry.js';
import { PluginV2Writer } from './plugin/protocol-v2.js';
import { RrdStore } from './store.js';
import { pickRrd, renderRrd, renderRrdUpdates } from './render.js';
import type { DsDescriptor, Owner } from './rrd/types.js';
import type { Rrd } from './rrd/rrd.js';
import { ApiError } from '../datamodel/api-error.js';

const HOST: Owner = { kind: 'host', uuid: '' };
const VM: Owner = { kind: 'vm', uuid: '11111111-2222-4333-8444-555555555555' };

function gauge(name: string): DsDescriptor {
  return {
    name,
    description: '',
    units: '',
    type: 'gauge',
    min: 0,
    max: Infinity,
    default: true,
    transform: 'identity',
  };
}

test('cycles gather collectors and plugins; a failing source costs only itself', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rrdd-cycle-'));
  try {
    const hostDs = [gauge('loadavg')];
    const hostValues = new Float64Array(1);
    const collectors: Collector[] = [
      { name: 'host', collect: async () => [{ owner: HOST, descriptors: hostDs, values: hostValues }] },
      {
        name: 'broken',
        collect: async () => {
          throw new Error('backend gone');
        },
      },
    ];
    const reg = new PluginRegistry({ dir, secondsToNextReading: () => 5 });
    reg.register('temps', 'Five_Seconds', 'V2');
    const w = new PluginV2Writer([
      { owner: HOST, valueType: 'float', descriptor: gauge('temp') },
      { owner: VM, valueType: 'int64', descriptor: gauge('memory') },
    ]);
    const store = new RrdStore();
    const t0 = 1_700_000_000;
    for (let i = 1; i <= 3; i++) {
      hostValues[0] = i / 10;
      await writeFile(reg.getPath('temps'), w.encode(t0 + 5 * i, [40 + i, 1024 * i]));
      const report = await runCycle(t0 + 5 * i, collectors, reg, store);
      assert.equal(report.readings, 3);
      assert.deepEqual(
        report.failures.map((f) => f.source),
        ['broken'],
      );
    }
    assert.deepEqual(store.get(HOST)?.dsNames(), ['loadavg', 'temp']);
    assert.equal(store.get(HOST)?.peek(0, 0, 1), 43);
    assert.equal(store.get(VM)?.peek(0, 0, 0), 3072);

    const vms = new Map<string, Rrd>([[VM.uuid, store.get(VM) as Rrd]]);
    const set = { hostUuid: 'hh', host: store.get(HOST), vms, srs: new Map<string, Rrd>() };
    const r = renderRrdUpdates(
      new URLSearchParams(`start=${t0 + 6}&host=true&cf=AVERAGE&json=true&interval=5`),
      undefined,
      set,
    );
    assert.equal(r.contentType, 'application/json');
    assert.equal(r.headers['Access-Control-Allow-Origin'], '*');
    const doc = JSON.parse(r.body) as {
      meta: { legend: string[]; rows: number };
      data: { values: string[] }[];
    };
    assert.deepEqual(doc.meta.legend, [
      'AVERAGE:host:hh:loadavg',
      'AVERAGE:host:hh:temp',
      `AVERAGE:vm:${VM.uuid}:memory`,
    ]);
    assert.equal(doc.meta.rows, 2);
    assert.deepEqual(doc.data[0]?.values, ['0.3', '43', '3072']);
    const xml = renderRrdUpdates(new URLSearchParams(`start=${t0}`), 'text/xml', set);
    assert.equal(xml.contentType, 'text/xml');
    assert.match(xml.body, /^<\?xml version="1.0" encoding="UTF-8"\?><xport><meta>/);

    const vmRrd = pickRrd('vm', new URLSearchParams(`uuid=${VM.uuid}`), vms);
    assert.match(
      renderRrd(vmRrd, new URLSearchParams(''), undefined).body,
      /^<\?xml[^>]*><rrd><version>0003<\/version>/,
    );
    assert.equal(renderRrd(vmRrd, new URLSearchParams('json'), undefined).contentType, 'application/json');
    assert.throws(
      () => pickRrd('vm', new URLSearchParams('uuid=nope'), vms),
      (e: unknown) => e instanceof ApiError && e.code === 'UUID_INVALID' && e.params.join() === 'VM,nope',
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
