import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpioArchive, type CpioEntry } from './cpio.js';

interface Parsed {
  name: string;
  mode: number;
  ino: number;
  data: Buffer;
}

// An independent reader of the newc layout, to check what the writer produced.
function parse(buf: Buffer): Parsed[] {
  const out: Parsed[] = [];
  let off = 0;
  for (;;) {
    assert.equal(off % 4, 0);
    assert.equal(buf.toString('latin1', off, off + 6), '070701');
    const field = (i: number) => parseInt(buf.toString('latin1', off + 6 + i * 8, off + 14 + i * 8), 16);
    const [ino, mode, size, nameSize] = [field(0), field(1), field(6), field(11)];
    const name = buf.toString('utf8', off + 110, off + 110 + nameSize - 1);
    assert.equal(buf[off + 110 + nameSize - 1], 0);
    let p = off + 110 + nameSize;
    p += (4 - (p % 4)) % 4;
    const data = buf.subarray(p, p + size);
    p += size;
    p += (4 - (p % 4)) % 4;
    off = p;
    if (name === 'TRAILER!!!') break;
    out.push({ name, mode, ino, data });
  }
  assert.equal(off, buf.length);
  return out;
}

test('newc archive round-trips dirs, files and symlinks', () => {
  const entries: CpioEntry[] = [
    { type: 'dir', path: '/bin' },
    { type: 'file', path: 'bin/busybox', data: Buffer.from([1, 2, 3, 4, 5]), mode: 0o755 },
    { type: 'symlink', path: 'bin/sh', target: 'busybox' },
    { type: 'file', path: 'init.txt', data: 'héllo\n' },
  ];
  const parsed = parse(cpioArchive(entries));
  assert.deepEqual(
    parsed.map((p) => [p.name, p.mode.toString(8), p.data.toString('latin1')]),
    [
      ['bin', '40755', ''],
      ['bin/busybox', '100755', '\x01\x02\x03\x04\x05'],
      ['bin/sh', '120777', 'busybox'],
      ['init.txt', '100644', Buffer.from('héllo\n').toString('latin1')],
    ],
  );
  assert.deepEqual(
    parsed.map((p) => p.ino),
    [1, 2, 3, 4],
  );
});

test('the same entries give the same bytes', () => {
  const entries: CpioEntry[] = [{ type: 'file', path: 'a', data: 'x' }];
  assert.deepEqual(cpioArchive(entries), cpioArchive(entries));
});

test('bad paths are refused', () => {
  assert.throws(() => cpioArchive([{ type: 'file', path: 'a/../b', data: '' }]), /invalid cpio path/);
  assert.throws(() => cpioArchive([{ type: 'file', path: 'nodir/b', data: '' }]), /before its directory/);
  assert.throws(
    () =>
      cpioArchive([
        { type: 'dir', path: 'a' },
        { type: 'dir', path: 'a/' },
      ]),
    /duplicate/,
  );
});
