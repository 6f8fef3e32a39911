// VM messages of migration: within the pool (pool_migrate) and to another
// pool (migrate_send, after the destination's host.migrate_receive).
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

const vm = param('vm', t.ref('VM'), 'The VM.');
const dest = param('dest', t.smap, 'The result of a host.migrate_receive call.');
const live = param('live', t.bool, 'Live migration.');
const vdiMap = param('vdi_map', t.map(t.ref('VDI'), t.ref('SR')), 'Map of source VDI to destination SR.');
const vifMap = param(
  'vif_map',
  t.map(t.ref('VIF'), t.ref('network')),
  'Map of source VIF to destination network.',
);
const options = param('options', t.smap, 'Other parameters.');
const vgpuMap = param(
  'vgpu_map',
  t.map(t.ref('VGPU'), t.ref('GPU_group')),
  'Map of source vGPU to destination GPU group.',
);

export const vmMigrateMessages: readonly MessageDecl[] = [
  call('pool_migrate', {
    params: [
      param('vm', t.ref('VM'), 'The VM to migrate.'),
      param('host', t.ref('host'), 'The target host.'),
      param(
        'options',
        t.smap,
        'Extra configuration operations: force, live, copy, compress. Each is a boolean option, taking true or false as a value.',
      ),
    ],
    errors: [
      'VM_BAD_POWER_STATE',
      'OTHER_OPERATION_IN_PROGRESS',
      'VM_IS_TEMPLATE',
      'OPERATION_NOT_ALLOWED',
      'VM_MIGRATE_FAILED',
      'HOST_DISABLED',
    ],
    role: 'vm-power-admin',
    async: true,
    doc: 'Move a running VM to another host of the pool; it keeps running throughout.',
  }),
  call('migrate_send', {
    params: [vm, dest, live, vdiMap, vifMap, options, vgpuMap],
    result: t.ref('VM'),
    resultDoc: 'The reference of the newly created VM in the destination pool.',
    errors: [
      'VM_BAD_POWER_STATE',
      'LICENCE_RESTRICTION',
      'OTHER_OPERATION_IN_PROGRESS',
      'VM_IS_TEMPLATE',
      'OPERATION_NOT_ALLOWED',
      'VDI_NOT_IN_MAP',
      'VIF_NOT_IN_MAP',
      'VM_MIGRATE_FAILED',
      'VM_MIGRATE_CONTACT_REMOTE_SERVICE_FAILED',
    ],
    role: 'vm-power-admin',
    async: true,
    doc: 'Move the VM to the host of another pool described by dest, with its disks (to the SRs of vdi_map) and network interfaces (to the networks of vif_map).',
  }),
  call('assert_can_migrate', {
    params: [vm, dest, live, vdiMap, vifMap, options, vgpuMap],
    errors: [
      'LICENCE_RESTRICTION',
      'VM_BAD_POWER_STATE',
      'OTHER_OPERATION_IN_PROGRESS',
      'VM_IS_TEMPLATE',
      'OPERATION_NOT_ALLOWED',
      'VDI_NOT_IN_MAP',
      'VIF_NOT_IN_MAP',
      'VM_MIGRATE_CONTACT_REMOTE_SERVICE_FAILED',
    ],
    role: 'vm-power-admin',
    async: true,
    doc: 'Fail with the reason VM.migrate_send with these arguments would be refused, if any.',
  }),
  call('pool_migrate_complete', {
    params: [vm, param('host', t.ref('host'), 'The host the VM arrived on.')],
    errors: ['OPERATION_NOT_ALLOWED'],
    role: 'vm-power-admin',
    hidden: true,
    extension: true,
    doc: 'Called by the source of a migration on the destination when it is over, whichever way: the VM record made for it is released and shows what xenopsd reports.',
  }),
];
