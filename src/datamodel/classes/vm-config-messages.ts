// VM messages that configure a VM: vCPUs, memory limits, crash action, boot
// mode, ordered start and stop, BIOS strings and the suspend image.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

const self = param('self', t.ref('VM'), 'The VM.');
const int = (name: string, doc: string) => param(name, t.int, doc);
const MEMORY_ERRORS = [
  'VM_BAD_POWER_STATE',
  'MEMORY_CONSTRAINT_VIOLATION_ORDER',
  'MEMORY_CONSTRAINT_VIOLATION_MAXPIN',
  'OTHER_OPERATION_IN_PROGRESS',
];

export const vmConfigMessages: readonly MessageDecl[] = [
  call('set_VCPUs_max', {
    params: [self, int('value', 'The new maximum number of vCPUs.')],
    errors: ['VM_BAD_POWER_STATE', 'INVALID_VALUE'],
    role: 'vm-admin',
    doc: 'Set the maximum number of vCPUs of a halted VM (at least VCPUs_at_startup).',
  }),
  call('set_VCPUs_at_startup', {
    params: [self, int('value', 'The new number of vCPUs at boot.')],
    errors: ['INVALID_VALUE'],
    role: 'vm-admin',
    doc: 'Set the number of vCPUs the VM boots with, between 1 and VCPUs_max.',
  }),
  call('set_memory', {
    params: [self, int('value', 'The new memory allocation (bytes).')],
    errors: MEMORY_ERRORS,
    role: 'vm-power-admin',
    async: true,
    doc: 'Set memory_static_max, memory_dynamic_min and memory_dynamic_max of a halted VM to one value; memory_static_min stays.',
  }),
  call('set_memory_limits', {
    params: [
      self,
      int('static_min', 'The new memory_static_min (bytes).'),
      int('static_max', 'The new memory_static_max (bytes).'),
      int('dynamic_min', 'The new memory_dynamic_min (bytes).'),
      int('dynamic_max', 'The new memory_dynamic_max (bytes).'),
    ],
    errors: MEMORY_ERRORS,
    role: 'vm-power-admin',
    async: true,
    doc: 'Set the four memory limits of a halted VM at once.',
  }),
  call('set_memory_static_range', {
    params: [
      self,
      int('min', 'The new memory_static_min (bytes).'),
      int('max', 'The new memory_static_max (bytes).'),
    ],
    errors: MEMORY_ERRORS,
    role: 'vm-power-admin',
    async: true,
    doc: 'Set the static (boot-time) memory range of a halted VM.',
  }),
  call('set_memory_static_min', {
    params: [self, int('value', 'The new memory_static_min (bytes).')],
    errors: MEMORY_ERRORS,
    role: 'vm-power-admin',
    doc: 'Set memory_static_min of a halted VM.',
  }),
  call('set_memory_static_max', {
    params: [self, int('value', 'The new memory_static_max (bytes).')],
    errors: MEMORY_ERRORS,
    role: 'vm-power-admin',
    doc: 'Set memory_static_max of a halted VM.',
  }),
  call('set_memory_dynamic_min', {
    params: [self, int('value', 'The new memory_dynamic_min (bytes).')],
    errors: MEMORY_ERRORS,
    role: 'vm-power-admin',
    doc: 'Set memory_dynamic_min; a running VM is given the new balloon range at once.',
  }),
  call('set_memory_dynamic_max', {
    params: [self, int('value', 'The new memory_dynamic_max (bytes).')],
    errors: MEMORY_ERRORS,
    role: 'vm-power-admin',
    doc: 'Set memory_dynamic_max; a running VM is given the new balloon range at once.',
  }),
  call('compute_memory_overhead', {
    params: [param('vm', t.ref('VM'), 'The VM.')],
    result: t.int,
    resultDoc: 'The virtualisation memory overhead of the VM (bytes).',
    role: 'read-only',
    async: true,
    doc: 'Compute the memory the virtualisation layer needs for the VM, from its static_max, vCPUs and shadow multiplier.',
  }),
  call('maximise_memory', {
    params: [
      self,
      int('total', 'Physical memory to fit within (bytes).'),
      param('approximate', t.bool, 'Allow for up to 64 vCPUs rather than the current VCPUs_max.'),
    ],
    result: t.int,
    resultDoc: 'The largest memory_static_max that fits, rounded down to a MiB.',
    role: 'read-only',
    async: true,
    doc: 'The largest guest memory which, with its overheads, fits in the given physical memory.',
  }),
  call('set_actions_after_crash', {
    params: [self, param('value', t.enum('on_crash_behaviour'), 'The new action.')],
    role: 'vm-admin',
    async: true,
    doc: 'Set what happens when the guest crashes.',
  }),
  call('set_HVM_boot_policy', {
    params: [self, param('value', t.string, 'The new HVM boot policy ("" for PV).')],
    role: 'vm-admin',
    lifecycle: 'deprecated',
    doc: 'Set HVM_boot_policy, and domain_type with it (hvm, or pv for ""); takes effect at the next start.',
  }),
  call('set_domain_type', {
    params: [self, param('value', t.enum('domain_type'), 'The new domain type.')],
    errors: ['INVALID_VALUE'],
    role: 'vm-admin',
    doc: 'Set domain_type, and HVM_boot_policy with it; takes effect at the next start.',
  }),
  call('set_order', {
    params: [self, int('value', 'Position in ordered start and shutdown (>= 0).')],
    errors: ['INVALID_VALUE'],
    role: 'pool-operator',
    async: true,
    doc: "Set the VM's position in ordered start and shutdown (stored for appliance and HA planning).",
  }),
  call('set_start_delay', {
    params: [self, int('value', 'Seconds (>= 0).')],
    errors: ['INVALID_VALUE'],
    role: 'pool-operator',
    async: true,
    doc: 'Set the seconds to wait after starting the VM in an ordered start (stored for appliance and HA planning).',
  }),
  call('set_shutdown_delay', {
    params: [self, int('value', 'Seconds (>= 0).')],
    errors: ['INVALID_VALUE'],
    role: 'pool-operator',
    async: true,
    doc: 'Set the seconds to wait after stopping the VM in an ordered shutdown (stored for appliance and HA planning).',
  }),
  call('set_bios_strings', {
    params: [self, param('value', t.smap, 'The BIOS strings to override.')],
    errors: ['VM_BIOS_STRINGS_ALREADY_SET', 'INVALID_VALUE'],
    role: 'vm-admin',
    async: true,
    doc: 'Give a VM without BIOS strings the generic set with the given keys overridden (bios-vendor, bios-version, system-*, baseboard-*, enclosure-asset-tag).',
  }),
  call('copy_bios_strings', {
    params: [param('vm', t.ref('VM'), 'The VM.'), param('host', t.ref('host'), 'The host to copy from.')],
    errors: ['VM_BIOS_STRINGS_ALREADY_SET'],
    role: 'vm-admin',
    async: true,
    doc: "Give a VM without BIOS strings the host's, and make the host its affinity.",
  }),
  call('set_suspend_VDI', {
    params: [self, param('value', t.ref('VDI'), 'The new suspend VDI.')],
    errors: ['VM_BAD_POWER_STATE', 'VDI_INCOMPATIBLE_TYPE', 'SUSPEND_VDI_REPLACEMENT_IS_NOT_IDENTICAL'],
    role: 'pool-operator',
    async: true,
    doc: "Replace a suspended VM's suspend VDI by one holding the same image.",
  }),
];
