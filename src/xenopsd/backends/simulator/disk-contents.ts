// What a simulated migration copies of a disk: its guest-visible contents, not its
// image file. A qcow2 overlay is read through its backing chain (qemu-img convert
// to a sparse raw file), only the extents holding data are sent, and the receiver
// writes them into a raw file it then converts to the format of its own image, so
// the destination image stands alone. Files qemu-img does not know (the
// simulator's stand-ins) are raw contents like any other.
import { mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haveQemuImg, infoArgs, parseInfo, runQemuImg, type QemuFormat } from '../../../storage/qemu-img.js';

export interface Extent {
  readonly start: number;
  readonly length: number;
}

/** Extents holding data in `qemu-img map --output=json` of a raw file. */
export function dataExtents(json: string): Extent[] {
  const rows = JSON.parse(json) as unknown;
  if (!Array.isArray(rows)) throw new Error('qemu-img map: not a list');
  const out: Extent[] = [];
  for (const r of rows as { start?: unknown; length?: unknown; data?: unknown }[]) {
    if (r.data !== true || typeof r.start !== 'number' || typeof r.length !== 'number') continue;
    const last = out[out.length - 1];
    if (last && last.start + last.length === r.start)
      out[out.length - 1] = { ...last, length: last.length + r.length };
    else out.push({ start: r.start, length: r.length });
  }
  return out;
}

/** Splits extents into pieces of at most `chunk` bytes. */
export function chunked(extents: readonly Extent[], chunk: number): Extent[] {
  const out: Extent[] = [];
  for (const e of extents)
    for (let at = e.start; at < e.start + e.length; at += chunk)
      out.push({ start: at, length: Math.min(chunk, e.start + e.length - at) });
  return out;
}

/** The image format qemu-img sees in `path` (raw for a file it does not know). */
async function formatOf(path: string): Promise<QemuFormat | 'other'> {
  const f = parseInfo(await runQemuImg(infoArgs(path))).format;
  return f === 'raw' || f === 'qcow2' ? f : 'other';
}

export interface RawContents {
  /** A raw file with the disk's contents (the image itself when it is raw). */
  readonly path: string;
  readonly size: number;
  /** Where its data is; the rest reads as zeros. */
  readonly extents: readonly Extent[];
  release(): void;
}

/** Sender: the guest-visible contents of the image at `path` (absent: an empty disk). */
export async function rawContents(path: string): Promise<RawContents> {
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    return { path, size: 0, extents: [], release: () => undefined };
  }
  if (size === 0 || !haveQemuImg())
    return { path, size, extents: size > 0 ? [{ start: 0, length: size }] : [], release: () => undefined };
  const format = await formatOf(path);
  let raw = path;
  let dir: string | undefined;
  if (format !== 'raw') {
    dir = mkdtempSync(join(tmpdir(), 'sim-migrate-'));
    raw = join(dir, 'contents.raw');
    await runQemuImg(['convert', '-U', '-f', format === 'other' ? 'raw' : format, '-O', 'raw', path, raw]);
  }
  const release = () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const extents = dataExtents(await runQemuImg(['map', '-f', 'raw', '--output=json', raw]));
    return { path: raw, size: statSync(raw).size, extents, release };
  } catch (e) {
    release();
    throw e;
  }
}

/**
 * Receiver: the raw contents in `raw` become the image at `dest`, in the format of
 * the image already there (the destination SR made it), raw otherwise.
 */
export async function installContents(raw: string, dest: string): Promise<void> {
  let format: QemuFormat | 'other' = 'raw';
  if (haveQemuImg()) {
    try {
      format = await formatOf(dest);
    } catch {
      // no image there yet
    }
  }
  if (format !== 'qcow2') return renameSync(raw, dest);
  const tmp = `${dest}.converting`;
  try {
    await runQemuImg(['convert', '-f', 'raw', '-O', 'qcow2', raw, tmp]);
    renameSync(tmp, dest);
  } finally {
    rmSync(tmp, { force: true });
    rmSync(raw, { force: true });
  }
}
