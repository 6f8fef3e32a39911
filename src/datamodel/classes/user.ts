import { defineClass, field, t, uid } from '../build.js';

export const user = defineClass({
  name: 'user',
  doc: 'A local user (deprecated).',
  writeRole: 'pool-admin',
  getAll: false,
  events: false,
  constructorDestructor: true,
  lifecycle: 'deprecated',
  fields: [
    uid(),
    field('short_name', t.string, 'StaticRO', 'Short name of the user.'),
    field('fullname', t.string, 'RW', 'Full name of the user.'),
    field('other_config', t.smap, 'RW', 'Additional configuration.', { default: {} }),
  ],
});
