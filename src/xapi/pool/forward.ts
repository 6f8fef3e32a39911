// A call on a slave's Unix socket handed to the master as it came: the same
// path and body, the master's answer passed back unchanged (xapi forwards
// these requests the same way, below the RPC layer).
import { request } from 'node:http';

export interface Forwarded {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

export function forwardRequest(
  url: string,
  path: string,
  contentType: string,
  body: Buffer,
): Promise<Forwarded> {
  const base = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        method: 'POST',
        path,
        headers: { 'content-type': contentType, 'content-length': body.length },
        // event.from blocks for up to its own timeout; the master bounds calls itself.
        timeout: 300_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 500,
            contentType: String(res.headers['content-type'] ?? 'text/plain'),
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout forwarding to the master')));
    req.on('error', reject);
    req.end(body);
  });
}
