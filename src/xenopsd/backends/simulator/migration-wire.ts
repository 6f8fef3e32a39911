// The simulator's migration stream: length-prefixed frames over one TCP
// connection (1 byte type, 4 bytes big-endian length, payload). The sender
// streams a header, memory in passes (all of it, then what the guest dirtied),
// the contents of the disks the receiver asked for, and the final guest state
// with a digest of all the memory sent; the receiver answers with one ack frame.
// Pure codec and helpers; the sockets live in migration.ts.
import { createHash } from 'node:crypto';

export type FrameType = 'header' | 'memory' | 'disk-begin' | 'disk-data' | 'disk-end' | 'state' | 'ack';

const codes: Record<FrameType, number> = {
  header: 0x48,
  memory: 0x4d,
  'disk-begin': 0x42,
  'disk-data': 0x44,
  'disk-end': 0x45,
  state: 0x53,
  ack: 0x41,
};
const types = new Map(Object.entries(codes).map(([k, v]) => [v, k as FrameType]));

export interface Frame {
  readonly type: FrameType;
  readonly payload: Buffer;
}

/** Frames larger than this are refused (a corrupt or hostile stream). */
export const maxFrame = 16 * 1024 * 1024;

export function encodeFrame(type: FrameType, payload: Buffer | string | object): Buffer {
  const body = Buffer.isBuffer(payload)
    ? payload
    : Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
  const head = Buffer.alloc(5);
  head.writeUInt8(codes[type], 0);
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

/** Accumulates bytes and yields whole frames; throws on a malformed stream. */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: Frame[] = [];
    while (this.buf.length >= 5) {
      const code = this.buf.readUInt8(0);
      const len = this.buf.readUInt32BE(1);
      const type = types.get(code);
      if (!type) throw new Error(`unknown frame type 0x${code.toString(16)}`);
      if (len > maxFrame) throw new Error(`frame of ${len} bytes is too large`);
      if (this.buf.length < 5 + len) break;
      out.push({ type, payload: this.buf.subarray(5, 5 + len) });
      this.buf = this.buf.subarray(5 + len);
    }
    return out;
  }
}

/** The simulated guest's memory: a stand-in of bounded size, its content stable per VM and pass. */
export function memoryPages(uuid: string, bytes: number, pass: number, pageSize = 64 * 1024): Buffer[] {
  const total = Math.max(pageSize, Math.min(bytes, 4 * 1024 * 1024));
  const pages = Math.ceil(total / pageSize);
  // pass 0 sends everything; later passes what was dirtied meanwhile (1/8, then 1/64)
  const every = pass === 0 ? 1 : 8 ** pass;
  const out: Buffer[] = [];
  for (let i = 0; i < pages; i += every) {
    const seed = createHash('sha256').update(`${uuid}/${pass}/${i}`).digest();
    out.push(Buffer.alloc(pageSize, seed));
  }
  return out;
}

/** The `host:port` of a `tcp:HOST:PORT` URI (an IPv6 host in brackets). */
export function parseTcpUri(uri: string): { host: string; port: number } {
  const m = /^tcp:(?:\[([^\]]+)\]|([^:[\]]+)):(\d+)$/.exec(uri);
  const port = Number(m?.[3]);
  if (!m || !Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`not a tcp: URI: ${uri}`);
  return { host: (m[1] ?? m[2]) as string, port };
}

export function tcpUri(host: string, port: number): string {
  return `tcp:${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** A `disk-data` payload: the offset in the disk (8 bytes, big-endian), then the bytes there. */
export function diskData(offset: number, bytes: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeBigUInt64BE(BigInt(offset));
  return Buffer.concat([head, bytes]);
}

export function parseDiskData(payload: Buffer): { offset: number; bytes: Buffer } {
  if (payload.length < 8) throw new Error('disk data frame without an offset');
  const offset = Number(payload.readBigUInt64BE(0));
  if (!Number.isSafeInteger(offset)) throw new Error('disk data offset out of range');
  return { offset, bytes: payload.subarray(8) };
}
