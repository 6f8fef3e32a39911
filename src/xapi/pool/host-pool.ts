// This host's place in its pool: its role (pool.conf), the pool secret and the
// membership seam, with the routing of calls on a slave.
import type { PoolMembership } from './membership.js';
import { loadRole, nextRole, saveRole, type PoolRole, type RoleEvent } from './role.js';
import { routeCall, type Route, type SessionScope } from './route.js';
import { urlOf } from './remote.js';
import { PoolSecret } from './secret.js';

export class HostPool {
  private current: PoolRole;
  readonly secret: PoolSecret;

  constructor(
    private readonly stateDir: string,
    readonly membership: PoolMembership,
    /** This host's TCP port: the port of addresses given without one. */
    private readonly port: () => number | undefined,
  ) {
    this.current = loadRole(stateDir);
    this.secret = PoolSecret.open(stateDir);
  }

  get role(): PoolRole {
    return this.current;
  }

  /** Apply a role event and persist the result before anyone sees it. */
  transition(event: RoleEvent): PoolRole {
    const next = nextRole(this.current, event);
    if (next.kind !== 'emergency') saveRole(this.stateDir, next);
    this.current = next;
    return next;
  }

  /** The URL of another member at `address` (see remote.ts). */
  urlOf(address: string): string {
    return urlOf(address, this.port());
  }

  get defaultPort(): number | undefined {
    return this.port();
  }

  route(wire: string, origin: { readonly local: boolean }, scope: SessionScope): Route {
    return routeCall(this.current, wire, origin, scope);
  }
}

/** Thrown by the dispatcher for a call that the HTTP layer must hand to the master as it is. */
export class ForwardToMaster extends Error {
  constructor(
    readonly master: string,
    readonly url: string,
  ) {
    super(`forward to the master at ${master}`);
    this.name = 'ForwardToMaster';
  }
}
