import { call, defineClass, enumOf, field, param, t } from '../build.js';

export const event = defineClass({
  name: 'event',
  doc: 'Notifications of changes to objects, and the calls that deliver them.',
  writeRole: 'read-only',
  inDb: false,
  enums: [
    enumOf('event_operation', [
      ['add', 'The object was created.'],
      ['del', 'The object was deleted.'],
      ['mod', 'The object was changed.'],
    ]),
  ],
  fields: [
    // The record of whichever class changed: its type is only known at run time.
    field(
      'snapshot',
      t.dynamic,
      'DynamicRO',
      'The full record of the object after the change (absent for deletions).',
    ),
    field('id', t.int, 'StaticRO', 'Sequence number of the event.'),
    field('timestamp', t.datetime, 'StaticRO', 'When the event was generated.', { lifecycle: 'deprecated' }),
    field('class', t.string, 'StaticRO', 'Lower-case name of the class of the changed object.'),
    field(
      'operation',
      t.enum('event_operation'),
      'StaticRO',
      'Whether the object was created, modified or deleted.',
    ),
    field('ref', t.string, 'StaticRO', 'Reference of the changed object.'),
    field('obj_uuid', t.string, 'StaticRO', 'UUID of the changed object.', { lifecycle: 'deprecated' }),
  ],
  messages: [
    call('from', {
      params: [
        param('classes', t.set(t.string), 'Subscriptions: "*", a class name, or "class/ref".'),
        param('token', t.string, 'Token of a previous call, or "" to get every object.'),
        param('timeout', t.float, 'Seconds to wait when nothing has changed.'),
      ],
      result: t.struct({
        events: t.set(
          t.struct({
            id: t.string,
            timestamp: t.string,
            class: t.string,
            operation: t.string,
            ref: t.string,
            snapshot: t.dynamic,
          }),
        ),
        valid_ref_counts: t.map(t.string, t.int32),
        token: t.string,
      }),
      resultDoc: 'The events, the number of objects per class and the token for the next call.',
      errors: ['SESSION_NOT_REGISTERED', 'EVENTS_LOST'],
      role: 'read-only',
      doc: 'Wait for changes to objects of the given classes after the token and return them, coalesced per object, with a new token.',
    }),
    call('inject', {
      params: [
        param('class', t.string, 'Class of the object, as its table name.'),
        param('ref', t.string, 'Reference of the object.'),
      ],
      result: t.string,
      resultDoc: 'A token that event.from tokens can be compared with.',
      role: 'read-only',
      doc: 'Generate a modification event on an object and return a token placed just before it.',
    }),
    call('get_current_id', {
      result: t.int,
      resultDoc: 'The counter.',
      role: 'read-only',
      doc: 'Return the current event counter.',
    }),
    call('register', {
      params: [param('classes', t.set(t.string), 'Class names to add to the subscription ("*" for all).')],
      role: 'read-only',
      async: true,
      lifecycle: 'deprecated',
      doc: 'Subscribe the session to events of the given classes for event.next (deprecated).',
    }),
    call('unregister', {
      params: [param('classes', t.set(t.string), 'Class names to remove.')],
      role: 'read-only',
      async: true,
      lifecycle: 'deprecated',
      doc: "Remove classes from the session's event.next subscription (deprecated).",
    }),
    call('next', {
      result: t.set(t.record('event')),
      resultDoc: 'The queued events.',
      errors: ['SESSION_NOT_REGISTERED', 'EVENTS_LOST'],
      role: 'read-only',
      lifecycle: 'deprecated',
      doc: 'Wait for and return the events queued for the session since the last call (deprecated; use event.from).',
    }),
  ],
});
