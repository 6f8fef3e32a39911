// VM messages of vCPU QoS applied to a running VM.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

export const vmQosMessages: readonly MessageDecl[] = [
  call('add_to_VCPUs_params_live', {
    params: [
      param('self', t.ref('VM'), 'The VM.'),
      param('key', t.string, 'The key (weight, cap).'),
      param('value', t.string, 'The value.'),
    ],
    errors: ['VM_BAD_POWER_STATE', 'INVALID_VALUE', 'VALUE_NOT_SUPPORTED'],
    role: 'vm-admin',
    doc: 'Add the given key-value pair to VM.VCPUs_params, and apply that value on the running VM.',
  }),
];
