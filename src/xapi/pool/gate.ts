// The slave's gate in front of dispatch: a call a slave does not answer
// itself is refused with HOST_IS_SLAVE (TCP) or handed to the master (Unix socket).
import type { RawValue } from '../../rpc/index.js';
import type { Services } from '../context.js';
import { ForwardToMaster } from './host-pool.js';
import type { SessionScope } from './route.js';

export function gateOnSlave(
  services: Services,
  wire: string,
  takesSession: boolean,
  raw: readonly RawValue[],
  origin: { readonly local: boolean },
): void {
  const pool = services.hostPool;
  const first = raw[0];
  const ref = first && 'v' in first && typeof first.v === 'string' ? first.v : undefined;
  const scope: SessionScope = takesSession ? (services.sessions.scopeOf(ref) ?? 'unknown') : 'none';
  const route = pool.route(wire, origin, scope);
  if (route.kind === 'refuse') throw route.error;
  if (route.kind === 'forward') throw new ForwardToMaster(route.master, pool.urlOf(route.master));
}
