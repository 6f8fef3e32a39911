// This host's place in its pool: its role (pool.conf), the pool secret and the
// membership seam, with the routing of calls on a slave.
import type { PoolMembership } from './membership.js';
import { loadRole, nextRole, saveRole, type PoolRole, type RoleEvent } from './role.js';
import { routeCall, type Route, type SessionScope } from './route.js';
import { XenApiFailure } from '../../client/transport.js';
import { poolLogin, urlOf, type RemoteHost } from './remote.js';
import { PoolSecret } from './secret.js';

export class HostPool {
  private current: PoolRole;
  readonly secret: PoolSecret;
  private readonly remotes = new Map<
    string,
    { readonly address: string; readonly remote: Promise<RemoteHost> }
  >();

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

  /**
   * Take the role the pool database's election gives (pool mode): the
   * election, not a local event, decides, so any role may follow any other.
   */
  follow(role: PoolRole): void {
    if (role.kind !== 'emergency') saveRole(this.stateDir, role);
    this.current = role;
  }

  /** The URL of another member at `address` (see remote.ts). */
  urlOf(address: string): string {
    return urlOf(address, this.port());
  }

  get defaultPort(): number | undefined {
    return this.port();
  }

  /**
   * Call `wire` on another member with an intra-pool session (the pool
   * secret), opened once per member and opened again if the member has
   * forgotten it (it restarted).
   */
  async callHost(host: string, address: string, wire: string, params: readonly unknown[]): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      let entry = this.remotes.get(host);
      if (!entry || entry.address !== address) {
        if (entry) void entry.remote.then((r) => r.close()).catch(() => undefined);
        entry = { address, remote: poolLogin(address, this.port(), host, this.secret.get()) };
        this.remotes.set(host, entry);
      }
      try {
        return await (await entry.remote).call(wire, params);
      } catch (e) {
        // A member that restarted no longer knows the session (or the login failed): once more.
        if (this.remotes.get(host) === entry) this.remotes.delete(host);
        void entry.remote.then((r) => r.close()).catch(() => undefined);
        const stale = e instanceof XenApiFailure && e.code === 'SESSION_INVALID';
        if (!stale || attempt > 0) throw e;
      }
    }
  }

  /** Close the intra-pool connections. */
  close(): void {
    for (const e of this.remotes.values()) void e.remote.then((x) => x.close()).catch(() => undefined);
    this.remotes.clear();
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
