// VM messages of features this toolstack does not have (workload balancing,
// VM protection policies); they answer what a xapi without them answers.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

export const vmFeatureMessages: readonly MessageDecl[] = [
  call('retrieve_wlb_recommendations', {
    params: [param('vm', t.ref('VM'), 'The VM.')],
    result: t.map(t.ref('host'), t.set(t.string)),
    resultDoc: 'The potential hosts and their corresponding recommendations.',
    errors: ['LICENCE_RESTRICTION'],
    role: 'read-only',
    async: true,
    doc: 'Workload balancing placement advice. xapi-ts has no WLB: LICENCE_RESTRICTION (WLB).',
  }),
  call('set_protection_policy', {
    params: [param('self', t.ref('VM'), 'The VM.'), param('value', t.ref('VMPP'), 'The value.')],
    errors: ['MESSAGE_REMOVED'],
    role: 'pool-operator',
    lifecycle: 'removed',
    doc: 'VM protection policies were removed from the XenAPI: MESSAGE_REMOVED.',
  }),
];
