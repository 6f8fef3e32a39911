// VM messages that make, copy and remove VMs, templates and snapshots.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

const vm = (doc: string) => param('vm', t.ref('VM'), doc);
const self = param('self', t.ref('VM'), 'The VM.');
const COPY_ERRORS = ['VM_BAD_POWER_STATE', 'SR_FULL', 'OPERATION_NOT_ALLOWED', 'LICENCE_RESTRICTION'];

export const vmCopyMessages: readonly MessageDecl[] = [
  call('clone', {
    params: [vm('The VM to be cloned.'), param('new_name', t.string, 'The name of the cloned VM.')],
    result: t.ref('VM'),
    resultDoc: 'The reference of the newly created VM.',
    errors: COPY_ERRORS,
    role: 'vm-admin',
    async: true,
    doc: 'Clone a halted VM or template: a new VM whose disks are fast (copy-on-write) clones of the original ones.',
  }),
  call('copy', {
    params: [
      vm('The VM to be copied.'),
      param('new_name', t.string, 'The name of the copied VM.'),
      param('sr', t.ref('SR'), "An SR to copy all the VM's disks into (the null ref keeps each disk's SR)."),
    ],
    result: t.ref('VM'),
    resultDoc: 'The reference of the newly created VM.',
    errors: COPY_ERRORS,
    role: 'vm-admin',
    async: true,
    doc: 'Copy a halted VM or template: a new VM whose disks are full copies, not part of a copy-on-write chain.',
  }),
  call('snapshot', {
    params: [
      vm('The VM to be snapshotted.'),
      param('new_name', t.string, 'The name of the snapshot.'),
      param('ignore_vdis', t.set(t.ref('VDI')), 'Disks to leave out of the snapshot.', []),
    ],
    result: t.ref('VM'),
    resultDoc: 'The reference of the snapshot.',
    errors: ['VM_BAD_POWER_STATE', 'SR_FULL', 'OPERATION_NOT_ALLOWED'],
    role: 'vm-power-admin',
    async: true,
    doc: "Take a snapshot of the VM: a template-like VM record whose disks are snapshots of the VM's disks.",
  }),
  call('checkpoint', {
    params: [
      vm('The VM to be checkpointed.'),
      param('new_name', t.string, 'The name of the checkpointed VM.'),
    ],
    result: t.ref('VM'),
    resultDoc: 'The reference of the newly created VM.',
    errors: [
      'VM_BAD_POWER_STATE',
      'SR_FULL',
      'OPERATION_NOT_ALLOWED',
      'VM_CHECKPOINT_SUSPEND_FAILED',
      'VM_CHECKPOINT_RESUME_FAILED',
    ],
    role: 'vm-power-admin',
    async: true,
    doc: "Take a snapshot of the VM with its memory: a Suspended snapshot whose disks are snapshots of the VM's and whose suspend image is a copy of its memory; reverting to it and resuming continues the guest from that moment.",
  }),
  call('revert', {
    params: [param('snapshot', t.ref('VM'), 'The snapshot to revert to.')],
    errors: ['VM_BAD_POWER_STATE', 'OPERATION_NOT_ALLOWED', 'SR_FULL', 'VM_REVERT_FAILED'],
    role: 'vm-power-admin',
    async: true,
    doc: "Bring the snapshotted VM back to the snapshot's state: its disks and configuration.",
  }),
  call('provision', {
    params: [vm('The template to provision.')],
    errors: ['VM_BAD_POWER_STATE', 'SR_FULL', 'OPERATION_NOT_ALLOWED', 'LICENCE_RESTRICTION'],
    role: 'vm-admin',
    async: true,
    doc: 'Create the disks described in other_config:disks of a template (with their VBDs), then make it a VM.',
  }),
  call('destroy', {
    params: [self],
    role: 'vm-admin',
    async: true,
    doc: 'Remove a halted or suspended VM with its devices and metrics; its disks are kept.',
  }),
  call('power_state_reset', {
    params: [vm('The VM to reset.')],
    role: 'pool-operator',
    async: true,
    doc: 'Record the VM as Halted in the database only (recovery after a lost host); use with care.',
  }),
  call('get_allowed_VBD_devices', {
    params: [vm('The VM to query.')],
    result: t.set(t.string),
    resultDoc: 'The allowed values.',
    role: 'read-only',
    async: true,
    doc: 'The userdevice values a new VBD of the VM may take.',
  }),
  call('get_allowed_VIF_devices', {
    params: [vm('The VM to query.')],
    result: t.set(t.string),
    resultDoc: 'The allowed values.',
    role: 'read-only',
    async: true,
    doc: 'The device values a new VIF of the VM may take.',
  }),
  call('assert_operation_valid', {
    params: [self, param('op', t.enum('vm_operations'), 'The proposed operation.')],
    role: 'read-only',
    async: true,
    doc: 'Fail with the reason the operation is not acceptable in the current state, if any.',
  }),
  call('update_allowed_operations', {
    params: [self],
    role: 'pool-admin',
    async: true,
    doc: 'Recompute the list of acceptable operations.',
  }),
];
