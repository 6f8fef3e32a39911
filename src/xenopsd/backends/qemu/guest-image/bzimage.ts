// Locating the compressed kernel inside an x86 bzImage, from the fields of the
// Linux boot protocol header (2.08+): setup_sects, payload_offset, payload_length.
// The payload is the compressed ELF vmlinux; decompressed once on the host, QEMU can
// PVH-boot it directly and the guest skips its own (slow under TCG) decompression.

export type PayloadFormat = 'xz' | 'gzip' | 'zstd' | 'lzma' | 'bzip2' | 'lz4' | 'lzo' | 'unknown';

export interface BzImagePayload {
  readonly offset: number;
  readonly length: number;
  readonly format: PayloadFormat;
}

function formatOf(b: Buffer): PayloadFormat {
  if (b.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
  if (b[0] === 0x1f && (b[1] === 0x8b || b[1] === 0x9e)) return 'gzip';
  if (b.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  if (b[0] === 0x5d && b[1] === 0x00) return 'lzma';
  if (b.toString('latin1', 0, 3) === 'BZh') return 'bzip2';
  if (b.readUInt32LE(0) === 0x184c2102) return 'lz4';
  if (b[0] === 0x89 && b.toString('latin1', 1, 4) === 'LZO') return 'lzo';
  return 'unknown';
}

export function bzImagePayload(image: Buffer): BzImagePayload {
  if (image.length < 0x260 || image.toString('latin1', 0x202, 0x206) !== 'HdrS') {
    throw new Error('not a bzImage: no HdrS boot protocol header');
  }
  const version = image.readUInt16LE(0x206);
  if (version < 0x208) throw new Error(`boot protocol ${version.toString(16)} has no payload fields`);
  const setupSects = image[0x1f1] || 4;
  const payloadOffset = image.readUInt32LE(0x248);
  const payloadLength = image.readUInt32LE(0x24c);
  const offset = (setupSects + 1) * 512 + payloadOffset;
  if (payloadLength === 0 || offset + payloadLength > image.length) {
    throw new Error('bzImage payload lies outside the file');
  }
  return { offset, length: payloadLength, format: formatOf(image.subarray(offset, offset + 8)) };
}
