// host.*: the messages of this foundation (time and introspection).
import type { CallContext } from '../context.js';
import { formatDateTime } from '../time.js';

export const hostActions = {
  async get_servertime(_ctx: CallContext, _host: string) {
    return formatDateTime(new Date());
  },
  async get_server_localtime(_ctx: CallContext, _host: string) {
    // XenAPI datetimes carry no offset: local wall-clock time, labelled as such.
    const d = new Date();
    return formatDateTime(new Date(d.getTime() - d.getTimezoneOffset() * 60_000));
  },
  async list_methods(ctx: CallContext) {
    return ctx.services.listMethods();
  },
};
