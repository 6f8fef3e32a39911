// Sessions: login, validation on every call, logout and expiry. Session
// records live in the object database (so they survive a restart); the
// roles and the abort signal of each are kept beside it in memory.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiError } from '../datamodel/api-error.js';
import { NULL_REF } from '../datamodel/build.js';
import { ROLES, type Role } from '../datamodel/types.js';
import type { StoredRecords, XapiDb } from './store.js';
import type { SessionInfo } from './session-info.js';
import { serverFields } from './records.js';
import type { Patch } from '../db/typed.js';
import { formatDateTime, systemClock, type Clock } from './time.js';
import { LOCAL_SUBJECT_PREFIX, type Users } from './users.js';
import { Throttle } from './auth/throttle.js';

export interface SessionOptions {
  /** Idle time after which a session expires (xapi: 24 h). */
  readonly idleTimeoutMs: number;
  /** Delay before answering a failed login, to slow down guessing (xapi: 5 s). */
  readonly authFailureDelayMs: number;
  /** Most sessions one user may hold; the least recently used go first (xapi: 500). */
  readonly maxPerUser: number;
  /** Where idle times are measured from. */
  readonly clock: Clock;
}

export const DEFAULT_SESSION_OPTIONS: SessionOptions = {
  idleTimeoutMs: 24 * 3600_000,
  authFailureDelayMs: 1000,
  maxPerUser: 500,
  clock: systemClock,
};

interface Live {
  info: SessionInfo;
  controller: AbortController;
  lastActive: number;
  lastWritten: number;
}

/** What differs between the session rows of a user's login and a pool member's. */
type SessionRowWho = Required<
  Pick<
    Patch<StoredRecords['session']>,
    'pool' | 'is_local_superuser' | 'subject' | 'auth_user_sid' | 'auth_user_name' | 'originator'
  >
>;

/** How often last_active is written back to the database, at most. */
const LAST_ACTIVE_WRITE_MS = 60_000;

export class Sessions {
  private readonly live = new Map<string, Live>();
  private readonly timer: NodeJS.Timeout;
  /** Local password checks at once: the pool's local_auth_max_threads, read at each login. */
  private readonly localAuth = new Throttle(() => {
    const [pool] = this.db.all('pool');
    return pool ? pool[1].local_auth_max_threads : 1;
  });

  constructor(
    private readonly db: XapiDb,
    private readonly users: Users,
    private readonly host: string,
    private readonly opts: SessionOptions = DEFAULT_SESSION_OPTIONS,
  ) {
    // Sessions persisted by an earlier run stay valid.
    for (const [ref, row] of db.all('session')) {
      const name = row.auth_user_name;
      const roles = this.rolesOf(name, row.is_local_superuser);
      if (roles === undefined) {
        // In a pool, each host looks after the sessions it opened.
        if (row.this_host === host) db.destroy('session', ref);
        continue;
      }
      this.remember(ref, name, roles, row.is_local_superuser, this.opts.clock(), row.pool ? 'pool' : 'user');
    }
    this.timer = setInterval(() => this.expire(), Math.min(60_000, opts.idleTimeoutMs / 2));
    this.timer.unref();
  }

  /** Roles of a user, or undefined if it is unknown or holds none. */
  private rolesOf(name: string, superuser: boolean): ReadonlySet<Role> | undefined {
    if (superuser || name === 'root') return new Set(ROLES);
    const subject = this.localSubject(name);
    if (subject === undefined) return undefined;
    const roles = new Set<Role>();
    for (const roleRef of this.db.get('subject', subject).roles) {
      const label = this.db.find('role', roleRef)?.name_label;
      const rank = ROLES.findIndex((r) => r === label);
      // A role grants itself and every less powerful role.
      if (rank >= 0) for (const r of ROLES.slice(rank)) roles.add(r);
    }
    return roles.size ? roles : undefined;
  }

  localSubject(name: string): string | undefined {
    for (const [ref, row] of this.db.all('subject')) {
      if (row.subject_identifier === LOCAL_SUBJECT_PREFIX + name) return ref;
    }
    return undefined;
  }

  private remember(
    ref: string,
    name: string,
    roles: ReadonlySet<Role>,
    superuser: boolean,
    at: number,
    scope: SessionInfo['scope'] = 'user',
  ): SessionInfo {
    const controller = new AbortController();
    const info: SessionInfo = {
      ref,
      userName: name,
      roles,
      isLocalSuperuser: superuser,
      scope,
      closed: controller.signal,
    };
    this.live.set(ref, { info, controller, lastActive: at, lastWritten: at });
    return info;
  }

