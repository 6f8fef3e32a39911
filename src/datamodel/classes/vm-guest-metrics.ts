import { defineClass, enumOf, field, t, uid } from '../build.js';

export const vmGuestMetrics = defineClass({
  name: 'VM_guest_metrics',
  doc: 'Facts reported by the agent running inside a VM.',
  writeRole: 'vm-admin',
  enums: [
    enumOf('tristate_type', [
      ['yes', 'Known to be true.'],
      ['no', 'Known to be false.'],
      ['unspecified', 'Not known.'],
    ]),
  ],
  fields: [
    uid(),
    field('os_version', t.smap, 'DynamicRO', 'Operating system facts (name, distro, version, uname).'),
    field('PV_drivers_version', t.smap, 'DynamicRO', 'Version of the guest drivers.'),
    field(
      'PV_drivers_up_to_date',
      t.bool,
      'DynamicRO',
      'Whether the guest drivers are current (deprecated).',
      { lifecycle: 'deprecated' },
    ),
    field('memory', t.smap, 'DynamicRO', 'Guest memory figures (removed).', { lifecycle: 'removed' }),
    field('disks', t.smap, 'DynamicRO', 'Guest disk figures (removed).', { lifecycle: 'removed' }),
    field('networks', t.smap, 'DynamicRO', 'Guest network addresses, by interface.'),
    field('other', t.smap, 'DynamicRO', 'Other facts from the agent, e.g. feature flags.'),
    field('last_updated', t.datetime, 'DynamicRO', 'When the agent last reported.'),
    field('other_config', t.smap, 'RW', 'Additional configuration.', { default: {} }),
    field('live', t.bool, 'DynamicRO', 'True while the agent is reporting.'),
    field('can_use_hotplug_vbd', t.enum('tristate_type'), 'DynamicRO', 'Whether disks can be hot-plugged.', {
      default: 'unspecified',
    }),
    field(
      'can_use_hotplug_vif',
      t.enum('tristate_type'),
      'DynamicRO',
      'Whether network interfaces can be hot-plugged.',
      { default: 'unspecified' },
    ),
    field('PV_drivers_detected', t.bool, 'DynamicRO', 'True once guest drivers have been seen.'),
  ],
});
