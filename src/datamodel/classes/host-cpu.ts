import { defineClass, field, t, uid } from '../build.js';

export const hostCpu = defineClass({
  name: 'host_cpu',
  doc: 'A physical CPU of a host (deprecated).',
  writeRole: 'pool-operator',
  lifecycle: 'deprecated',
  fields: [
    uid(),
    field('host', t.ref('host'), 'DynamicRO', 'The host the CPU belongs to.'),
    field('number', t.int, 'DynamicRO', 'Index of the CPU within the host.'),
    field('vendor', t.string, 'DynamicRO', 'CPU vendor.'),
    field('speed', t.int, 'DynamicRO', 'Clock speed, in MHz.'),
    field('modelname', t.string, 'DynamicRO', 'Model name.'),
    field('family', t.int, 'DynamicRO', 'CPU family.'),
    field('model', t.int, 'DynamicRO', 'CPU model.'),
    field('stepping', t.string, 'DynamicRO', 'CPU stepping.'),
    field('flags', t.string, 'DynamicRO', 'Feature flags as reported by the kernel.'),
    field('features', t.string, 'DynamicRO', 'Feature bits.'),
    field('utilisation', t.float, 'DynamicRO', 'Current load, 0 to 1.', { persist: false }),
    field('other_config', t.smap, 'RW', 'Additional configuration.', { default: {} }),
  ],
});
