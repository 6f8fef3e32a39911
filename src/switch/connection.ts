// The client's HTTP/1.1 exchanges with the switch, over keep-alive Unix
// socket connections kept in a small pool. Every call through the switch pays
// two of these on its path (the caller's request and the service's), so they
// are written directly on the socket: one write per request and a response
// parser that only knows what the switch sends (a status line, headers, and
// a body delimited by content-length, chunked encoding or the connection's
// end). node:http's client costs several times more per request.
//
// Like node:http's keep-alive agent, an idle connection does not keep the
// process alive, and connections stay open until the pool is destroyed (the
// switch ties a session's life to its connections).
import { connect, type Socket } from 'node:net';

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** A failure of the exchange itself: `code` as node reports it (ENOENT, ECONNRESET, ...) or a description. */
export class ConnectionError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortError';
  }
}

const CRLF2 = Buffer.from('\r\n\r\n');

interface Exchange {
  readonly head: string;
  readonly body: string | undefined;
  readonly limit: number;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (a: HttpAnswer) => void;
  readonly reject: (e: Error) => void;
}

/** One connection's response parser: bytes in, at most one complete answer out. */
class ResponseReader {
  private head: Buffer | undefined;
  private status = 0;
  /** How the body ends: after `length` bytes, with the connection, or with a zero-size chunk. */
  private mode: 'head' | 'length' | 'eof' | 'chunked' = 'head';
  private length = 0;
  private chunks: Buffer[] = [];
  private size = 0;
  /** Chunked encoding: bytes not parsed yet. */
  private rest: Buffer | undefined;
  keepAlive = true;

  constructor(private readonly limit: number) {}

  /** Feed bytes; returns the answer once it is complete. Throws ConnectionError on garbage. */
  push(data: Buffer): HttpAnswer | undefined {
    if (this.mode === 'head') {
      const buf = this.head ? Buffer.concat([this.head, data]) : data;
      const end = buf.indexOf(CRLF2);
      if (end < 0) {
        if (buf.length > 64 * 1024) throw new ConnectionError('response headers too large');
        this.head = buf;
        return undefined;
      }
      this.head = undefined;
      this.parseHead(buf.toString('latin1', 0, end));
      data = buf.subarray(end + 4);
    }
    if (this.mode === 'chunked') return this.chunked(data);
    if (data.length) {
      this.chunks.push(data);
      this.size += data.length;
    }
    if (this.mode === 'eof') {
      if (this.size > this.limit) throw new ConnectionError(`body larger than ${this.limit} bytes`);
      return undefined;
    }
    if (this.size < this.length) return undefined;
    // Bytes beyond the answer were never asked for: do not reuse the connection.
    if (this.size > this.length) this.keepAlive = false;
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    return this.answer(all.subarray(0, this.length));
  }

  /** The connection ended: the answer, if its body runs until the end. */
  end(): HttpAnswer | undefined {
    return this.mode === 'eof' ? this.answer(Buffer.concat(this.chunks)) : undefined;
  }

  private parseHead(head: string): void {
    const lines = head.split('\r\n');
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
    if (!m) throw new ConnectionError('malformed HTTP response');
    this.status = Number(m[1]);
    let length: number | undefined;
    let chunked = false;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] as string;
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') length = Number(value);
      else if (name === 'transfer-encoding') chunked = value.toLowerCase().includes('chunked');
      else if (name === 'connection' && value.toLowerCase() === 'close') this.keepAlive = false;
    }
    if (this.status === 204 || this.status === 304) length = 0;
    if (chunked) this.mode = 'chunked';
    else if (length === undefined) {
      this.mode = 'eof';
      this.keepAlive = false;
    } else {
      if (!Number.isSafeInteger(length) || length < 0) throw new ConnectionError('malformed HTTP response');
      if (length > this.limit) throw new ConnectionError(`body larger than ${this.limit} bytes`);
      this.mode = 'length';
      this.length = length;
    }
  }

  /** Size line, data, CRLF, ...; a zero size ends the body (the switch sends no trailers). */
  private chunked(data: Buffer): HttpAnswer | undefined {
    let buf = this.rest ? Buffer.concat([this.rest, data]) : data;
    for (;;) {
      const eol = buf.indexOf('\r\n');
      if (eol < 0) break;
      const n = parseInt(buf.toString('latin1', 0, eol), 16);
      if (!Number.isSafeInteger(n) || n < 0) throw new ConnectionError('malformed chunked body');
      if (n === 0) {
        if (buf.length < eol + 4) break;
        return this.answer(Buffer.concat(this.chunks));
      }
      if (buf.length < eol + 2 + n + 2) break;
      this.chunks.push(buf.subarray(eol + 2, eol + 2 + n));
      this.size += n;
      if (this.size > this.limit) throw new ConnectionError(`body larger than ${this.limit} bytes`);
      buf = buf.subarray(eol + 2 + n + 2);
    }
    this.rest = buf;
    return undefined;
  }

  private answer(body: Buffer): HttpAnswer {
    return { status: this.status, body: body.toString('utf8') };
  }
}

