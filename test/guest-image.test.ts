// The test guest builder: concurrent callers share one build, the result is the same
// bytes as any other build of the same recipe and packages, and without apt lists the
// cached image is used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  defaultCacheDir,
  ensureGuestImage,
  type GuestImage,
} from '../src/xenopsd/backends/qemu/guest-image/build.js';

const missing = ['apt-get', 'apt-cache', 'dpkg-deb', 'xz'].filter(
  (c) => spawnSync('sh', ['-c', `command -v ${c}`]).status !== 0,
);
const skip = missing.length > 0 ? `missing ${missing.join(', ')}` : false;
const sha = async (p: string) =>
  createHash('sha256')
    .update(await readFile(p))
    .digest('hex');

test(
  'the guest image is built once, reproducibly, and found offline',
  { skip, timeout: 300_000 },
  async (t) => {
    const cacheDir = await mkdtemp('/tmp/guest-image-test-');
    t.after(() => rm(cacheDir, { recursive: true, force: true }));
    const logs: string[] = [];
    const log = (l: string) => logs.push(l);

    const [a, b] = await Promise.all([
      ensureGuestImage({ cacheDir, log }),
      ensureGuestImage({ cacheDir, log }),
    ]);
    assert.deepEqual(a, b);
    assert.equal(logs.filter((l) => / built in /.test(l)).length, 1, logs.join('\n'));
    assert.deepEqual(await readdir(join(cacheDir, 'guest')), [a.key]);
    assert.deepEqual((await readFile(a.vmlinux)).subarray(0, 4), Buffer.from('\x7fELF', 'latin1'));

    // The shared cache holds (or now gets) a build of the same inputs: same bytes.
    const shared: GuestImage = await ensureGuestImage({ cacheDir: defaultCacheDir() });
    assert.equal(shared.key, a.key);
    assert.equal(await sha(shared.initrd), await sha(a.initrd));
    assert.equal(await sha(shared.vmlinux), await sha(a.vmlinux));

    // Offline: apt-cache fails, the cached image of this recipe is used.
    const stubs = join(cacheDir, 'bin');
    await mkdir(stubs);
    await writeFile(join(stubs, 'apt-cache'), '#!/bin/sh\necho "E: no lists" >&2\nexit 100\n', {
      mode: 0o755,
    });
    const path = process.env.PATH;
    process.env.PATH = `${stubs}:${path}`;
    try {
      const offline = await ensureGuestImage({ cacheDir, log });
      assert.equal(offline.key, a.key);
      assert.ok(logs.some((l) => /using the cached image/.test(l)));
      await assert.rejects(ensureGuestImage({ cacheDir: join(cacheDir, 'empty') }), /apt-cache/);
    } finally {
      process.env.PATH = path;
    }
  },
);
