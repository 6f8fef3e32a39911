// The client side of an RFB (VNC) handshake over a WebSocket carrying the
// console's bytes, as Xen Orchestra's noVNC does: protocol version, security
// "None", ClientInit, ServerInit, then one full framebuffer update.
import type WebSocket from 'ws';

/** Reads exact byte counts from a WebSocket's binary messages. */
class ByteReader {
  private buf = Buffer.alloc(0);
  private waiting: (() => void) | undefined;
  private failed: Error | undefined;

  constructor(ws: WebSocket) {
    ws.on('message', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.waiting?.();
    });
    ws.on('close', () => {
      this.failed = new Error('the console closed');
      this.waiting?.();
    });
  }

  async read(n: number): Promise<Buffer> {
    while (this.buf.length < n) {
      if (this.failed) throw this.failed;
      await new Promise<void>((r) => (this.waiting = r));
    }
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }
}

export interface RfbSession {
  readonly version: string;
  readonly width: number;
  readonly height: number;
  readonly name: string;
  /** Rectangles in the first framebuffer update. */
  readonly rectangles: number;
  /** The header of its first rectangle: where, how large, in which encoding. */
  readonly first: {
    readonly x: number;
    readonly y: number;
    readonly w: number;
    readonly h: number;
    readonly encoding: number;
  };
}

export async function rfbHandshake(ws: WebSocket): Promise<RfbSession> {
  const r = new ByteReader(ws);
  const version = (await r.read(12)).toString('latin1');
  if (!/^RFB \d{3}\.\d{3}\n$/.test(version)) throw new Error(`not RFB: ${JSON.stringify(version)}`);
  ws.send(Buffer.from('RFB 003.008\n', 'latin1'));
  const count = (await r.read(1))[0] ?? 0;
  if (count === 0) throw new Error('the server refused the connection');
  const types = [...(await r.read(count))];
  if (!types.includes(1)) throw new Error(`no "None" security type among ${types.join(',')}`);
  ws.send(Buffer.from([1]));
  const result = (await r.read(4)).readUInt32BE(0);
  if (result !== 0) throw new Error(`security handshake failed (${result})`);
  ws.send(Buffer.from([1])); // ClientInit: shared
  const init = await r.read(24);
  const width = init.readUInt16BE(0);
  const height = init.readUInt16BE(2);
  const name = (await r.read(init.readUInt32BE(20))).toString('utf8');
  // FramebufferUpdateRequest, not incremental, of the whole screen.
  const req = Buffer.alloc(10);
  req.writeUInt8(3, 0);
  req.writeUInt8(0, 1);
  req.writeUInt16BE(width, 6);
  req.writeUInt16BE(height, 8);
  ws.send(req);
  // Server messages other than FramebufferUpdate (0) may come first: Bell (2) has no body.
  for (;;) {
    const type = (await r.read(1))[0];
    if (type === 0) break;
    if (type !== 2) throw new Error(`unexpected server message ${type}`);
  }
  const rectangles = (await r.read(3)).readUInt16BE(1);
  const rect = await r.read(12);
  const first = {
    x: rect.readUInt16BE(0),
    y: rect.readUInt16BE(2),
    w: rect.readUInt16BE(4),
    h: rect.readUInt16BE(6),
    encoding: rect.readInt32BE(8),
  };
  return { version: version.trim(), width, height, name, rectangles, first };
}