export class ConnectionPool {
  private readonly idle: Socket[] = [];
  private readonly all = new Set<Socket>();
  private readonly queued: Exchange[] = [];
  private busy = 0;

  constructor(
    private readonly socketPath: string,
    private readonly maxSockets: number,
  ) {}

  /**
   * One request and its answer. `headers` are complete header lines, each
   * ending in CRLF; content-length is added for a body.
   */
  request(
    method: string,
    path: string,
    headers: string,
    body: string | undefined,
    limit: number,
    signal?: AbortSignal,
  ): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new AbortedError());
      const head =
        `${method} ${path} HTTP/1.1\r\nhost: localhost\r\n${headers}` +
        (body === undefined ? '' : `content-length: ${Buffer.byteLength(body)}\r\n`) +
        '\r\n';
      const x: Exchange = { head, body, limit, signal, resolve, reject };
      if (this.busy >= this.maxSockets) {
        this.queued.push(x);
        if (signal) {
          signal.addEventListener(
            'abort',
            () => {
              const i = this.queued.indexOf(x);
              if (i >= 0) {
                this.queued.splice(i, 1);
                reject(new AbortedError());
              }
            },
            { once: true },
          );
        }
        return;
      }
      this.run(x);
    });
  }

  private run(x: Exchange): void {
    this.busy++;
    const reused = this.idle.pop();
    const socket = reused ?? this.open();
    socket.ref();
    const reader = new ResponseReader(x.limit);
    let settled = false;
    const finish = (outcome: HttpAnswer | Error, reusable: boolean): void => {
      if (settled) return;
      settled = true;
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onClose);
      socket.off('error', onError);
      x.signal?.removeEventListener('abort', onAbort);
      this.busy--;
      if (reusable && !socket.destroyed) {
        socket.unref();
        this.idle.push(socket);
      } else socket.destroy();
      if (outcome instanceof Error) x.reject(outcome);
      else x.resolve(outcome);
      const next = this.queued.shift();
      if (next) this.run(next);
    };
    const onData = (d: Buffer): void => {
      let a: HttpAnswer | undefined;
      try {
        a = reader.push(d);
      } catch (e) {
        return finish(e as Error, false);
      }
      if (a) finish(a, reader.keepAlive);
    };
    const onEnd = (): void => {
      const a = reader.end();
      finish(a ?? new ConnectionError('ECONNRESET'), false);
    };
    const onClose = (): void => finish(new ConnectionError('ECONNRESET'), false);
    const onError = (e: NodeJS.ErrnoException): void =>
      finish(new ConnectionError(e.code ?? e.message), false);
    const onAbort = (): void => finish(new AbortedError(), false);
    socket.on('data', onData);
    socket.on('end', onEnd);
    socket.on('close', onClose);
    socket.on('error', onError);
    x.signal?.addEventListener('abort', onAbort, { once: true });
    socket.write(x.body === undefined ? x.head : x.head + x.body);
  }

  private open(): Socket {
    const s = connect(this.socketPath);
    s.setNoDelay(true);
    this.all.add(s);
    // An idle connection that breaks is simply forgotten.
    const forget = (): void => {
      this.all.delete(s);
      const i = this.idle.indexOf(s);
      if (i >= 0) this.idle.splice(i, 1);
    };
    s.on('close', forget);
    s.on('error', () => undefined);
    return s;
  }

  /**
   * Close every connection; exchanges in progress or queued fail. As with
   * node:http's agent, a later request opens a new connection.
   */
  destroy(): void {
    for (const x of this.queued.splice(0)) x.reject(new ConnectionError('ECONNRESET'));
    for (const s of this.all) s.destroy();
    this.all.clear();
    this.idle.length = 0;
  }
}
