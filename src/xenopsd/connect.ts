// xenopsd's migration peers: one xenops connection (src/idl/xenops-client.ts)
// per destination URL, switch queues reached through the message switch.
import { connectXenops, type Connection } from '../idl/xenops-client.js';
import { SwitchRpc } from '../switch/rpc.js';
import { clientRemote } from './rpc.js';
import type { RemoteResolver } from './remote.js';

/** How long a connection to another host's xapi stays open unused (each migration has its own URL). */
const HTTP_IDLE_MS = 10 * 60_000;

/**
 * The longest one call to a migration peer may take. Every peer call is short (long work
 * is a task that is polled), so a peer that does not answer in this time is gone: without
 * a bound, a call queued on the switch for a dead xenopsd would hang the migration.
 */
const PEER_CALL_MS = 15_000;

/** Migration peers, one connection per URL, kept for the life of the daemon (HTTP ones while in use). */
export function remoteResolver(switchSocket: string): RemoteResolver & { close(): Promise<void> } {
  const conns = new Map<string, Connection & { used: number }>();
  const sweep = (now: number): void => {
    for (const [url, c] of conns) {
      if (/^https?:/.test(url) && now - c.used > HTTP_IDLE_MS) {
        conns.delete(url);
        void c.close();
      }
    }
  };
  const resolve = async (url: string) => {
    const now = Date.now();
    sweep(now);
    let c = conns.get(url);
    if (!c) {
      c = {
        ...connectXenops(url, {
          viaSwitch: () => new SwitchRpc({ socketPath: switchSocket }),
          timeoutMs: PEER_CALL_MS,
        }),
        used: now,
      };
      conns.set(url, c);
    }
    c.used = now;
    return clientRemote(c.client, url);
  };
  return Object.assign(resolve, {
    close: async () => {
      for (const c of conns.values()) await c.close();
    },
  });
}
