// host messages of power and maintenance: disable/enable (whether new VMs may
// start), shutdown/reboot of the machine, evacuation of its VMs, and its log.
import { NULL_REF, call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

const host = (doc: string) => param('host', t.ref('host'), doc);

export const hostPowerMessages: readonly MessageDecl[] = [
  call('disable', {
    params: [host('The host to disable.')],
    role: 'pool-operator',
    async: true,
    doc: 'Stop new VMs from starting on the host; VMs already running carry on.',
  }),
  call('enable', {
    params: [host('The host to enable.')],
    errors: ['HOST_DISABLED_UNTIL_REBOOT', 'OTHER_OPERATION_IN_PROGRESS'],
    role: 'pool-operator',
    async: true,
    doc: 'Let new VMs start on the host again.',
  }),
  call('shutdown', {
    params: [host('The host to shut down.')],
    errors: ['HOST_NOT_DISABLED', 'OTHER_OPERATION_IN_PROGRESS'],
    role: 'pool-operator',
    async: true,
    doc:
      'Power the host off. The host must be disabled first. The call returns once the shutdown is under way: ' +
      'VMs still running are shut down (cleanly, else forcibly), the database is flushed, the power-off ' +
      'command runs and the toolstack exits.',
  }),
  call('reboot', {
    params: [host('The host to reboot.')],
    errors: ['HOST_NOT_DISABLED', 'OTHER_OPERATION_IN_PROGRESS'],
    role: 'pool-operator',
    async: true,
    doc:
      'Reboot the host. The host must be disabled first. The call returns once the reboot is under way: ' +
      'VMs still running are shut down (cleanly, else forcibly), the database is flushed, the reboot ' +
      'command runs and the toolstack exits.',
  }),
  call('evacuate', {
    params: [
      host('The host to evacuate.'),
      param('network', t.ref('network'), 'Preferred network for the migrations (NULL: any).', NULL_REF),
      param('evacuate_batch_size', t.int, 'How many VMs to migrate at a time (0: the default).', 0),
    ],
    errors: ['NO_HOSTS_AVAILABLE', 'OTHER_OPERATION_IN_PROGRESS'],
    role: 'pool-operator',
    async: true,
    doc:
      'Migrate every VM running on the host to other hosts of the pool. Fails, moving nothing, if some VM ' +
      'has nowhere to go (in a one-host pool: whenever a VM is running).',
  }),
  call('get_vms_which_prevent_evacuation', {
    params: [param('self', t.ref('host'), 'The host to query.')],
    result: t.map(t.ref('VM'), t.set(t.string)),
    resultDoc: 'The VMs that block evacuation, each with its error code and parameters',
    role: 'read-only',
    async: true,
    doc: 'The VMs that keep the host from being evacuated, with the reason for each.',
  }),
  call('assert_can_evacuate', {
    params: [host('The host to evacuate.')],
    errors: ['CANNOT_EVACUATE_HOST'],
    role: 'pool-operator',
    async: true,
    doc: 'Fail with CANNOT_EVACUATE_HOST unless every VM on the host can be migrated elsewhere.',
  }),
  call('dmesg', {
    params: [host('The host to query.')],
    result: t.string,
    resultDoc: 'The log',
    role: 'pool-operator',
    async: true,
    doc: "The hypervisor's message log: on these hosts the Linux kernel's ring buffer, as dmesg prints it.",
  }),
];
