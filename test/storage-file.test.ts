// The storage conformance suite on the file SR (qcow2/raw images and
// qemu-img), plus what only real images can show: data survives snapshots
// and copies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filePlugin } from '../src/storage/file-plugin.js';
import { LocalStorageManager } from '../src/storage/manager.js';
import { haveQemuImg } from '../src/storage/qemu-img.js';
import { storageConformance } from './conformance/storage.suite.js';

const haveQemuIo = spawnSync('qemu-io', ['--version'], { stdio: 'ignore' }).status === 0;
const skip = !haveQemuImg()
  ? 'qemu-img is not installed (Debian package qemu-utils)'
  : !haveQemuIo
    ? 'qemu-io is not installed (Debian package qemu-utils)'
    : false;

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
