import { call, defineClass, field, param, t, uid } from '../build.js';

export const subject = defineClass({
  name: 'subject',
  doc: 'A user or group of an external directory that is allowed to log in, with the roles it holds.',
  writeRole: 'pool-admin',
  constructorDestructor: true,
  fields: [
    uid(),
    field(
      'subject_identifier',
      t.string,
      'StaticRO',
      'Identifier of the user or group in the external directory.',
      { default: '' },
    ),
    field('other_config', t.smap, 'StaticRO', 'Additional configuration.', { default: {} }),
    field('roles', t.set(t.ref('role')), 'DynamicRO', 'Roles granted to the subject.', {
      default: ['OpaqueRef:0165f154-ba3e-034e-6b27-5d271af109ba'],
    }),
  ],
  messages: [
    call('add_to_roles', {
      params: [
        param('self', t.ref('subject'), 'The subject.'),
        param('role', t.ref('role'), 'The role to grant.'),
      ],
      role: 'pool-admin',
      doc: 'Grant a role to the subject.',
    }),
    call('remove_from_roles', {
      params: [
        param('self', t.ref('subject'), 'The subject.'),
        param('role', t.ref('role'), 'The role to withdraw.'),
      ],
      role: 'pool-admin',
      doc: 'Withdraw a role from the subject.',
    }),
    call('get_permissions_name_label', {
      params: [param('self', t.ref('subject'), 'The subject.')],
      result: t.set(t.string),
      resultDoc: 'Names of the permissions.',
      role: 'read-only',
      doc: 'List the names of every permission the subject holds through its roles.',
    }),
    call('set_local_password', {
      params: [
        param('self', t.ref('subject'), 'A local subject (identifier `local:<user name>`).'),
        param('password', t.string, 'The new password.'),
      ],
      errors: ['INVALID_VALUE'],
      role: 'pool-admin',
      extension: true,
      doc: 'Set the password of a local user; the user logs in with the name after `local:`. Open sessions of the user are closed.',
    }),
  ],
});
