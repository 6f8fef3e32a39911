// The alert vocabulary and raiseAlert: xapi's names and priorities, the
// classes each alert may be about, once-only raising of events read again,
// and the host liveness alerts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alerts } from '../../datamodel/alerts.js';
import { firstStart } from '../first-start.js';
import { openStore } from '../store.js';
import { raiseHostLiveness } from './host-alerts.js';
import { raiseAlert, raiseAlertOnce } from './raise.js';

test("the vocabulary keeps xapi's priorities (Api_messages) and says where a name is ours", () => {
  const xapi: Record<string, number> = {
    VM_STARTED: 5,
    VM_SHUTDOWN: 5,
    VM_REBOOTED: 5,
    VM_SUSPENDED: 5,
    VM_RESUMED: 5,
    VM_PAUSED: 5,
    VM_UNPAUSED: 5,
    VM_MIGRATED: 5,
    VM_SNAPSHOTTED: 5,
    VM_CHECKPOINTED: 5,
    VM_SNAPSHOT_REVERTED: 5,
    VM_CRASHED: 2,
    ALARM: 1,
  };
  for (const [name, decl] of Object.entries(alerts)) {
    if ('chosen' in decl) assert.equal(xapi[name], undefined, name);
    else assert.equal(decl.priority, xapi[name], name);
  }
  assert.deepEqual(
    Object.keys(xapi).filter((n) => !(n in alerts)),
    [],
  );
});

test('raiseAlert makes the message with the priority and class; a wrong class is a bug', () => {
  const db = openStore(undefined);
  const { host } = firstStart(db);
  const uuid = db.get('host', host).uuid;
  const ref = raiseAlert(db, { name: 'TASK_FAILED', cls: 'Host', objUuid: uuid, body: 'b' });
  const m = db.get('message', ref);
  assert.deepEqual([m.name, m.priority, m.cls, m.obj_uuid, m.body], ['TASK_FAILED', 3, 'Host', uuid, 'b']);
  assert.match(m.timestamp, /^\d{8}T\d\d:\d\d:\d\dZ$/);
  assert.throws(
    () => raiseAlert(db, { name: 'VM_STARTED', cls: 'Host', objUuid: uuid, body: '' }),
    /not about a Host/,
  );
  // ALARM carries the priority perfmon's configuration gives it
  const alarm = raiseAlert(db, { name: 'ALARM', cls: 'Host', objUuid: uuid, body: '', priority: 4 });
  assert.equal(db.get('message', alarm).priority, 4);
});

test('raiseAlertOnce raises an event once, by name, object and time', () => {
  const db = openStore(undefined);
  const { host } = firstStart(db);
  const uuid = db.get('host', host).uuid;
  const a = {
    name: 'HOST_OFFLINE',
    cls: 'Host',
    objUuid: uuid,
    body: '',
    timestamp: '20300101T00:00:00Z',
  } as const;
  assert.ok(raiseAlertOnce(db, a));
  assert.equal(raiseAlertOnce(db, a), undefined);
  assert.ok(raiseAlertOnce(db, { ...a, timestamp: '20300101T00:00:01Z' }));
  assert.equal([...db.all('message')].length, 2);
});

test('a host going offline and coming back raises HOST_OFFLINE then HOST_ONLINE', () => {
  const db = openStore(undefined);
  const { host } = firstStart(db);
  const row = db.get('host', host);
  raiseHostLiveness(db, row.metrics, false);
  raiseHostLiveness(db, row.metrics, true);
  raiseHostLiveness(db, 'OpaqueRef:not-a-host-metrics', false);
  const ms = [...db.all('message')].map(([, m]) => m);
  assert.deepEqual(
    ms.map((m) => [m.name, m.priority, m.cls, m.obj_uuid]),
    [
      ['HOST_OFFLINE', 2, 'Host', row.uuid],
      ['HOST_ONLINE', 4, 'Host', row.uuid],
    ],
  );
  assert.equal(
    ms[0]?.body,
    `Host '${row.name_label}' (uuid: ${row.uuid}) is offline: its liveness lease expired`,
  );
});

test('past the message limit, the oldest messages make room for the new one', () => {
  const db = openStore(undefined);
  const { host } = firstStart(db);
  const uuid = db.get('host', host).uuid;
  const at = (s: number) => `20300101T00:00:0${s}Z`;
  for (const s of [3, 1, 2])
    raiseAlert(db, { name: 'TASK_FAILED', cls: 'Host', objUuid: uuid, body: `t${s}`, timestamp: at(s) }, 3);
  raiseAlert(db, { name: 'TASK_FAILED', cls: 'Host', objUuid: uuid, body: 'new', timestamp: at(4) }, 3);
  assert.deepEqual([...db.all('message')].map(([, m]) => m.body).sort(), ['new', 't2', 't3']);
});
