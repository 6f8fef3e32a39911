// event.*: the modern event.from and the legacy register/next queue.
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import type { SessionInfo } from '../session-info.js';

function sessionOf(ctx: CallContext): SessionInfo {
  if (!ctx.session) throw apiError('SESSION_INVALID', { handle: '' });
  return ctx.session;
}

export const eventActions = {
  async from(ctx: CallContext, classes: readonly string[], token: string, timeout: number) {
    return ctx.services.events.from(sessionOf(ctx), classes, token, timeout, ctx.task?.signal);
  },
  async inject(ctx: CallContext, cls: string, ref: string) {
    return ctx.services.events.inject(cls, ref);
  },
  async get_current_id(ctx: CallContext) {
    return ctx.services.events.currentId();
  },
  async register(ctx: CallContext, classes: readonly string[]) {
    ctx.services.events.register(sessionOf(ctx), classes);
  },
  async unregister(ctx: CallContext, classes: readonly string[]) {
    ctx.services.events.unregister(sessionOf(ctx), classes);
  },
  async next(ctx: CallContext) {
    return ctx.services.events.next(sessionOf(ctx), ctx.task?.signal);
  },
};
