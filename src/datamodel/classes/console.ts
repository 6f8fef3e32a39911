import { defineClass, enumOf, field, t, uid } from '../build.js';

export const consoleClass = defineClass({
  name: 'console',
  doc: 'A console of a VM.',
  writeRole: 'vm-admin',
  constructorDestructor: true,
  enums: [
    enumOf('console_protocol', [
      ['vt100', 'A text console.'],
      ['rfb', 'A graphical console (VNC).'],
      ['rdp', 'A remote desktop console.'],
    ]),
  ],
  fields: [
    uid(),
    field('protocol', t.enum('console_protocol'), 'DynamicRO', 'Protocol spoken on the console.'),
    field('location', t.string, 'DynamicRO', 'URL to connect to the console.'),
    field('VM', t.ref('VM'), 'DynamicRO', 'The VM the console belongs to.'),
    field('other_config', t.smap, 'RW', 'Additional configuration.'),
  ],
});
