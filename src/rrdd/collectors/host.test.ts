// The host collector on a fixture /proc and /sys, and through the store into
// rates: CPU usage from idle time, bytes per second from counters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostCollector } from './host.js';
import { parseDiskstats, parseMeminfo, parseNetDev, parseProcStat } from './host-parse.js';
import { RrdStore } from '../store.js';

function procStat(idle0: number, idle1: number): string {
  return [
    `cpu  100 0 100 ${idle0 + idle1} 0 0 0 0 0 0`,
    `cpu0 50 0 50 ${idle0 - 10} 10 0 0 0 0 0`,
    `cpu1 50 0 50 ${idle1} 0 0 0 0 0 0`,
    'intr 12345',
    'ctxt 999',
  ].join('\n');
}

const MEMINFO = 'MemTotal:       16303428 kB\nMemFree:         1000000 kB\nMemAvailable:    8000000 kB\n';

function netDev(rx: number, tx: number): string {
  return [
    'Inter-|   Receive                                                |  Transmit',
    ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
    `    lo: 5000 10 0 0 0 0 0 0 5000 10 0 0 0 0 0 0`,
    `  eth0: ${rx} 100 2 0 0 0 0 0 ${tx} 100 1 0 0 0 0 0`,
    `  tap0: 1 1 0 0 0 0 0 0 1 1 0 0 0 0 0 0`,
  ].join('\n');
}

function diskstats(readSectors: number, writeSectors: number): string {
  return [
    `   8       0 sda 100 0 ${readSectors} 0 50 0 ${writeSectors} 0 0 0 0 0 0 0 0`,
    `   8       1 sda1 90 0 ${readSectors} 0 40 0 ${writeSectors} 0 0 0 0 0 0 0 0`,
    `   7       0 loop0 1 0 8 0 0 0 0 0 0 0 0`,
  ].join('\n');
}

async function fixture(root: string, i: number): Promise<void> {
  await mkdir(join(root, 'proc/net'), { recursive: true });
  for (const dev of [
    'sys/class/net/eth0/device',
    'sys/class/net/tap0',
    'sys/class/net/lo',
    'sys/block/sda/device',
  ]) {
    await mkdir(join(root, dev), { recursive: true });
  }
  await mkdir(join(root, 'sys/block/loop0'), { recursive: true });
  // per 5 s: cpu0 idle +1 s (+0.5 idle, +0.5 iowait), cpu1 idle +4 s; eth0 +5000/+2500 B; sda +10/+20 sectors
  await writeFile(join(root, 'proc/stat'), procStat(1000 + 100 * i, 2000 + 400 * i));
  await writeFile(join(root, 'proc/meminfo'), MEMINFO);
  await writeFile(join(root, 'proc/loadavg'), `0.${i}0 0.20 0.10 1/100 1234\n`);
  await writeFile(join(root, 'proc/net/dev'), netDev(10000 + 5000 * i, 20000 + 2500 * i));
  await writeFile(join(root, 'proc/diskstats'), diskstats(1000 + 10 * i, 2000 + 20 * i));
}

test('parsers read the kernel formats', () => {
  assert.deepEqual(parseProcStat(procStat(110, 200)), [
    { cpu: 0, idleS: 1.1 },
    { cpu: 1, idleS: 2 },
  ]);
  assert.deepEqual(parseMeminfo(MEMINFO), { totalKib: 16303428, freeKib: 8000000 });
  assert.deepEqual(parseMeminfo('MemTotal: 10 kB\nMemFree: 4 kB\n'), { totalKib: 10, freeKib: 4 });
  assert.deepEqual(
    parseNetDev(netDev(1, 2)).map((n) => [n.name, n.rxBytes, n.txBytes, n.rxErrors, n.txErrors]),
    [
      ['lo', 5000, 5000, 0, 0],
      ['eth0', 1, 2, 2, 1],
      ['tap0', 1, 1, 0, 0],
    ],
  );
  assert.deepEqual(parseDiskstats(diskstats(4, 8))[0], {
    name: 'sda',
    reads: 100,
    readBytes: 2048,
    writes: 50,
    writeBytes: 4096,
  });
});

test('host collector: physical devices only, stable descriptors, rates through the store', async () => {
  const root = await mkdtemp(join(tmpdir(), 'rrdd-host-'));
  try {
    const c = new HostCollector({ root, hostUuid: 'h' });
    const store = new RrdStore();
    const t0 = 1_700_000_000;
    let firstDescriptors: unknown;
    for (let i = 0; i <= 3; i++) {
      await fixture(root, i);
      const readings = await c.collect();
      assert.equal(readings.length, 1);
      firstDescriptors ??= readings[0]?.descriptors;
      assert.equal(readings[0]?.descriptors, firstDescriptors, 'same shape, same descriptor array');
      store.update(t0 + 5 * i, readings);
    }
    const rrd = store.get({ kind: 'host', uuid: 'h' });
    assert.ok(rrd);
    assert.deepEqual(rrd.dsNames(), [
      'cpu0',
      'cpu1',
      'cpu_avg',
      'loadavg',
      'memory_total_kib',
      'memory_free_kib',
      'pif_eth0_rx',
      'pif_eth0_tx',
      'pif_aggr_rx',
      'pif_aggr_tx',
      'disk_sda_read',
      'disk_sda_write',
      'disk_sda_iops_read',
      'disk_sda_iops_write',
    ]);
    const newest = (name: string): number => rrd.peek(0, 0, rrd.dsIndex(name));
    assert.ok(Math.abs(newest('cpu0') - 0.8) < 1e-9);
    assert.ok(Math.abs(newest('cpu1') - 0.2) < 1e-9);
    assert.ok(Math.abs(newest('cpu_avg') - 0.5) < 1e-9);
    assert.equal(newest('loadavg'), 0.3);
    assert.equal(newest('memory_free_kib'), 8000000);
    assert.equal(newest('pif_eth0_rx'), 1000);
    assert.equal(newest('pif_eth0_tx'), 500);
    assert.equal(newest('pif_aggr_rx'), 1000);
    assert.equal(newest('disk_sda_read'), (10 * 512) / 5);
    assert.equal(newest('disk_sda_write'), (20 * 512) / 5);
    assert.equal(newest('disk_sda_iops_read'), 0);
    // non-default sources are offered but not recorded until enabled
    const possible = store.queryPossibleDss({ kind: 'host', uuid: 'h' });
    assert.deepEqual(
      possible.filter((p) => !p.enabled).map((p) => p.name),
      ['pif_eth0_rx_errors', 'pif_eth0_tx_errors'],
    );
    store.addDs({ kind: 'host', uuid: 'h' }, 'pif_eth0_rx_errors');
    assert.ok(rrd.dsIndex('pif_eth0_rx_errors') >= 0);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('host collector on this machine yields CPU and memory', async () => {
  const [r] = await new HostCollector().collect();
  const names = r?.descriptors.map((d) => d.name) ?? [];
  assert.ok(names.includes('cpu0') && names.includes('memory_total_kib'));
  const total = r?.values[names.indexOf('memory_total_kib')] ?? NaN;
  assert.ok(total > 0);
});
