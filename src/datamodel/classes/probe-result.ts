// The records SR.probe_ext answers with: one per configuration found, with
// the SR at it if there is one.
import { defineClass, enumOf, field, t } from '../build.js';

export const srStat = defineClass({
  name: 'sr_stat',
  doc: 'A set of high-level properties associated with an SR.',
  writeRole: 'pool-admin',
  inDb: false,
  enums: [
    enumOf('sr_health', [
      ['healthy', 'Storage is fully available'],
      ['recovering', 'Storage is busy recovering, e.g. rebuilding mirrors.'],
    ]),
  ],
  fields: [
    field(
      'uuid',
      t.option(t.string),
      'DynamicRO',
      'Uuid that uniquely identifies this SR, if one is available.',
    ),
    field('name_label', t.string, 'DynamicRO', 'Short, human-readable label for the SR.'),
    field('name_description', t.string, 'DynamicRO', 'Longer, human-readable description of the SR.'),
    field('free_space', t.int, 'DynamicRO', 'Number of bytes free on the backing storage (in bytes)'),
    field('total_space', t.int, 'DynamicRO', 'Total physical size of the backing storage (in bytes)'),
    field('clustered', t.bool, 'DynamicRO', 'Indicates whether the SR uses clustered local storage.'),
    field('health', t.enum('sr_health'), 'DynamicRO', 'The health status of the SR.'),
  ],
});

export const probeResult = defineClass({
  name: 'probe_result',
  doc: 'One result of SR.probe_ext: a configuration, whether it is complete, and the SR found there.',
  writeRole: 'pool-admin',
  inDb: false,
  fields: [
    field(
      'configuration',
      t.smap,
      'DynamicRO',
      'Where and how to find the storage (the device_config of SR.create).',
    ),
    field('complete', t.bool, 'DynamicRO', 'True if the configuration can be given to SR.create as it is.'),
    field('sr', t.option(t.record('sr_stat')), 'DynamicRO', 'Existing SR found for this configuration'),
    field(
      'extra_info',
      t.smap,
      'DynamicRO',
      'Additional plug-in-specific information about this configuration.',
    ),
  ],
});