  /** Check a user's password (and roles) the way a login does. */
  private async authenticate(uname: string, pwd: string, local: boolean): Promise<ReadonlySet<Role>> {
    // Local root over the Unix socket needs no password, as in xapi.
    const trusted = local && uname === 'root';
    if (!trusted && !(await this.localAuth.run(() => this.users.verify(uname, pwd)))) {
      await sleep(this.opts.authFailureDelayMs);
      throw apiError('SESSION_AUTHENTICATION_FAILED', {
        username: uname,
        message: 'Authentication failure',
      });
    }
    const roles = this.rolesOf(uname, uname === 'root');
    if (roles === undefined) {
      throw apiError('SESSION_AUTHORIZATION_FAILED', {
        username: uname,
        message: 'The user has no role that allows a login',
      });
    }
    return roles;
  }

  /**
   * session.slave_local_login_with_password: a session good on this host only,
   * kept in memory and not in the database (which, on a slave, is the pool's).
   */
  async loginLocal(uname: string, pwd: string, local: boolean): Promise<string> {
    const roles = await this.authenticate(uname, pwd, local);
    const ref = `OpaqueRef:${randomUUID()}`;
    this.remember(ref, uname, roles, uname === 'root', this.opts.clock(), 'local');
    return ref;
  }

  /** session.slave_login: an intra-pool session, once the caller has shown the pool secret. */
  loginPool(): string {
    const ref = this.createRow({
      pool: true,
      is_local_superuser: true,
      subject: NULL_REF,
      auth_user_sid: '',
      auth_user_name: 'root',
      originator: 'xapi-ts pool member',
    });
    this.remember(ref, 'root', new Set(ROLES), true, this.opts.clock(), 'pool');
    return ref;
  }

  /** The scope of a session this host knows, without marking it active. */
  scopeOf(ref: unknown): SessionInfo['scope'] | undefined {
    return typeof ref === 'string' ? this.live.get(ref)?.info.scope : undefined;
  }

  /** session.login_with_password. `local` logins come over the Unix socket. */
  async login(uname: string, pwd: string, originator: string, local: boolean): Promise<string> {
    const roles = await this.authenticate(uname, pwd, local);
    const superuser = uname === 'root';
    const subject = superuser ? NULL_REF : (this.localSubject(uname) ?? NULL_REF);
    const ref = this.createRow({
      pool: false,
      is_local_superuser: superuser,
      subject,
      auth_user_sid: subject === NULL_REF ? '' : uname,
      auth_user_name: uname,
      originator,
    });
    this.remember(ref, uname, roles, superuser, this.opts.clock());
    this.limit(uname);
    return ref;
  }

  /** The live session, or SESSION_INVALID. Marks it active. */
  check(ref: unknown): SessionInfo {
    const s = typeof ref === 'string' ? this.live.get(ref) : undefined;
    if (!s) throw apiError('SESSION_INVALID', { handle: String(ref) });
    const t = this.opts.clock();
    s.lastActive = t;
    if (s.info.scope !== 'local' && t - s.lastWritten > LAST_ACTIVE_WRITE_MS) {
      s.lastWritten = t;
      this.db.update('session', s.info.ref, { last_active: this.stamp() });
    }
    return s.info;
  }

  logout(ref: string): void {
    const s = this.live.get(ref);
    if (!s) return;
    this.live.delete(ref);
    s.controller.abort();
    if (this.db.has('session', ref)) this.db.destroy('session', ref);
  }

  /** Close every session of a user (its password or roles changed). */
  logoutUser(name: string, except?: string): void {
    for (const [ref, s] of this.live) if (s.info.userName === name && ref !== except) this.logout(ref);
  }

  count(): number {
    return this.live.size;
  }

  private limit(name: string): void {
    const mine = [...this.live.values()].filter((s) => s.info.userName === name);
    if (mine.length <= this.opts.maxPerUser) return;
    mine.sort((a, b) => a.lastActive - b.lastActive);
    for (const s of mine.slice(0, mine.length - this.opts.maxPerUser)) this.logout(s.info.ref);
  }

  /**
   * Drop sessions idle for longer than the timeout. In a pool, only the
   * sessions this host opened: it alone sees how they are used.
   */
  expire(at = this.opts.clock()): void {
    for (const [ref, s] of this.live) {
      if (at - s.lastActive <= this.opts.idleTimeoutMs) continue;
      const row = this.db.find('session', ref);
      if (row && row.this_host !== this.host) continue;
      this.logout(ref);
    }
  }

  /** A session row on this host, active now; `who` says whose and which kind. */
  private createRow(who: SessionRowWho): string {
    return this.db.create(
      'session',
      serverFields('session', {
        ...who,
        this_host: this.host,
        this_user: NULL_REF,
        last_active: this.stamp(),
        rbac_permissions: [],
      }),
    );
  }

  /** The clock's time as a XenAPI datetime. */
  private stamp(): string {
    return formatDateTime(new Date(this.opts.clock()));
  }

  close(): void {
    clearInterval(this.timer);
    for (const s of this.live.values()) s.controller.abort();
  }
}
