// /console: a VM's console byte stream, the two ways XenAPI clients connect:
// `CONNECT /console?ref=…` (XenCenter style, HTTP/1.0 200 then raw bytes both
// ways) and a WebSocket upgrade (Xen Orchestra: binary frames carrying the
// bytes). `ref` names a console or a VM (its RFB console); `uuid` works too.
// The router has checked the caller (vm-operator, as in xapi); the console of
// a control domain takes a pool admin (`http/connect_console/host_console`).
import { connect, type Socket } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { httpActionFor, type HttpAction } from '../../datamodel/http-actions.js';
import type { Services } from '../context.js';
import type { HttpCaller } from './auth.js';
import { forbidden, permits } from './guard.js';
import { refuseSocket } from './reply.js';

type Found =
  { ok: true; endpoint: { path: string } | { port: number } } | { ok: false; status: number; why: string };

/** The console a request names, if any. */
function consoleOf(services: Services, url: URL): string | undefined {
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
  return console;
}

/** Ask xenopsd where the bytes of a running VM's console are served. */
async function findEndpoint(services: Services, console: string): Promise<Found> {
  const { db } = services;
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

const actionOf = (kind: 'connect' | 'upgrade'): HttpAction => {
  const a = httpActionFor(kind, kind === 'connect' ? 'CONNECT' : 'GET', '/console');
  if (!a) throw new Error(`no HTTP action for ${kind} /console`);
  return a;
};

export function consoleHandlers(services: Services) {
  const wss = new WebSocketServer({ noServer: true });
  const prepare = async (
    kind: 'connect' | 'upgrade',
    socket: Duplex,
    url: URL,
    caller: HttpCaller | undefined,
  ): Promise<Socket | undefined> => {
    const console = consoleOf(services, url);
    if (!console) {
      refuse(socket, 404, 'no such console');
      return undefined;
    }
    const vm = services.db.get('console', console).VM;
    if (services.db.find('VM', vm)?.is_control_domain) {
      const action = actionOf(kind);
      const sub = kind === 'connect' ? 'host_console' : 'host_console_ws';
      if (!caller || !permits(caller.session, action, sub)) {
        refuseSocket(socket, forbidden(services, action, url, sub));
        return undefined;
      }
    }
    const found = await findEndpoint(services, console);
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
    async connect(
      _req: IncomingMessage,
      socket: Duplex,
      head: Buffer,
      url: URL,
      caller: HttpCaller | undefined,
    ): Promise<void> {
      const backend = await prepare('connect', socket, url, caller);
      if (!backend) return;
      socket.write('HTTP/1.0 200 OK\r\n\r\n');
      if (head.length) backend.write(head);
      backend.pipe(socket).on('error', () => backend.destroy());
      socket.pipe(backend).on('error', () => socket.destroy());
      backend.on('close', () => socket.destroy());
      socket.on('close', () => backend.destroy());
    },
    async upgrade(
      req: IncomingMessage,
      socket: Duplex,
      head: Buffer,
      url: URL,
      caller: HttpCaller | undefined,
    ): Promise<void> {
      const backend = await prepare('upgrade', socket, url, caller);
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
