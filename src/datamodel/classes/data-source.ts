import { defineClass, field, nameFields, t } from '../build.js';

export const dataSource = defineClass({
  name: 'data_source',
  doc: 'A performance metric recorded for an object.',
  writeRole: 'pool-admin',
  inDb: false,
  fields: [
    ...nameFields('DynamicRO'),
    field('enabled', t.bool, 'DynamicRO', 'True if the data source is being recorded.'),
    field('standard', t.bool, 'DynamicRO', 'True if the data source is recorded by default.'),
    field('units', t.string, 'DynamicRO', 'Units of the value.'),
    field('min', t.float, 'DynamicRO', 'Smallest value expected.'),
    field('max', t.float, 'DynamicRO', 'Largest value expected.'),
    field('value', t.float, 'DynamicRO', 'Latest value.'),
  ],
});
