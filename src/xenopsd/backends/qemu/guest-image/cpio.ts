// Writer for the "newc" cpio format the Linux kernel unpacks as an initramfs.
// Every header field is fixed (mtime 0, uid/gid 0, inode numbers in entry order), so
// the same entries always give the same bytes: the guest image is reproducible.

export type CpioEntry =
  | { readonly type: 'dir'; readonly path: string; readonly mode?: number }
  | {
      readonly type: 'file';
      readonly path: string;
      readonly data: Uint8Array | string;
      readonly mode?: number;
    }
  | { readonly type: 'symlink'; readonly path: string; readonly target: string };

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;

function hex8(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`cpio field out of range: ${n}`);
  return n.toString(16).padStart(8, '0');
}

function pad4(n: number): number {
  return (4 - (n % 4)) % 4;
}

function header(ino: number, mode: number, nlink: number, size: number, nameLen: number): string {
  // magic, ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check
  return ['070701', hex8(ino), hex8(mode), hex8(0), hex8(0), hex8(nlink), hex8(0), hex8(size)]
    .concat([hex8(0), hex8(0), hex8(0), hex8(0), hex8(nameLen), hex8(0)])
    .join('');
}

function record(ino: number, mode: number, nlink: number, name: string, data: Uint8Array): Buffer[] {
  const nameBytes = Buffer.from(name + '\0', 'utf8');
  const head = Buffer.from(header(ino, mode, nlink, data.length, nameBytes.length), 'latin1');
  return [
    head,
    nameBytes,
    Buffer.alloc(pad4(head.length + nameBytes.length)),
    Buffer.from(data),
    Buffer.alloc(pad4(data.length)),
  ];
}

function normalise(path: string): string {
  const p = path.replace(/^\/+/, '').replace(/\/+$/, '');
  if (p === '' || p.split('/').some((c) => c === '' || c === '.' || c === '..')) {
    throw new Error(`invalid cpio path: ${JSON.stringify(path)}`);
  }
  return p;
}

/** The archive for these entries, in the given order (parents must precede children). */
export function cpioArchive(entries: readonly CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  const seen = new Set<string>();
  let ino = 1;
  for (const e of entries) {
    const path = normalise(e.path);
    if (seen.has(path)) throw new Error(`duplicate cpio path: ${path}`);
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    if (parent !== '' && !seen.has(parent)) throw new Error(`cpio path before its directory: ${path}`);
    seen.add(path);
    switch (e.type) {
      case 'dir':
        parts.push(...record(ino++, S_IFDIR | (e.mode ?? 0o755), 2, path, new Uint8Array()));
        break;
      case 'file': {
        const data = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
        parts.push(...record(ino++, S_IFREG | (e.mode ?? 0o644), 1, path, data));
        break;
      }
      case 'symlink':
        parts.push(...record(ino++, S_IFLNK | 0o777, 1, path, Buffer.from(e.target, 'utf8')));
        break;
    }
  }
  parts.push(...record(0, 0, 1, 'TRAILER!!!', new Uint8Array()));
  return Buffer.concat(parts);
}
