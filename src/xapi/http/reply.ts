// Plain-text replies of the HTTP handlers (errors, 401s, short answers), on
// a response or, for CONNECT and WebSocket upgrades, on the raw socket.
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export function plain(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

/** A request turned away before its handler runs (401, 403). */
export interface Refusal {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

export function refuse(res: ServerResponse, r: Refusal): void {
  plain(res, r.status, r.body, { ...r.headers });
}

/** The same answer written on a socket taken over by a CONNECT or upgrade handler. */
export function refuseSocket(socket: Duplex, r: Refusal): void {
  const head = [`HTTP/1.0 ${r.status} ${STATUS_CODES[r.status] ?? ''}`];
  const headers = {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(r.body)),
    ...r.headers,
  };
  for (const [k, v] of Object.entries(headers)) head.push(`${k}: ${v}`);
  socket.end(`${head.join('\r\n')}\r\n\r\n${r.body}`);
}
