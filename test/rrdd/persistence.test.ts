// RRDs survive a restart of the daemon: save, drop everything, load, and the
// data goes on exactly as if nothing had happened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirArchive, loadAll, saveAll } from '../../src/rrdd/archive.js';
import { RrdStore } from '../../src/rrdd/store.js';
import { rrdToJson } from '../../src/rrdd/rrd/serialise.js';
import type { DsDescriptor, Owner, Reading } from '../../src/rrdd/rrd/types.js';

const HOST: Owner = { kind: 'host', uuid: '' };
const VM: Owner = { kind: 'vm', uuid: '0b6e5d2a-1c1f-4f7e-9d35-1a2b3c4d5e6f' };

function desc(name: string, type: DsDescriptor['type'], extra: Partial<DsDescriptor> = {}): DsDescriptor {
  return {
    name,
    description: name,
    units: '',
    type,
    min: 0,
    max: Infinity,
    default: true,
    transform: 'identity',
    ...extra,
  };
}

const hostDs = [desc('memory_free_kib', 'gauge'), desc('cpu0', 'derive', { max: 1, transform: 'inverse' })];
const vmDs = [
  desc('memory', 'gauge'),
  desc('vif_0_rx', 'derive', { wrapBits: 64 }),
  desc('hidden', 'gauge', { default: false }),
];

function readings(i: number): Reading[] {
  return [
    { owner: HOST, descriptors: hostDs, values: Float64Array.of(1000 + (i % 7) * 10, i * 4.2) },
    { owner: VM, descriptors: vmDs, values: Float64Array.of(2 ** 30 + i, i * i * 100, 1) },
  ];
}

test('RRDs saved, reloaded by a new store, carry on as if never stopped', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rrdd-persist-'));
  try {
    const t0 = 1_700_000_003;
    const steady = new RrdStore();
    const first = new RrdStore();
    for (let i = 0; i < 400; i++) {
      steady.update(t0 + i * 5, readings(i));
      first.update(t0 + i * 5, readings(i));
    }
    await saveAll(first, new DirArchive(dir));

    const second = new RrdStore();
    const { loaded, failed } = await loadAll(second, new DirArchive(dir));
    assert.equal(loaded, 2);
    assert.deepEqual(failed, []);
    assert.deepEqual(second.get(VM)?.dsNames(), ['memory', 'vif_0_rx']);
    for (let i = 400; i < 1000; i++) {
      steady.update(t0 + i * 5, readings(i));
      second.update(t0 + i * 5, readings(i));
    }
    for (const o of [HOST, VM]) {
      const a = steady.get(o);
      const b = second.get(o);
      assert.ok(a && b);
      assert.equal(rrdToJson(b), rrdToJson(a));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a damaged archive file is reported and the others still load', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rrdd-persist-'));
  try {
    const store = new RrdStore();
    store.update(1_700_000_000, readings(1));
    await saveAll(store, new DirArchive(dir));
    await writeFile(join(dir, 'vm.0b6e5d2a-1c1f-4f7e-9d35-1a2b3c4d5e6f.json.gz'), 'not gzip');
    await writeFile(join(dir, 'unrelated.txt'), 'x');
    const again = new RrdStore();
    const { loaded, failed } = await loadAll(again, new DirArchive(dir));
    assert.equal(loaded, 1);
    assert.deepEqual(failed, [VM]);
    assert.ok(again.has(HOST));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an archive directory that does not exist yet holds nothing', async () => {
  const store = new RrdStore();
  const r = await loadAll(store, new DirArchive(join(tmpdir(), 'rrdd-never-created-' + process.pid)));
  assert.deepEqual(r, { loaded: 0, failed: [] });
});
