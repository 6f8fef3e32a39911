import { defineClass, enumOf, field, ns, t, uid } from '../build.js';

export const vbd = defineClass({
  name: 'VBD',
  doc: 'A virtual block device: the attachment of a disk (or an empty drive) to a VM.',
  writeRole: 'vm-admin',
  constructorDestructor: true,
  enums: [
    enumOf('vbd_operations', [
      ['attach', 'Attaching to a VM.'],
      ['eject', 'Ejecting the media.'],
      ['insert', 'Inserting media.'],
      ['plug', 'Plugging.'],
      ['unplug', 'Unplugging.'],
      ['unplug_force', "Unplugging without the guest's consent."],
      ['pause', 'Pausing I/O.'],
      ['unpause', 'Resuming I/O.'],
    ]),
    enumOf('vbd_type', [
      ['CD', 'A CD or DVD drive.'],
      ['Disk', 'A hard disk.'],
      ['Floppy', 'A floppy drive.'],
    ]),
    enumOf('vbd_mode', [
      ['RO', 'Read-only.'],
      ['RW', 'Read-write.'],
    ]),
  ],
  fields: [
    uid(),
    field(
      'allowed_operations',
      t.set(t.enum('vbd_operations')),
      'DynamicRO',
      'Operations allowed in the current state (advisory).',
    ),
    field(
      'current_operations',
      t.map(t.string, t.enum('vbd_operations')),
      'DynamicRO',
      'Operations in progress on the object, by the task that runs them.',
    ),
    field('VM', t.ref('VM'), 'StaticRO', 'The VM the device belongs to.'),
    field('VDI', t.ref('VDI'), 'StaticRO', 'The disk attached (null for an empty drive).'),
    field('device', t.string, 'StaticRO', 'Device name in the guest (e.g. xvda), set when plugged.', {
      default: '',
    }),
    field('userdevice', t.string, 'RW', 'Position of the device ("0", "1", ...).'),
    field('bootable', t.bool, 'RW', 'True if the VM may boot from it.'),
    field('mode', t.enum('vbd_mode'), 'StaticRO', 'Read-only or read-write.'),
    field('type', t.enum('vbd_type'), 'RW', 'Kind of device.'),
    field('unpluggable', t.bool, 'RW', 'True if the device may be hot-unplugged.', { default: true }),
    field('storage_lock', t.bool, 'DynamicRO', 'True while the storage backend holds a lock for the device.'),
    field('empty', t.bool, 'StaticRO', 'True for an empty removable drive.'),
    field('other_config', t.smap, 'RW', 'Additional configuration.'),
    field('currently_attached', t.bool, 'StaticRO', 'True while the device is plugged.', { default: false }),
    field('status_code', t.int, 'DynamicRO', 'Error code of the last attach attempt.'),
    field('status_detail', t.string, 'DynamicRO', 'Error message of the last attach attempt.'),
    field('runtime_properties', t.smap, 'DynamicRO', 'Properties of the plugged device.'),
    ...ns('qos', [
      field('algorithm_type', t.string, 'RW', 'Quality-of-service algorithm.'),
      field('algorithm_params', t.smap, 'RW', 'Parameters of the quality-of-service algorithm.'),
      field('supported_algorithms', t.set(t.string), 'DynamicRO', 'Quality-of-service algorithms available.'),
    ]),
    field('metrics', t.ref('VBD_metrics'), 'DynamicRO', 'Metrics (removed).', { lifecycle: 'removed' }),
  ],
});
