import { defineClass, field, ns, t, uid } from '../build.js';

export const vbdMetrics = defineClass({
  name: 'VBD_metrics',
  doc: 'Figures about a virtual block device (removed).',
  writeRole: 'vm-admin',
  lifecycle: 'removed',
  fields: [
    uid(),
    ...ns('io', [
      field('read_kbs', t.float, 'DynamicRO', 'Read rate in KiB/s.', {
        lifecycle: 'removed',
        persist: false,
      }),
      field('write_kbs', t.float, 'DynamicRO', 'Write rate in KiB/s.', {
        lifecycle: 'removed',
        persist: false,
      }),
    ]),
    field('last_updated', t.datetime, 'DynamicRO', 'When the metrics were last updated.', {
      lifecycle: 'removed',
    }),
    field('other_config', t.smap, 'RW', 'Additional configuration.', { default: {}, lifecycle: 'removed' }),
  ],
});
