// Small classes and relations for the database tests: a parent/child pair
// (one-to-many), a group/member pair (many-to-many), a class without events,
// plus the real session and task classes.
import { defineClass, field, nameFields, t, uid } from '../datamodel/build.js';
import { session } from '../datamodel/classes/session.js';
import { task } from '../datamodel/classes/task.js';
import type { ClassDecl, RelationDecl } from '../datamodel/types.js';

export const parent = defineClass({
  name: 'Parent',
  doc: 'A parent.',
  writeRole: 'pool-admin',
  fields: [
    uid(),
    nameFields(),
    field('children', t.set(t.ref('Child')), 'DynamicRO', 'Children.'),
    field('tags', t.set(t.string), 'RW', 'Tags.', { default: [] }),
    field('other_config', t.smap, 'RW', 'Configuration.', { default: {} }),
    field('is_big', t.bool, 'RW', 'Big?', { default: false }),
    field('weight', t.int, 'RW', 'Weight.', { default: 0 }),
    field('scratch', t.string, 'DynamicRO', 'Not persisted.', { persist: false, default: 'fresh' }),
  ],
});

export const child = defineClass({
  name: 'Child',
  doc: 'A child.',
  writeRole: 'pool-admin',
  fields: [
    uid(),
    nameFields(),
    field('parent', t.ref('Parent'), 'RW', 'The parent.', { default: 'OpaqueRef:NULL' }),
    field('size', t.int, 'StaticRO', 'Mandatory at creation.'),
  ],
});

export const group = defineClass({
  name: 'group',
  doc: 'A group.',
  writeRole: 'pool-admin',
  fields: [uid(), field('members', t.set(t.ref('member')), 'RW', 'Members.', { default: [] })],
});

export const member = defineClass({
  name: 'member',
  doc: 'A member.',
  writeRole: 'pool-admin',
  fields: [uid(), field('groups', t.set(t.ref('group')), 'RW', 'Groups.', { default: [] })],
});

export const hidden = defineClass({
  name: 'hidden',
  doc: 'A class without events.',
  writeRole: 'pool-admin',
  events: false,
  fields: [uid(), field('value', t.string, 'RW', 'Value.', { default: '' })],
});

export const testClasses: readonly ClassDecl[] = [session, task, parent, child, group, member, hidden];

export const testRelations: readonly RelationDecl[] = [
  { one: ['Child', 'parent'], many: ['Parent', 'children'], kind: 'one-to-many' },
  { one: ['group', 'members'], many: ['member', 'groups'], kind: 'many-to-many' },
  { one: ['task', 'subtask_of'], many: ['task', 'subtasks'], kind: 'one-to-many' },
];
