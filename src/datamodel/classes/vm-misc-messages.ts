// VM messages for guest signals (SysRq, triggers), firmware variables, shadow
// memory, the memory target, guest plugins and services, agility, blobs and
// the deprecated boot record and cooperativeness.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';
import { createNewBlob } from './blob-messages.js';

const self = param('self', t.ref('VM'), 'The VM.');
const vm = param('vm', t.ref('VM'), 'The VM.');
const NVRAM_ERRORS = ['VM_BAD_POWER_STATE', 'OTHER_OPERATION_IN_PROGRESS', 'INVALID_VALUE'];

export const vmMiscMessages: readonly MessageDecl[] = [
  call('send_sysrq', {
    params: [vm, param('key', t.string, 'The key to send (one character).')],
    errors: ['VM_BAD_POWER_STATE', 'INVALID_VALUE', 'OTHER_OPERATION_IN_PROGRESS'],
    role: 'pool-admin',
    async: true,
    doc: 'Send the given key as a SysRq to a running VM.',
  }),
  call('send_trigger', {
    params: [
      vm,
      param('trigger', t.string, 'The trigger to send (nmi, reset, init, power, sleep, s3resume).'),
    ],
    errors: ['VM_BAD_POWER_STATE', 'INVALID_VALUE', 'OTHER_OPERATION_IN_PROGRESS'],
    role: 'pool-admin',
    async: true,
    doc: 'Send the named hardware trigger to a running VM.',
  }),
  call('set_NVRAM', {
    params: [self, param('value', t.smap, 'The value.')],
    errors: NVRAM_ERRORS,
    role: 'vm-admin',
    doc: 'Set the firmware variables of a halted VM (key EFI-variables: the UEFI variable store, base64).',
  }),
  call('add_to_NVRAM', {
    params: [self, param('key', t.string, 'The key.'), param('value', t.string, 'The value.')],
    errors: NVRAM_ERRORS,
    role: 'vm-admin',
    doc: 'Add a key-value pair to the firmware variables of a halted VM.',
  }),
  call('remove_from_NVRAM', {
    params: [self, param('key', t.string, 'The key.')],
    errors: NVRAM_ERRORS,
    role: 'vm-admin',
    doc: 'Remove a key from the firmware variables of a halted VM.',
  }),
  call('query_services', {
    params: [self],
    result: t.smap,
    resultDoc: 'map of service type to name',
    errors: ['OPERATION_NOT_ALLOWED'],
    role: 'pool-admin',
    async: true,
    doc: 'The system services a system domain advertises.',
  }),
  call('call_plugin', {
    params: [
      vm,
      param('plugin', t.string, 'The name of the plugin.'),
      param('fn', t.string, 'The name of the function within the plugin.'),
      param('args', t.smap, 'Arguments for the function.'),
    ],
    result: t.string,
    resultDoc: 'Result from the plugin',
    errors: ['XENAPI_MISSING_PLUGIN', 'XENAPI_PLUGIN_FAILURE', 'VM_BAD_POWER_STATE', 'VM_LACKS_FEATURE'],
    role: 'vm-operator',
    async: true,
    doc: 'Call a guest-agent plugin of a running VM.',
  }),
  call('get_boot_record', {
    params: [self],
    result: t.record('VM'),
    resultDoc: 'A record describing the VM',
    role: 'read-only',
    lifecycle: 'deprecated',
    doc: "The VM's record (the boot-time record is gone: this is the current one).",
  }),
  call('get_cooperative', {
    params: [self],
    result: t.bool,
    resultDoc: "true if the VM is currently 'co-operative'; false otherwise",
    role: 'read-only',
    lifecycle: 'deprecated',
    doc: 'Whether the VM is expected to reach its balloon target and has done so (always true).',
  }),
  call('set_shadow_multiplier_live', {
    params: [self, param('multiplier', t.float, 'The new shadow memory multiplier to set.')],
    errors: ['VM_BAD_POWER_STATE', 'INVALID_VALUE', 'VM_HVM_REQUIRED'],
    role: 'vm-power-admin',
    async: true,
    doc: 'Set the shadow memory multiplier of a running HVM guest.',
  }),
  call('set_HVM_shadow_multiplier', {
    params: [self, param('value', t.float, 'The new shadow memory multiplier to set.')],
    errors: ['VM_BAD_POWER_STATE', 'INVALID_VALUE'],
    role: 'vm-power-admin',
    doc: 'Set the shadow memory multiplier of a halted VM.',
  }),
  call('set_memory_target_live', {
    params: [self, param('target', t.int, 'The target in bytes.')],
    errors: ['VM_BAD_POWER_STATE', 'MEMORY_CONSTRAINT_VIOLATION_ORDER'],
    role: 'vm-power-admin',
    lifecycle: 'deprecated',
    async: true,
    doc: 'Set the balloon target of a running VM, within its dynamic range.',
  }),
  call('wait_memory_target_live', {
    params: [self],
    errors: ['VM_BAD_POWER_STATE', 'VM_MEMORY_TARGET_WAIT_TIMEOUT', 'TASK_CANCELLED'],
    role: 'read-only',
    lifecycle: 'deprecated',
    async: true,
    doc: 'Wait for a running VM to reach its memory target.',
  }),
  call('snapshot_with_quiesce', {
    params: [vm, param('new_name', t.string, 'The name of the snapshotted VM.')],
    result: t.ref('VM'),
    resultDoc: 'The reference of the newly created VM.',
    errors: ['VM_BAD_POWER_STATE', 'VM_SNAPSHOT_WITH_QUIESCE_NOT_SUPPORTED'],
    role: 'vm-power-admin',
    lifecycle: 'removed',
    async: true,
    doc: "Snapshot the VM with its guest's disks quiesced (needs the guest's VSS agent).",
  }),
  call('restart_device_models', {
    params: [self],
    errors: ['VM_BAD_POWER_STATE', 'OTHER_OPERATION_IN_PROGRESS', 'VM_IS_TEMPLATE', 'OPERATION_NOT_ALLOWED'],
    role: 'vm-power-admin',
    lifecycle: 'prototyped',
    async: true,
    doc: 'Restart the device models of a running VM.',
  }),
  call('set_has_vendor_device', {
    params: [self, param('value', t.bool, 'True to provide the vendor PCI device.')],
    errors: ['VM_BAD_POWER_STATE'],
    role: 'vm-admin',
    doc: 'Whether the VM, started in HVM mode, gets the vendor PCI device (takes effect at the next start).',
  }),
  call('assert_agile', {
    params: [self],
    errors: ['HA_CONSTRAINT_VIOLATION_SR_NOT_SHARED', 'HA_CONSTRAINT_VIOLATION_NETWORK_NOT_SHARED'],
    role: 'read-only',
    async: true,
    doc: 'Fails unless the VM can run on any host of the pool: every disk on a shared SR, every NIC on a pool-wide network.',
  }),
  createNewBlob('VM', 'vm', 'vm-power-admin'),
];
