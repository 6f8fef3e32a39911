// VM messages of the power lifecycle, carried out by xenopsd.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

const vm = param('vm', t.ref('VM'), 'The VM.');
const startPaused = param('start_paused', t.bool, 'Leave the VM paused instead of running.');
const force = param('force', t.bool, 'Skip the pre-boot safety checks.');
const host = param('host', t.ref('host'), 'The host to run the VM on.');
const common = [
  'VM_BAD_POWER_STATE',
  'OTHER_OPERATION_IN_PROGRESS',
  'OPERATION_NOT_ALLOWED',
  'VM_IS_TEMPLATE',
];
/** Why the chosen or given host cannot take the VM (src/xapi/placement/boot-check.ts). */
const placement = ['HOST_NOT_LIVE', 'VM_REQUIRES_SR', 'VM_REQUIRES_NETWORK', 'HOST_NOT_ENOUGH_FREE_MEMORY'];

export const vmPowerMessages: readonly MessageDecl[] = [
  call('start', {
    params: [vm, startPaused, force],
    errors: [
      ...common,
      'VM_HVM_REQUIRED',
      'BOOTLOADER_FAILED',
      'UNKNOWN_BOOTLOADER',
      'NO_HOSTS_AVAILABLE',
      'HOST_NOT_ENOUGH_FREE_MEMORY',
      'LICENCE_RESTRICTION',
    ],
    role: 'vm-operator',
    async: true,
    doc: 'Start a halted VM: its disks are attached and xenopsd builds and runs the domain.',
  }),
  call('start_on', {
    params: [vm, host, startPaused, force],
    errors: [
      ...common,
      'BOOTLOADER_FAILED',
      'UNKNOWN_BOOTLOADER',
      'HOST_DISABLED',
      'HOST_EVACUATE_IN_PROGRESS',
      ...placement,
    ],
    role: 'vm-power-admin',
    async: true,
    doc: 'Start a halted VM on the given host.',
  }),
  call('pause', {
    params: [vm],
    errors: common,
    role: 'vm-operator',
    async: true,
    doc: 'Pause a running VM: it keeps its memory but its vCPUs stop.',
  }),
  call('unpause', {
    params: [vm],
    errors: ['VM_BAD_POWER_STATE', 'OPERATION_NOT_ALLOWED', 'VM_IS_TEMPLATE'],
    role: 'vm-operator',
    async: true,
    doc: 'Let a paused VM run again.',
  }),
  call('clean_shutdown', {
    params: [vm],
    errors: common,
    role: 'vm-operator',
    async: true,
    doc: 'Ask the guest to shut down (ACPI power button) and wait for it to halt.',
  }),
  call('hard_shutdown', {
    params: [vm],
    errors: common,
    role: 'vm-operator',
    async: true,
    doc: 'Stop the VM at once, like pulling the power cord. A suspended VM loses its saved state.',
  }),
  call('shutdown', {
    params: [vm],
    errors: common,
    role: 'vm-operator',
    async: true,
    doc: 'Shut the VM down cleanly if the guest cooperates in time, else hard.',
  }),
  call('clean_reboot', {
    params: [vm],
    errors: common,
    role: 'vm-operator',
    async: true,
    doc: 'Ask the guest to reboot and wait for it to come back.',
  }),
  call('hard_reboot', {
    params: [vm],
    errors: common,
    role: 'vm-operator',
    async: true,
    doc: 'Reset the VM at once, like pressing the reset button.',
  }),
  call('suspend', {
    params: [vm],
    errors: common,
    role: 'vm-operator',
    async: true,
    doc: "Save the VM's memory to a new disk (its suspend_VDI) and stop it.",
  }),
  call('resume', {
    params: [vm, startPaused, force],
    errors: [
      'VM_BAD_POWER_STATE',
      'OPERATION_NOT_ALLOWED',
      'VM_IS_TEMPLATE',
      'NO_HOSTS_AVAILABLE',
      'HOST_NOT_ENOUGH_FREE_MEMORY',
    ],
    role: 'vm-operator',
    async: true,
    doc: 'Restore a suspended VM from its suspend_VDI, which is then destroyed.',
  }),
  call('resume_on', {
    params: [vm, host, startPaused, force],
    errors: [
      'VM_BAD_POWER_STATE',
      'OPERATION_NOT_ALLOWED',
      'VM_IS_TEMPLATE',
      'HOST_DISABLED',
      'OTHER_OPERATION_IN_PROGRESS',
      ...placement,
    ],
    role: 'vm-power-admin',
    async: true,
    doc: 'Restore a suspended VM on the given host.',
  }),
  call('set_VCPUs_number_live', {
    params: [
      param('self', t.ref('VM'), 'The VM.'),
      param('nvcpu', t.int, 'How many vCPUs should be online.'),
    ],
    errors: ['OPERATION_NOT_ALLOWED', 'LICENCE_RESTRICTION'],
    role: 'vm-admin',
    async: true,
    doc: 'Change the number of online vCPUs of a running VM, between 1 and VCPUs_max.',
  }),
  call('set_memory_dynamic_range', {
    params: [
      param('self', t.ref('VM'), 'The VM.'),
      param('min', t.int, 'New dynamic minimum (bytes).'),
      param('max', t.int, 'New dynamic maximum (bytes).'),
    ],
    role: 'vm-power-admin',
    async: true,
    doc: 'Change the balloon range; a running VM is given the new range at once.',
  }),
];
