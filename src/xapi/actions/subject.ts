// subject.*: who may log in, and with which roles. Local users of xapi-ts
// are subjects named `local:<name>`.
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import { LOCAL_SUBJECT_PREFIX, type Users } from '../users.js';

function roles(ctx: CallContext, self: string): readonly string[] {
  return ctx.services.db.get('subject', self).roles;
}

/** Sessions opened by the subject lose their roles' meaning: close them. */
function closeSessions(ctx: CallContext, self: string): void {
  for (const [ref, row] of ctx.services.db.all('session')) {
    if (row.subject === self) ctx.services.sessions.logout(ref);
  }
}

export function subjectActions(users: Users) {
  return {
    async add_to_roles(ctx: CallContext, self: string, role: string) {
      if (!ctx.services.db.has('role', role)) throw apiError('ROLE_NOT_FOUND', {});
      if (roles(ctx, self).includes(role)) throw apiError('ROLE_ALREADY_EXISTS', {});
      ctx.services.db.update('subject', self, { roles: [...roles(ctx, self), role] });
      closeSessions(ctx, self);
    },
    async remove_from_roles(ctx: CallContext, self: string, role: string) {
      if (!roles(ctx, self).includes(role)) throw apiError('ROLE_NOT_FOUND', {});
      ctx.services.db.update('subject', self, { roles: roles(ctx, self).filter((r) => r !== role) });
      closeSessions(ctx, self);
    },
    async get_permissions_name_label(ctx: CallContext, self: string) {
      const out = new Set<string>();
      for (const r of roles(ctx, self)) {
        const row = ctx.services.db.get('role', r);
        out.add(row.name_label);
        for (const p of row.subroles) {
          out.add(ctx.services.db.get('role', p).name_label);
        }
      }
      return [...out];
    },
    async set_local_password(ctx: CallContext, self: string, password: string) {
      const id = ctx.services.db.get('subject', self).subject_identifier;
      const name = id.startsWith(LOCAL_SUBJECT_PREFIX) ? id.slice(LOCAL_SUBJECT_PREFIX.length) : '';
      if (!/^[A-Za-z0-9._-]+$/.test(name) || name === 'root') {
        throw apiError('INVALID_VALUE', { field: 'subject_identifier', value: id });
      }
      if (password.length === 0) throw apiError('INVALID_VALUE', { field: 'password', value: '' });
      await users.setPassword(name, password);
      closeSessions(ctx, self);
    },
  };
}
