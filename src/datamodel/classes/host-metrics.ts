import { defineClass, field, ns, t, uid } from '../build.js';

export const hostMetrics = defineClass({
  name: 'host_metrics',
  doc: 'Figures about a host.',
  writeRole: 'pool-operator',
  fields: [
    uid(),
    ...ns('memory', [
      field('total', t.int, 'DynamicRO', 'Total memory, in bytes.'),
      field('free', t.int, 'DynamicRO', 'Free memory, in bytes (removed from the API, still maintained).', {
        lifecycle: 'removed',
      }),
    ]),
    field('live', t.bool, 'DynamicRO', 'True while the host is reachable.'),
    field('last_updated', t.datetime, 'DynamicRO', 'When the metrics were last updated.'),
    field('other_config', t.smap, 'RW', 'Additional configuration.', { default: {} }),
  ],
});
