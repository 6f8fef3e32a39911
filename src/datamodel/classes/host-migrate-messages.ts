// host messages of migration: the destination's side of VM.migrate_send.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

export const hostMigrateMessages: readonly MessageDecl[] = [
  call('migrate_receive', {
    params: [
      param('host', t.ref('host'), 'The target host.'),
      param('network', t.ref('network'), 'The network through which migration traffic should be received.'),
      param('options', t.smap, 'Extra configuration operations.'),
    ],
    result: t.smap,
    resultDoc: 'A value which should be passed to VM.migrate_send.',
    errors: ['HOST_DISABLED', 'OPERATION_NOT_ALLOWED'],
    role: 'vm-power-admin',
    async: true,
    doc: 'Prepare to receive a VM: the URLs and the session the source needs to reach this host.',
  }),
];
