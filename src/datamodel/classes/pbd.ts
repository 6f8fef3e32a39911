import { defineClass, field, t, uid } from '../build.js';

export const pbd = defineClass({
  name: 'PBD',
  doc: 'The connection of a storage repository to a host.',
  writeRole: 'pool-operator',
  constructorDestructor: true,
  fields: [
    uid(),
    field('host', t.ref('host'), 'StaticRO', 'The host side of the connection.'),
    field('SR', t.ref('SR'), 'StaticRO', 'The SR side of the connection.'),
    field('device_config', t.smap, 'StaticRO', 'Settings the storage plugin uses to connect.'),
    field('currently_attached', t.bool, 'DynamicRO', 'True while the SR is attached on the host.'),
    field('other_config', t.smap, 'RW', 'Additional configuration.', { default: {} }),
  ],
});
