import { call, defineClass, field, param, t, uid } from '../build.js';

export const secret = defineClass({
  name: 'secret',
  doc: 'A secret value, such as a password, referred to by other objects.',
  writeRole: 'pool-operator',
  readRole: 'pool-operator',
  events: false,
  constructorDestructor: true,
  fields: [
    uid(),
    field('value', t.string, 'RW', 'The secret itself.'),
    field('other_config', t.smap, 'RW', 'Additional configuration.', { default: {}, readRole: 'read-only' }),
  ],
  messages: [
    call('introduce', {
      params: [
        param('uuid', t.string, 'UUID to give the secret.'),
        param('value', t.string, 'The secret.'),
        param('other_config', t.smap, 'Additional configuration.', {}),
      ],
      result: t.ref('secret'),
      resultDoc: 'The new secret.',
      role: 'pool-operator',
      hidden: true,
      doc: 'Create a secret with a given UUID (used when copying secrets between pools).',
    }),
  ],
});
