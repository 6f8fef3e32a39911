// message.*: alerts attached to objects. They live in their own table and
// reach clients through event.from like any other object.
import { apiError } from '../../datamodel/api-error.js';
import type { Cls } from '../../generated/api-types.js';
import { parseFilter } from '../../db/filter.js';
import type { CallContext } from '../context.js';
import { recordsOf as records } from '../records.js';
import type { StoredClass } from '../store.js';
import { now } from '../time.js';
import { makeRoomForMessage } from '../alerts/raise.js';

/** The stored class of each message.cls; the others have no objects here. */
const CLASS_OF: Readonly<Partial<Record<Cls, StoredClass>>> = {
  VM: 'VM',
  Host: 'host',
  SR: 'SR',
  Pool: 'pool',
  VDI: 'VDI',
  Certificate: 'Certificate',
};

/**
 * xapi keeps message times to the microsecond and answers those later than
 * `since`; on the wire, times are whole seconds, so a message made in the
 * second a client last saw is later than it. Here times are whole seconds:
 * messages of that second count as later, or a client polling with the newest
 * timestamp it has would miss the ones made in the same second.
 */
function atOrAfter(timestamp: string, since: string): boolean {
  return timestamp >= since;
}

export const messageActions = {
  async create(ctx: CallContext, name: string, priority: number, cls: Cls, objUuid: string, body: string) {
    if (priority < 1) throw apiError('INVALID_VALUE', { field: 'priority', value: String(priority) });
    // As xapi: the message must be about an object that exists.
    const stored = CLASS_OF[cls];
    if (stored === undefined || ctx.services.db.refByUuid(stored, objUuid) === undefined)
      throw apiError('UUID_INVALID', { type: cls, uuid: objUuid });
    makeRoomForMessage(ctx.services.db);
    return ctx.services.db.create('message', {
      name,
      priority,
      cls,
      obj_uuid: objUuid,
      timestamp: now(),
      body,
    });
  },
  async destroy(ctx: CallContext, self: string) {
    ctx.services.db.get('message', self);
    ctx.services.db.destroy('message', self);
  },
  async destroy_many(ctx: CallContext, messages: readonly string[]) {
    ctx.services.db.transaction(() => {
      for (const m of messages) if (ctx.services.db.has('message', m)) ctx.services.db.destroy('message', m);
    });
  },
  async get(ctx: CallContext, cls: Cls, objUuid: string, since: string) {
    return records(
      ctx.services.db.all('message'),
      (r) => r.cls === cls && r.obj_uuid === objUuid && atOrAfter(r.timestamp, since),
    );
  },
  async get_since(ctx: CallContext, since: string) {
    return records(ctx.services.db.all('message'), (r) => atOrAfter(r.timestamp, since));
  },
  async get_all(ctx: CallContext) {
    return [...ctx.services.db.all('message')].map(([ref]) => ref);
  },
  async get_all_records(ctx: CallContext) {
    return records(ctx.services.db.all('message'));
  },
  async get_record(ctx: CallContext, self: string) {
    return ctx.services.db.get('message', self);
  },
  async get_by_uuid(ctx: CallContext, uuid: string) {
    const ref = ctx.services.db.refByUuid('message', uuid);
    if (ref === undefined) throw apiError('UUID_INVALID', { type: 'message', uuid });
    return ref;
  },
  async get_all_records_where(ctx: CallContext, expr: string) {
    return records(ctx.services.db.where('message', parseFilter(expr)));
  },
};
