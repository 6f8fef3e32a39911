// /console: a VM's console byte stream, the two ways XenAPI clients connect:
// `CONNECT /console?ref=…` (XenCenter style, HTTP/1.0 200 then raw bytes both
// ways) and a WebSocket upgrade (Xen Orchestra: binary frames carrying the
// bytes). `ref` names a console or a VM (its RFB console); `uuid` works too.
import { connect, type Socket } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Services } from '../context.js';
import { authenticate } from './auth.js';

type Found =
  { ok: true; endpoint: { path: string } | { port: number } } | { ok: false; status: number; why: string };

/** Find the console a request names and ask xenopsd where its bytes are served. */
export async function findConsole(services: Services, url: URL): Promise<Found> {
  const { db } = services;
  const ref = url.searchParams.get('ref');
  const uuid = url.searchParams.get('uuid');
  let console: string | undefined;
  if (ref && db.has('console', ref)) console = ref;
  else {
    const vm = ref && db.has('VM', ref) ? ref : uuid ? db.refByUuid('VM', uuid) : undefined;
    if (uuid && !vm) console = db.refByUuid('console', uuid);
    if (vm) {
      const consoles = db.get('VM', vm).consoles;
      const want = url.searchParams.get('protocol') ?? 'rfb';
      console = consoles.find((c) => db.get('console', c).protocol === want) ?? consoles[0];
    }
  }
  if (!console) return { ok: false, status: 404, why: 'no such console' };
  const row = db.get('console', console);
  const vm = row.VM;
  if (db.find('VM', vm)?.power_state !== 'Running')
    return { ok: false, status: 503, why: 'the VM is not running' };
  const link = services.xenops;
  if (!link) return { ok: false, status: 503, why: 'no VM manager' };
  const vmUuid = db.get('VM', vm).uuid;
  const protocol = row.protocol === 'rfb' ? 'Rfb' : 'Vt100';
  try {
    const [, state] = await link.client.call('VM.stat', { dbg: 'console', id: vmUuid });
    const c = state.consoles.find((x) => x.protocol === protocol);
    if (c?.path) return { ok: true, endpoint: { path: c.path } };
    if (c && c.port > 0) return { ok: true, endpoint: { port: c.port } };
  } catch {
    // fall through: not reachable
  }
  return { ok: false, status: 503, why: 'the console has no endpoint' };
}

function open(endpoint: { path: string } | { port: number }): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = 'path' in endpoint ? connect(endpoint.path) : connect(endpoint.port, '127.0.0.1');
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

function refuse(socket: Duplex, status: number, why: string): void {
  socket.end(`HTTP/1.0 ${status} ${why}\r\ncontent-length: 0\r\n\r\n`);
}

export function consoleHandlers(services: Services) {
  const wss = new WebSocketServer({ noServer: true });
  const prepare = async (req: IncomingMessage, socket: Duplex, url: URL): Promise<Socket | undefined> => {
    const caller = await authenticate(services, req, url);
    if (!caller) {
      refuse(socket, 401, 'Unauthorized');
      return undefined;
    }
    caller.done();
    const found = await findConsole(services, url);
    if (!found.ok) {
      refuse(socket, found.status, found.why);
      return undefined;
    }
    try {
      return await open(found.endpoint);
    } catch {
      refuse(socket, 503, 'the console is not reachable');
      return undefined;
    }
  };
  return {
    async connect(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
      const backend = await prepare(req, socket, url);
      if (!backend) return;
      socket.write('HTTP/1.0 200 OK\r\n\r\n');
      if (head.length) backend.write(head);
      backend.pipe(socket).on('error', () => backend.destroy());
      socket.pipe(backend).on('error', () => socket.destroy());
      backend.on('close', () => socket.destroy());
      socket.on('close', () => backend.destroy());
    },
    async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
      const backend = await prepare(req, socket, url);
      if (!backend) return;
      wss.handleUpgrade(req, socket, head, (ws) => {
        backend.on('data', (d: Buffer) => ws.send(d, { binary: true }));
        ws.on('message', (d: Buffer) => backend.write(d));
        backend.on('close', () => ws.close());
        ws.on('close', () => backend.destroy());
        ws.on('error', () => backend.destroy());
        backend.on('error', () => ws.terminate());
      });
    },
  };
}
