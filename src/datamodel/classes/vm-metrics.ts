import { defineClass, field, ns, t, uid } from '../build.js';

export const vmMetrics = defineClass({
  name: 'VM_metrics',
  doc: 'Figures about a running VM, kept by the toolstack.',
  writeRole: 'vm-admin',
  fields: [
    uid(),
    ...ns('memory', [
      field('actual', t.int, 'DynamicRO', 'Memory currently allocated to the domain, in bytes.', {
        persist: false,
      }),
    ]),
    ...ns('VCPUs', [
      field('number', t.int, 'DynamicRO', 'Number of virtual CPUs the domain has now.'),
      field('utilisation', t.map(t.int, t.float), 'DynamicRO', 'Per-CPU utilisation (removed; use RRDs).', {
        lifecycle: 'removed',
        persist: false,
      }),
      field('CPU', t.map(t.int, t.int), 'DynamicRO', 'Physical CPU each virtual CPU runs on.', {
        persist: false,
      }),
      field('params', t.smap, 'DynamicRO', 'Scheduler parameters in effect.', { persist: false }),
      field('flags', t.map(t.int, t.set(t.string)), 'DynamicRO', 'Flags of each virtual CPU.', {
        persist: false,
      }),
    ]),
    field('state', t.set(t.string), 'DynamicRO', 'Run-state flags of the domain.', { persist: false }),
    field('start_time', t.datetime, 'DynamicRO', 'When the VM last started.'),
    field('install_time', t.datetime, 'DynamicRO', 'When the VM was created.'),
    field('last_updated', t.datetime, 'DynamicRO', 'When the metrics were last updated.', { persist: false }),
    field('other_config', t.smap, 'RW', 'Additional configuration.', { default: {}, persist: false }),
    field('hvm', t.bool, 'DynamicRO', 'True if the domain is HVM.', { persist: false }),
    field('nested_virt', t.bool, 'DynamicRO', 'True if nested virtualisation is on for the domain.', {
      persist: false,
    }),
    field('nomigrate', t.bool, 'DynamicRO', 'True if the domain cannot be migrated.', { persist: false }),
    field(
      'current_domain_type',
      t.enum('domain_type'),
      'DynamicRO',
      'Virtualisation mode the domain is running in.',
      { default: 'unspecified' },
    ),
  ],
});
