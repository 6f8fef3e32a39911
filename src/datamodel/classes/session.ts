import { call, defineClass, field, param, t, uid } from '../build.js';

export const session = defineClass({
  name: 'session',
  doc: 'A session: the authenticated context every API call runs in.',
  writeRole: 'pool-admin',
  getAll: false,
  events: false,
  fields: [
    uid(),
    field('this_host', t.ref('host'), 'DynamicRO', 'The host the session was opened on.'),
    field('this_user', t.ref('user'), 'DynamicRO', 'The user the session belongs to.'),
    field('last_active', t.datetime, 'DynamicRO', 'When the session was last used.'),
    field('pool', t.bool, 'DynamicRO', 'True for sessions between pool members.'),
    field('other_config', t.smap, 'RW', 'Additional configuration.', { default: {} }),
    field(
      'is_local_superuser',
      t.bool,
      'DynamicRO',
      'True if the session was opened by the local root user.',
      {
        default: false,
      },
    ),
    field('subject', t.ref('subject'), 'DynamicRO', 'The external subject that opened the session, if any.'),
    field('validation_time', t.datetime, 'DynamicRO', 'When the external subject was last validated.'),
    field('auth_user_sid', t.string, 'DynamicRO', 'Security identifier of the user.'),
    field('auth_user_name', t.string, 'DynamicRO', 'Name of the user.'),
    field('rbac_permissions', t.set(t.string), 'StaticRO', 'Permissions granted to the session.', {
      default: [],
    }),
    field('tasks', t.set(t.ref('task')), 'DynamicRO', 'Tasks created under this session.'),
    field('parent', t.ref('session'), 'StaticRO', 'The session that created this one, if any.', {
      default: 'OpaqueRef:NULL',
    }),
    field('originator', t.string, 'DynamicRO', 'The client-supplied name of the program that logged in.'),
    field('client_certificate', t.bool, 'DynamicRO', 'True if the client authenticated with a certificate.'),
  ],
  messages: [
    call('login_with_password', {
      params: [
        param('uname', t.string, 'User name.'),
        param('pwd', t.string, 'Password.'),
        param('version', t.string, 'API version the client speaks (accepted and ignored).', '1.1'),
        param('originator', t.string, 'Name of the client program.', ''),
      ],
      result: t.ref('session'),
      resultDoc: 'The new session.',
      errors: ['SESSION_AUTHENTICATION_FAILED', 'HOST_IS_SLAVE'],
      role: 'read-only',
      session: false,
      doc: 'Log in with a user name and password and open a session.',
    }),
    call('slave_local_login_with_password', {
      params: [param('uname', t.string, 'User name.'), param('pwd', t.string, 'Password.')],
      result: t.ref('session'),
      resultDoc: 'The new session.',
      errors: ['SESSION_AUTHENTICATION_FAILED'],
      role: 'pool-admin',
      session: false,
      doc: 'Log in locally, without contacting the pool master (emergency mode).',
    }),
    call('slave_login', {
      params: [param('host', t.ref('host'), 'Host id of slave.'), param('psecret', t.string, 'Pool secret.')],
      result: t.ref('session'),
      resultDoc: 'ID of newly created session.',
      errors: ['SESSION_AUTHENTICATION_FAILED'],
      role: 'pool-admin',
      session: false,
      hidden: true,
      doc: 'Open an intra-pool session with the pool secret: the session a member uses to call another.',
    }),
    call('logout', {
      role: 'read-only',
      doc: 'Log out of the session; blocked event calls on it fail with SESSION_INVALID.',
    }),
    call('local_logout', {
      role: 'pool-admin',
      doc: 'Log out of a session opened with slave_local_login_with_password.',
    }),
    call('change_password', {
      params: [
        param('old_pwd', t.string, 'The current password.'),
        param('new_pwd', t.string, 'The new password.'),
      ],
      errors: ['CHANGE_PASSWORD_REJECTED'],
      role: 'local-superuser',
      doc: "Change the password of the session's user.",
    }),
    call('get_all_subject_identifiers', {
      result: t.set(t.string),
      resultDoc: 'Identifiers of the subjects with open sessions.',
      role: 'read-only',
      doc: 'List the identifiers of all external subjects that have an open session.',
    }),
    call('logout_subject_identifier', {
      params: [param('subject_identifier', t.string, 'The subject whose sessions to close.')],
      role: 'pool-operator',
      doc: 'Close every session opened by the given external subject.',
    }),
  ],
});
