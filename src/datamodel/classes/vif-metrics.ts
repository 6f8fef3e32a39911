import { defineClass, field, ns, t, uid } from '../build.js';

export const vifMetrics = defineClass({
  name: 'VIF_metrics',
  doc: 'Figures about a virtual network interface (removed in favour of RRDs).',
  writeRole: 'vm-admin',
  lifecycle: 'removed',
  fields: [
    uid(),
    ...ns('io', [
      field('read_kbs', t.float, 'DynamicRO', 'Receive rate in KiB/s.', {
        lifecycle: 'removed',
        persist: false,
      }),
      field('write_kbs', t.float, 'DynamicRO', 'Transmit rate in KiB/s.', {
        lifecycle: 'removed',
        persist: false,
      }),
    ]),
    field('last_updated', t.datetime, 'DynamicRO', 'When the metrics were last updated.'),
    field('other_config', t.smap, 'RW', 'Additional configuration.', { default: {} }),
  ],
});
