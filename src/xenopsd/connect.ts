// Reaching a xenopsd: `xenops+unix:///path/xenopsd-NAME.sock` talks HTTP to its
// direct socket; anything else is a switch queue (`org.xen.xapi.xenops.NAME`).
import { Client, HttpUnixTransport } from '../idl/index.js';
import { Xenops, type XenopsInterface } from '../idl/xenops.js';
import { SwitchRpc } from '../switch/rpc.js';
import { clientRemote } from './rpc.js';
import type { RemoteResolver } from './remote.js';

export interface Connection {
  readonly client: Client<XenopsInterface>;
  close(): Promise<void>;
}

export const socketScheme = 'xenops+unix://';

export function connectXenops(target: string, switchSocket: string, timeoutMs?: number): Connection {
  if (target.startsWith(socketScheme)) {
    const transport = new HttpUnixTransport(target.slice(socketScheme.length));
    const client = new Client(Xenops, transport, { timeoutMs });
    return { client, close: () => client.close() };
  }
  const rpc = new SwitchRpc({ socketPath: switchSocket });
  const client = new Client(Xenops, rpc.transport(target), { timeoutMs });
  return {
    client,
    close: async () => {
      rpc.close();
    },
  };
}

/** Migration peers, one connection per URL, kept for the life of the daemon. */
export function remoteResolver(switchSocket: string): RemoteResolver & { close(): Promise<void> } {
  const conns = new Map<string, Connection>();
  const resolve = async (url: string) => {
    let c = conns.get(url);
    if (!c) {
      c = connectXenops(url, switchSocket);
      conns.set(url, c);
    }
    return clientRemote(c.client, url);
  };
  return Object.assign(resolve, {
    close: async () => {
      for (const c of conns.values()) await c.close();
    },
  });
}
