import { createNewBlob } from './blob-messages.js';
import { defineClass, enumOf, field, ns, t, uid } from '../build.js';
import { networkMessages } from './network-messages.js';

export const network = defineClass({
  name: 'network',
  doc: 'A virtual network: a bridge on each host.',
  writeRole: 'vm-admin',
  constructorDestructor: true,
  messages: [...networkMessages, createNewBlob('network', 'network', 'pool-operator')],
  enums: [
    enumOf('network_operations', [['attaching', 'A device is being attached to the network.']]),
    enumOf('network_default_locking_mode', [
      ['unlocked', 'VIFs may send any traffic.'],
      ['disabled', 'VIFs may send no traffic.'],
    ]),
    enumOf('network_purpose', [
      ['nbd', 'Serves NBD with TLS.'],
      ['insecure_nbd', 'Serves NBD without TLS.'],
    ]),
  ],
  fields: [
    uid(),
    ...ns('name', [
      field('label', t.string, 'RW', 'A human-readable name.', { default: '', writeRole: 'pool-operator' }),
      field('description', t.string, 'RW', 'A human-readable description.', {
        default: '',
        writeRole: 'pool-operator',
      }),
    ]),
    field(
      'allowed_operations',
      t.set(t.enum('network_operations')),
      'DynamicRO',
      'Operations allowed in the current state (advisory).',
    ),
    field(
      'current_operations',
      t.map(t.string, t.enum('network_operations')),
      'DynamicRO',
      'Operations in progress on the object, by the task that runs them.',
    ),
    field('VIFs', t.set(t.ref('VIF')), 'DynamicRO', 'Virtual interfaces connected to the network.'),
    field('PIFs', t.set(t.ref('PIF')), 'DynamicRO', 'Physical interfaces connected to the network.'),
    field('MTU', t.int, 'RW', 'Maximum transmission unit, in bytes.', { default: 1500 }),
    field('other_config', t.smap, 'RW', 'Additional configuration.', { writeRole: 'pool-operator' }),
    field('bridge', t.string, 'StaticRO', 'Name of the bridge on each host.', { default: '' }),
    field('managed', t.bool, 'StaticRO', 'True if the toolstack creates the bridge.', { default: true }),
    field('blobs', t.map(t.string, t.ref('blob')), 'DynamicRO', 'Binary objects attached, by name.'),
    field('tags', t.set(t.string), 'RW', 'User-defined tags for grouping and searching.', {
      default: [],
      writeRole: 'vm-operator',
    }),
    field(
      'default_locking_mode',
      t.enum('network_default_locking_mode'),
      'DynamicRO',
      'Locking mode of VIFs that use the network default.',
      { default: 'unlocked' },
    ),
    field(
      'assigned_ips',
      t.map(t.ref('VIF'), t.string),
      'DynamicRO',
      'Addresses handed to VIFs by the toolstack.',
    ),
    field(
      'purpose',
      t.set(t.enum('network_purpose')),
      'DynamicRO',
      'Special uses of the network (e.g. NBD).',
    ),
  ],
});
