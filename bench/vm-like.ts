// A VM-sized datamodel class (~90 fields of the kinds the real VM has) and a
// VBD pointing at it, shared by the database benchmarks.
import { defineClass, field, nameFields, ns, t, uid } from '../src/datamodel/build.js';
import type { FieldDecl } from '../src/datamodel/types.js';

// A VM-sized class: the real VM has ~100 fields of these kinds.
const extra: FieldDecl[] = [];
for (let i = 0; i < 30; i++) extra.push(field(`s${i}`, t.string, 'RW', 'string', { default: `value-${i}` }));
for (let i = 0; i < 30; i++) extra.push(field(`n${i}`, t.int, 'RW', 'int', { default: i * 1024 }));
for (let i = 0; i < 10; i++)
  extra.push(field(`m${i}`, t.smap, 'RW', 'map', { default: { a: '1', b: 'two' } }));
for (let i = 0; i < 10; i++)
  extra.push(field(`l${i}`, t.set(t.string), 'RW', 'set', { default: ['x', 'y'] }));
export const vm = defineClass({
  name: 'VM',
  doc: 'VM-like.',
  writeRole: 'vm-admin',
  fields: [
    uid(),
    nameFields(),
    field('power_state', t.enum('vm_power_state'), 'StaticRO', 'state', { default: 'Halted' }),
    field('is_a_template', t.bool, 'RW', 'template', { default: false }),
    ns('memory', [field('static_max', t.int, 'RW', 'mem', { default: 1 << 30 })]),
    field('VBDs', t.set(t.ref('VBD')), 'DynamicRO', 'disks'),
    ...extra,
  ],
});
const vbd = defineClass({
  name: 'VBD',
  doc: 'VBD-like.',
  writeRole: 'vm-admin',
  fields: [uid(), field('VM', t.ref('VM'), 'StaticRO', 'vm', { default: 'OpaqueRef:NULL' })],
});
export const classes = [vm, vbd];
export const relations = [{ one: ['VBD', 'VM'], many: ['VM', 'VBDs'], kind: 'one-to-many' } as const];
