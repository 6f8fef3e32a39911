import { call, defineClass, field, param, t, uid } from '../build.js';

export const pbd = defineClass({
  name: 'PBD',
  doc: 'The connection of a storage repository to a host.',
  writeRole: 'pool-operator',
  constructorDestructor: true,
  messages: [
    call('plug', {
      params: [param('self', t.ref('PBD'), 'The PBD.')],
      errors: ['SR_UNKNOWN_DRIVER', 'SR_BACKEND_FAILURE'],
      role: 'pool-operator',
      async: true,
      doc: 'Attach the SR on the host and scan it.',
    }),
    call('unplug', {
      params: [param('self', t.ref('PBD'), 'The PBD.')],
      errors: ['VDI_IN_USE'],
      role: 'pool-operator',
      async: true,
      doc: 'Detach the SR from the host; refused while one of its disks is in use.',
    }),
    call('set_device_config', {
      params: [param('self', t.ref('PBD'), 'The PBD.'), param('value', t.smap, 'The new settings.')],
      errors: ['OPERATION_NOT_ALLOWED'],
      role: 'pool-operator',
      doc: 'Change the connection settings of an unplugged PBD.',
    }),
    call('destroy', {
      params: [param('self', t.ref('PBD'), 'The PBD.')],
      errors: ['OPERATION_NOT_ALLOWED'],
      role: 'pool-operator',
      async: true,
      doc: 'Destroy an unplugged PBD.',
    }),
  ],
  fields: [
    uid(),
    field('host', t.ref('host'), 'StaticRO', 'The host side of the connection.'),
    field('SR', t.ref('SR'), 'StaticRO', 'The SR side of the connection.'),
    field('device_config', t.smap, 'StaticRO', 'Settings the storage plugin uses to connect.'),
    field('currently_attached', t.bool, 'DynamicRO', 'True while the SR is attached on the host.'),
    field('other_config', t.smap, 'RW', 'Additional configuration.', { default: {} }),
  ],
});
