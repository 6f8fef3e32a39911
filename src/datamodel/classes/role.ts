import { call, defineClass, field, nameFields, param, t, uid } from '../build.js';

export const role = defineClass({
  name: 'role',
  doc: 'A role or a permission; roles are sets of permissions and other roles.',
  writeRole: 'pool-admin',
  fields: [
    uid(),
    ...nameFields('StaticRO'),
    field('subroles', t.set(t.ref('role')), 'StaticRO', 'Roles and permissions this role contains.', {
      default: [],
    }),
    field('is_internal', t.bool, 'DynamicRO', 'True for roles used only inside the toolstack.'),
  ],
  messages: [
    call('get_permissions', {
      params: [param('self', t.ref('role'), 'The role.')],
      result: t.set(t.ref('role')),
      resultDoc: 'References to the permissions.',
      role: 'read-only',
      doc: 'List every permission the role contains, directly or through its subroles.',
    }),
    call('get_permissions_name_label', {
      params: [param('self', t.ref('role'), 'The role.')],
      result: t.set(t.string),
      resultDoc: 'Names of the permissions.',
      role: 'read-only',
      doc: 'List the names of every permission the role contains.',
    }),
    call('get_by_permission', {
      params: [param('permission', t.ref('role'), 'The permission.')],
      result: t.set(t.ref('role')),
      resultDoc: 'References to the roles.',
      role: 'read-only',
      doc: 'List the roles that contain the given permission.',
    }),
    call('get_by_permission_name_label', {
      params: [param('label', t.string, 'Name of the permission.')],
      result: t.set(t.ref('role')),
      resultDoc: 'References to the roles.',
      role: 'read-only',
      doc: 'List the roles that contain the permission with the given name.',
    }),
  ],
});
