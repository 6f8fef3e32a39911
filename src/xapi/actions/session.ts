// session.*: login, logout and passwords.
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import type { SessionInfo } from '../session-info.js';
import type { Users } from '../users.js';
import { setTimeout as sleep } from 'node:timers/promises';

/** A wrong pool secret is answered after a delay, to slow down guessing. */
const AUTH_FAILURE_DELAY_MS = 1000;

function sessionOf(ctx: CallContext): SessionInfo {
  if (!ctx.session) throw apiError('SESSION_INVALID', { handle: '' });
  return ctx.session;
}

export function sessionActions(users: Users) {
  return {
    async login_with_password(
      ctx: CallContext,
      uname: string,
      pwd: string,
      _version: string,
      originator: string,
    ) {
      return ctx.services.sessions.login(uname, pwd, originator, ctx.local);
    },
    async slave_local_login_with_password(ctx: CallContext, uname: string, pwd: string) {
      return ctx.services.sessions.loginLocal(uname, pwd, ctx.local);
    },
    async slave_login(ctx: CallContext, _host: string, psecret: string) {
      if (!ctx.services.hostPool.secret.matches(psecret)) {
        await sleep(AUTH_FAILURE_DELAY_MS);
        throw apiError('SESSION_AUTHENTICATION_FAILED', {
          username: '',
          message: 'The pool secret is not correct',
        });
      }
      return ctx.services.sessions.loginPool();
    },
    async logout(ctx: CallContext) {
      ctx.services.sessions.logout(sessionOf(ctx).ref);
    },
    async local_logout(ctx: CallContext) {
      const s = sessionOf(ctx);
      // Only sessions of slave_local_login_with_password end this way.
      if (s.scope !== 'local') throw apiError('SESSION_INVALID', { handle: s.ref });
      ctx.services.sessions.logout(s.ref);
    },
    async change_password(ctx: CallContext, oldPwd: string, newPwd: string) {
      const s = sessionOf(ctx);
      if (!(await users.verify(s.userName, oldPwd))) {
        throw apiError('CHANGE_PASSWORD_REJECTED', { msg: 'The old password is not correct' });
      }
      if (newPwd.length === 0)
        throw apiError('CHANGE_PASSWORD_REJECTED', { msg: 'The new password is empty' });
      await users.setPassword(s.userName, newPwd);
      // Other sessions of the user were opened with the old password.
      ctx.services.sessions.logoutUser(s.userName, s.ref);
    },
    async get_all_subject_identifiers(ctx: CallContext) {
      const ids = new Set<string>();
      for (const [, row] of ctx.services.db.all('session')) {
        const subject = row.subject;
        if (ctx.services.db.has('subject', subject)) {
          ids.add(ctx.services.db.get('subject', subject).subject_identifier);
        }
      }
      return [...ids];
    },
    async logout_subject_identifier(ctx: CallContext, subjectIdentifier: string) {
      for (const [ref, row] of ctx.services.db.all('session')) {
        const subject = row.subject;
        if (!ctx.services.db.has('subject', subject)) continue;
        const id = ctx.services.db.get('subject', subject).subject_identifier;
        if (id === subjectIdentifier && ref !== ctx.session?.ref) ctx.services.sessions.logout(ref);
      }
    },
  };
}
