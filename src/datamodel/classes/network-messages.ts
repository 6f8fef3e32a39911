// network messages: the default locking mode of its VIFs and its purposes.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

const purpose = (doc: string) => param('value', t.enum('network_purpose'), doc);

export const networkMessages: readonly MessageDecl[] = [
  call('set_default_locking_mode', {
    params: [
      param('network', t.ref('network'), 'The network.'),
      param('value', t.enum('network_default_locking_mode'), 'The default locking mode for its VIFs.'),
    ],
    errors: ['VIF_IN_USE'],
    role: 'pool-operator',
    async: true,
    doc: 'Set the locking mode of the VIFs of this network whose own mode is network_default; refused while any VIF of the network is attached.',
  }),
  call('add_purpose', {
    params: [param('self', t.ref('network'), 'The network.'), purpose('The purpose to add.')],
    errors: ['NETWORK_INCOMPATIBLE_PURPOSES', 'NETWORK_UNMANAGED'],
    role: 'pool-admin',
    async: true,
    doc: 'Give the network a new purpose (if not present already); nbd and insecure_nbd exclude each other across all networks.',
  }),
  call('remove_purpose', {
    params: [param('self', t.ref('network'), 'The network.'), purpose('The purpose to remove.')],
    role: 'pool-admin',
    async: true,
    doc: 'Remove a purpose from the network (if present).',
  }),
];
