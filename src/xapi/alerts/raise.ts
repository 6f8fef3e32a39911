// The one way the server raises an alert: a `message` object about an object
// (its class and uuid), with the vocabulary's priority, created in the
// caller's transaction so that clients see it through message.get_since and
// event.from like any other change.
import { alertDecl, type AlertCls, type AlertName } from '../../datamodel/alerts.js';
import type { XapiDb } from '../store.js';
import { now } from '../time.js';

export interface Alert {
  readonly name: AlertName;
  readonly cls: AlertCls;
  readonly objUuid: string;
  readonly body: string;
  /** Only ALARM takes its priority from elsewhere (perfmon's alarm_priority). */
  readonly priority?: number;
  /** XenAPI datetime of the event (default: now). */
  readonly timestamp?: string;
}

/** How many messages are kept (xapi's message_limit): past it, the oldest go. */
export const MESSAGE_LIMIT = 10_000;

/** Create the message for `a` and return its ref. */
export function raiseAlert(db: XapiDb, a: Alert, limit = MESSAGE_LIMIT): string {
  const decl = alertDecl(a.name);
  if (!decl || !decl.cls.includes(a.cls)) throw new Error(`alert ${a.name} is not about a ${a.cls}`);
  makeRoomForMessage(db, limit);
  return db.create('message', {
    name: a.name,
    priority: a.priority ?? decl.priority,
    cls: a.cls,
    obj_uuid: a.objUuid,
    timestamp: a.timestamp ?? now(),
    body: a.body,
  });
}

/** Before a message is made: destroy the oldest (by timestamp, then creation order) past the limit. */
export function makeRoomForMessage(db: XapiDb, limit = MESSAGE_LIMIT): void {
  const n = db.count('message') - limit + 1;
  if (n <= 0) return;
  const all = [...db.all('message')].map(([ref, m], i) => ({ ref, t: m.timestamp, i }));
  all.sort((x, y) => (x.t < y.t ? -1 : x.t > y.t ? 1 : x.i - y.i));
  for (const m of all.slice(0, n)) db.destroy('message', m.ref);
}

/**
 * Raise an alert unless an equal one (name, object and timestamp) exists: for
 * events read again after a restart, whose time identifies them.
 */
export function raiseAlertOnce(db: XapiDb, a: Alert & { readonly timestamp: string }): string | undefined {
  for (const [, m] of db.all('message')) {
    if (m.name === a.name && m.obj_uuid === a.objUuid && m.timestamp === a.timestamp) return undefined;
  }
  return raiseAlert(db, a);
}

/** `VM 'name' (uuid: …)`, as xapi's VM message bodies start. */
export function vmPhrase(db: XapiDb, vm: string): string {
  const row = db.get('VM', vm);
  return `VM '${row.name_label}' (uuid: ${row.uuid})`;
}

/** `host: name (uuid: …)` pieces for xapi's bodies. */
export function hostNameAndUuid(db: XapiDb, host: string): { name: string; uuid: string } {
  const row = db.find('host', host);
  return { name: row?.name_label ?? '', uuid: row?.uuid ?? '' };
}
