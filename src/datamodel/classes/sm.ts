import { defineClass, field, nameFields, t, uid } from '../build.js';

export const sm = defineClass({
  name: 'SM',
  doc: 'A storage plugin and what it can do.',
  writeRole: 'pool-operator',
  fields: [
    uid(),
    ...nameFields('DynamicRO'),
    field('type', t.string, 'DynamicRO', 'Storage type the plugin handles.'),
    field('vendor', t.string, 'DynamicRO', 'Plugin vendor.'),
    field('copyright', t.string, 'DynamicRO', 'Plugin copyright.'),
    field('version', t.string, 'DynamicRO', 'Plugin version.'),
    field('required_api_version', t.string, 'DynamicRO', 'Storage API version the plugin needs.'),
    field('configuration', t.smap, 'DynamicRO', 'Configuration keys the plugin accepts, with their meaning.'),
    field(
      'capabilities',
      t.set(t.string),
      'DynamicRO',
      'Capabilities of the plugin (deprecated; see features).',
      { lifecycle: 'deprecated' },
    ),
    field('features', t.map(t.string, t.int), 'DynamicRO', 'Features of the plugin, with their versions.'),
    field('other_config', t.smap, 'RW', 'Additional configuration.', { default: {} }),
    field('driver_filename', t.string, 'DynamicRO', 'Path of the plugin executable.'),
    field('required_cluster_stack', t.set(t.string), 'DynamicRO', 'Cluster stacks the plugin needs.'),
  ],
});
