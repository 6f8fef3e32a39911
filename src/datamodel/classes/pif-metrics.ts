import { defineClass, field, ns, t, uid } from '../build.js';

export const pifMetrics = defineClass({
  name: 'PIF_metrics',
  doc: 'Figures about a host network interface.',
  writeRole: 'pool-operator',
  fields: [
    uid(),
    ...ns('io', [
      field('read_kbs', t.float, 'DynamicRO', 'Read rate in KiB/s (removed).', {
        lifecycle: 'removed',
        persist: false,
      }),
      field('write_kbs', t.float, 'DynamicRO', 'Write rate in KiB/s (removed).', {
        lifecycle: 'removed',
        persist: false,
      }),
    ]),
    field('carrier', t.bool, 'DynamicRO', 'True when a link is detected.'),
    field('vendor_id', t.string, 'DynamicRO', 'PCI vendor id.'),
    field('vendor_name', t.string, 'DynamicRO', 'PCI vendor name.'),
    field('device_id', t.string, 'DynamicRO', 'PCI device id.'),
    field('device_name', t.string, 'DynamicRO', 'PCI device name.'),
    field('speed', t.int, 'DynamicRO', 'Link speed, in Mbit/s.'),
    field('duplex', t.bool, 'DynamicRO', 'True for full duplex.'),
    field('pci_bus_path', t.string, 'DynamicRO', 'PCI bus path.'),
    field('last_updated', t.datetime, 'DynamicRO', 'When the metrics were last updated.'),
    field('other_config', t.smap, 'RW', 'Additional configuration.', { default: {} }),
  ],
});
