// The storage conformance suite on the file SR (qcow2/raw images and
// qemu-img), plus what only real images can show: data survives snapshots
// and copies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filePlugin } from '../src/storage/file-plugin.js';
import { LocalStorageManager } from '../src/storage/manager.js';
import { storageConformance } from './conformance/storage.suite.js';
import { skipWithout } from './support/qemu.js';

const skip = skipWithout('qemu-img', 'qemu-io');

function qemuIo(path: string, format: string, cmd: string): string {
  const r = spawnSync('qemu-io', ['-f', format, '-c', cmd, path], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** Whether the image at `path` holds `pattern` bytes at [offset, offset+len). */
function holds(path: string, format: string, pattern: number, offset: number, len: number): boolean {
  const r = spawnSync('qemu-io', ['-f', format, '-c', `read -P ${pattern} ${offset} ${len}`, path], {
    encoding: 'utf8',
  });
  return r.status === 0 && !/verification failed/i.test(r.stdout);
}

storageConformance({
  plugin: filePlugin,
  skip,
  async fill(path, format, bytes) {
    qemuIo(path, format, `write -P 0x5a 0 ${bytes}`);
  },
});

test('file SR: snapshots keep their data while the disk changes; copies carry it', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xapi-ts-sr-'));
  try {
    const sm = new LocalStorageManager([filePlugin]);
    const sr = randomUUID();
    const config = { location: join(dir, 'sr') };
    await sm.srCreate(sr, 'file', config, 0);
    await sm.srAttach(sr, 'file', config);
    const MiB = 1024 * 1024;
    const v = await sm.vdiCreate(sr, { virtualSize: 4 * MiB, format: 'raw' });
    assert.equal(v.format, 'raw');
    const disk = await sm.attach(sr, v.uuid, 'w', true);
    qemuIo(disk.path, disk.format, `write -P 0x11 0 ${MiB}`);
    await sm.detach(sr, v.uuid, 'w');

    const snap = await sm.vdiSnapshot(sr, v.uuid);
    const after = await sm.attach(sr, v.uuid, 'w', true);
    assert.equal(after.format, 'qcow2', 'the disk is now a qcow2 overlay on its raw base');
    qemuIo(after.path, after.format, `write -P 0x22 0 ${MiB}`);
    await sm.detach(sr, v.uuid, 'w');

    const s = await sm.attach(sr, snap.uuid, 'r', false);
    assert.ok(holds(s.path, s.format, 0x11, 0, MiB), 'the snapshot kept the old data');
    assert.ok(holds(after.path, after.format, 0x22, 0, MiB), 'the disk has the new data');
    await sm.detach(sr, snap.uuid, 'r');

    const copy = await sm.vdiCopy(sr, snap.uuid, sr, undefined, {});
    const c = await sm.attach(sr, copy.uuid, 'r', false);
    assert.ok(holds(c.path, c.format, 0x11, 0, MiB), 'the copy has the snapshot data');
    assert.ok(holds(c.path, c.format, 0, MiB, MiB), 'and zeroes beyond');
    assert.ok(!holds(c.path, c.format, 0x22, 0, MiB), 'not the disk data written after the snapshot');
    assert.ok(copy.physicalUtilisation < 4 * MiB, 'copies stay thin');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(
  'file SR: a snapshot interrupted by a crash is finished or undone at the next attach',
  { skip },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xapi-ts-sr-'));
    try {
      const sr = randomUUID();
      const loc = join(dir, 'sr');
      const config = { location: loc };
      const sm = new LocalStorageManager([filePlugin]);
      await sm.srCreate(sr, 'file', config, 0);
      await sm.srAttach(sr, 'file', config);
      const MiB = 1024 * 1024;
      const a = await sm.vdiCreate(sr, { virtualSize: 4 * MiB });
      const b = await sm.vdiCreate(sr, { virtualSize: 4 * MiB });
      for (const v of [a, b]) {
        const info = await sm.attach(sr, v.uuid, 'w', true);
        qemuIo(info.path, info.format, `write -P 0x33 0 ${MiB}`);
        await sm.detach(sr, v.uuid, 'w');
      }
      // What splitBase leaves on disk when the process dies at a given step.
      const metaFile = join(loc, '.xapi-ts-sr.json');
      const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { volumes: Record<string, object> };
      const baseA = randomUUID();
      const baseB = randomUUID();
      for (const [v, base] of [
        [a.uuid, baseA],
        [b.uuid, baseB],
      ] as const) {
        const r = spawnSync('qemu-img', [
          'create',
          '-q',
          '-u',
          '-f',
          'qcow2',
          '-b',
          `${base}.qcow2`,
          '-F',
          'qcow2',
          join(loc, `.${v}.part`),
          String(4 * MiB),
        ]);
        assert.equal(r.status, 0);
        meta.volumes[base] = { hidden: true, splitOf: v };
      }
      writeFileSync(metaFile, JSON.stringify(meta));
      // a: died after moving its image to the base; b: died before.
      renameSync(join(loc, `${a.uuid}.qcow2`), join(loc, `${baseA}.qcow2`));

      const again = new LocalStorageManager([filePlugin]);
      await again.srAttach(sr, 'file', config);
      const vols = await again.srScan(sr);
      const byUuid = new Map(vols.map((v) => [v.uuid, v]));
      assert.equal(byUuid.get(a.uuid)?.parent, baseA, 'the split of a was finished');
      assert.equal(byUuid.get(baseA)?.hidden, true);
      assert.equal(byUuid.get(b.uuid)?.parent, undefined, 'the split of b was undone');
      assert.equal(byUuid.has(baseB), false);
      assert.equal(vols.length, 3);
      assert.deepEqual(
        readdirSync(loc).filter((n) => n.endsWith('.part')),
        [],
      );
      for (const v of [a, b]) {
        const info = await again.attach(sr, v.uuid, 'r', false);
        assert.ok(holds(info.path, info.format, 0x33, 0, MiB), 'no data lost');
        await again.detach(sr, v.uuid, 'r');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
