// A host's role in its pool, kept in the state directory as xapi keeps
// /etc/xensource/pool.conf: one line, `master` or `slave:<master address>`.
// The transitions are a pure function; reading and writing the file is apart.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `standalone` is a master of a pool of one: xapi writes `master` for both, and
 * so does the file; the distinction is made from the pool database (how many
 * hosts it holds), never from the file.
 */
export type PoolRole =
  | { readonly kind: 'master' }
  | { readonly kind: 'slave'; readonly master: string }
  /** A slave that lost its master and accepts only emergency calls (pools.md §1.4). */
  | { readonly kind: 'emergency'; readonly master: string };

export const MASTER: PoolRole = { kind: 'master' };

export type RoleEvent =
  /** pool.join succeeded: this host is now a slave of the master at that address. */
  | { readonly kind: 'joined'; readonly master: string }
  /** The election (or pool.designate_new_master) made this host the master. */
  | { readonly kind: 'elected' }
  /** The election named another host master (it publishes its address). */
  | { readonly kind: 'master-changed'; readonly master: string }
  /** pool.emergency_transition_to_master. */
  | { readonly kind: 'emergency-transition' }
  /** pool.emergency_reset_master(address). */
  | { readonly kind: 'emergency-reset'; readonly master: string }
  /** The master cannot be reached: the slave enters emergency mode. */
  | { readonly kind: 'master-lost' }
  /** pool.eject on this host: it restarts standalone. */
  | { readonly kind: 'ejected' };

/** Why a transition is refused: the message only, the caller picks the XenAPI error. */
export class RoleTransitionError extends Error {
  constructor(
    readonly role: PoolRole,
    readonly event: RoleEvent,
  ) {
    super(`a ${role.kind} host cannot take the event ${event.kind}`);
    this.name = 'RoleTransitionError';
  }
}

/** The role after an event, or RoleTransitionError when the event makes no sense in that role. */
export function nextRole(role: PoolRole, event: RoleEvent): PoolRole {
  switch (event.kind) {
    case 'joined':
      // Only a master (of a pool of one: the pre-checks ensure that) joins another pool.
      if (role.kind !== 'master') throw new RoleTransitionError(role, event);
      return { kind: 'slave', master: event.master };
    case 'elected':
      // A master that is elected again stays master.
      if (role.kind === 'emergency') throw new RoleTransitionError(role, event);
      return MASTER;
    case 'master-changed':
      // A deposed master, or a slave following a new master.
      if (role.kind === 'emergency') throw new RoleTransitionError(role, event);
      return { kind: 'slave', master: event.master };
    case 'emergency-transition':
      if (role.kind === 'master') throw new RoleTransitionError(role, event);
      return MASTER;
    case 'emergency-reset':
      if (role.kind === 'master') throw new RoleTransitionError(role, event);
      return { kind: 'slave', master: event.master };
    case 'master-lost':
      if (role.kind !== 'slave') throw new RoleTransitionError(role, event);
      return { kind: 'emergency', master: role.master };
    case 'ejected':
      if (role.kind === 'master') throw new RoleTransitionError(role, event);
      return MASTER;
  }
}

/** The file's text. Emergency mode is not persisted: after a restart the slave tries its master again. */
export function formatRole(role: PoolRole): string {
  return role.kind === 'master' ? 'master\n' : `slave:${role.master}\n`;
}

/** Parse pool.conf; anything else than `master` or `slave:<non-empty address>` is an error. */
export function parseRole(text: string): PoolRole {
  const line = text.trim();
  if (line === 'master') return MASTER;
  if (line.startsWith('slave:') && line.length > 'slave:'.length) {
    return { kind: 'slave', master: line.slice('slave:'.length) };
  }
  throw new Error(`pool.conf: expected "master" or "slave:<address>", found ${JSON.stringify(line)}`);
}

export const ROLE_FILE = 'pool.conf';

/** The role recorded in the state directory; a host without the file is a master (first start). */
export function loadRole(stateDir: string): PoolRole {
  const path = join(stateDir, ROLE_FILE);
  if (!existsSync(path)) return MASTER;
  return parseRole(readFileSync(path, 'utf8'));
}

/** Write the role atomically (rename), so that a crash leaves the old or the new role. */
export function saveRole(stateDir: string, role: PoolRole): void {
  const path = join(stateDir, ROLE_FILE);
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, formatRole(role), { mode: 0o600 });
  renameSync(tmp, path);
}
