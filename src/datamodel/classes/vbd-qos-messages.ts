// VBD messages of disk QoS: the algorithm and its parameters, checked when set
// and applied at once to a plugged disk of a running VM.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

const self = param('self', t.ref('VBD'), 'The VBD.');
const ERRORS = ['VALUE_NOT_SUPPORTED', 'INVALID_VALUE'] as const;
const HOW =
  '"ionice" (params sched = rt|real-time|best-effort|idle, class = highest|high|normal|low|lowest|0..7) or "throttle" (params bps, bps_rd, bps_wr in bytes/s, iops, iops_rd, iops_wr in operations/s; a total excludes its read/write pair); "" for none';

export const vbdQosMessages: readonly MessageDecl[] = [
  call('set_qos_algorithm_type', {
    params: [self, param('value', t.string, 'New value to set.')],
    errors: [...ERRORS],
    role: 'vm-admin',
    doc: `Set the disk QoS algorithm: ${HOW}. A backend that cannot apply it refuses it with VALUE_NOT_SUPPORTED.`,
  }),
  call('set_qos_algorithm_params', {
    params: [self, param('value', t.smap, 'New value to set.')],
    errors: [...ERRORS],
    role: 'vm-admin',
    doc: 'Set the parameters of the disk QoS algorithm (checked against the algorithm when it is not "").',
  }),
  call('add_to_qos_algorithm_params', {
    params: [self, param('key', t.string, 'Key to add.'), param('value', t.string, 'Value to add.')],
    errors: [...ERRORS, 'MAP_DUPLICATE_KEY'],
    role: 'vm-admin',
    doc: 'Add a parameter of the disk QoS algorithm.',
  }),
  call('remove_from_qos_algorithm_params', {
    params: [self, param('key', t.string, 'Key to remove.')],
    errors: [...ERRORS],
    role: 'vm-admin',
    doc: 'Remove a parameter of the disk QoS algorithm.',
  }),
];
