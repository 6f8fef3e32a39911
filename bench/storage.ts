// bench:storage — the storage manager on a file SR of 100 qcow2 images.
// Baseline: a scan by a freshly attached SR, which runs qemu-img info on
// every image; measured against it, the scans an attached SR repeats (every
// XenAPI operation ends with one) that reuse the results of unchanged images.
// Also the latency of snapshot + destroy on file and simulated SRs.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { filePlugin } from '../src/storage/file-plugin.js';
import { LocalStorageManager } from '../src/storage/manager.js';
import { haveQemuImg } from '../src/storage/qemu-img.js';
import { simPlugin } from '../src/storage/sim-plugin.js';
import type { SrPlugin } from '../src/storage/types.js';
import { percentile, round } from './support.js';

const IMAGES = 100;
const MiB = 1024 * 1024;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function p50(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await time(fn));
  return percentile(
    times.sort((a, b) => a - b),
    50,
  );
}

async function srWith(plugin: SrPlugin, dir: string) {
  const sm = new LocalStorageManager([plugin]);
  const sr = randomUUID();
  const config = { location: join(dir, plugin.type) };
  await sm.srCreate(sr, plugin.type, config, 0);
  await sm.srAttach(sr, plugin.type, config);
  const vols = [];
  for (let i = 0; i < IMAGES; i++) vols.push(await sm.vdiCreate(sr, { virtualSize: 64 * MiB }));
  return { sm, sr, config, vols };
}

async function snapshotCycle(sm: LocalStorageManager, sr: string, vdi: string): Promise<number> {
  return p50(10, async () => {
    const s = await sm.vdiSnapshot(sr, vdi);
    await sm.vdiDestroy(sr, s.uuid);
  });
}

if (!haveQemuImg()) {
  process.stderr.write('bench:storage needs qemu-img (Debian package qemu-utils)\n');
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'xapi-ts-bench-storage-'));
try {
  const file = await srWith(filePlugin, dir);
  const uncached = await p50(5, async () => {
    const fresh = new LocalStorageManager([filePlugin]);
    await fresh.srAttach(file.sr, 'file', file.config);
    await fresh.srScan(file.sr);
  });
  await file.sm.srScan(file.sr);
  const cached = await p50(10, () => file.sm.srScan(file.sr));
  const sim = await srWith(simPlugin, dir);
  const simScan = await p50(10, () => sim.sm.srScan(sim.sr));
  const fileSnap = await snapshotCycle(file.sm, file.sr, (file.vols[0] as { uuid: string }).uuid);
  const simSnap = await snapshotCycle(sim.sm, sim.sr, (sim.vols[0] as { uuid: string }).uuid);
  process.stdout.write(
    JSON.stringify({
      file_scan_100_uncached_ms: round(uncached),
      file_scan_100_cached_ms: round(cached),
      scan_cache_speedup_ratio: round(uncached / cached, 1),
      sim_scan_100_ms: round(simScan),
      file_snapshot_destroy_p50_ms: round(fileSnap),
      sim_snapshot_destroy_p50_ms: round(simSnap),
    }) + '\n',
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
